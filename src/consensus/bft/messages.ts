/**
 * Consensus messages of the Tendermint algorithm in the canonical codec: a proposal (height, round,
 * block hash, proof-of-lock round) signed by the round's proposer, and votes (prevote or
 * precommit, for a block hash or nil) signed by a validator.
 *
 * Sign bytes: a tagged SHA-256 over the canonical encoding of `{ chainId, message }`, so a message
 * signed for one network never verifies on another and a vote never verifies as a proposal (the
 * tags differ). Signatures are 64-byte compact secp256k1 ECDSA; like transaction signatures, a
 * high-s signature is refused before any curve work (BIP 62 / EIP-2), so a signed message has
 * exactly one valid encoding. Browser-safe: verification defaults to the pure-JS curve; a node
 * passes libsecp256k1 (`crypto/native.ts` `verifyNative`) as `verify`.
 */
import { bytes, decode, encode, enumOf, hash256, optional, struct, u16, u32, u64, type Infer } from '../../encoding/codec.js';
import { taggedHash } from '../../crypto/hash.js';
import { isHighS, verifyDigest } from '../../crypto/keys.js';
import { BftError } from './errors.js';

/** Largest encoded consensus message accepted (a vote is ~140 bytes, a proposal ~120). */
export const MAX_MESSAGE_BYTES = 1024;

/** The two vote kinds of a round. */
export const VOTE_TYPES = ['prevote', 'precommit'] as const;
/** `prevote` or `precommit`. */
export type VoteType = (typeof VOTE_TYPES)[number];
/** Codec of a vote type (one byte). */
export const VoteTypeCodec = enumOf('BftVoteType', VOTE_TYPES);

/** A vote body: what a validator signs, without the chain id (which the sign bytes add). */
export const Vote = struct('BftVote', {
  type: VoteTypeCodec,
  height: u64,
  round: u32,
  /** The block voted for, or null for nil. */
  blockHash: optional(hash256),
  /** Position of the validator in the height's set. */
  validatorIndex: u16,
  validatorAddress: bytes(20),
});
/** A vote body. */
export type Vote = Infer<typeof Vote>;

/** A signed vote. */
export const SignedVote = struct('BftSignedVote', { vote: Vote, signature: bytes(64) });
/** A signed vote. */
export type SignedVote = Infer<typeof SignedVote>;

/** A proposal body: the block offered at (height, round) and the round of its proof of lock, if any. */
export const Proposal = struct('BftProposal', {
  height: u64,
  round: u32,
  blockHash: hash256,
  /** The round whose prevote quorum justifies re-proposing this block (CometBFT POLRound); null for -1. */
  polRound: optional(u32),
});
/** A proposal body. */
export type Proposal = Infer<typeof Proposal>;

/** A signed proposal. */
export const SignedProposal = struct('BftSignedProposal', { proposal: Proposal, signature: bytes(64) });
/** A signed proposal. */
export type SignedProposal = Infer<typeof SignedProposal>;

const VoteSignBody = struct('BftVoteSignBody', { chainId: u32, vote: Vote });
const ProposalSignBody = struct('BftProposalSignBody', { chainId: u32, proposal: Proposal });

/** Domain tag of vote sign bytes. */
export const VOTE_TAG = 'coinworks/bft/vote/v1';
/** Domain tag of proposal sign bytes. */
export const PROPOSAL_TAG = 'coinworks/bft/proposal/v1';

/** Verifies a compact signature over a digest with a compressed key; injectable (noble or libsecp256k1). */
export type VerifyFn = (signature: Uint8Array, digest: Uint8Array, publicKey: Uint8Array) => boolean;

/** The digest a validator signs for a vote on network `chainId`. */
export function voteSignDigest(chainId: number, vote: Vote): Uint8Array {
  return taggedHash(VOTE_TAG, encode(VoteSignBody, { chainId, vote }));
}

/** The digest a proposer signs for a proposal on network `chainId`. */
export function proposalSignDigest(chainId: number, proposal: Proposal): Uint8Array {
  return taggedHash(PROPOSAL_TAG, encode(ProposalSignBody, { chainId, proposal }));
}

/** Throws BFT_HIGH_S or BFT_BAD_SIGNATURE unless `signature` is a valid low-s signature of `digest` by `publicKey`. */
export function checkSignature(signature: Uint8Array, digest: Uint8Array, publicKey: Uint8Array, verify: VerifyFn = verifyDigest): void {
  if (signature.length !== 64) throw new BftError('BFT_BAD_SIGNATURE', 'a signature is 64 bytes');
  // Low-s first, as for transactions: the malleated twin of a valid signature has its own reason.
  if (isHighS(signature)) throw new BftError('BFT_HIGH_S', 'signature s value is in the upper half of the curve order (non-canonical)');
  if (!verify(signature, digest, publicKey)) throw new BftError('BFT_BAD_SIGNATURE', 'signature does not verify against the validator key');
}

/** Checks a signed vote's signature against the validator's key. */
export function verifyVoteSignature(chainId: number, signed: SignedVote, publicKey: Uint8Array, verify?: VerifyFn): void {
  checkSignature(signed.signature, voteSignDigest(chainId, signed.vote), publicKey, verify);
}

/** Checks a signed proposal's signature against the proposer's key. */
export function verifyProposalSignature(chainId: number, signed: SignedProposal, publicKey: Uint8Array, verify?: VerifyFn): void {
  checkSignature(signed.signature, proposalSignDigest(chainId, signed.proposal), publicKey, verify);
}

/** Canonical bytes of a signed vote. */
export function encodeSignedVote(v: SignedVote): Uint8Array {
  return encode(SignedVote, v);
}

/** Decodes a signed vote (DecodeError on anything non-canonical). */
export function decodeSignedVote(b: Uint8Array): SignedVote {
  return decode(SignedVote, b, MAX_MESSAGE_BYTES);
}

/** Canonical bytes of a signed proposal. */
export function encodeSignedProposal(p: SignedProposal): Uint8Array {
  return encode(SignedProposal, p);
}

/** Decodes a signed proposal (DecodeError on anything non-canonical). */
export function decodeSignedProposal(b: Uint8Array): SignedProposal {
  return decode(SignedProposal, b, MAX_MESSAGE_BYTES);
}

/** True when two optional block hashes name the same block (or are both nil). */
export function sameBlock(a: Uint8Array | null, b: Uint8Array | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
