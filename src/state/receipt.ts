/**
 * Receipts: for every included transaction, its status, gas, fee split, error reason and events.
 * A block's receipts root is the merkle root over the receipt hashes followed by the hash of the
 * block-hook events, so clients can prove what a transaction did.
 */
import { encode, enumOf, hash256, list, optional, str, struct, u64, type Infer } from '../encoding/codec.js';
import { sha256d } from '../crypto/hash.js';
import { merkleRoot } from '../primitives/merkle.js';
import { EventRecord } from './events.js';

/** Most events one transaction may emit. */
export const MAX_EVENTS_PER_TX = 1024;

/** Receipt schema. */
export const Receipt = struct('Receipt', {
  txId: hash256,
  status: enumOf('TxStatus', ['success', 'failed'] as const),
  gasUsed: u64,
  fee: u64,
  burned: u64,
  tip: u64,
  error: optional(str(512)),
  events: list(EventRecord, MAX_EVENTS_PER_TX),
});
/** A transaction receipt. */
export type Receipt = Infer<typeof Receipt>;

/** Events emitted by block hooks (rewards, base-fee burn) for one block. */
export const BlockEvents = list(EventRecord, 65536);

/** Receipts root of a block. */
export function receiptsRoot(receipts: readonly Receipt[], blockEvents: readonly EventRecord[]): Uint8Array {
  const leaves = receipts.map((r) => sha256d(encode(Receipt, r)));
  leaves.push(sha256d(encode(BlockEvents, blockEvents as EventRecord[])));
  return merkleRoot(leaves);
}

/**
 * Receipts root of a genesis block: the merkle root over the hashes of its event chunks (one
 * `BlockEvents` list per chunk of allocations, `StateMachine.genesisChunk`). With one chunk it
 * equals `receiptsRoot([], events)`.
 */
export function genesisReceiptsRoot(chunkHashes: readonly Uint8Array[]): Uint8Array {
  return merkleRoot([...chunkHashes]);
}

/** Hash of one genesis event chunk (a leaf of `genesisReceiptsRoot`). */
export function eventChunkHash(events: readonly EventRecord[]): Uint8Array {
  return sha256d(encode(BlockEvents, events as EventRecord[]));
}
