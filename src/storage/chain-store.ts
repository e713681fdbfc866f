/**
 * Persistence of the chain: reads the records in layout.ts and builds the atomic batches that
 * connect or disconnect one block (block index, height index, receipts, tx index, the state
 * commit of the disk-backed world state, undo data and the head pointer together).
 */
import { decode, encode } from '../encoding/codec.js';
import { StorageError } from '../errors.js';
import type { PreparedCommit, UndoRecord } from '../state/state-backend.js';
import { KvBatch, type KvStore } from './kv.js';
import { Keys, Prefix } from './layout.js';
import { BlockEntry, BlockReceipts, ChainMeta, GenesisEventsCodec, TxLocation } from './records.js';
import { decodeUndo, encodeUndo, putStateCommit } from './state-store.js';
import type { EventRecord } from '../state/events.js';

/** Chain persistence over a key-value store. */
export class ChainStore {
  constructor(readonly kv: KvStore) {}

  /** Chain metadata, if this store was initialised (STORAGE_CORRUPT for an older layout). */
  async meta(): Promise<ChainMeta | undefined> {
    const b = await this.kv.get(Keys.meta());
    if (!b) return undefined;
    try {
      return decode(ChainMeta, b);
    } catch {
      throw new StorageError('STORAGE_CORRUPT', 'this data directory was written by an older version of Coinworks (state in memory); use a new --datadir');
    }
  }

  /** Head hash, if any block was connected. */
  async headHash(): Promise<Uint8Array | undefined> {
    return this.kv.get(Keys.head());
  }

  /** Every block index entry. */
  async *entries(): AsyncIterable<[Uint8Array, BlockEntry]> {
    for await (const [k, v] of this.kv.iterate(Uint8Array.of(Prefix.entry))) yield [k.slice(1), decode(BlockEntry, v)];
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

  /** Undo record of a connected block (absent once it left the undo window). */
  async undo(hash: Uint8Array): Promise<UndoRecord | undefined> {
    const b = await this.kv.get(Keys.undo(hash));
    return b && decodeUndo(b);
  }

  /** Events of genesis chunk `i` while a genesis is being built (and of chunks >= 1 after). */
  async genesisEvents(i: number): Promise<EventRecord[] | undefined> {
    const b = await this.kv.get(Keys.genesisEvents(i));
    return b && decode(GenesisEventsCodec, b);
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

  /**
   * Adds everything that connects a block at the head: its state commit, its undo record, and the
   * deletion of the undo record that falls out of the undo window (`pruneUndo`).
   */
  connect(
    batch: KvBatch,
    c: { hash: Uint8Array; height: number; txIds: readonly Uint8Array[]; receipts: BlockReceipts; commit: PreparedCommit; pruneUndo?: Uint8Array },
  ): void {
    batch.put(Keys.height(c.height), c.hash);
    batch.put(Keys.receipts(c.hash), encode(BlockReceipts, c.receipts));
    if (c.commit.undo) batch.put(Keys.undo(c.hash), encodeUndo(c.commit.undo));
    if (c.pruneUndo) batch.del(Keys.undo(c.pruneUndo));
    c.txIds.forEach((id, index) => batch.put(Keys.tx(id), encode(TxLocation, { blockHash: c.hash, index })));
    putStateCommit(batch, c.commit);
    batch.put(Keys.head(), c.hash);
  }

  /** Adds everything that disconnects the head block, back to its parent (`commit`: the state rollback). */
  disconnect(batch: KvBatch, d: { hash: Uint8Array; parentHash: Uint8Array; height: number; txIds: readonly Uint8Array[]; commit: PreparedCommit }): void {
    batch.del(Keys.height(d.height));
    batch.del(Keys.receipts(d.hash));
    batch.del(Keys.undo(d.hash));
    for (const id of d.txIds) batch.del(Keys.tx(id));
    putStateCommit(batch, d.commit);
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
