/**
 * Checks a consensus message BEFORE gossip relays it (issue 10: validated before relay; a peer
 * that sends invalid consensus messages is scored). Only what this node can check right now, on
 * the validator set of the height it is at, is relayed:
 *
 * - proposal / vote / evidence at the current height: the signature must be the round's proposer's
 *   (proposal; its block must hash to the named one) or the named validator's, at its index in the
 *   set (vote; both votes of evidence). Valid: accept (relay). Invalid: reject, and the sender is
 *   charged; an honest peer never relays such a message, since it checks the same way first.
 * - the same at another height, or a round far ahead: ignore (handed to the service, not relayed;
 *   this node cannot vouch for it, and it is no one's fault).
 * - catch-up messages (status, votes bundle, commit, want, value) go from one peer to its
 *   neighbours, as CometBFT's per-peer gossip does: never relayed; a bundle or commit at the
 *   current height with a bad signature is rejected all the same.
 *
 * Duplicate-vote evidence of an older height needs the chain's state: the service judges it.
 */
import { verifyCommit } from '../consensus/bft/commit.js';
import { verifyDuplicateVoteEvidence } from '../consensus/bft/evidence.js';
import { compareBytes, type ValidatorSet } from '../consensus/bft/validator-set.js';
import { sameBlock, verifyProposalSignature, verifyVoteSignature, type SignedVote, type VerifyFn } from '../consensus/bft/messages.js';
import type { TransportVerdict } from './transport.js';
import type { WireMessage } from './wire.js';

/** Points charged for a consensus message that does not decode. */
export const UNDECODABLE_POINTS = 25;
/** Points charged for a forged or malformed consensus message at the current height (two ban). */
export const INVALID_MESSAGE_POINTS = 50;
/** Rounds ahead of ours still relayed (the engine keeps that many). */
export const RELAY_ROUNDS_AHEAD = 8;

/** What the check knows of this node's consensus position. */
export interface ScreenContext {
  readonly chainId: number;
  /** The height being decided (null before the first height starts). */
  readonly height: bigint | null;
  readonly round: number;
  /** The validator set of `height`. */
  readonly set: ValidatorSet | undefined;
  readonly verify?: VerifyFn;
  /** Hash of a proposed value (the block hash). */
  readonly valueHash: (value: Uint8Array) => Uint8Array;
}

const ACCEPT: TransportVerdict = { result: 'accept' };

function reject(reason: string): TransportVerdict {
  return { result: 'reject', points: INVALID_MESSAGE_POINTS, reason: `consensus message: ${reason}` };
}

function ignore(reason: string): TransportVerdict {
  return { result: 'ignore', reason };
}

/** Null when `sv` is a vote of the set signed by the validator it names, else why not. */
function voteFault(ctx: ScreenContext, set: ValidatorSet, sv: SignedVote): string | null {
  const v = sv.vote;
  const val = set.at(v.validatorIndex);
  if (!val || compareBytes(val.address, v.validatorAddress) !== 0) return `vote names validator index ${v.validatorIndex}, which is not that address`;
  try {
    verifyVoteSignature(ctx.chainId, sv, val.publicKey, ctx.verify);
  } catch (e) {
    return `vote signature: ${(e as Error).message}`;
  }
  return null;
}

/** The verdict on a decoded message (evidence of an older height is left to the caller: `ignore` with reason `evidence-state`). */
export function screenMessage(m: WireMessage, ctx: ScreenContext): TransportVerdict {
  const h = ctx.height;
  const set = ctx.set;
  const here = (height: bigint, round?: number) => h !== null && set !== undefined && height === h && (round === undefined || round <= ctx.round + RELAY_ROUNDS_AHEAD);
  switch (m.kind) {
    case 'proposal': {
      const p = m.proposal.proposal;
      if (!here(p.height, p.round)) return ignore('proposal not at our height');
      if (p.polRound !== null && p.polRound >= p.round) return reject(`proposal POL round ${p.polRound} is not below its round ${p.round}`);
      try {
        verifyProposalSignature(ctx.chainId, m.proposal, set!.proposer(p.round).publicKey, ctx.verify);
      } catch (e) {
        return reject(`proposal signature: ${(e as Error).message}`);
      }
      if (!sameBlock(ctx.valueHash(m.value), p.blockHash)) return reject('the proposed block does not hash to the proposal');
      return ACCEPT;
    }
    case 'vote': {
      const v = m.vote.vote;
      if (!here(v.height, v.round)) return ignore('vote not at our height');
      const fault = voteFault(ctx, set!, m.vote);
      return fault ? reject(fault) : ACCEPT;
    }
    case 'votes': {
      if (h !== null && set) {
        for (const sv of m.votes) {
          if (sv.vote.height !== h) continue;
          const fault = voteFault(ctx, set, sv);
          if (fault) return reject(fault);
        }
      }
      return ignore('catch-up bundle');
    }
    case 'evidence': {
      if (!here(m.evidence.voteA.vote.height)) return ignore('evidence-state');
      try {
        verifyDuplicateVoteEvidence(m.evidence, set!, ctx.chainId, ctx.verify);
      } catch (e) {
        return reject(`evidence: ${(e as Error).message}`);
      }
      return ACCEPT;
    }
    case 'commit': {
      if (here(m.certificate.height)) {
        try {
          verifyCommit(m.certificate, set!, ctx.chainId, ctx.verify ? { verify: ctx.verify } : {});
        } catch (e) {
          return reject(`commit certificate: ${(e as Error).message}`);
        }
        if (!sameBlock(ctx.valueHash(m.block), m.certificate.blockHash)) return reject('the committed block does not hash to its certificate');
      }
      return ignore('catch-up commit');
    }
    case 'status':
    case 'want':
    case 'value':
      return ignore(`catch-up ${m.kind}`);
  }
}
