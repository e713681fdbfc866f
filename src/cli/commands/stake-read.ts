/**
 * `coinworks stake rewards [account]` (pending rewards by validator and cause, commission due,
 * all-time earnings by cause and the recent history of every reward with its cause) and
 * `coinworks stake show [account]` (delegations with what they are worth, unbonding entries with
 * when they complete, tracked redelegations with when they mature).
 */
import type { Command } from 'commander';
import type { CliApp } from '../app.js';
import { examples } from '../args.js';
import { formatAmount } from '../amount.js';
import { CliError } from '../errors.js';
import { emit, fields, table } from '../output.js';
import { addWalletOptions } from '../tx-options.js';
import { resolveAddress } from '../wallets.js';
import { getDelegations, getRewards, timeText } from './stake-common.js';

const CAUSES: Record<string, string> = { provision: 'block provision', tip: 'tips', commission: 'commission', poolFee: 'pool fee' };

/** Registers `stake rewards` and `stake show` on the `stake` command. */
export function registerStakeReads(s: Command, app: CliApp): void {
  addWalletOptions(
    s
      .command('rewards')
      .description('pending rewards (what a claim pays now), commission due, earnings by cause and the recent reward history')
      .argument('<account>', 'address or wallet account label'),
  )
    .option('--history <n>', 'history lines to show (default 10; all with --json)', (v) => {
      if (!/^\d+$/.test(v)) throw new CliError('CLI_BAD_ARGUMENT', '--history must be a whole number', { usage: true });
      return Number(v);
    })
    .addHelpText('after', examples(['coinworks stake rewards dev-1', 'coinworks --json stake rewards cw1...']))
    .action(async (ref: string, o: { wallet?: string; walletDir?: string; history?: number }, c: Command) => {
      const { json } = app.globals(c);
      const address = await resolveAddress(ref, o, app.env);
      const r = await getRewards(app, app.client(c), address);
      const pendingTotal = BigInt(r.pendingTotal.provision) + BigInt(r.pendingTotal.tip);
      const n = o.history ?? 10;
      emit(app.io, json, { address, ...r, pendingTotalAmount: pendingTotal.toString() }, () => [
        ...fields([
          ['account', address],
          ['pending', `${formatAmount(pendingTotal)} (provision ${formatAmount(r.pendingTotal.provision)}, tips ${formatAmount(r.pendingTotal.tip)})`],
          ...r.pending.map((p) => [`  from ${p.validator}`, formatAmount(BigInt(p.provision) + BigInt(p.tip))] as const),
          ...r.commissionDue.map((x) => [`commission due on ${x.validator}`, formatAmount(x.amount)] as const),
          ['earned so far', `provision ${formatAmount(r.earned.provision)}, tips ${formatAmount(r.earned.tip)}, commission ${formatAmount(r.earned.commission)}, pool fee ${formatAmount(r.earned.poolFee)}`],
        ]),
        ...(r.history.length === 0
          ? ['no rewards paid yet']
          : [`last ${Math.min(n, r.history.length)} rewards paid:`, ...table(['height', 'validator', 'cause', 'amount'], r.history.slice(-n).map((h) => [String(h.height), h.validator, CAUSES[h.cause] ?? h.cause, formatAmount(h.amount)]))]),
      ]);
    });

  addWalletOptions(
    s
      .command('show')
      .description('an account\'s delegations (shares, worth, pending rewards), unbonding entries and redelegations')
      .argument('<account>', 'address or wallet account label'),
  )
    .addHelpText('after', examples(['coinworks stake show dev-1', 'coinworks --json stake show cw1...']))
    .action(async (ref: string, o: { wallet?: string; walletDir?: string }, c: Command) => {
      const { json } = app.globals(c);
      const address = await resolveAddress(ref, o, app.env);
      const d = await getDelegations(app, app.client(c), address);
      const staked = d.delegations.reduce((sum, x) => sum + BigInt(x.tokens), 0n);
      const unbonding = d.unbondings.reduce((sum, x) => sum + BigInt(x.balance), 0n);
      emit(app.io, json, { address, staked: staked.toString(), unbonding: unbonding.toString(), ...d }, () => [
        ...fields([
          ['account', address],
          ['staked', `${formatAmount(staked)} with ${d.delegations.length} validator(s)`],
          ['unbonding', `${formatAmount(unbonding)} in ${d.unbondings.length} entr${d.unbondings.length === 1 ? 'y' : 'ies'}`],
        ]),
        ...(d.delegations.length ? ['delegations:', ...table(['validator', 'worth', 'shares', 'pending rewards'], d.delegations.map((x) => [x.validator, formatAmount(x.tokens), x.shares, formatAmount(BigInt(x.pending.provision) + BigInt(x.pending.tip))]))] : []),
        ...(d.unbondings.length
          ? ['unbonding:', ...table(['validator', 'created at', 'balance', 'completes (block time)'], d.unbondings.map((u) => [u.validator, String(u.creationHeight), formatAmount(u.balance), timeText(u.completionTime)]))]
          : []),
        ...(d.redelegations.length
          ? ['redelegations (may not move on before they mature):', ...table(['from', 'to', 'created at', 'amount', 'matures'], d.redelegations.map((r) => [r.src, r.dst, String(r.creationHeight), formatAmount(r.initialBalance), timeText(r.completionTime)]))]
          : []),
      ]);
    });
}
