/**
 * The per-height memory of the BFT engine: the values (blocks) seen with their validity, and per
 * round the proposals, the prevote and precommit tallies and the "for the first time" flags of
 * Algorithm 1; plus the highest round each validator was seen in, for the round skip.
 */
import type { SignedProposal, VoteType } from './messages.js';
import type { ValidatorSet } from './validator-set.js';
import { VoteSet, type BlockKey } from './vote-set.js';

/** A value (block) seen at this height and the application's verdict on it. */
export interface StoredValue {
  readonly value: Uint8Array;
  readonly hash: Uint8Array;
  validity: 'pending' | 'valid' | 'invalid';
}

/** Proposals and votes of one round. */
export class RoundState {
  readonly proposals: Array<{ readonly signed: SignedProposal; readonly key: BlockKey }> = [];
  readonly prevotes: VoteSet;
  readonly precommits: VoteSet;
  /** L34 "for the first time": the prevote timer was armed. */
  prevoteWaitArmed = false;
  /** L47 "for the first time": the precommit timer was armed. */
  precommitWaitArmed = false;
  /** L36 "for the first time": the polka for a block was acted on. */
  polkaHandled = false;

  constructor(set: ValidatorSet) {
    this.prevotes = new VoteSet(set);
    this.precommits = new VoteSet(set);
  }

  /** The tally of one vote type. */
  votes(type: VoteType): VoteSet {
    return type === 'prevote' ? this.prevotes : this.precommits;
  }
}

/** Everything the engine knows about its current height. */
export class HeightState {
  readonly rounds = new Map<number, RoundState>();
  private readonly order: number[] = [];
  readonly values = new Map<BlockKey, StoredValue>();
  /** Highest round each validator has been seen in (for the f+1 round skip). */
  readonly maxRound: number[];
  /** Values asked for with `needValue`. */
  readonly wanted = new Set<BlockKey>();

  constructor(
    readonly height: bigint,
    readonly set: ValidatorSet,
  ) {
    this.maxRound = new Array<number>(set.size).fill(-1);
  }

  /** The state of round `r`, created on first use. */
  round(r: number): RoundState {
    let rs = this.rounds.get(r);
    if (!rs) {
      this.rounds.set(r, (rs = new RoundState(this.set)));
      let i = this.order.length;
      while (i > 0 && this.order[i - 1] > r) i--;
      this.order.splice(i, 0, r);
    }
    return rs;
  }

  /** Rounds with any state, ascending (do not modify). */
  sortedRounds(): readonly number[] {
    return this.order;
  }
}
