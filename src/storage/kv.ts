/**
 * The key-value store contract every storage backend (LevelDB on disk, memory in tests) implements,
 * and `KvBatch`, the unit of atomic writes. Keys and values are raw bytes; ordering is plain
 * lexicographic byte order, as in LevelDB's default comparator.
 */

/** One operation of a batch: store `value` under `key`, or delete `key`. */
export type KvOp =
  | { readonly type: 'put'; readonly key: Uint8Array; readonly value: Uint8Array }
  | { readonly type: 'del'; readonly key: Uint8Array };

/** Options of `KvStore.write`. */
export interface KvWriteOptions {
  /** When true the write is flushed to stable storage (fsync) before the promise resolves. */
  sync?: boolean;
}

/** Options of `KvStore.iterate`. */
export interface KvIterateOptions {
  /** Walk keys in descending byte order instead of ascending. */
  reverse?: boolean;
  /** Yield at most this many entries (absent or negative: no limit). */
  limit?: number;
  /** Start strictly after this key (strictly before it with `reverse`): a cursor. */
  after?: Uint8Array;
  /** False: yield empty values (the store need not read them; counting keys). Default true. */
  values?: boolean;
}

/**
 * A set of puts and deletes applied atomically by `KvStore.write`. Last write per key wins, so a
 * batch never holds two operations for the same key. Bytes are kept by reference, not copied:
 * callers must not mutate a key or value after adding it.
 */
/** A Map key for bytes: one char per byte (cheaper than hex). */
function mapKey(key: Uint8Array): string {
  return String.fromCharCode.apply(null, key as unknown as number[]);
}

export class KvBatch {
  readonly #ops = new Map<string, KvOp>();

  /** Records `key = value`, replacing any earlier put or delete of the same key in this batch. */
  put(key: Uint8Array, value: Uint8Array): this {
    this.#ops.set(mapKey(key), { type: 'put', key, value });
    return this;
  }

  /** Records the deletion of `key`, replacing any earlier put of the same key in this batch. */
  del(key: Uint8Array): this {
    this.#ops.set(mapKey(key), { type: 'del', key });
    return this;
  }

  /** Number of distinct keys touched. */
  get size(): number {
    return this.#ops.size;
  }

  /** The operations, one per key, in the order each key was first touched. */
  ops(): KvOp[] {
    return [...this.#ops.values()];
  }

  /** Removes every operation so the batch can be reused. */
  clear(): void {
    this.#ops.clear();
  }
}

/** A byte-ordered key-value store with atomic batched writes. */
export interface KvStore {
  /** The value stored under `key`, or undefined when absent. */
  get(key: Uint8Array): Promise<Uint8Array | undefined>;
  /** Values for several keys in one call, in the order of `keys` (undefined where absent). */
  getMany(keys: readonly Uint8Array[]): Promise<Array<Uint8Array | undefined>>;
  /** Applies every operation of `batch` or none of them; durable on resolve when `opts.sync` is true. */
  write(batch: KvBatch, opts?: KvWriteOptions): Promise<void>;
  /** Entries whose key starts with `prefix`, in byte order (descending with `reverse`), at most `limit`. */
  iterate(prefix: Uint8Array, opts?: KvIterateOptions): AsyncIterable<[Uint8Array, Uint8Array]>;
  /** Releases the store; later calls fail with `StorageError` code `STORAGE_CLOSED`. */
  close(): Promise<void>;
}

/**
 * The smallest key greater than every key starting with `prefix` (exclusive upper bound of a prefix
 * scan), or undefined when there is none (empty prefix or all 0xff bytes).
 */
export function prefixUpperBound(prefix: Uint8Array): Uint8Array | undefined {
  for (let i = prefix.length - 1; i >= 0; i--) {
    if (prefix[i] !== 0xff) {
      const out = prefix.slice(0, i + 1);
      out[i]++;
      return out;
    }
  }
  return undefined;
}
