/**
 * Transfer hooks: modules that restrict who may send or receive an asset (compliance freezes,
 * blacklists) register a check here; the bank runs every check before moving coins.
 */
import type { StateReader } from '../../state-view.js';

/** Throws a TxError when the transfer must not happen. */
export type TransferCheck = (state: StateReader, from: Uint8Array, to: Uint8Array, assetId: number, amount: bigint) => void;

/** Registered checks, in registration order. */
export class TransferChecks {
  private readonly checks: TransferCheck[] = [];
  /** Adds a check. */
  add(check: TransferCheck): void {
    this.checks.push(check);
  }
  /** Runs every check. */
  run(state: StateReader, from: Uint8Array, to: Uint8Array, assetId: number, amount: bigint): void {
    for (const c of this.checks) c(state, from, to, assetId, amount);
  }
}
