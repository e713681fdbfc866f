/**
 * The staking page's yield calculator: the live rates `staking_getApr` reports (18-decimal strings)
 * fed to the client SDK's `projectYield`, the same rule `coinworks stake calc` uses.
 */
import { projectYield, type YieldProjection } from '../client/staking-yield.js';
import { parseDec } from '../util/decimal.js';

/** The live rates the calculator needs, as staking_getApr returns them (18-decimal strings). */
export interface AprRates {
  readonly inflation: string;
  readonly bondedRatio: string;
  readonly communityTax: string;
  readonly commission: string;
  readonly poolFee: string;
}

/** What the calculator shows (base units; APRs 18-decimal). */
export type YieldResult = YieldProjection;

/** Projects the reward on `amount` base units over `days` whole days at `rates`, restaking `compounding` times a year. */
export function calcYield(amount: bigint, days: number, rates: AprRates, compounding: number): YieldResult {
  if (!Number.isInteger(days) || !Number.isInteger(compounding)) throw new RangeError('days and compounding must be whole numbers');
  return projectYield({
    amount,
    days,
    inflation: parseDec(rates.inflation),
    bondedRatio: parseDec(rates.bondedRatio),
    communityTax: parseDec(rates.communityTax),
    commission: parseDec(rates.commission),
    poolFee: parseDec(rates.poolFee),
    compounding: BigInt(compounding),
  });
}

/** Compounding choices offered (periods a year). */
export const COMPOUNDING: ReadonlyArray<readonly [number, string]> = [
  [365, 'daily'],
  [52, 'weekly'],
  [12, 'monthly'],
  [1, 'yearly'],
];
