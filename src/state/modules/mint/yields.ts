/**
 * Yields from live parameters (what `staking_getApr` reports): a delegator's APR is the inflation,
 * less the community tax, spread over the bonded stake, less the validator's commission and, in the
 * staking pool, the pool fee: APR = inflation x (1 - tax) x (1 - commission) x (1 - poolFee) /
 * bondedRatio. Tips add to it and are not counted. APY assumes the rewards are restaked every
 * 1/n of a year (n = 365 by default): (1 + APR / n)^n - 1. 18-decimal fixed point, floored at
 * every step; no floating point.
 */
import { DEC_ONE, decDiv, decMul, decPow } from '../../../util/decimal.js';
import type { ProofOfStakeParams } from '../../../params/staking.js';
import type { StateReader } from '../../state-view.js';
import { bondedRatio, minterOf } from './method-core.js';

/** Compounding periods per year APY assumes unless told: daily. */
export const DEFAULT_COMPOUNDING = 365n;

/** A yield and what it was computed from (all 18-decimal rates). */
export interface YieldView {
  readonly inflation: bigint;
  readonly bondedRatio: bigint;
  readonly communityTax: bigint;
  readonly commission: bigint;
  readonly poolFee: bigint;
  readonly apr: bigint;
  readonly apy: bigint;
  readonly compoundingPeriods: bigint;
}

/** APY of `apr` compounded `n` times a year. */
export function aprToApy(apr: bigint, n: bigint): bigint {
  if (n <= 0n) throw new RangeError('compounding periods must be positive');
  return decPow(DEC_ONE + apr / n, n) - DEC_ONE;
}

/** APR of a delegation paying `commission` (and `poolFee`) at inflation `inflation` and bonded ratio `bonded`. */
export function aprAt(p: ProofOfStakeParams, inflation: bigint, bonded: bigint, commission: bigint, poolFee = 0n): bigint {
  if (bonded === 0n) return 0n;
  const net = decMul(decMul(decMul(inflation, DEC_ONE - p.distribution.communityTax), DEC_ONE - commission), DEC_ONE - poolFee);
  return decDiv(net, bonded);
}

/** The yield of a delegation at `commission` (and `poolFee`) from the state now. */
export function yieldAt(state: StateReader, p: ProofOfStakeParams, o: { commission?: bigint; poolFee?: bigint; compoundingPeriods?: bigint } = {}): YieldView {
  const inflation = minterOf(state, p.mint).inflation;
  const bonded = bondedRatio(state);
  const commission = o.commission ?? 0n;
  const poolFee = o.poolFee ?? 0n;
  const n = o.compoundingPeriods ?? DEFAULT_COMPOUNDING;
  const apr = aprAt(p, inflation, bonded, commission, poolFee);
  return { inflation, bondedRatio: bonded, communityTax: p.distribution.communityTax, commission, poolFee, apr, apy: aprToApy(apr, n), compoundingPeriods: n };
}
