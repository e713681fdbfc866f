/**
 * The votes of one type at one (height, round), tallied by voting power per block id.
 *
 * Counting follows the paper: "2f+1 PREVOTE messages for id(v)" means validators holding more than
 * 2/3 of the power each sent a prevote for id(v). A validator that equivocates is counted in the
 * tally of every block id it voted for (its first conflicting vote is reported as evidence). That
 * is what keeps the protocol live under equivocation: once gossip has delivered the same votes
 * everywhere, every honest node sees the same polkas, whatever order the conflicting votes came
 * in (CometBFT reaches the same end with peer "maj23" claims). It costs no safety: two quorums
 * still intersect in more than 1/3 of the power, so at least one honest validator is in both.
 *
 * Memory bound: a validator's votes for up to `FREE_KEYS` distinct block ids are kept; beyond that,
 * only votes for block ids someone else also voted for (so a flood of votes for made-up blocks is
 * dropped, while the votes that can complete a real quorum are kept).
 * A repeat of a known vote is recognised before its signature is checked, so gossip repeats cost
 * no curve work.
 */
import { bytesToHex } from '../../encoding/hex.js';
import type { SignedVote } from './messages.js';
import type { ValidatorSet } from './validator-set.js';

/** Map key of a block id: its hex, or `nil`. */
export type BlockKey = string;
/** The key of nil. */
export const NIL: BlockKey = 'nil';
/** Distinct block ids kept per validator before only already-supported ids are accepted. */
export const FREE_KEYS = 4;

/** Key of an optional block hash. */
export function blockKey(hash: Uint8Array | null): BlockKey {
  return hash === null ? NIL : bytesToHex(hash);
}

/**
 * Outcome of `VoteSet.add`: `added` (counted), `duplicate` (already held, or dropped by the memory
 * bound), `conflict` (counted, and the validator's first equivocation in this set: `existing` is
 * its earlier vote).
 */
export type AddVoteResult = { status: 'added' } | { status: 'duplicate' } | { status: 'conflict'; existing: SignedVote };

interface Tally {
  power: bigint;
  readonly votes: SignedVote[];
}

/** Votes of one type at one height and round. */
export class VoteSet {
  private readonly byValidator: Array<Map<BlockKey, SignedVote> | undefined>;
  private readonly caught: boolean[];
  private readonly tallies = new Map<BlockKey, Tally>();
  private sum = 0n;
  private majorityKey: BlockKey | null = null;

  constructor(private readonly set: ValidatorSet) {
    this.byValidator = new Array(set.size);
    this.caught = new Array<boolean>(set.size).fill(false);
  }

  /** What adding `vote` would do, before its signature is checked. */
  classify(vote: SignedVote): AddVoteResult {
    const i = vote.vote.validatorIndex;
    const mine = this.byValidator[i];
    if (!mine) return { status: 'added' };
    const key = blockKey(vote.vote.blockHash);
    if (mine.has(key)) return { status: 'duplicate' };
    if (mine.size >= FREE_KEYS && !this.tallies.has(key)) return { status: 'duplicate' };
    if (this.caught[i]) return { status: 'added' };
    return { status: 'conflict', existing: mine.values().next().value as SignedVote };
  }

  /** Adds a vote whose signature the caller checked (index and address already matched to the set). */
  add(vote: SignedVote): AddVoteResult {
    const r = this.classify(vote);
    if (r.status === 'duplicate') return r;
    const i = vote.vote.validatorIndex;
    const key = blockKey(vote.vote.blockHash);
    const power = this.set.validators[i].power;
    let mine = this.byValidator[i];
    if (!mine) {
      this.byValidator[i] = mine = new Map();
      this.sum += power;
    }
    mine.set(key, vote);
    if (r.status === 'conflict') this.caught[i] = true;
    let t = this.tallies.get(key);
    if (!t) this.tallies.set(key, (t = { power: 0n, votes: [] }));
    t.power += power;
    t.votes.push(vote);
    // The first block id to pass 2/3 is the majority (two can only with more than 1/3 equivocating).
    if (this.majorityKey === null && this.set.hasQuorum(t.power)) this.majorityKey = key;
    return r;
  }

  /** The block id (or NIL) with more than 2/3 of the power, if any: a polka for prevotes. */
  majority(): BlockKey | null {
    return this.majorityKey;
  }

  /** True when validators with more than 2/3 of the power voted at all (the trigger of the prevote/precommit timers). */
  hasTwoThirdsAny(): boolean {
    return this.set.hasQuorum(this.sum);
  }

  /** Power voting for a block id. */
  powerFor(key: BlockKey): bigint {
    return this.tallies.get(key)?.power ?? 0n;
  }

  /** The votes for a block id, in arrival order. */
  votesFor(key: BlockKey): SignedVote[] {
    return [...(this.tallies.get(key)?.votes ?? [])];
  }

  /** Every vote held, for gossip. */
  all(): SignedVote[] {
    const out: SignedVote[] = [];
    for (const t of this.tallies.values()) out.push(...t.votes);
    return out;
  }

  /** True when this validator has any vote here. */
  voted(index: number): boolean {
    return (this.byValidator[index]?.size ?? 0) > 0;
  }

  /** True when this validator's votes here include one for `key`. */
  has(index: number, key: BlockKey): boolean {
    return this.byValidator[index]?.has(key) ?? false;
  }
}
