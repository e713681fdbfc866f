/**
 * In-memory `KvStore` for tests, with the same semantics as `LevelKv`: atomic batches, byte-order
 * iteration over a snapshot taken when iteration starts, `STORAGE_CLOSED` after close. Keys are held
 * as lowercase hex, whose string order equals the byte order of the keys.
 */
import { bytesToHex } from '../encoding/hex.js';
import { StorageError } from '../errors.js';
import type { KvBatch, KvIterateOptions, KvStore, KvWriteOptions } from './kv.js';

interface Entry {
  key: Uint8Array;
  value: Uint8Array;
}

/** First position in sorted `arr` whose element is >= `x`. */
function lowerBound(arr: readonly string[], x: string): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `KvStore` held in a Map; values are copied in and out so callers never alias stored bytes. */
export class MemoryKv implements KvStore {
  readonly #data = new Map<string, Entry>();
  #sorted: string[] | null = [];
  #closed = false;

  #check(): void {
    if (this.#closed) throw new StorageError('STORAGE_CLOSED', 'memory store is closed');
  }

  #sortedKeys(): string[] {
    if (this.#sorted === null) this.#sorted = [...this.#data.keys()].sort();
    return this.#sorted;
  }

  /** The value under `key` (a copy), or undefined. */
  async get(key: Uint8Array): Promise<Uint8Array | undefined> {
    this.#check();
    return this.#data.get(bytesToHex(key))?.value.slice();
  }

  /** Values for `keys` in order (copies), undefined where absent. */
  async getMany(keys: readonly Uint8Array[]): Promise<Array<Uint8Array | undefined>> {
    this.#check();
    return keys.map((k) => this.#data.get(bytesToHex(k))?.value.slice());
  }

  /** Applies every operation of `batch` in one synchronous step (so all or nothing); `sync` is a no-op. */
  async write(batch: KvBatch, _opts?: KvWriteOptions): Promise<void> {
    this.#check();
    // Copy first, then mutate without any await, so no reader can observe half a batch.
    const ops = batch.ops().map((op) => (op.type === 'put' ? { h: bytesToHex(op.key), e: { key: op.key.slice(), value: op.value.slice() } } : { h: bytesToHex(op.key), e: undefined }));
    for (const { h, e } of ops) {
      if (e) {
        if (!this.#data.has(h)) this.#sorted = null;
        this.#data.set(h, e);
      } else if (this.#data.delete(h)) {
        this.#sorted = null;
      }
    }
  }

  /** Entries under `prefix` in byte order (or reverse), at most `limit`, from a snapshot taken at the first step. */
  async *iterate(prefix: Uint8Array, opts: KvIterateOptions = {}): AsyncIterable<[Uint8Array, Uint8Array]> {
    this.#check();
    const limit = opts.limit === undefined || opts.limit < 0 ? Infinity : opts.limit;
    const p = bytesToHex(prefix);
    const keys = this.#sortedKeys();
    const snapshot: Entry[] = [];
    const after = opts.after ? bytesToHex(opts.after) : undefined;
    // Ascending with a cursor inside the prefix: start at the cursor (binary search), not the prefix.
    const from = after !== undefined && opts.reverse !== true && after > p ? lowerBound(keys, after) : lowerBound(keys, p);
    for (let i = from; i < keys.length && keys[i].startsWith(p); i++) {
      // Hex order equals byte order, so the cursor compares as a string.
      if (after !== undefined && (opts.reverse === true ? keys[i] >= after : keys[i] <= after)) continue;
      snapshot.push(this.#data.get(keys[i])!);
    }
    if (opts.reverse === true) snapshot.reverse();
    const n = Math.min(limit, snapshot.length);
    for (let i = 0; i < n; i++) {
      this.#check();
      yield [snapshot[i].key.slice(), opts.values === false ? new Uint8Array(0) : snapshot[i].value.slice()];
    }
  }

  /** Marks the store closed; data is kept in memory but unreachable. Idempotent. */
  async close(): Promise<void> {
    this.#closed = true;
  }
}
