/** Public types of the mempool: removal reasons, events, and the listing row. */
import type { PreparedTx } from '../primitives/tx.js';

/** Why a transaction left the pool. */
export type RemovalReason =
  | 'mined' // included in a connected block
  | 'replaced' // replaced by a higher-fee transaction with the same sender and nonce
  | 'evicted' // pushed out of a full pool by a higher-tip transaction
  | 'stale' // its nonce was used by another transaction in a connected block
  | 'unpayable' // the sender can no longer pay its fees (in nonce order)
  | 'expired' // waited longer than `ttlSeconds` (later nonces of the sender go with it)
  | 'removed' // removed by `remove` (e.g. the assembler rejected it)
  | 'cleared'; // removed by `clear`

/** Events a Mempool emits (for RPC subscriptions and the miner). */
export interface MempoolEvents {
  /** A transaction entered the pool; `replaced` is the one it replaced, if any. */
  added: [ptx: PreparedTx, replaced: PreparedTx | undefined];
  /** A transaction left the pool. */
  removed: [ptx: PreparedTx, reason: RemovalReason];
  /** An unexpected failure while following the chain (never thrown into the chain's import). */
  error: [err: unknown];
}

/** One pooled transaction as `list` reports it. */
export interface MempoolTxInfo {
  /** Transaction id in display order (reversed hex, as block explorers show it). */
  readonly id: string;
  /** Transaction id in internal order (`PreparedTx.key`, what `has`/`get`/`remove` take). */
  readonly key: string;
  /** Sender address text (bech32m). */
  readonly sender: string;
  readonly nonce: bigint;
  /** Effective tip per gas at the next block's base fee (negative: cannot pay the base fee now). */
  readonly tipPerGas: bigint;
  readonly gas: bigint;
  readonly bytes: number;
  /** Arrival time in seconds. */
  readonly addedAt: number;
}
