/**
 * The world state's records, leaf pages, page roots, free list and tree metadata in a `KvStore`
 * (keys in layout.ts): `KvStateBackend` reads them for the state layer, `putStateCommit` adds a
 * prepared state change to a block's atomic batch, and the undo codec stores what a reorg needs.
 */
import { decode, encode } from '../encoding/codec.js';
import { StorageError } from '../errors.js';
import { keyToString, stringToKey } from '../state/keys.js';
import { PAGE_BYTES, ZERO_HASHES, PAGE_BITS } from '../state/paged-tree.js';
import type { PreparedCommit, ScanOptions, StateBackend, StateMeta, StateRecord, UndoRecord } from '../state/state-backend.js';
import { KvBatch, type KvStore } from './kv.js';
import { Keys, Prefix } from './layout.js';
import { GenesisEventsCodec, GenesisProgressCodec, StateUndoCodec as UndoCodec } from './records.js';
import type { GenesisChunkWrite } from '../state/disk-genesis.js';

/** Encodes a record as stored: u32be(index) | value. */
export function encodeStateRecord(r: StateRecord): Uint8Array {
  const out = new Uint8Array(4 + r.value.length);
  new DataView(out.buffer).setUint32(0, r.index, false);
  out.set(r.value, 4);
  return out;
}

/** Decodes a stored record. */
export function decodeStateRecord(b: Uint8Array): StateRecord {
  if (b.length < 4) throw new StorageError('STORAGE_CORRUPT', `state record of ${b.length} bytes`);
  return { index: new DataView(b.buffer, b.byteOffset, 4).getUint32(0, false), value: b.subarray(4) };
}

function u32At(b: Uint8Array, offset: number): number {
  return new DataView(b.buffer, b.byteOffset + offset, 4).getUint32(0, false);
}

function isZero(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] !== 0) return false;
  return true;
}

const ZERO_PAGE_ROOT = ZERO_HASHES[PAGE_BITS];

function bytesEqual32(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < 32; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Adds every write of a prepared state change to `batch` (records, pages, page roots, free list, meta). */
export function putStateCommit(batch: KvBatch, c: PreparedCommit): void {
  for (const { key, record } of c.records) {
    const k = Keys.state(stringToKey(key));
    if (record) batch.put(k, encodeStateRecord(record));
    else batch.del(k);
  }
  for (const [p, bytes] of c.pages) {
    if (isZero(bytes)) batch.del(Keys.page(p));
    // The commit's pages are its own copies, never modified after (the cache shares them read-only).
    else batch.put(Keys.page(p), bytes);
  }
  for (const [p, root] of c.tree.pageRoots) {
    if (bytesEqual32(root, ZERO_PAGE_ROOT)) batch.del(Keys.pageRoot(p));
    else batch.put(Keys.pageRoot(p), root);
  }
  // Removals first: an index may be freed and taken again only in different blocks, but a batch
  // keeps the last operation per key, so the order states the intent either way.
  for (const i of c.freeRemoved) batch.del(Keys.free(i));
  for (const i of c.freeAdded) batch.put(Keys.free(i), new Uint8Array(0));
  const meta = new Uint8Array(4);
  new DataView(meta.buffer).setUint32(0, c.nextIndex, false);
  batch.put(Keys.stateMeta(), meta);
}

const KIND_CODE = { update: 0, create: 1, delete: 2 } as const;
const KIND_NAME = ['update', 'create', 'delete'] as const;

/** Encodes an undo record. */
export function encodeUndo(u: UndoRecord): Uint8Array {
  return encode(UndoCodec, {
    prevNextIndex: u.prevNextIndex,
    entries: u.entries.map((e) => ({ key: stringToKey(e.key), kind: KIND_CODE[e.kind], index: e.index, prev: e.prev })),
  });
}

/** Decodes an undo record. */
export function decodeUndo(b: Uint8Array): UndoRecord {
  const u = decode(UndoCodec, b);
  return {
    prevNextIndex: u.prevNextIndex,
    entries: u.entries.map((e) => {
      const kind = KIND_NAME[e.kind];
      if (!kind) throw new StorageError('STORAGE_CORRUPT', `undo entry kind ${e.kind}`);
      return { key: keyToString(e.key), kind, index: e.index, prev: e.prev };
    }),
  };
}

/** `StateBackend` over a key-value store. */
export class KvStateBackend implements StateBackend {
  constructor(readonly kv: KvStore) {}

  /** Records of `keys`, undefined where absent. */
  async getRecords(keys: readonly string[]): Promise<Array<StateRecord | undefined>> {
    const vs = await this.kv.getMany(keys.map((k) => Keys.state(stringToKey(k))));
    return vs.map((v) => (v === undefined ? undefined : decodeStateRecord(v)));
  }

  /** Leaf pages, undefined where never written. */
  async getPages(pages: readonly number[]): Promise<Array<Uint8Array | undefined>> {
    const vs = await this.kv.getMany(pages.map((p) => Keys.page(p)));
    return vs.map((v, i) => {
      if (v !== undefined && v.length !== PAGE_BYTES) throw new StorageError('STORAGE_CORRUPT', `leaf page ${pages[i]} has ${v.length} bytes`);
      return v;
    });
  }

  /** Tree metadata, undefined for an empty state. */
  async readMeta(): Promise<StateMeta | undefined> {
    const b = await this.kv.get(Keys.stateMeta());
    if (!b) return undefined;
    if (b.length !== 4) throw new StorageError('STORAGE_CORRUPT', 'state tree metadata');
    return { nextIndex: u32At(b, 0) };
  }

  /** Every page root, in page order (one prefix scan). */
  async *pageRoots(): AsyncIterable<[number, Uint8Array]> {
    for await (const [k, v] of this.kv.iterate(Uint8Array.of(Prefix.pageRoot))) {
      if (k.length !== 5 || v.length !== 32) throw new StorageError('STORAGE_CORRUPT', 'page root record');
      yield [u32At(k, 1), v];
    }
  }

  /** Every free leaf index, ascending (big-endian keys sort numerically). */
  async *freeIndexes(): AsyncIterable<number> {
    for await (const [k] of this.kv.iterate(Uint8Array.of(Prefix.free))) yield u32At(k, 1);
  }

  /** Number of records under a latin1 key prefix (a key-only scan). */
  async count(prefix: string): Promise<number> {
    let n = 0;
    for await (const _ of this.kv.iterate(Keys.state(stringToKey(prefix)), { values: false })) n++;
    return n;
  }

  /** Records under a latin1 key prefix, in key order, strictly after `o.after`. */
  async *scan(prefix: string, o: ScanOptions = {}): AsyncIterable<[string, StateRecord]> {
    const p = Keys.state(stringToKey(prefix));
    const after = o.after !== undefined ? Keys.state(stringToKey(o.after)) : undefined;
    for await (const [k, v] of this.kv.iterate(p, { ...(o.limit !== undefined ? { limit: o.limit } : {}), ...(after ? { after } : {}) })) {
      yield [keyToString(k.subarray(1)), decodeStateRecord(v)];
    }
  }
}

/** A genesis build in progress, as stored (layout key G). */
export interface StoredGenesisProgress {
  /** Digest of the genesis being built (its parameters); a different one means start over. */
  readonly digest: Uint8Array;
  readonly chunksDone: number;
  readonly chunkHashes: readonly Uint8Array[];
}

/** The stored genesis progress marker, if a multi-batch genesis build is under way. */
export async function readGenesisProgress(kv: KvStore): Promise<StoredGenesisProgress | undefined> {
  const b = await kv.get(Keys.genesisProgress());
  return b && decode(GenesisProgressCodec, b);
}

/**
 * Adds one genesis chunk to a batch: its state commit, its events and the progress marker after
 * it (the first chunk's events move into the genesis block's receipts when the build completes).
 */
export function putGenesisChunk(batch: KvBatch, digest: Uint8Array, w: GenesisChunkWrite): void {
  putStateCommit(batch, w.commit);
  batch.put(Keys.genesisEvents(w.index), encode(GenesisEventsCodec, w.events));
  batch.put(Keys.genesisProgress(), encode(GenesisProgressCodec, { digest, chunksDone: w.progress.chunksDone, chunkHashes: [...w.progress.chunkHashes] }));
}

/**
 * Removes every state key and genesis chunk record (a genesis build for other parameters was
 * interrupted): the store is left without state, ready for a fresh build. Deletes in batches.
 */
export async function wipeState(kv: KvStore): Promise<void> {
  for (const p of [Prefix.state, Prefix.page, Prefix.pageRoot, Prefix.free, Prefix.genesisEvents]) {
    for (;;) {
      const batch = new KvBatch();
      for await (const [k] of kv.iterate(Uint8Array.of(p), { limit: 10_000 })) batch.del(k);
      if (batch.size === 0) break;
      await kv.write(batch);
    }
  }
  await kv.write(new KvBatch().del(Keys.stateMeta()).del(Keys.genesisProgress()), { sync: true });
}
