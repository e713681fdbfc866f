/**
 * What a BFT block carries for its engine. The coinbase's committed `consensus` bytes hold the
 * round the block was first proposed in, that round's proposer, the commit certificate of the
 * parent (absent only on height 1, whose parent is the genesis) and duplicate-vote evidence to
 * punish. The seal (kind 1, not committed by the hash) is the proposer's signature over a tagged
 * digest of the chain id and the block hash. A re-proposed block (a later round's proposer offering
 * the block it is locked on) keeps its bytes, so round and proposer name the round of its birth.
 * Browser-safe.
 */
import { decode, encode, list, optional, struct, u32, type Infer } from '../../encoding/codec.js';
import { taggedHash } from '../../crypto/hash.js';
import { address } from '../../primitives/address-codec.js';
import { CommitCertificate } from './commit.js';
import { DuplicateVoteEvidence } from './evidence.js';

/** Most evidence items the codec admits in one block (the network parameter may be lower). */
export const MAX_BLOCK_EVIDENCE = 64;

/** Highest round a block may name (proposer selection costs one step per round; timeouts make higher rounds take hours). */
export const MAX_BLOCK_ROUND = 10_000;

/** The BFT engine's coinbase data. */
export const BftBlockData = struct('BftBlockData', {
  /** Round of the proposal that introduced this block. */
  round: u32,
  /** Address of that round's proposer (the address of its consensus key). */
  proposer: address,
  /** Precommits of more than 2/3 of the parent height's power for the parent; null at height 1. */
  parentCommit: optional(CommitCertificate),
  /** Equivocations to punish, in canonical form. */
  evidence: list(DuplicateVoteEvidence, MAX_BLOCK_EVIDENCE),
});
/** The BFT engine's coinbase data. */
export type BftBlockData = Infer<typeof BftBlockData>;

/** Canonical bytes of block data. */
export function encodeBlockData(d: BftBlockData): Uint8Array {
  return encode(BftBlockData, d);
}

/** Decodes block data (DecodeError on anything non-canonical). */
export function decodeBlockData(b: Uint8Array): BftBlockData {
  return decode(BftBlockData, b, 256 * 1024);
}

/** Domain tag of the seal digest. */
export const BFT_SEAL_TAG = 'coinworks/bft/seal/v1';

/** The digest a proposer signs to seal a block: a tagged hash of chain id and block hash. */
export function bftSealDigest(chainId: number, blockHash: Uint8Array): Uint8Array {
  const msg = new Uint8Array(36);
  new DataView(msg.buffer).setUint32(0, chainId, true);
  msg.set(blockHash, 4);
  return taggedHash(BFT_SEAL_TAG, msg);
}
