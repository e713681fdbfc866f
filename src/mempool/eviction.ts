/**
 * Chooses what to evict when the pool is full. Only the last nonce of a sender may be evicted, so
 * eviction never leaves a nonce gap behind it; among those, the lowest effective tip goes first
 * (latest arrival first on ties). A lazy min-heap of sender tails, keyed at one base fee: stale
 * items (no longer pooled or no longer a tail) are skipped when popped, and the heap is rebuilt
 * when the base fee changes (priorities are re-evaluated lazily) or garbage piles up.
 */
import { Heap } from './heap.js';
import { effectiveTip, type PoolEntry } from './entry.js';
import type { SenderTxs } from './sender-txs.js';

interface TailItem {
  readonly entry: PoolEntry;
  readonly tip: bigint;
}

/** Worst first: lower tip, then later arrival. */
const worse = (a: TailItem, b: TailItem): boolean => a.tip < b.tip || (a.tip === b.tip && a.entry.seq > b.entry.seq);

/** What a new transaction needs freed, and what it pays. */
export interface EvictionRequest {
  /** Transactions to free. */
  readonly count: number;
  /** Bytes to free. */
  readonly bytes: number;
  /** The newcomer's effective tip: every victim must pay strictly less. */
  readonly tip: bigint;
  /** Sender hex of the newcomer: its own transactions are never evicted for it. */
  readonly exclude: string;
  /** Base fee of the next block. */
  readonly baseFee: bigint;
}

/** Heap of sender tails for eviction. */
export class EvictionQueue {
  private heap = new Heap<TailItem>(worse);
  /** Base fee the heap's tips were computed at; undefined until first needed. */
  private baseFee: bigint | undefined;

  constructor(
    private readonly senders: ReadonlyMap<string, SenderTxs>,
    private readonly isPooled: (e: PoolEntry) => boolean,
  ) {}

  /** Records that `e` became the last nonce of its sender. */
  noteTail(e: PoolEntry): void {
    if (this.baseFee === undefined) return;
    if (this.heap.size > 2 * this.senders.size + 1024) this.baseFee = undefined;
    else this.heap.push({ entry: e, tip: effectiveTip(e, this.baseFee) });
  }

  /** Forgets every item (the next `pick` rebuilds). */
  reset(): void {
    this.heap = new Heap<TailItem>(worse);
    this.baseFee = undefined;
  }

  private rebuild(baseFee: bigint): void {
    const items: TailItem[] = [];
    for (const s of this.senders.values()) {
      const e = s.last;
      if (e) items.push({ entry: e, tip: effectiveTip(e, baseFee) });
    }
    this.heap = new Heap<TailItem>(worse, items);
    this.baseFee = baseFee;
  }

  /**
   * Victims that free at least `count` transactions and `bytes` bytes, all paying a lower tip than
   * the newcomer, or undefined when there are none (the pool is then left unchanged). The caller
   * removes the victims.
   */
  pick(r: EvictionRequest): PoolEntry[] | undefined {
    if (this.baseFee !== r.baseFee || this.heap.size > 2 * this.senders.size + 1024) this.rebuild(r.baseFee);
    const victims: TailItem[] = [];
    const setAside: TailItem[] = [];
    // Victims taken so far per sender: that sender's tail is then `size - 1 - taken`.
    const taken = new Map<string, number>();
    let count = 0;
    let bytes = 0;
    let ok = true;
    while (count < r.count || bytes < r.bytes) {
      const item = this.heap.pop();
      if (!item) {
        ok = false;
        break;
      }
      const { entry } = item;
      const s = this.senders.get(entry.sender);
      const k = taken.get(entry.sender) ?? 0;
      if (!s || !this.isPooled(entry) || s.at(s.size - 1 - k) !== entry) continue; // stale
      if (entry.sender === r.exclude) {
        setAside.push(item);
        continue;
      }
      if (!(item.tip < r.tip)) {
        setAside.push(item);
        ok = false;
        break;
      }
      victims.push(item);
      taken.set(entry.sender, k + 1);
      count++;
      bytes += entry.size;
      // The sender's previous nonce becomes its tail once this victim goes.
      const prev = s.at(s.size - 2 - k);
      if (prev) this.heap.push({ entry: prev, tip: effectiveTip(prev, r.baseFee) });
    }
    for (const item of setAside) this.heap.push(item);
    if (!ok) {
      for (const item of victims) this.heap.push(item);
      return undefined;
    }
    return victims.map((v) => v.entry);
  }
}
