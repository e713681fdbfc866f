/**
 * One sender's pooled transactions, kept sorted by nonce (at most `maxPerSender`, so a sorted
 * array is enough), with the sender's account nonce as last read from the head state.
 */
import type { PoolEntry } from './entry.js';
import { feeAt } from './entry.js';

/** A sender's transactions in nonce order. */
export class SenderTxs {
  private readonly list: PoolEntry[] = [];
  /** Sum of fees at `feeBase`, kept in step with inserts and deletes (recomputed when the base fee moves). */
  private feeBase = -1n;
  private feeTotal = 0n;

  constructor(
    /** The 20-byte sender address. */
    readonly address: Uint8Array,
    /** The account nonce at the head; refreshed whenever a block touching this sender connects or disconnects. */
    public stateNonce: bigint,
  ) {}

  /** Number of transactions. */
  get size(): number {
    return this.list.length;
  }

  /** The transaction at position `i` in nonce order. */
  at(i: number): PoolEntry | undefined {
    return this.list[i];
  }

  /** The highest-nonce transaction. */
  get last(): PoolEntry | undefined {
    return this.list[this.list.length - 1];
  }

  /** Position of the first transaction whose nonce is at least `nonce` (binary search). */
  lowerBound(nonce: bigint): number {
    let lo = 0;
    let hi = this.list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.list[mid].nonce < nonce) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The transaction with exactly this nonce. */
  get(nonce: bigint): PoolEntry | undefined {
    const e = this.list[this.lowerBound(nonce)];
    return e && e.nonce === nonce ? e : undefined;
  }

  /** Inserts a transaction (its nonce must not be present). */
  insert(e: PoolEntry): void {
    const i = this.lowerBound(e.nonce);
    if (this.list[i]?.nonce === e.nonce) throw new Error(`nonce ${e.nonce} already pooled for this sender`);
    this.list.splice(i, 0, e);
    if (this.feeBase >= 0n) this.feeTotal += feeAt(e, this.feeBase);
  }

  /** Removes a transaction; false when it is not here. */
  delete(e: PoolEntry): boolean {
    const i = this.lowerBound(e.nonce);
    if (this.list[i] !== e) return false;
    this.list.splice(i, 1);
    if (this.feeBase >= 0n) this.feeTotal -= feeAt(e, this.feeBase);
    return true;
  }

  /** Transactions in nonce order (a copy, safe to mutate the sender while iterating). */
  entries(): PoolEntry[] {
    return this.list.slice();
  }

  /** Next nonce after the run of consecutive pooled nonces starting at `from` (the account nonce). */
  pendingNonce(from: bigint = this.stateNonce): bigint {
    let n = from;
    for (let i = this.lowerBound(n); i < this.list.length && this.list[i].nonce === n; i++) n++;
    return n;
  }

  /** Sum of the fees of every transaction at `baseFee`, leaving out `except` (one of this sender's). */
  totalFees(baseFee: bigint, except?: PoolEntry): bigint {
    if (this.feeBase !== baseFee) {
      let total = 0n;
      for (const e of this.list) total += feeAt(e, baseFee);
      this.feeBase = baseFee;
      this.feeTotal = total;
    }
    return except ? this.feeTotal - feeAt(except, baseFee) : this.feeTotal;
  }
}
