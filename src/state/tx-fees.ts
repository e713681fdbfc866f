/**
 * The transaction hooks the state machine charges fees through, so it depends on no particular
 * module (Lisk's `verifyTransaction` / `beforeCommandExecute` transaction hooks, narrowed to what
 * every transaction pays): gas, then nonce and fee checks against state, then the charge. Exactly
 * one module of a chain provides them (`StateModule.txFees`; the core `fees` module does, over the
 * `accounts` module's nonces and balances).
 */
import type { NetworkParams } from '../params/networks.js';
import type { PreparedTx } from '../primitives/tx.js';
import type { StateReader, StateWriter } from './state-view.js';

/** What one transaction pays, from `TxFeeHandler.check`; `apply` makes the payment. */
export interface TxCharge {
  /** Whole fee (gas x price), taken from the sender even if the command then fails. */
  readonly fee: bigint;
  /** Part of `fee` burned (base fee x gas). */
  readonly burned: bigint;
  /** Part of `fee` that goes to the block producer. */
  readonly tip: bigint;
  /** The transaction's nonce is the sender's next one (false only for an allowed future nonce). */
  readonly nonceIsNext: boolean;
  /** Charges the fee and uses up the nonce in `state` (outside the command's snapshot). */
  apply(state: StateWriter): void;
}

/** Fee and nonce hooks of a chain: a module provides them, the state machine calls them. */
export interface TxFeeHandler {
  /** Gas a transaction of `txBytes` encoded bytes whose command costs `commandGas` uses. */
  intrinsicGas(params: NetworkParams, txBytes: number, commandGas: bigint): bigint;
  /**
   * Fee and nonce checks against `state`, without writing: throws TxError (TX_FEE_BELOW_BASE_FEE,
   * TX_NONCE_REPLAY, TX_NONCE_GAP unless `allowFutureNonce`, TX_INSUFFICIENT_BALANCE).
   */
  check(state: StateReader, ptx: PreparedTx, gas: bigint, baseFee: bigint, allowFutureNonce: boolean): TxCharge;
}
