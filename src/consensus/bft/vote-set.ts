/**
 * The votes of one type at one (height, round), tallied by voting power. Each validator counts
 * once, with the first vote received from it; a later vote for another block id is kept aside as
 * the other half of duplicate-vote evidence and is not counted (CometBFT's `VoteSet.addVote`
 * without peer-claimed majorities). A repeat of a known vote is recognised before its signature is
 * checked, so gossip repeats cost no curve work.
 */
import { bytesToHex } from '../../encoding/hex.js';
import type { SignedVote } from './messages.js';
import type { ValidatorSet } from './validator-set.js';

/** Map key of a block id: its hex, or `nil`. */
export type BlockKey = string;
/** The key of nil. */
export const NIL: BlockKey = 'nil';

/** Key of an optional block hash. */
export function blockKey(hash: Uint8Array | null): BlockKey {
  return hash === null ? NIL : bytesToHex(hash);
}

/** Outcome of `VoteSet.add`. */
export type AddVoteResult = { status: 'added' } | { status: 'duplicate' } | { status: 'conflict'; existing: SignedVote };

function sameSignedVote(a: SignedVote, b: SignedVote): boolean {
  if (blockKey(a.vote.blockHash) !== blockKey(b.vote.blockHash)) return false;
  return true;
}

/** Votes of one type at one height and round. */
export class VoteSet {
  private readonly votes: Array<SignedVote | undefined>;
  private readonly conflicts: Array<SignedVote | undefined>;
  private readonly power = new Map<BlockKey, bigint>();
  private sum = 0n;
  private majorityKey: BlockKey | null = null;

  constructor(private readonly set: ValidatorSet) {
    this.votes = new Array(set.size);
    this.conflicts = new Array(set.size);
  }

  /**
   * What adding `vote` would do, before its signature is checked: `duplicate` (already known, or a
   * second conflict from a validator already caught), `conflict` (a first equivocation) or `added`.
   */
  classify(vote: SignedVote): AddVoteResult {
    const i = vote.vote.validatorIndex;
    const existing = this.votes[i];
    if (!existing) return { status: 'added' };
    if (sameSignedVote(existing, vote)) return { status: 'duplicate' };
    if (this.conflicts[i]) return { status: 'duplicate' };
    return { status: 'conflict', existing };
  }

  /** Adds a vote whose signature the caller checked (index and address already matched to the set). */
  add(vote: SignedVote): AddVoteResult {
    const r = this.classify(vote);
    const i = vote.vote.validatorIndex;
    if (r.status === 'conflict') this.conflicts[i] = vote;
    if (r.status !== 'added') return r;
    this.votes[i] = vote;
    const key = blockKey(vote.vote.blockHash);
    const p = (this.power.get(key) ?? 0n) + this.set.validators[i].power;
    this.power.set(key, p);
    this.sum += this.set.validators[i].power;
    // At most one block id can pass 2/3 when every validator counts once.
    if (this.majorityKey === null && this.set.hasQuorum(p)) this.majorityKey = key;
    return r;
  }

  /** The block id (or NIL) with more than 2/3 of the power, if any: a polka for prevotes. */
  majority(): BlockKey | null {
    return this.majorityKey;
  }

  /** True when votes of any kind add up to more than 2/3 (the trigger of the prevote/precommit timers). */
  hasTwoThirdsAny(): boolean {
    return this.set.hasQuorum(this.sum);
  }

  /** Power voting for a block id. */
  powerFor(key: BlockKey): bigint {
    return this.power.get(key) ?? 0n;
  }

  /** The counted votes for a block id, in validator order. */
  votesFor(key: BlockKey): SignedVote[] {
    return this.votes.filter((v): v is SignedVote => v !== undefined && blockKey(v.vote.blockHash) === key);
  }

  /** Every vote held (counted ones, then the conflicting ones), for gossip. */
  all(): SignedVote[] {
    return [...this.votes, ...this.conflicts].filter((v): v is SignedVote => v !== undefined);
  }

  /** The counted vote of a validator, if any. */
  get(index: number): SignedVote | undefined {
    return this.votes[index];
  }
}
