/**
 * `coinworks stake calc --amount <CWC> [--days N] [--validator <addr> | --pool]`: a yield
 * calculator from live chain data. The rates come from `staking_getApr` at the head (inflation,
 * bonded ratio, community tax, the validator's commission or the pool's fee), so the projection is
 * what the chain would pay if they held for the period; tips come on top and are not counted.
 * Integer maths only (18-decimal rates, floored): the reward before commission is
 * amount x inflation x (1 - tax) / bonded x days / 365.25, the commission and the pool fee are
 * taken from it in that order (as distribution and the pool do), and the restaked figure compounds
 * the net APR n times a year.
 */
import type { Command } from 'commander';
import { DEC_ONE, formatPercent, parseDec } from '../../util/decimal.js';
import { projectYield, type YieldProjection } from '../../client/staking-yield.js';
import type { CliApp } from '../app.js';
import { amountArg, examples, intArg } from '../args.js';
import { formatAmount } from '../amount.js';
import { CliError } from '../errors.js';
import { emit, fields } from '../output.js';
import { addWalletOptions } from '../tx-options.js';
import { resolveAddress } from '../wallets.js';
import { getApr, type AprJson } from './stake-common.js';

/** A bonded ratio below this (10%) gets a warning: the APR is inflated by how little is staked. */
const LOW_BONDED = 10n ** 17n;
/** Above this APR (1000%) the human output shows no APY or restaked figure (astronomical numbers). */
const EXTREME_APR = 10n * DEC_ONE;

/** A rate as `10.86%` (4 decimals for small rates). */
function pct(rate: bigint | string): string {
  return `${formatPercent(typeof rate === 'string' ? parseDec(rate) : rate, 2)}%`;
}

interface CalcOptions {
  amount: bigint;
  days: number;
  validator?: string;
  pool?: boolean;
  compounding: number;
  wallet?: string;
  walletDir?: string;
}

/** Registers `stake calc` on the `stake` command. */
export function registerStakeCalc(s: Command, app: CliApp): void {
  addWalletOptions(
    s
      .command('calc')
      .description('yield calculator from live chain data: APR/APY, and the reward an amount earns over a period, after commission or the pool fee')
      .requiredOption('--amount <CWC>', 'stake to project, e.g. 100', amountArg)
      .option('--days <n>', 'period in days', intArg(1, 36_525), 365)
      .option('--validator <address>', 'delegate to this validator: its live commission applies')
      .option('--pool', 'deposit into the staking pool: its fee applies (commission 0)')
      .option('--compounding <n>', 'restaking periods per year for APY and the restaked figure', intArg(1, 1_000_000), 365),
  )
    .addHelpText(
      'after',
      examples(['coinworks stake calc --amount 100 --days 365', 'coinworks stake calc --amount 32 --days 30 --validator cw1val...', 'coinworks --json stake calc --amount 0.01 --days 365 --pool']) +
        '\nRates are live (staking_getApr at the head) and move with inflation and the bonded ratio; tips are not counted.\n',
    )
    .action(async (o: CalcOptions, c: Command) => {
      if (o.validator !== undefined && o.pool) throw new CliError('CLI_BAD_ARGUMENT', 'choose --validator or --pool, not both', { usage: true });
      const { json } = app.globals(c);
      const validator = o.validator === undefined ? undefined : await resolveAddress(o.validator, o, app.env);
      const apr: AprJson = await getApr(app, app.client(c), { ...(validator ? { validator } : {}), pool: o.pool === true, compounding: o.compounding });
      const p = projectYield({
        amount: o.amount,
        days: o.days,
        inflation: parseDec(apr.inflation),
        bondedRatio: parseDec(apr.bondedRatio),
        communityTax: parseDec(apr.communityTax),
        commission: parseDec(apr.commission),
        poolFee: parseDec(apr.poolFee),
        compounding: BigInt(o.compounding),
      });
      const via = o.pool ? 'the staking pool' : validator ? `validator ${validator}` : 'a validator without commission';
      const data = {
        ...apr,
        via: o.pool ? 'pool' : validator ? 'validator' : 'none',
        amount: o.amount.toString(),
        days: o.days,
        grossApr: p.grossApr.toString(),
        reward: { gross: p.gross.toString(), commission: p.commission.toString(), poolFee: p.poolFee.toString(), net: p.net.toString(), restaked: p.restaked.toString() },
      };
      emit(app.io, json, data, () => calcLines(apr, p, { via, amount: o.amount, days: o.days }));
    });
}

/** The human lines of `stake calc` (no APY or restaked figure above a 1000% APR; a warning when under 10% is bonded). */
export function calcLines(apr: AprJson, p: YieldProjection, o: { via: string; amount: bigint; days: number }): string[] {
  const bonded = parseDec(apr.bondedRatio);
  const extreme = parseDec(apr.apr) > EXTREME_APR;
  return fields([
    ['via', o.via],
    ['inflation', `${pct(apr.inflation)} a year (next block mints ${formatAmount(apr.nextBlockProvision)})`],
    ['bonded ratio', pct(apr.bondedRatio)],
    ['community tax', pct(apr.communityTax)],
    ['commission', pct(apr.commission)],
    ['pool fee', pct(apr.poolFee)],
    ['APR', `${pct(apr.apr)} (before commission and pool fee ${pct(p.grossApr)})`],
    ['APY', extreme ? `not shown: compounding an APR above ${pct(EXTREME_APR)} means nothing` : `${pct(apr.apy)} (restaked ${apr.compoundingPeriods} times a year)`],
    ['amount', formatAmount(o.amount)],
    ['period', `${o.days} days`],
    ['reward before fees', formatAmount(p.gross)],
    ['commission', `-${formatAmount(p.commission)}`],
    ['pool fee', `-${formatAmount(p.poolFee)}`],
    ['expected reward', `${formatAmount(p.net)} (claimed, not restaked)`],
    ['if restaked', extreme ? '-' : formatAmount(p.restaked)],
    ['note', 'at today\'s rates; tips come on top; the rate moves with inflation and the bonded ratio'],
    ...(bonded < LOW_BONDED ? ([['warning', `only ${pct(bonded)} of the supply is bonded: the APR is this high because almost nothing is staked, and it falls as stake is bonded (the devnet's parameters aim at 50-70%)`]] as const) : []),
  ]);
}
