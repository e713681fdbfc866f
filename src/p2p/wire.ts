/**
 * What Coinworks nodes say to each other: protocol ids, gossip topic names and the binary form of
 * every request and response, in the project's canonical codec (so every message has exactly one
 * encoding and trailing bytes are refused). Names follow Lodestar's reqresp layout
 * (`/<prefix>/<method>/<version>`) and carry a tag of the genesis hash, so nodes of different chains
 * never even share a protocol or a topic.
 *
 * Request/response frames are length-prefixed (`lpStream`). A response is one head frame
 * (`[code u8][count u32][message utf-8]`) followed by `count` chunk frames, so the reader knows where
 * it ends and never reads past a cap.
 */
import { hash256, list, optional, str, struct, u16, u32, u256, varBytes, type Infer } from '../encoding/codec.js';
import { DecodeError } from '../errors.js';
import { bytesToHex } from '../encoding/hex.js';
import { Header } from '../primitives/header.js';
import { MAX_BLOCK_BYTES_DECODE } from '../primitives/block.js';
import { MAX_TX_BYTES } from '../primitives/tx.js';

/** Version of the wire protocol (in the status message; a peer of another version is dropped). */
export const WIRE_VERSION = 1;

/** Most hashes in a locator (Bitcoin's locator of a 10-million-block chain has about 34). */
export const MAX_LOCATOR = 64;
/** Most headers one headers response carries (Bitcoin's `headers` message: 2,000). */
export const MAX_HEADERS = 2000;
/** Most blocks one blocks-by-range or blocks-by-hash request may ask for. */
export const MAX_BLOCKS_PER_REQUEST = 64;
/** Most transactions one transaction push carries. */
export const MAX_TXS_PER_PUSH = 1000;
/** Largest justification (BFT commit certificate) carried beside a block. */
export const MAX_JUSTIFICATION_BYTES = 256 * 1024;
/** Largest consensus-topic message (opaque to this layer). */
export const MAX_CONSENSUS_MESSAGE_BYTES = 1024 * 1024;

/** A tag of a chain for protocol ids and topics: the first 8 hex digits of the genesis hash. */
export function chainTag(genesisHash: Uint8Array): string {
  return bytesToHex(genesisHash).slice(0, 8);
}

/** Request/response protocol ids of one chain. */
export interface ProtocolIds {
  readonly status: string;
  readonly headers: string;
  readonly blocksByRange: string;
  readonly blocksByHash: string;
  readonly txs: string;
}

/** Protocol ids for the chain with this genesis hash. */
export function protocolIds(genesisHash: Uint8Array): ProtocolIds {
  const p = `/coinworks/${chainTag(genesisHash)}`;
  return {
    status: `${p}/status/1`,
    headers: `${p}/headers/1`,
    blocksByRange: `${p}/blocks_by_range/1`,
    blocksByHash: `${p}/blocks_by_hash/1`,
    txs: `${p}/txs/1`,
  };
}

/** Gossip topics of one chain. */
export interface Topics {
  readonly blocks: string;
  readonly txs: string;
  /** Opaque engine messages (BFT proposals and votes); validated by the engine's hook. */
  readonly consensus: string;
}

/** Gossip topic names for the chain with this genesis hash. */
export function topics(genesisHash: Uint8Array): Topics {
  const p = `/coinworks/${chainTag(genesisHash)}`;
  return { blocks: `${p}/blocks/1`, txs: `${p}/txs/1`, consensus: `${p}/consensus/1` };
}

/** The status handshake: who we are (chain, genesis, engine, wire version) and where our head is. */
export const Status = struct('Status', {
  version: u16,
  chainId: u32,
  genesisHash: hash256,
  engine: str(32),
  headHash: hash256,
  headHeight: u32,
  headWork: u256,
  /** The engine's final height (0 for proof of work): blocks at or below it never change. */
  finalHeight: u32,
});
/** A status message. */
export type Status = Infer<typeof Status>;

/** Headers request: the asker's block locator and how many headers it wants at most. */
export const HeadersRequest = struct('HeadersRequest', { locator: list(hash256, MAX_LOCATOR), limit: u32 });
/** A headers request. */
export type HeadersRequest = Infer<typeof HeadersRequest>;

/** Headers response: the main-chain headers after the fork point, in height order. */
export const HeadersResponse = list(Header, MAX_HEADERS);

/** Blocks by range: `count` main-chain blocks from height `start`. */
export const BlocksByRangeRequest = struct('BlocksByRangeRequest', { start: u32, count: u32 });
/** A blocks-by-range request. */
export type BlocksByRangeRequest = Infer<typeof BlocksByRangeRequest>;

/** Blocks by hash: the blocks with these hashes (any branch), in the order asked. */
export const BlocksByHashRequest = struct('BlocksByHashRequest', { hashes: list(hash256, MAX_BLOCKS_PER_REQUEST) });
/** A blocks-by-hash request. */
export type BlocksByHashRequest = Infer<typeof BlocksByHashRequest>;

/** One block of a blocks response, with its justification (BFT commit certificate) if stored. */
export const BlockChunk = struct('BlockChunk', { block: varBytes(MAX_BLOCK_BYTES_DECODE), justification: optional(varBytes(MAX_JUSTIFICATION_BYTES)) });
/** A block chunk. */
export type BlockChunk = Infer<typeof BlockChunk>;

/** A push of transactions (encoded), answered with one empty OK. */
export const TxPush = list(varBytes(MAX_TX_BYTES), MAX_TXS_PER_PUSH);

/** A block on the blocks topic: the encoded block and its justification, if any. */
export const GossipBlock = BlockChunk;

/** Result code of a response head frame (Lodestar's reqresp result byte). */
export const RespCode = { ok: 0, invalidRequest: 1, serverError: 2, rateLimited: 3, unavailable: 4 } as const;
/** A result code. */
export type RespCode = (typeof RespCode)[keyof typeof RespCode];

/** Encodes a response head frame. */
export function encodeHead(code: RespCode, count: number, message = ''): Uint8Array {
  const m = new TextEncoder().encode(message.slice(0, 256));
  const out = new Uint8Array(5 + m.length);
  out[0] = code;
  new DataView(out.buffer).setUint32(1, count, true);
  out.set(m, 5);
  return out;
}

/** Decodes a response head frame; DecodeError when it is malformed. */
export function decodeHead(frame: Uint8Array): { code: number; count: number; message: string } {
  if (frame.length < 5 || frame.length > 5 + 1024) throw new DecodeError('DECODE_INVALID', `response head of ${frame.length} bytes`);
  const code = frame[0];
  if (code > RespCode.unavailable) throw new DecodeError('DECODE_INVALID', `unknown response code ${code}`);
  const count = new DataView(frame.buffer, frame.byteOffset, frame.byteLength).getUint32(1, true);
  return { code, count, message: new TextDecoder().decode(frame.subarray(5)) };
}
