/**
 * Block selection (geth's `TransactionsByPriceAndNonce`): each sender's transactions go strictly in
 * nonce order starting at its account nonce (a sender whose account nonce is not pooled, or whose
 * next transaction cannot pay the base fee, contributes nothing from there on); across senders a
 * heap of each sender's next transaction yields the highest effective tip first, earlier arrival
 * on ties. A transaction that does not fit the remaining gas or bytes drops the rest of its
 * sender (later nonces cannot go without it). O(senders + selected * log senders).
 */
import { Heap } from './heap.js';
import { effectiveTip, outranks, type PoolEntry } from './entry.js';
import type { SenderTxs } from './sender-txs.js';

/** Limits of one selection. */
export interface SelectLimits {
  /** Gas available for transactions. */
  readonly maxGas: bigint;
  /** Most transactions (default unlimited). */
  readonly maxTxs?: number;
  /** Most encoded transaction bytes (default unlimited). */
  readonly maxBytes?: number;
}

interface Head {
  readonly entry: PoolEntry;
  readonly tip: bigint;
  readonly sender: SenderTxs;
  /** Position of `entry` in its sender's nonce order. */
  readonly pos: number;
}

const better = (a: Head, b: Head): boolean => outranks(a.entry, a.tip, b.entry, b.tip);

/** The sender's transaction at `pos` if it has nonce `nonce` and can pay `baseFee`, as a heap item. */
function headAt(s: SenderTxs, pos: number, nonce: bigint, baseFee: bigint): Head | undefined {
  const e = s.at(pos);
  if (!e || e.nonce !== nonce || e.maxFeePerGas < baseFee) return undefined;
  return { entry: e, tip: effectiveTip(e, baseFee), sender: s, pos };
}

/**
 * The best ordered transactions for a block at `baseFee` within `limits`; `minTxGas` (the gas of
 * the cheapest possible transaction) lets selection stop once no transaction can fit.
 */
export function selectEntries(senders: Iterable<SenderTxs>, baseFee: bigint, limits: SelectLimits, minTxGas: bigint): PoolEntry[] {
  const maxTxs = limits.maxTxs ?? Infinity;
  const maxBytes = limits.maxBytes ?? Infinity;
  const out: PoolEntry[] = [];
  if (maxTxs <= 0 || limits.maxGas < minTxGas) return out;
  const heads: Head[] = [];
  for (const s of senders) {
    const h = headAt(s, s.lowerBound(s.stateNonce), s.stateNonce, baseFee);
    if (h) heads.push(h);
  }
  const heap = new Heap<Head>(better, heads);
  let gas = 0n;
  let bytes = 0;
  for (let h = heap.pop(); h; h = heap.pop()) {
    const e = h.entry;
    if (gas + e.gas > limits.maxGas || bytes + e.size > maxBytes) continue; // drops the sender's later nonces too
    out.push(e);
    gas += e.gas;
    bytes += e.size;
    if (out.length >= maxTxs || limits.maxGas - gas < minTxGas) break;
    const next = headAt(h.sender, h.pos + 1, e.nonce + 1n, baseFee);
    if (next) heap.push(next);
  }
  return out;
}
