/**
 * The committed state at the chain head, kept on disk and read through bounded caches.
 *
 * - Records (`key -> leaf index + value`) live in the store; an LRU cache (bytes-bounded, a node
 *   setting) holds recently used ones, absent keys included (negative entries).
 * - The state tree (rules in `proof.ts`) is a `PagedTree`: leaf pages on disk behind a second LRU,
 *   levels 4-32 in memory (about 4 bytes per leaf slot), rebuilt at start-up from the persisted
 *   page roots (`open`): no record is read and nothing is rehashed but ~2 hashes per page.
 * - Leaf indexes: a deleted key frees its index (no tombstones). A block's new keys, in byte order
 *   of the key, take the smallest free indexes first, then fresh ones, so every node assigns the
 *   same indexes. Indexes freed by a block are reusable from the next block on.
 *
 * Reading is synchronous for the state machine: a `StateSession` answers from what is cached or
 * already loaded for it and records every key it could not answer (`missed`); its owner then loads
 * those keys (`loadMissed`, one `getMany`) and runs its work again (`readState` does it for pure
 * readers, `StateMachine.executeBlockLoading` per transaction).
 *
 * Consistency: a commit writes its batch first and only then updates memory (`commit`). Loads
 * never run while a commit is being written and are retried if one started meanwhile, so the
 * caches never hold a value older than the memory state; a session whose version is no longer the
 * head's gets `STATE_STALE` on its next load.
 */
import { LRUCache } from 'lru-cache';
import { StateError } from '../errors.js';
import { stringToKey } from './keys.js';
import { sha256 } from '../crypto/hash.js';
import { EMPTY_STATE_LEAF, stateLeafPreimage } from './proof.js';
import { PAGE_BYTES, PAGE_LEAVES, PagedTree, ZERO_PAGE, pageSiblings } from './paged-tree.js';
import type { PreparedCommit, StateBackend, StateRecord, UndoEntry, UndoRecord } from './state-backend.js';
import type { StateReader } from './state-view.js';

/** Default memory for cached records and pages together: 128 MiB (the node's default, `node/config.ts`). */
export const DEFAULT_STATE_CACHE_BYTES = 128 * 1024 * 1024;
/** Share of the cache given to records (the rest holds leaf pages). */
const RECORD_SHARE = 0.75;
/**
 * Bytes a cached record costs beyond its key and value: LRU slots, the Map entry, the key string,
 * the record object and the Uint8Array view. Measured with `scripts/state-cache-bytes.ts` on the
 * 1,000,000-account benchmark state (300,000 account records, 37-character keys): heap + external
 * memory grew 367 bytes and RSS 466 bytes per record, where 200 was counted before (a full default
 * cache then held 1.2 GB RSS). Counted so that key + value + this is about the RSS a record costs.
 */
export const RECORD_OVERHEAD_BYTES = 400;
/** Bytes a cached page costs beyond its 512 bytes of leaves (its own buffer and the LRU entry). */
export const PAGE_OVERHEAD_BYTES = 200;

/** Most records one `iterate` call returns. */
export const MAX_ITERATE = 10_000;

/** Cached "no such record". */
const ABSENT: unique symbol = Symbol('absent');
type Cached = StateRecord | typeof ABSENT;

/** Options of a disk-backed world state. */
export interface WorldStateOptions {
  /** Memory for cached records and pages, in bytes (default `DEFAULT_STATE_CACHE_BYTES`). */
  readonly cacheBytes?: number;
}

/** Counters for benchmarks and tuning. */
export interface WorldStateStats {
  recordHits: number;
  recordMisses: number;
  recordLoads: number;
  pageHits: number;
  pageLoads: number;
}

/** A record proof: the record, its leaf index and the 32 siblings, against `root`. */
export interface StateRecordProof {
  readonly index: number;
  readonly value: Uint8Array;
  readonly siblings: Uint8Array[];
  readonly root: Uint8Array;
}

/** One page of an ordered scan. */
export interface StatePage {
  /** Entries in byte order of the key. */
  readonly entries: Array<[string, Uint8Array]>;
  /** Cursor for the next page (`after`), absent when this was the last. */
  readonly next?: string;
}

/** Options of `iterate`. */
export interface IterateOptions {
  /** Start strictly after this full state key. */
  readonly after?: string;
  /** Most entries (default 100). */
  readonly limit?: number;
  /** Uncommitted changes to merge over the committed records (null: deleted). */
  readonly pending?: ReadonlyMap<string, Uint8Array | null>;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Sorted `a` without the members of sorted `b`. */
function sortedMinus(a: Uint32Array, b: readonly number[]): Uint32Array {
  if (b.length === 0) return a;
  const out = new Uint32Array(a.length);
  let n = 0;
  let j = 0;
  for (let i = 0; i < a.length; i++) {
    while (j < b.length && b[j] < a[i]) j++;
    if (j < b.length && b[j] === a[i]) continue;
    out[n++] = a[i];
  }
  return out.slice(0, n);
}

/** Merge of sorted `a` and sorted `b` (disjoint). */
function sortedUnion(a: Uint32Array, b: readonly number[]): Uint32Array {
  if (b.length === 0) return a;
  const out = new Uint32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i] < b[j])) out[n++] = a[i++];
    else out[n++] = b[j++];
  }
  return out;
}

/** Leaf hash of a record (`proof.ts` rules), with the node's native SHA-256. */
function leafOf(key: string, value: Uint8Array): Uint8Array {
  return sha256(stateLeafPreimage(stringToKey(key), value));
}

/** The disk-backed head state. Create with `DiskWorldState.open(backend)`. */
export class DiskWorldState {
  readonly #backend: StateBackend;
  readonly #tree = new PagedTree();
  readonly #records: LRUCache<string, Cached>;
  readonly #pages: LRUCache<number, Uint8Array>;
  #free: Uint32Array = new Uint32Array(0);
  #nextIndex = 0;
  #version = 0;
  #epoch = 0;
  #writing: Promise<void> | undefined;
  /** Cache and load counters. */
  readonly stats: WorldStateStats = { recordHits: 0, recordMisses: 0, recordLoads: 0, pageHits: 0, pageLoads: 0 };

  private constructor(backend: StateBackend, o: WorldStateOptions) {
    this.#backend = backend;
    // A cache smaller than one entry holds nothing (tests use that to miss on every read).
    const total = Math.max(2, o.cacheBytes ?? DEFAULT_STATE_CACHE_BYTES);
    this.#records = new LRUCache<string, Cached>({
      maxSize: Math.max(1, Math.floor(total * RECORD_SHARE)),
      sizeCalculation: (v, k) => k.length + RECORD_OVERHEAD_BYTES + (v === ABSENT ? 0 : v.value.length),
    });
    this.#pages = new LRUCache<number, Uint8Array>({ maxSize: Math.max(1, Math.floor(total * (1 - RECORD_SHARE))), sizeCalculation: () => PAGE_BYTES + PAGE_OVERHEAD_BYTES });
  }

  /**
   * Opens the state: reads the tree metadata, the page roots (one prefix scan) and the free list,
   * and rebuilds the upper tree. Reads no record and no leaf page.
   */
  static async open(backend: StateBackend, o: WorldStateOptions = {}): Promise<DiskWorldState> {
    const w = new DiskWorldState(backend, o);
    const meta = await backend.readMeta();
    w.#nextIndex = meta?.nextIndex ?? 0;
    const roots: Array<[number, Uint8Array]> = [];
    for await (const r of backend.pageRoots()) roots.push(r);
    w.#tree.load(Math.ceil(w.#nextIndex / PAGE_LEAVES), roots);
    const free: number[] = [];
    for await (const i of backend.freeIndexes()) free.push(i);
    w.#free = Uint32Array.from(free);
    return w;
  }

  /** Bumped by every applied commit. */
  get version(): number {
    return this.#version;
  }

  /** State root. */
  root(): Uint8Array {
    return this.#tree.root();
  }

  /** First never-used leaf index. */
  get nextIndex(): number {
    return this.#nextIndex;
  }

  /** Number of free leaf indexes (deleted records not yet reused). */
  get freeCount(): number {
    return this.#free.length;
  }

  /** Number of live records. */
  get recordCount(): number {
    return this.#nextIndex - this.#free.length;
  }

  /** Memory held: cached records and pages (as the caches count them) and the upper tree. */
  memory(): { records: number; recordBytes: number; pages: number; pageBytes: number; treeBytes: number; freeBytes: number } {
    return {
      records: this.#records.size,
      recordBytes: this.#records.calculatedSize,
      pages: this.#pages.size,
      pageBytes: this.#pages.calculatedSize,
      treeBytes: this.#tree.bytes,
      freeBytes: this.#free.byteLength,
    };
  }

  /**
   * A synchronous reader of the current head state for a driver that loads what it missed and
   * runs its work again (`readState`, block execution, genesis): a read it cannot answer returns
   * undefined and is recorded (`missed`). With `strict`, such a read throws `STATE_NOT_LOADED`
   * instead (a reader whose keys were loaded beforehand). The world state itself is not a
   * `StateReader`: nothing reads head state synchronously outside these sessions.
   */
  session(o: { strict?: boolean } = {}): StateSession {
    return new StateSession(this, o.strict === true);
  }

  /** The cached record of a key: a record, null when known absent, undefined when not cached. */
  peek(key: string): StateRecord | null | undefined {
    const c = this.#records.get(key);
    if (c === undefined) {
      this.stats.recordMisses++;
      return undefined;
    }
    this.stats.recordHits++;
    return c === ABSENT ? null : c;
  }

  /** Runs `read` against the store at `version`, never across a commit (see the file comment). */
  async #guarded<T>(version: number, read: () => Promise<T>): Promise<T> {
    for (;;) {
      while (this.#writing) await this.#writing;
      if (this.#version !== version) throw new StateError('STATE_STALE', `state moved from version ${version} to ${this.#version} while loading`);
      const epoch = this.#epoch;
      const r = await read();
      if (this.#epoch === epoch) return r;
    }
  }

  /** Loads records of `keys` at `version` into the cache; returns them (null: absent). */
  async fetchRecords(keys: readonly string[], version: number): Promise<Array<StateRecord | null>> {
    if (keys.length === 0) return [];
    const got = await this.#guarded(version, () => this.#backend.getRecords(keys));
    this.stats.recordLoads += keys.length;
    return keys.map((k, i) => {
      const r = got[i];
      this.#records.set(k, r ?? ABSENT);
      return r ?? null;
    });
  }

  /** Pages at `version`: from the cache, the rest loaded in one call (copies: callers may modify them). */
  async #pagesAt(nums: readonly number[], version: number): Promise<Map<number, Uint8Array>> {
    const out = new Map<number, Uint8Array>();
    const need: number[] = [];
    for (const p of nums) {
      const c = this.#pages.get(p);
      if (c) {
        this.stats.pageHits++;
        out.set(p, c.slice());
      } else need.push(p);
    }
    if (need.length > 0) {
      const got = await this.#guarded(version, () => this.#backend.getPages(need));
      this.stats.pageLoads += need.length;
      need.forEach((p, i) => {
        const b = got[i] ?? ZERO_PAGE;
        this.#pages.set(p, b);
        out.set(p, b.slice());
      });
    }
    return out;
  }

  /** Starts loading pages of leaf `indexes` into the cache; never fails (a later read retries). */
  warmPages(indexes: Iterable<number>, version = this.#version): Promise<void> {
    const nums = new Set<number>();
    for (const i of indexes) {
      const p = Math.floor(i / PAGE_LEAVES);
      if (!this.#pages.has(p)) nums.add(p);
    }
    if (nums.size === 0) return Promise.resolve();
    return this.#pagesAt([...nums], version).then(
      () => undefined,
      () => undefined,
    );
  }

  /**
   * Computes the commit of a block's changes (key -> new value, null: delete) without applying
   * it: previous records come from `session` or the cache, else one load; leaf pages likewise.
   */
  async prepare(changes: ReadonlyMap<string, Uint8Array | null>, session?: StateSession): Promise<PreparedCommit> {
    const version = session?.version ?? this.#version;
    await session?.pagesWarmed();
    const prev = new Map<string, StateRecord | null>();
    const need: string[] = [];
    for (const k of changes.keys()) {
      const r = session ? session.known(k) : this.peek(k);
      if (r === undefined) need.push(k);
      else prev.set(k, r);
    }
    const loaded = await this.fetchRecords(need, version);
    need.forEach((k, i) => prev.set(k, loaded[i]));

    const records: Array<{ key: string; record: StateRecord | null }> = [];
    const undo: UndoEntry[] = [];
    const leaves: Array<[number, Uint8Array]> = [];
    const freed: number[] = [];
    const creates: string[] = [];
    for (const [key, value] of changes) {
      const p = prev.get(key)!;
      if (p) {
        if (value === null) {
          records.push({ key, record: null });
          undo.push({ key, kind: 'delete', index: p.index, prev: p.value });
          leaves.push([p.index, EMPTY_STATE_LEAF]);
          freed.push(p.index);
        } else if (!bytesEqual(value, p.value)) {
          records.push({ key, record: { index: p.index, value } });
          undo.push({ key, kind: 'update', index: p.index, prev: p.value });
          leaves.push([p.index, leafOf(key, value)]);
        }
      } else if (value !== null) creates.push(key);
    }
    // Byte order of latin1 keys equals JS string order (every char is below 256).
    creates.sort();
    if (this.#version !== version) throw new StateError('STATE_STALE', 'state moved while preparing a commit');
    const free = this.#free;
    let taken = 0;
    let next = this.#nextIndex;
    for (const key of creates) {
      const index = taken < free.length ? free[taken++] : next++;
      const value = changes.get(key)!;
      records.push({ key, record: { index, value } });
      undo.push({ key, kind: 'create', index, prev: null });
      leaves.push([index, leafOf(key, value)]);
    }
    freed.sort((a, b) => a - b);
    const commit = await this.#finish(version, leaves, records, {
      freeAdded: freed,
      freeRemoved: Array.from(free.subarray(0, taken)),
      nextIndex: next,
    });
    return { ...commit, undo: { prevNextIndex: this.#nextIndex, entries: undo } };
  }

  /** Computes the commit that rolls back `undo` (the most recently applied block's). */
  async prepareUndo(undo: UndoRecord): Promise<PreparedCommit> {
    const version = this.#version;
    const records: Array<{ key: string; record: StateRecord | null }> = [];
    const leaves: Array<[number, Uint8Array]> = [];
    const freeAdded: number[] = [];
    const freeRemoved: number[] = [];
    for (const e of undo.entries) {
      if (e.kind === 'create') {
        records.push({ key: e.key, record: null });
        leaves.push([e.index, EMPTY_STATE_LEAF]);
        // A new key below the old high-water mark had taken a free index: give it back.
        if (e.index < undo.prevNextIndex) freeAdded.push(e.index);
      } else {
        if (e.prev === null) throw new StateError('STATE_STALE', `undo entry for ${e.kind} without a previous value`);
        records.push({ key: e.key, record: { index: e.index, value: e.prev } });
        leaves.push([e.index, leafOf(e.key, e.prev)]);
        if (e.kind === 'delete') freeRemoved.push(e.index);
      }
    }
    freeAdded.sort((a, b) => a - b);
    freeRemoved.sort((a, b) => a - b);
    return this.#finish(version, leaves, records, { freeAdded, freeRemoved, nextIndex: undo.prevNextIndex });
  }

  async #finish(
    version: number,
    leaves: Array<[number, Uint8Array]>,
    records: Array<{ key: string; record: StateRecord | null }>,
    f: { freeAdded: number[]; freeRemoved: number[]; nextIndex: number },
  ): Promise<PreparedCommit> {
    const nums = [...new Set(leaves.map(([i]) => Math.floor(i / PAGE_LEAVES)))];
    const pages = await this.#pagesAt(nums, version);
    for (const [i, leaf] of leaves) pages.get(Math.floor(i / PAGE_LEAVES))!.set(leaf, (i % PAGE_LEAVES) * 32);
    if (this.#version !== version) throw new StateError('STATE_STALE', 'state moved while preparing a commit');
    const tree = this.#tree.prepare(pages);
    return { root: tree.root, baseVersion: version, records, pages, tree, ...f };
  }

  /** Installs a commit computed on this version (after its batch is written). */
  apply(c: PreparedCommit): void {
    if (c.baseVersion !== this.#version) throw new StateError('STATE_STALE', `commit for state version ${c.baseVersion} applied at version ${this.#version}`);
    this.#tree.apply(c.tree);
    for (const { key, record } of c.records) this.#records.set(key, record ?? ABSENT);
    for (const [p, b] of c.pages) this.#pages.set(p, b);
    this.#free = sortedUnion(sortedMinus(this.#free, c.freeRemoved), c.freeAdded);
    this.#nextIndex = c.nextIndex;
    this.#version++;
    this.#epoch++;
  }

  /**
   * Writes then applies a commit: `write` persists its batch (which holds `putStateCommit`'s
   * writes); no load runs meanwhile. Memory changes only once the write succeeded; `after` runs
   * right after the state changed, before any other code (the chain moves its tip there).
   */
  async commit(c: PreparedCommit, write: () => Promise<void>, after?: () => void): Promise<void> {
    while (this.#writing) await this.#writing;
    let done!: () => void;
    this.#writing = new Promise<void>((r) => (done = r));
    this.#epoch++;
    try {
      await write();
      this.apply(c);
      // In the same synchronous step as the new state: a reader never sees the new state with the
      // old head block (or the reverse).
      after?.();
    } finally {
      this.#epoch++;
      this.#writing = undefined;
      done();
    }
  }

  /**
   * Inclusion proof of a key (`proof` undefined when the key has no record) against the root of
   * one head version, loading the record and its leaf page if they are not cached; `at` runs in the
   * same synchronous step as the root is taken (the chain reads its tip there), so both describe
   * the same state. Retried if a block is committed meanwhile.
   */
  async proof<T = undefined>(key: string, at?: () => T): Promise<{ proof: StateRecordProof | undefined; root: Uint8Array; at: T }> {
    for (;;) {
      const version = this.#version;
      try {
        const r = this.peek(key);
        const rec = r === undefined ? (await this.fetchRecords([key], version))[0] : r;
        const page = rec ? Math.floor(rec.index / PAGE_LEAVES) : 0;
        const bytes = rec ? (await this.#pagesAt([page], version)).get(page)! : undefined;
        if (this.#version !== version || this.#writing) continue;
        const root = this.#tree.root();
        const proof = rec && bytes ? { index: rec.index, value: rec.value, siblings: [...pageSiblings(bytes, rec.index % PAGE_LEAVES), ...this.#tree.upperSiblings(rec.index)], root } : undefined;
        return { proof, root, at: at?.() as T };
      } catch (e) {
        if (e instanceof StateError && e.code === 'STATE_STALE') continue;
        throw e;
      }
    }
  }

  /**
   * Every record under `prefix`, in key order, read page by page from the store (O(records under
   * the prefix); tooling, tests and transitional list queries: page with `iterate` instead).
   */
  async *entries(prefix: string): AsyncIterable<[string, Uint8Array]> {
    let after: string | undefined;
    for (;;) {
      const p = await this.iterate(prefix, { limit: 1000, ...(after !== undefined ? { after } : {}) });
      yield* p.entries;
      if (!p.next) return;
      after = p.next;
    }
  }

  /**
   * One page of the records under `prefix` in byte order of the key, strictly after `o.after`,
   * from the store (consistent with one head version) merged with `o.pending` changes. Reads at
   * most `limit` + (pending deletes in range) records; nothing goes into the cache.
   */
  async iterate(prefix: string, o: IterateOptions = {}): Promise<StatePage> {
    for (;;) {
      try {
        return await this.iterateAt(this.#version, prefix, o);
      } catch (e) {
        if (e instanceof StateError && e.code === 'STATE_STALE') continue;
        throw e;
      }
    }
  }

  /** `iterate` at head version `version` (`STATE_STALE` once the head moved on). */
  iterateAt(version: number, prefix: string, o: IterateOptions = {}): Promise<StatePage> {
    return this.#iterateAt(version, prefix, Math.max(1, Math.min(o.limit ?? 100, MAX_ITERATE)), o);
  }

  /**
   * How many committed records there are under `prefix` at head version `version`: a key-only
   * scan of that prefix in the store (no value is decoded or cached), O(records under it).
   */
  countAt(version: number, prefix: string): Promise<number> {
    return this.#guarded(version, () => this.#backend.count(prefix));
  }

  async #iterateAt(version: number, prefix: string, limit: number, o: IterateOptions): Promise<StatePage> {
    const pending = o.pending
      ? [...o.pending].filter(([k]) => k.startsWith(prefix) && (o.after === undefined || k > o.after)).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      : [];
    const out: Array<[string, Uint8Array]> = [];
    let pi = 0;
    let cursor = o.after;
    let exhausted = false;
    const push = (k: string, v: Uint8Array | null): boolean => {
      if (v !== null) out.push([k, v]);
      return out.length >= limit;
    };
    while (out.length < limit) {
      const chunk: Array<[string, StateRecord]> = [];
      if (!exhausted) {
        const after = cursor;
        await this.#guarded(version, async () => {
          chunk.length = 0;
          for await (const e of this.#backend.scan(prefix, { ...(after !== undefined ? { after } : {}), limit })) chunk.push(e);
        });
        if (chunk.length < limit) exhausted = true;
      }
      const upto = exhausted ? undefined : chunk[chunk.length - 1][0];
      let ci = 0;
      let full = false;
      while (!full && (ci < chunk.length || (pi < pending.length && (upto === undefined || pending[pi][0] <= upto)))) {
        const d = ci < chunk.length ? chunk[ci][0] : undefined;
        const pk = pi < pending.length && (upto === undefined || pending[pi][0] <= upto) ? pending[pi][0] : undefined;
        if (pk !== undefined && (d === undefined || pk <= d)) {
          if (pk === d) ci++;
          full = push(pk, pending[pi++][1]);
        } else {
          full = push(d!, chunk[ci++][1].value);
        }
      }
      if (full || exhausted) break;
      cursor = upto;
    }
    if (out.length < limit) return { entries: out };
    return { entries: out, next: out[out.length - 1][0] };
  }
}

/**
 * A synchronous reader of one head version: answers from records loaded for it, then from the
 * world's cache; records each key it cannot answer (or, `strict`, throws `STATE_NOT_LOADED`).
 * Loaded records are pinned here, so cache eviction never makes a re-run miss the same key again.
 * Once its driver is done it is closed: a read after that (a reader kept past its view) throws.
 */
export class StateSession implements StateReader {
  /** Head version this session reads. */
  readonly version: number;
  readonly #world: DiskWorldState;
  readonly #strict: boolean;
  readonly #pinned = new Map<string, StateRecord | null>();
  #missed: string[] = [];
  #warm: Promise<void> | undefined;
  #closed = false;

  constructor(world: DiskWorldState, strict = false) {
    this.#world = world;
    this.#strict = strict;
    this.version = world.version;
  }

  /** Value of a key, or undefined (absent, or not loaded: then `missed` becomes true). */
  get(key: string): Uint8Array | undefined {
    if (this.#closed) throw new StateError('STATE_NOT_LOADED', 'head state read through a reader whose view has ended: read it inside Chain.view', { key });
    const p = this.#pinned.get(key);
    if (p !== undefined) return p === null ? undefined : p.value;
    const c = this.#world.peek(key);
    if (c !== undefined) return c === null ? undefined : c.value;
    if (this.#strict) throw new StateError('STATE_NOT_LOADED', 'state record not loaded: read head state through Chain.view', { key });
    this.#missed.push(key);
    return undefined;
  }

  /** The record of a key if this session knows it (null: absent), else undefined. No miss is recorded. */
  known(key: string): StateRecord | null | undefined {
    const p = this.#pinned.get(key);
    return p !== undefined ? p : this.#world.peek(key);
  }

  /** True when some read since the last load could not be answered. */
  get missed(): boolean {
    return this.#missed.length > 0;
  }

  /** Keys missed since the last load (deduplicated). */
  missedKeys(): string[] {
    return [...new Set(this.#missed)];
  }

  /** Ends the session: every later read throws `STATE_NOT_LOADED`. */
  close(): void {
    this.#closed = true;
    this.#pinned.clear();
  }

  /** Loads every missed key (one batch) and pins them. STATE_STALE if the head moved on. */
  async loadMissed(): Promise<void> {
    const keys = this.missedKeys();
    this.#missed = [];
    await this.load(keys, false);
  }

  /**
   * Loads and pins `keys` (prefetch); keys already cached are pinned without a read. With
   * `warmPages`, also starts loading the leaf pages of the records found, for `prepare`.
   */
  async load(keys: Iterable<string>, warmPages = true): Promise<void> {
    const need: string[] = [];
    for (const k of keys) {
      if (this.#pinned.has(k)) continue;
      const c = this.#world.peek(k);
      if (c !== undefined) this.#pinned.set(k, c);
      else need.push(k);
    }
    const got = await this.#world.fetchRecords(need, this.version);
    need.forEach((k, i) => this.#pinned.set(k, got[i]));
    if (warmPages) {
      const idx: number[] = [];
      for (const r of this.#pinned.values()) if (r) idx.push(r.index);
      this.#warm = this.#world.warmPages(idx, this.version);
    }
  }

  /** Resolves once pages started by `load` are in the cache (or failed: `prepare` reads them again). */
  pagesWarmed(): Promise<void> {
    return this.#warm ?? Promise.resolve();
  }
}

/**
 * Runs a pure synchronous reader `fn` against the head state, loading what it missed and running
 * it again until it needed nothing more (on a new session if the head moved meanwhile). An error
 * thrown by `fn` counts only from a run that missed nothing. With `version`, the head must stay at
 * that version (`STATE_STALE` once it moved): a caller pairing this read with another one at the
 * same version (`readPage`).
 */
export async function readState<T>(world: DiskWorldState, fn: (state: StateReader) => T, version?: number): Promise<T> {
  const fresh = (): StateSession => {
    if (version !== undefined && world.version !== version) throw new StateError('STATE_STALE', `state moved from version ${version} to ${world.version}`);
    return world.session();
  };
  let s = fresh();
  try {
    for (;;) {
      let result: T | undefined;
      let error: unknown;
      let threw = false;
      try {
        result = fn(s);
      } catch (e) {
        threw = true;
        error = e;
      }
      if (!s.missed) {
        if (threw) throw error;
        return result as T;
      }
      try {
        await s.loadMissed();
      } catch (e) {
        if (!(e instanceof StateError && e.code === 'STATE_STALE')) throw e;
        s.close();
        s = fresh();
      }
      if (s.version !== world.version) {
        s.close();
        s = fresh();
      }
    }
  } finally {
    s.close();
  }
}

/** Options of `readPage`. */
export interface PageOptions extends IterateOptions {
  /** Records to skip after `after` before the page starts (offset paging: reads them). */
  readonly skip?: number;
  /** Also count every record under the prefix (`ReadPage.total`). */
  readonly count?: boolean;
}

/** A page of records read together with the state it came from. */
export interface ReadPage extends StatePage {
  /** Records under the prefix (all of them, not only this page's), when `count` was asked. */
  readonly total?: number;
}

/**
 * One page of the records under `prefix` (`iterate`; with `o.count` also how many there are), then
 * `fn` over that page and the same head version (`readState`), so the page and what `fn` reads of
 * its records belong together. Started again if a block is committed in between.
 */
export async function readPage<T>(world: DiskWorldState, prefix: string, o: PageOptions, fn: (page: ReadPage, state: StateReader) => T): Promise<T> {
  for (;;) {
    const version = world.version;
    try {
      // `skip` (offset paging) walks that many records first, in pages, at the same version.
      let after = o.after;
      for (let left = o.skip ?? 0; left > 0; ) {
        const p = await world.iterateAt(version, prefix, { ...(after !== undefined ? { after } : {}), limit: Math.min(left, MAX_ITERATE) });
        left -= p.entries.length;
        if (!p.next) {
          // Skipped past the end: an empty page.
          const total = o.count ? await world.countAt(version, prefix) : undefined;
          const empty: ReadPage = total === undefined ? { entries: [] } : { entries: [], total };
          return await readState(world, (s) => fn(empty, s), version);
        }
        after = p.next;
      }
      const page = await world.iterateAt(version, prefix, { ...o, ...(after !== undefined ? { after } : {}) });
      const total = o.count ? await world.countAt(version, prefix) : undefined;
      const full: ReadPage = total === undefined ? page : { ...page, total };
      return await readState(world, (s) => fn(full, s), version);
    } catch (e) {
      if (e instanceof StateError && e.code === 'STATE_STALE') continue;
      throw e;
    }
  }
}
