/**
 * Round timeouts of the Tendermint algorithm: each step waits `base + delta x round` milliseconds,
 * so after a period of asynchrony the timeouts eventually exceed the real message delay and a
 * round succeeds (the paper's liveness argument). Integer milliseconds; the engine only computes
 * durations, the host's clock fires them.
 */

/** The steps that have a timeout. */
export type TimeoutStep = 'propose' | 'prevote' | 'precommit' | 'commit';

/** Timeout parameters, integer milliseconds. */
export interface BftTimeouts {
  readonly proposeMs: number;
  readonly proposeDeltaMs: number;
  readonly prevoteMs: number;
  readonly prevoteDeltaMs: number;
  readonly precommitMs: number;
  readonly precommitDeltaMs: number;
  /** Wait after a decision before the next height starts (CometBFT timeout_commit); not round-dependent. */
  readonly commitMs: number;
}

/** CometBFT's defaults (config/config.go): propose 3 s + 500 ms, prevote and precommit 1 s + 500 ms, commit 1 s. */
export const DEFAULT_TIMEOUTS: BftTimeouts = Object.freeze({
  proposeMs: 3000,
  proposeDeltaMs: 500,
  prevoteMs: 1000,
  prevoteDeltaMs: 500,
  precommitMs: 1000,
  precommitDeltaMs: 500,
  commitMs: 1000,
});

/** The values CometBFT's own consensus tests use: propose 40 ms + 1 ms, prevote/precommit 10 ms + 1 ms, commit 10 ms. */
export const TEST_TIMEOUTS: BftTimeouts = Object.freeze({
  proposeMs: 40,
  proposeDeltaMs: 1,
  prevoteMs: 10,
  prevoteDeltaMs: 1,
  precommitMs: 10,
  precommitDeltaMs: 1,
  commitMs: 10,
});

/** Duration of `step`'s timeout in `round`: base + delta x round (commit: base only). */
export function timeoutDuration(t: BftTimeouts, step: TimeoutStep, round: number): number {
  switch (step) {
    case 'propose':
      return t.proposeMs + t.proposeDeltaMs * round;
    case 'prevote':
      return t.prevoteMs + t.prevoteDeltaMs * round;
    case 'precommit':
      return t.precommitMs + t.precommitDeltaMs * round;
    case 'commit':
      return t.commitMs;
  }
}

/** Throws RangeError unless every field is a non-negative safe integer. */
export function checkTimeouts(t: BftTimeouts): void {
  for (const [k, v] of Object.entries(t)) if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`timeouts.${k} must be a non-negative integer (ms), got ${v}`);
}
