/**
 * The staking page's yield calculator, pure: what an amount staked for a number of days earns at the
 * live rates `staking_getApr` reports, after the validator's commission or the pool's fee, claimed or
 * restaked `compounding` times a year. The same rule and the same integer rounding as
 * `coinworks stake calc` (cli/commands/stake-calc.ts: gross = amount x inflation x (1 - tax) / bonded
 * x days / 365.25 floored once, commission then pool fee taken from it, restaked = (1 + netApr/n)^k
 * for the whole periods then simple interest for the rest); test/web/yield.test.ts holds the two equal.
 */
import { DEC_ONE, decDiv, decMul, decPow, mulDivFloor, parseDec } from '../util/decimal.js';

/** Hundredths of a day in the Julian year `blocksPerYear` counts (365.25 days). */
const YEAR_CENTIDAYS = 36_525n;

/** The live rates the calculator needs, as staking_getApr returns them (18-decimal strings). */
export interface AprRates {
  readonly inflation: string;
  readonly bondedRatio: string;
  readonly communityTax: string;
  readonly commission: string;
  readonly poolFee: string;
}

/** What the calculator shows (base units; APRs 18-decimal). */
export interface YieldResult {
  /** APR before commission and pool fee. */
  readonly grossApr: bigint;
  /** APR after them (what the delegator is paid a year, not restaked). */
  readonly netApr: bigint;
  readonly gross: bigint;
  readonly commission: bigint;
  readonly poolFee: bigint;
  /** gross - commission - poolFee: the expected reward, claimed and not restaked. */
  readonly net: bigint;
  /** The reward if restaked `compounding` times a year over the period. */
  readonly restaked: bigint;
}

/** Projects the reward on `amount` base units over `days` days at `rates`, restaking `compounding` times a year. */
export function calcYield(amount: bigint, days: number, rates: AprRates, compounding: number): YieldResult {
  if (amount < 0n || !Number.isInteger(days) || days < 0 || !Number.isInteger(compounding) || compounding < 1) throw new RangeError('amount and days must be non-negative, compounding a positive whole number');
  const inflation = parseDec(rates.inflation);
  const bonded = parseDec(rates.bondedRatio);
  const tax = parseDec(rates.communityTax);
  const commissionRate = parseDec(rates.commission);
  const poolFeeRate = parseDec(rates.poolFee);
  const grossApr = bonded === 0n ? 0n : decDiv(decMul(inflation, DEC_ONE - tax), bonded);
  const span = BigInt(days) * 100n; // centidays
  const gross = mulDivFloor(amount * grossApr, span, DEC_ONE * YEAR_CENTIDAYS);
  const commission = mulDivFloor(gross, commissionRate, DEC_ONE);
  const poolFee = mulDivFloor(gross - commission, poolFeeRate, DEC_ONE);
  const netApr = decMul(decMul(grossApr, DEC_ONE - commissionRate), DEC_ONE - poolFeeRate);
  const n = BigInt(compounding);
  const perPeriod = netApr / n;
  const periods = n * span;
  const value = mulDivFloor(amount, decPow(DEC_ONE + perPeriod, periods / YEAR_CENTIDAYS), DEC_ONE);
  const restaked = value + mulDivFloor(value * perPeriod, periods % YEAR_CENTIDAYS, DEC_ONE * YEAR_CENTIDAYS) - amount;
  return { grossApr, netApr, gross, commission, poolFee, net: gross - commission - poolFee, restaked };
}

/** Compounding choices offered (periods a year). */
export const COMPOUNDING: ReadonlyArray<readonly [number, string]> = [
  [365, 'daily'],
  [52, 'weekly'],
  [12, 'monthly'],
  [1, 'yearly'],
];
