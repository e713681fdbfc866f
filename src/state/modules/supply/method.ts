/** What other modules may call on the supply ledger. */
import type { StateReader, StateWriter } from '../../state-view.js';
import { supplyStore, SUPPLY_CAUSES, type SupplyCause } from './stores.js';

/** The causes the supply ledger records an amount under (genesis, mining, fee-burn, …). */
export { SUPPLY_CAUSES, type SupplyCause } from './stores.js';

const causeBytes = new Map<string, Uint8Array>(Object.keys(SUPPLY_CAUSES).map((c) => [c, new TextEncoder().encode(c)]));

function suffix(assetId: number, cause: SupplyCause): Uint8Array {
  const c = causeBytes.get(cause)!;
  const out = new Uint8Array(4 + c.length);
  new DataView(out.buffer).setUint32(0, assetId, false);
  out.set(c, 4);
  return out;
}

/** Adds `amount` to the ledger of `cause` for an asset. */
export function recordSupply(state: StateWriter, assetId: number, cause: SupplyCause, amount: bigint): void {
  if (amount === 0n) return;
  const prev = supplyStore.get(state, suffix(assetId, cause)) ?? 0n;
  supplyStore.set(state, suffix(assetId, cause), prev + amount);
}

/** An asset's supply broken down by cause, and the total. */
export interface SupplyReport {
  readonly byCause: Record<SupplyCause, bigint>;
  readonly total: bigint;
}

/** Reads an asset's supply ledger. */
export function supplyOf(state: StateReader, assetId: number): SupplyReport {
  const byCause = {} as Record<SupplyCause, bigint>;
  let total = 0n;
  for (const cause of Object.keys(SUPPLY_CAUSES) as SupplyCause[]) {
    const v = supplyStore.get(state, suffix(assetId, cause)) ?? 0n;
    byCause[cause] = v;
    total += BigInt(SUPPLY_CAUSES[cause]) * v;
  }
  return { byCause, total };
}
