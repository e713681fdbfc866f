/**
 * The validator service's messages on the consensus topic, one canonical envelope each:
 * `{ nonce, kind, body }`. The nonce makes every publication unique, so gossip (which drops
 * repeats by content) still carries a vote sent again to a peer that missed it.
 *
 * - proposal: a signed proposal with the block it names;
 * - vote: one signed prevote or precommit; votes: several (re-gossip to a peer that lags a round);
 * - evidence: a duplicate vote, for every proposer to include;
 * - status: the sender's height, round, whether it holds the round's proposal, and its tip (what
 *   CometBFT's NewRoundStep message tells peers), sent every second and after each height;
 * - commit: a decided block with its certificate, sent to a peer whose status shows it is still at
 *   that height (CometBFT's "send the lagging peer the commit");
 * - want / value: a block a polka or a certificate names but this node lacks, and the answer.
 */
import { DecodeError } from '../errors.js';
import { bool, decode, encode, hash256, list, struct, u32, u64, u8, varBytes, type Codec, type Infer } from '../encoding/codec.js';
import { CommitCertificate } from '../consensus/bft/commit.js';
import { DuplicateVoteEvidence } from '../consensus/bft/evidence.js';
import { SignedProposal, SignedVote } from '../consensus/bft/messages.js';

/** Largest message the validator sends or accepts (the p2p layer's consensus-topic cap is 1 MiB). */
export const MAX_CONSENSUS_WIRE_BYTES = 1024 * 1024;
/** Largest block a proposal, commit or value message may carry (the rest of the cap is headroom). */
export const MAX_WIRE_BLOCK_BYTES = MAX_CONSENSUS_WIRE_BYTES - 64 * 1024;
/** Most votes in one re-gossip bundle. */
export const MAX_BUNDLE_VOTES = 2048;

const Envelope = struct('ValidatorEnvelope', { nonce: u64, kind: u8, body: varBytes(MAX_CONSENSUS_WIRE_BYTES) });

const ProposalBody = struct('ValidatorProposal', { proposal: SignedProposal, value: varBytes(MAX_WIRE_BLOCK_BYTES) });
const VoteBody = struct('ValidatorVote', { vote: SignedVote });
const VotesBody = struct('ValidatorVotes', { votes: list(SignedVote, MAX_BUNDLE_VOTES) });
const EvidenceBody = struct('ValidatorEvidence', { evidence: DuplicateVoteEvidence });
const StatusBody = struct('ValidatorStatus', { height: u64, round: u32, hasProposal: bool, tip: u64 });
const CommitBody = struct('ValidatorCommit', { block: varBytes(MAX_WIRE_BLOCK_BYTES), certificate: CommitCertificate });
const WantBody = struct('ValidatorWant', { height: u64, blockHash: hash256 });
const ValueBody = struct('ValidatorValue', { height: u64, value: varBytes(MAX_WIRE_BLOCK_BYTES) });

/** One message of the consensus topic. */
export type WireMessage =
  | ({ kind: 'proposal' } & Infer<typeof ProposalBody>)
  | ({ kind: 'vote' } & Infer<typeof VoteBody>)
  | ({ kind: 'votes' } & Infer<typeof VotesBody>)
  | ({ kind: 'evidence' } & Infer<typeof EvidenceBody>)
  | ({ kind: 'status' } & Infer<typeof StatusBody>)
  | ({ kind: 'commit' } & Infer<typeof CommitBody>)
  | ({ kind: 'want' } & Infer<typeof WantBody>)
  | ({ kind: 'value' } & Infer<typeof ValueBody>);

/** Message kinds, by tag (the tag is the position). */
const KINDS = ['proposal', 'vote', 'votes', 'evidence', 'status', 'commit', 'want', 'value'] as const;
/** A message kind. */
export type WireKind = (typeof KINDS)[number];
const BODIES: Record<WireKind, Codec<any>> = {
  proposal: ProposalBody,
  vote: VoteBody,
  votes: VotesBody,
  evidence: EvidenceBody,
  status: StatusBody,
  commit: CommitBody,
  want: WantBody,
  value: ValueBody,
};

/** Encodes a message with `nonce` (any value that differs between publications of one sender). */
export function encodeWire(m: WireMessage, nonce: bigint): Uint8Array {
  const { kind, ...body } = m;
  return encode(Envelope, { nonce, kind: KINDS.indexOf(kind), body: encode(BODIES[kind], body) });
}

/** Decodes a message (DecodeError on anything non-canonical, an unknown kind, or oversize). */
export function decodeWire(bytes: Uint8Array): WireMessage {
  const env = decode(Envelope, bytes, MAX_CONSENSUS_WIRE_BYTES + 64);
  const kind = KINDS[env.kind];
  if (kind === undefined) throw new DecodeError('DECODE_INVALID', `unknown consensus message kind ${env.kind}`);
  return { kind, ...decode(BODIES[kind], env.body, MAX_CONSENSUS_WIRE_BYTES) } as WireMessage;
}
