/** Schemas of the records the chain store persists (see layout.ts for where each lives). */
import { enumOf, hash256, list, optional, str, struct, u8, u32, u64, u256, varBytes, type Infer } from '../encoding/codec.js';
import { Header } from '../primitives/header.js';
import { Receipt } from '../state/receipt.js';
import { EventRecord } from '../state/events.js';

/** Identifies the chain a data directory belongs to. */
export const ChainMeta = struct('ChainMeta', { version: u32, network: str(32), chainId: u32, genesisHash: hash256, genesisDigest: hash256 });
/** Chain metadata record. */
export type ChainMeta = Infer<typeof ChainMeta>;

/** Validation status of a stored block. */
export const BlockStatus = enumOf('BlockStatus', ['stored', 'valid', 'invalid'] as const);

/** Index entry of a known block. */
export const BlockEntry = struct('BlockEntry', {
  header: Header,
  height: u64,
  chainWork: u256,
  status: BlockStatus,
  gasUsed: u64,
  baseFeePerGas: u64,
  txCount: u32,
});
/** A block index entry. */
export type BlockEntry = Infer<typeof BlockEntry>;

/**
 * How to roll a block's state back on the disk-backed state (`state/state-backend.ts` UndoRecord):
 * per changed key what the block did (0 update, 1 create, 2 delete), its leaf index and its value
 * before the block. Free-list changes follow from it (a create below prevNextIndex took a free
 * index; a delete freed one).
 */
export const StateUndoCodec = struct('StateUndo', {
  prevNextIndex: u32,
  entries: list(struct('StateUndoEntry', { key: varBytes(1024), kind: u8, index: u32, prev: optional(varBytes(1 << 20)) }), 1 << 22),
});

/** Progress of a genesis written in several batches (layout key G): chunks done and their event hashes. */
export const GenesisProgressCodec = struct('GenesisProgress', { digest: hash256, chunksDone: u32, chunkHashes: list(hash256, 1 << 16) });

/** Events of one genesis chunk (layout key g). */
export const GenesisEventsCodec = list(EventRecord, 65536);

/** Receipts and block-hook events of a connected block. */
export const BlockReceipts = struct('BlockReceipts', { receipts: list(Receipt, 1 << 20), blockEvents: list(EventRecord, 65536) });
/** Receipts of a block. */
export type BlockReceipts = Infer<typeof BlockReceipts>;

/** Where a transaction sits in the main chain. */
export const TxLocation = struct('TxLocation', { blockHash: hash256, index: u32 });
/** A transaction's location. */
export type TxLocation = Infer<typeof TxLocation>;

/** 32 zero bytes (no previous block). */
export const ZERO_HASH = new Uint8Array(32);
