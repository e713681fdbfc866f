/**
 * What a stake earns over a period at the rates `staking_getApr` reports: the one yield rule behind
 * `coinworks stake calc` and the dashboard's calculator. Integer maths only (18-decimal rates,
 * floored): the reward before commission is amount x inflation x (1 - tax) / bonded x days / 365.25
 * (one floor), the commission and the pool fee are taken from it in that order (as distribution and
 * the pool do), and the restaked figure compounds the net APR n times a year: (1 + apr/n)^k for the
 * whole periods k in the span, then simple interest for the rest.
 */
import { DEC_ONE, decDiv, decMul, decPow, mulDivFloor } from '../util/decimal.js';

/** Hundredths of a day in a Julian year (365.25 days: the year `blocksPerYear` counts). */
const YEAR_CENTIDAYS = 36_525n;

/** What a stake earns over a period at given rates (base units; rates 18-decimal). */
export interface YieldProjection {
  /** APR before commission and pool fee: inflation x (1 - tax) / bonded. */
  readonly grossApr: bigint;
  /** APR after commission and pool fee (what the delegator is paid a year, not restaked). */
  readonly netApr: bigint;
  /** Rewards before commission and pool fee over the period. */
  readonly gross: bigint;
  readonly commission: bigint;
  readonly poolFee: bigint;
  /** gross - commission - poolFee: what the delegator is paid without restaking. */
  readonly net: bigint;
  /** The net APR restaked `compounding` times a year over the period. */
  readonly restaked: bigint;
}

/** Projects the reward on `amount` over `days` days (inputs as staking_getApr reports them, rates 18-decimal). */
export function projectYield(o: {
  amount: bigint;
  days: number;
  inflation: bigint;
  bondedRatio: bigint;
  communityTax: bigint;
  commission: bigint;
  poolFee: bigint;
  compounding: bigint;
}): YieldProjection {
  if (o.amount < 0n || o.days < 0 || o.compounding <= 0n) throw new RangeError('amount, days and compounding must be non-negative (compounding positive)');
  const grossApr = o.bondedRatio === 0n ? 0n : decDiv(decMul(o.inflation, DEC_ONE - o.communityTax), o.bondedRatio);
  const centidays = BigInt(o.days) * 100n;
  // amount x grossApr x days / 365.25, one floor.
  const gross = mulDivFloor(o.amount * grossApr, centidays, DEC_ONE * YEAR_CENTIDAYS);
  const commission = mulDivFloor(gross, o.commission, DEC_ONE);
  const poolFee = mulDivFloor(gross - commission, o.poolFee, DEC_ONE);
  const net = gross - commission - poolFee;
  // Restaked: (1 + apr/n)^k for the whole periods k in the span, then simple interest for the rest.
  const netApr = decMul(decMul(grossApr, DEC_ONE - o.commission), DEC_ONE - o.poolFee);
  const perPeriod = netApr / o.compounding;
  const spanPeriods = o.compounding * centidays;
  const k = spanPeriods / YEAR_CENTIDAYS;
  const rest = spanPeriods % YEAR_CENTIDAYS;
  const factor = decPow(DEC_ONE + perPeriod, k);
  const value = mulDivFloor(o.amount, factor, DEC_ONE);
  const restaked = value + mulDivFloor(value * perPeriod, rest, DEC_ONE * YEAR_CENTIDAYS) - o.amount;
  return { grossApr, netApr, gross, commission, poolFee, net, restaked };
}
