/**
 * Persistence of the chain: reads the records in layout.ts and builds the atomic batches that
 * connect or disconnect one block (block index, height index, receipts, tx index, state records,
 * undo data and the head pointer together).
 */
import { decode, encode } from '../encoding/codec.js';
import { stringToKey, keyToString } from '../state/keys.js';
import type { StateChange, StateRecord, UndoRecord } from '../state/world-state.js';
import { KvBatch, type KvStore } from './kv.js';
import { Keys, Prefix } from './layout.js';
import { BlockEntry, BlockReceipts, ChainMeta, StateRecordCodec, TxLocation, UndoCodec } from './records.js';

function encodeRecord(r: StateRecord): Uint8Array {
  return encode(StateRecordCodec, { index: r.index, value: r.value });
}

/** Chain persistence over a key-value store. */
export class ChainStore {
  constructor(readonly kv: KvStore) {}

  /** Chain metadata, if this store was initialised. */
  async meta(): Promise<ChainMeta | undefined> {
    const b = await this.kv.get(Keys.meta());
    return b && decode(ChainMeta, b);
  }

  /** Head hash, if any block was connected. */
  async headHash(): Promise<Uint8Array | undefined> {
    return this.kv.get(Keys.head());
  }

  /** Every block index entry. */
  async *entries(): AsyncIterable<[Uint8Array, BlockEntry]> {
    for await (const [k, v] of this.kv.iterate(Uint8Array.of(Prefix.entry))) yield [k.slice(1), decode(BlockEntry, v)];
  }

  /** Every committed state record, as latin1 state keys. */
  async *stateRecords(): AsyncIterable<[string, StateRecord]> {
    for await (const [k, v] of this.kv.iterate(Uint8Array.of(Prefix.state))) {
      const r = decode(StateRecordCodec, v);
      yield [keyToString(k.subarray(1)), { index: r.index, value: r.value }];
    }
  }

  /** Encoded block by hash. */
  async blockBytes(hash: Uint8Array): Promise<Uint8Array | undefined> {
    return this.kv.get(Keys.block(hash));
  }

  /** Receipts of a connected block. */
  async receipts(hash: Uint8Array): Promise<BlockReceipts | undefined> {
    const b = await this.kv.get(Keys.receipts(hash));
    return b && decode(BlockReceipts, b);
  }

  /** Undo record of a connected block. */
  async undo(hash: Uint8Array): Promise<UndoRecord | undefined> {
    const b = await this.kv.get(Keys.undo(hash));
    if (!b) return undefined;
    const u = decode(UndoCodec, b);
    return {
      prevNextIndex: u.prevNextIndex,
      entries: u.entries.map((e) => ({ key: keyToString(e.key), prev: e.hadPrev ? { index: e.prev.index, value: e.prev.value } : undefined })),
    };
  }

  /** Main-chain location of a transaction. */
  async txLocation(txid: Uint8Array): Promise<TxLocation | undefined> {
    const b = await this.kv.get(Keys.tx(txid));
    return b && decode(TxLocation, b);
  }

  /** Adds the chain metadata to a batch. */
  putMeta(batch: KvBatch, meta: ChainMeta): void {
    batch.put(Keys.meta(), encode(ChainMeta, meta));
  }

  /** Adds a block and its index entry to a batch. */
  putBlock(batch: KvBatch, hash: Uint8Array, bytes: Uint8Array, entry: BlockEntry): void {
    batch.put(Keys.block(hash), bytes);
    batch.put(Keys.entry(hash), encode(BlockEntry, entry));
  }

  /** Adds an updated index entry to a batch. */
  putEntry(batch: KvBatch, hash: Uint8Array, entry: BlockEntry): void {
    batch.put(Keys.entry(hash), encode(BlockEntry, entry));
  }

  /** Adds everything that connects a block at the head. */
  connect(
    batch: KvBatch,
    c: { hash: Uint8Array; height: number; txIds: readonly Uint8Array[]; receipts: BlockReceipts; undo: UndoRecord; changes: readonly StateChange[] },
  ): void {
    batch.put(Keys.height(c.height), c.hash);
    batch.put(Keys.receipts(c.hash), encode(BlockReceipts, c.receipts));
    batch.put(
      Keys.undo(c.hash),
      encode(UndoCodec, {
        prevNextIndex: c.undo.prevNextIndex,
        entries: c.undo.entries.map((e) => ({ key: stringToKey(e.key), hadPrev: !!e.prev, prev: e.prev ? { index: e.prev.index, value: e.prev.value } : { index: 0, value: null } })),
      }),
    );
    c.txIds.forEach((id, index) => batch.put(Keys.tx(id), encode(TxLocation, { blockHash: c.hash, index })));
    for (const ch of c.changes) batch.put(Keys.state(stringToKey(ch.key)), encodeRecord(ch.record));
    batch.put(Keys.head(), c.hash);
  }

  /** Adds everything that disconnects the head block, back to its parent. */
  disconnect(batch: KvBatch, d: { hash: Uint8Array; parentHash: Uint8Array; height: number; txIds: readonly Uint8Array[]; undo: UndoRecord }): void {
    batch.del(Keys.height(d.height));
    batch.del(Keys.receipts(d.hash));
    batch.del(Keys.undo(d.hash));
    for (const id of d.txIds) batch.del(Keys.tx(id));
    for (const e of d.undo.entries) {
      const k = Keys.state(stringToKey(e.key));
      if (e.prev) batch.put(k, encodeRecord(e.prev));
      else batch.del(k);
    }
    batch.put(Keys.head(), d.parentHash);
  }

  /** Adds a block's justification to a batch. */
  putJustification(batch: KvBatch, hash: Uint8Array, justification: Uint8Array): void {
    batch.put(Keys.justification(hash), justification);
  }

  /** A block's justification, if one was stored. */
  async justification(hash: Uint8Array): Promise<Uint8Array | undefined> {
    return this.kv.get(Keys.justification(hash));
  }

  /**
   * Commits a batch atomically; durably (fsync) unless `sync` is false. Unsynced batches are still
   * atomic and ordered (LevelDB's log), so a process crash loses nothing and a power loss at worst
   * loses the unsynced tail, never leaving a half-written block: sync runs flush once per run.
   */
  async write(batch: KvBatch, sync = true): Promise<void> {
    await this.kv.write(batch, { sync });
  }
}
