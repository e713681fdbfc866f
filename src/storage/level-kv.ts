/**
 * `KvStore` on LevelDB through classic-level: one data directory, raw byte keys and values,
 * atomic writes through a single `db.batch` (LevelDB WriteBatch: all or nothing).
 */
import { mkdir } from 'node:fs/promises';
import { ClassicLevel } from 'classic-level';
import { StorageError } from '../errors.js';
import { prefixUpperBound, type KvBatch, type KvIterateOptions, type KvStore, type KvWriteOptions } from './kv.js';

type Db = ClassicLevel<Uint8Array, Uint8Array>;

/** Entries fetched from LevelDB per native call while iterating (amortises the N-API crossing). */
const ITERATE_CHUNK = 256;

/** The value yielded by a key-only iteration. */
const NO_VALUE = new Uint8Array(0);

/** Byte-order comparison (LevelDB's default comparator). */
function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** Plain Uint8Array view of a Buffer returned by LevelDB (same bytes, no copy), so both backends return one type. */
function view(b: Uint8Array): Uint8Array {
  return b.constructor === Uint8Array ? b : new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

function levelCode(e: unknown): string | undefined {
  const err = e as { code?: unknown; cause?: { code?: unknown } } | null;
  const inner = err?.cause?.code;
  if (typeof inner === 'string') return inner;
  return typeof err?.code === 'string' ? err.code : undefined;
}

/** Translates classic-level failures into typed `StorageError`s; anything unrecognised is rethrown as is. */
function translate(e: unknown, dir: string): unknown {
  if (e instanceof StorageError) return e;
  const code = levelCode(e);
  const message = e instanceof Error ? e.message : String(e);
  switch (code) {
    case 'LEVEL_LOCKED':
      return new StorageError('STORAGE_CLOSED', `data directory is in use by another process: ${dir}`, { dir, reason: 'locked', cause: message });
    case 'LEVEL_DATABASE_NOT_OPEN':
    case 'LEVEL_ITERATOR_NOT_OPEN':
      return new StorageError('STORAGE_CLOSED', `database is not open: ${dir}`, { dir });
    case 'LEVEL_CORRUPTION':
      return new StorageError('STORAGE_CORRUPT', `database is corrupt: ${message}`, { dir, cause: message });
    default:
      return e;
  }
}

/** LevelDB block cache (uncompressed blocks) unless set: 32 MiB (LevelDB's default is 8 MiB). */
export const DEFAULT_BLOCK_CACHE_BYTES = 32 * 1024 * 1024;

/**
 * LevelDB write buffer (memtable) unless set: 64 MiB (LevelDB's default is 4 MiB). A block of 1,000
 * transfers to random accounts of a large state rewrites about a thousand records and leaf pages;
 * with 4 MiB the memtable was flushed every few blocks and compaction took the difference:
 * `npm run bench -- state` at 1,000,000 accounts imported 6,500-7,200 tx/s with 4 MiB, 7,100-7,400
 * with 16, 7,500-8,000 with 32 and 8,100 with 64 (small state unchanged, RSS +50 MB). The memtable
 * grows only as it is written, so a small store (the pool ledger) does not pay for it.
 */
export const DEFAULT_WRITE_BUFFER_BYTES = 64 * 1024 * 1024;
/** Concurrent native reads one `getMany` may use (libuv's pool has 4 threads by default). */
const GET_MANY_THREADS = Number(process.env.COINWORKS_GETMANY_THREADS ?? 2);
/** Fewest keys worth a thread of their own. */
const GET_MANY_MIN_SPLIT = 128;

/** Options of `LevelKv.open`. */
export interface LevelKvOptions {
  /** LevelDB block cache in bytes (default `DEFAULT_BLOCK_CACHE_BYTES`). */
  readonly blockCacheBytes?: number;
  /** LevelDB write buffer in bytes (default `DEFAULT_WRITE_BUFFER_BYTES`). */
  readonly writeBufferBytes?: number;
}

/** LevelDB-backed `KvStore`; create with `LevelKv.open(dir)`. */
export class LevelKv implements KvStore {
  readonly #db: Db;
  /** The data directory this store owns. */
  readonly dir: string;

  private constructor(db: Db, dir: string) {
    this.#db = db;
    this.dir = dir;
  }

  /**
   * Opens (creating if needed) the LevelDB store in `dir`. Throws `StorageError` `STORAGE_CLOSED`
   * ("data directory is in use by another process") when another process or handle holds its LOCK.
   */
  static async open(dir: string, o: LevelKvOptions = {}): Promise<LevelKv> {
    await mkdir(dir, { recursive: true });
    const db: Db = new ClassicLevel<Uint8Array, Uint8Array>(dir, {
      keyEncoding: 'view',
      valueEncoding: 'view',
      cacheSize: o.blockCacheBytes ?? DEFAULT_BLOCK_CACHE_BYTES,
      writeBufferSize: o.writeBufferBytes ?? DEFAULT_WRITE_BUFFER_BYTES,
    });
    try {
      await db.open({ createIfMissing: true });
    } catch (e) {
      throw translate(e, dir);
    }
    return new LevelKv(db, dir);
  }

  /** The value under `key`, or undefined. */
  async get(key: Uint8Array): Promise<Uint8Array | undefined> {
    try {
      const v = await this.#db.get(key);
      return v === undefined ? undefined : view(v);
    } catch (e) {
      throw translate(e, this.dir);
    }
  }

  /** Values for `keys` in order, undefined where absent. */
  async getMany(keys: readonly Uint8Array[]): Promise<Array<Uint8Array | undefined>> {
    if (keys.length === 0) return [];
    try {
      // One native getMany reads its keys one after another on one libuv thread; a large batch is
      // split so several threads read at once (random reads of a block's records and pages).
      const parts = Math.min(GET_MANY_THREADS, Math.ceil(keys.length / GET_MANY_MIN_SPLIT));
      if (parts <= 1) return (await this.#db.getMany([...keys])).map((v) => (v === undefined ? undefined : view(v)));
      const size = Math.ceil(keys.length / parts);
      const chunks = await Promise.all(Array.from({ length: parts }, (_, i) => this.#db.getMany(keys.slice(i * size, (i + 1) * size))));
      const out: Array<Uint8Array | undefined> = [];
      for (const c of chunks) for (const v of c) out.push(v === undefined ? undefined : view(v));
      return out;
    } catch (e) {
      throw translate(e, this.dir);
    }
  }

  /** Applies `batch` atomically in one LevelDB WriteBatch; `sync: true` fsyncs before resolving. */
  async write(batch: KvBatch, opts: KvWriteOptions = {}): Promise<void> {
    try {
      // A chained batch is ~10x faster than the array form for thousands of ops (measured here:
      // 5 ms against 52 ms for 3,000 puts); it is still one atomic LevelDB WriteBatch.
      const chained = this.#db.batch();
      for (const op of batch.ops()) {
        if (op.type === 'put') chained.put(op.key, op.value);
        else chained.del(op.key);
      }
      await chained.write({ sync: opts.sync === true });
    } catch (e) {
      throw translate(e, this.dir);
    }
  }

  /** Entries under `prefix` in byte order (or reverse), at most `limit`, read from an implicit snapshot. */
  async *iterate(prefix: Uint8Array, opts: KvIterateOptions = {}): AsyncIterable<[Uint8Array, Uint8Array]> {
    const upper = prefixUpperBound(prefix);
    const limit = opts.limit === undefined || opts.limit < 0 ? -1 : opts.limit;
    if (limit === 0) return;
    let it;
    try {
      const range: { gte?: Uint8Array; gt?: Uint8Array; lt?: Uint8Array } = { gte: prefix, ...(upper ? { lt: upper } : {}) };
      // A cursor narrows one end of the range (after it ascending, before it descending) when it
      // lies inside the prefix range; one outside it leaves that end as it is.
      const a = opts.after;
      if (a && opts.reverse === true) {
        if (!upper || compareBytes(a, upper) < 0) range.lt = a;
      } else if (a && compareBytes(a, prefix) >= 0) {
        delete range.gte;
        range.gt = a;
      }
      it = this.#db.iterator({ ...range, reverse: opts.reverse === true, limit, values: opts.values !== false });
    } catch (e) {
      throw translate(e, this.dir);
    }
    try {
      while (true) {
        let entries: Array<[Uint8Array, Uint8Array]>;
        try {
          entries = await it.nextv(ITERATE_CHUNK);
        } catch (e) {
          throw translate(e, this.dir);
        }
        if (entries.length === 0) return;
        for (const [k, v] of entries) yield [view(k), v === undefined ? NO_VALUE : view(v)];
      }
    } finally {
      await it.close().catch(() => undefined);
    }
  }

  /** Closes the database and releases the directory lock. Idempotent. */
  async close(): Promise<void> {
    if (this.#db.status === 'closed') return;
    await this.#db.close();
  }
}
