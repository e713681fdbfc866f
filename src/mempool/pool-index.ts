/**
 * The pool's indexes: by id (in arrival order, which expiry walks), by sender in nonce order, the
 * running byte total, and the eviction queue of sender tails kept in step with them.
 */
import type { PoolEntry } from './entry.js';
import { EvictionQueue } from './eviction.js';
import { SenderTxs } from './sender-txs.js';

/** Indexes of the pooled transactions. */
export class PoolIndex {
  /** Entries by tx key, in arrival order. */
  readonly byKey = new Map<string, PoolEntry>();
  /** Senders by address hex. */
  readonly senders = new Map<string, SenderTxs>();
  /** Eviction candidates (sender tails). */
  readonly eviction = new EvictionQueue(this.senders, (e) => this.byKey.get(e.ptx.key) === e);
  private totalBytes = 0;

  /** Number of transactions. */
  get size(): number {
    return this.byKey.size;
  }

  /** Sum of encoded sizes. */
  get bytes(): number {
    return this.totalBytes;
  }

  /** Adds an entry; `address` and `stateNonce` create its sender's queue when it has none. */
  insert(e: PoolEntry, address: Uint8Array, stateNonce: bigint): void {
    let s = this.senders.get(e.sender);
    if (!s) {
      s = new SenderTxs(address, stateNonce);
      this.senders.set(e.sender, s);
    }
    s.insert(e);
    this.byKey.set(e.ptx.key, e);
    this.totalBytes += e.size;
    if (s.last === e) this.eviction.noteTail(e);
  }

  /** Removes an entry; false when it was not pooled. */
  delete(e: PoolEntry): boolean {
    if (this.byKey.get(e.ptx.key) !== e) return false;
    const s = this.senders.get(e.sender)!;
    const wasTail = s.last === e;
    s.delete(e);
    this.byKey.delete(e.ptx.key);
    this.totalBytes -= e.size;
    if (s.size === 0) this.senders.delete(e.sender);
    else if (wasTail) this.eviction.noteTail(s.last!);
    return true;
  }

  /** Removes everything. */
  clear(): void {
    this.byKey.clear();
    this.senders.clear();
    this.totalBytes = 0;
    this.eviction.reset();
  }
}
