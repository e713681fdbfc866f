/**
 * `coinworks stake delegate|undelegate|redelegate|cancel-unbonding|claim|rewards|show|calc`:
 * delegation on a proof-of-stake chain. Every command that changes a delegation shows the rewards
 * the chain paid out automatically before the change (the receipt's `distribution.rewardsPaid`
 * events: issue 11 wants no silent auto-claims); amounts are CWC with the symbol; `--json` prints
 * the receipt and what was read from it. The reads (`rewards`, `show`) and the yield calculator
 * (`calc`) live in stake-read.ts and stake-calc.ts.
 */
import type { Command } from 'commander';
import { decodeAddress } from '../../crypto/address.js';
import { CancelUnbondingParams, DelegateParams, RedelegateParams, UndelegateParams } from '../../state/modules/staking/schemas.js';
import { ClaimAllParams, ClaimCommissionParams, ClaimParams } from '../../state/modules/distribution/schemas.js';
import type { CliApp } from '../app.js';
import { amountArg, examples, unitsArg } from '../args.js';
import { formatAmount } from '../amount.js';
import { CliError } from '../errors.js';
import { resolveAddress } from '../wallets.js';
import { addTxOptions, report, sendAction, type TxOptions } from './multisig-tx.js';
import { amountOrAllArg, eventData, getDelegations, paidRows, paidTotal, requireValidator, rewardsPaidIn, timeText, type AmountOrAll } from './stake-common.js';
import { registerStakeReads } from './stake-read.js';
import { registerStakeCalc } from './stake-calc.js';

/** What `--from`'s delegation to `validator` is worth now (CLI_NOT_FOUND when there is none). */
async function delegationWorth(app: CliApp, c: Command, from: string, validator: string): Promise<bigint> {
  const d = (await getDelegations(app, app.client(c), from)).delegations.find((x) => x.validator === validator);
  if (!d || BigInt(d.shares) === 0n) throw new CliError('CLI_NOT_FOUND', `${from} has no delegation to ${validator} (see \`coinworks stake show\`)`);
  return BigInt(d.tokens);
}

/** `amount`, or the whole delegation for `all`; CLI_BAD_ARGUMENT above what it is worth. */
async function stakeAmount(app: CliApp, c: Command, from: string, validator: string, amount: AmountOrAll): Promise<bigint> {
  const worth = await delegationWorth(app, c, from, validator);
  if (amount === 'all') return worth;
  if (amount > worth) throw new CliError('CLI_BAD_ARGUMENT', `the delegation to ${validator} is worth ${formatAmount(worth)}: cannot move ${formatAmount(amount)}`);
  return amount;
}

/** Registers `stake`. */
export function registerStake(program: Command, app: CliApp): void {
  const s = program
    .command('stake')
    .description('delegation on proof of stake: delegate, undelegate, redelegate, cancel-unbonding, claim, rewards, show, calc')
    .addHelpText(
      'after',
      examples([
        'coinworks stake calc --amount 100 --days 365',
        'coinworks stake delegate cw1val... 100 --from dev-1',
        'coinworks stake rewards dev-1',
        'coinworks stake claim --from dev-1',
        'coinworks stake undelegate cw1val... all --from dev-1',
      ]) + '\nEvery delegation change first pays the pending rewards; the commands show that payout from the receipt.\n',
    );

  addTxOptions(
    s
      .command('delegate')
      .description('bond CWC to a validator for shares (pending rewards from it are paid first)')
      .argument('<validator>', 'validator address (see `coinworks validator list`)')
      .argument('<amount>', 'CWC to bond, e.g. 100 or 0.5', amountArg),
    'delegator account',
  )
    .addHelpText('after', examples(['coinworks stake delegate cw1val... 100 --from dev-1', 'coinworks --json stake delegate cw1val... 0.5 --from alice']))
    .action(async (ref: string, amount: bigint, o: TxOptions, c: Command) => {
      const v = await requireValidator(app, app.client(c), ref, o);
      if (v.validator.tombstoned) throw new CliError('CLI_BAD_ARGUMENT', `${v.validator.address} is tombstoned (a double sign): it takes no new stake`);
      const out = await sendAction(app, c, o, { module: 'staking', command: 'delegate', schema: DelegateParams, params: { validator: decodeAddress(v.validator.address), amount } });
      const d = eventData<{ shares?: string }>(out.events, 'staking', 'delegated');
      const paid = rewardsPaidIn(out.events, out.from);
      report(app, c, out, { validator: v.validator.address, amount: amount.toString(), shares: d?.shares ?? null, rewardsPaid: paid, rewardsPaidTotal: paidTotal(paid).toString() }, [
        ['validator', v.validator.address],
        ['delegated', formatAmount(amount)],
        ...(d?.shares ? ([['shares', d.shares]] as const) : []),
        ...(out.status === 'success' ? paidRows(paid, 'rewards auto-paid') : []),
      ]);
    });

  addTxOptions(
    s
      .command('undelegate')
      .description('start unbonding stake from a validator (paid back after the unbonding period; pending rewards are paid first)')
      .argument('<validator>', 'validator address')
      .argument('<amount>', 'CWC worth of the delegation to unbond, or "all"', amountOrAllArg),
    'delegator account',
  )
    .addHelpText('after', examples(['coinworks stake undelegate cw1val... 10 --from dev-1', 'coinworks stake undelegate cw1val... all --from dev-1']))
    .action(async (ref: string, amount: AmountOrAll, o: TxOptions, c: Command) => {
      const v = await requireValidator(app, app.client(c), ref, o);
      const from = await resolveAddress(o.from, o, app.env);
      const units = await stakeAmount(app, c, from, v.validator.address, amount);
      const out = await sendAction(app, c, o, { module: 'staking', command: 'undelegate', schema: UndelegateParams, params: { validator: decodeAddress(v.validator.address), amount: units } });
      const u = eventData<{ amount?: string; shares?: string; completionTime?: string }>(out.events, 'staking', 'undelegated');
      const paid = rewardsPaidIn(out.events, out.from);
      report(
        app,
        c,
        out,
        { validator: v.validator.address, amount: u?.amount ?? units.toString(), shares: u?.shares ?? null, completionTime: u?.completionTime ?? null, rewardsPaid: paid, rewardsPaidTotal: paidTotal(paid).toString() },
        [
          ['validator', v.validator.address],
          ['unbonding', formatAmount(u?.amount ?? units)],
          ...(u?.completionTime ? ([['paid back at', `${timeText(u.completionTime)} (block time; cancel before with \`coinworks stake cancel-unbonding\`)`]] as const) : []),
          ...(out.status === 'success' ? paidRows(paid, 'rewards auto-paid') : []),
        ],
      );
    });

  addTxOptions(
    s
      .command('redelegate')
      .description('move stake from one validator to another at once (pending rewards from both are paid first)')
      .argument('<from-validator>', 'validator the stake leaves')
      .argument('<to-validator>', 'validator it moves to')
      .argument('<amount>', 'CWC worth to move, or "all"', amountOrAllArg),
    'delegator account',
  )
    .addHelpText('after', examples(['coinworks stake redelegate cw1valA... cw1valB... 25 --from dev-1', 'coinworks --json stake redelegate cw1valA... cw1valB... all --from dev-1']))
    .action(async (srcRef: string, dstRef: string, amount: AmountOrAll, o: TxOptions, c: Command) => {
      const client = app.client(c);
      const src = await requireValidator(app, client, srcRef, o);
      const dst = await requireValidator(app, client, dstRef, o);
      if (src.validator.address === dst.validator.address) throw new CliError('CLI_BAD_ARGUMENT', 'the source and destination validators are the same', { usage: true });
      const from = await resolveAddress(o.from, o, app.env);
      const units = await stakeAmount(app, c, from, src.validator.address, amount);
      const out = await sendAction(app, c, o, { module: 'staking', command: 'redelegate', schema: RedelegateParams, params: { src: decodeAddress(src.validator.address), dst: decodeAddress(dst.validator.address), amount: units } });
      const r = eventData<{ amount?: string; sharesDst?: string; completionTime?: string }>(out.events, 'staking', 'redelegated');
      const paid = rewardsPaidIn(out.events, out.from);
      report(
        app,
        c,
        out,
        { src: src.validator.address, dst: dst.validator.address, amount: r?.amount ?? units.toString(), sharesDst: r?.sharesDst ?? null, completionTime: r?.completionTime ?? null, rewardsPaid: paid, rewardsPaidTotal: paidTotal(paid).toString() },
        [
          ['from validator', src.validator.address],
          ['to validator', dst.validator.address],
          ['moved', formatAmount(r?.amount ?? units)],
          ...(r?.completionTime ? ([['matures at', `${timeText(r.completionTime)} (until then it cannot move on from ${dst.validator.address})`]] as const) : []),
          ...(out.status === 'success' ? paidRows(paid, 'rewards auto-paid') : []),
          ...(out.status === 'success' && paid.length > 0 ? ([['rewards auto-paid total', formatAmount(paidTotal(paid))]] as const) : []),
        ],
      );
    });

  addTxOptions(
    s
      .command('cancel-unbonding')
      .alias('cancel-unbond')
      .description('bond an unbonding entry (or part of it) back to its validator before it completes')
      .argument('<validator>', 'validator the entry unbonds from')
      .argument('[amount]', 'CWC to bond back (default: the whole entry)', amountArg)
      .option('--height <n>', 'creation height of the entry (default: the only entry, else the newest)', unitsArg),
    'delegator account',
  )
    .addHelpText('after', examples(['coinworks stake cancel-unbonding cw1val... --from dev-1', 'coinworks stake cancel-unbonding cw1val... 5 --height 120 --from dev-1']))
    .action(async (ref: string, amount: bigint | undefined, o: TxOptions & { height?: bigint }, c: Command) => {
      const client = app.client(c);
      const v = await requireValidator(app, client, ref, o);
      const from = await resolveAddress(o.from, o, app.env);
      const entries = (await getDelegations(app, client, from)).unbondings.filter((u) => u.validator === v.validator.address);
      if (entries.length === 0) throw new CliError('CLI_NOT_FOUND', `${from} has nothing unbonding from ${v.validator.address}`);
      const entry = o.height === undefined ? entries.reduce((a, b) => (b.creationHeight > a.creationHeight ? b : a)) : entries.find((u) => BigInt(u.creationHeight) === o.height);
      if (!entry) throw new CliError('CLI_NOT_FOUND', `no unbonding entry from ${v.validator.address} created at height ${o.height}; entries: ${entries.map((u) => `${u.creationHeight} (${formatAmount(u.balance)})`).join(', ')}`);
      const units = amount ?? BigInt(entry.balance);
      if (units > BigInt(entry.balance)) throw new CliError('CLI_BAD_ARGUMENT', `the entry created at height ${entry.creationHeight} holds ${formatAmount(entry.balance)}: cannot bond back ${formatAmount(units)}`);
      const out = await sendAction(app, c, o, { module: 'staking', command: 'cancelUnbonding', schema: CancelUnbondingParams, params: { validator: decodeAddress(v.validator.address), creationHeight: BigInt(entry.creationHeight), amount: units } });
      const paid = rewardsPaidIn(out.events, out.from);
      report(app, c, out, { validator: v.validator.address, creationHeight: entry.creationHeight, amount: units.toString(), rewardsPaid: paid, rewardsPaidTotal: paidTotal(paid).toString() }, [
        ['validator', v.validator.address],
        ['bonded back', `${formatAmount(units)} of the entry created at height ${entry.creationHeight}`],
        ...(out.status === 'success' ? paidRows(paid, 'rewards auto-paid') : []),
      ]);
    });

  addTxOptions(
    s
      .command('claim')
      .description('withdraw pending rewards: from one validator, from all (default), or a validator\'s commission')
      .argument('[validator]', 'only the rewards from this validator')
      .option('--commission', 'claim the commission of the validator you operate (to its reward address) instead'),
    'delegator (or, with --commission, the operator) account',
  )
    .addHelpText('after', examples(['coinworks stake claim --from dev-1', 'coinworks stake claim cw1val... --from dev-1', 'coinworks stake claim cw1val... --commission --from dev-0']))
    .action(async (ref: string | undefined, o: TxOptions & { commission?: boolean }, c: Command) => {
      const client = app.client(c);
      const v = ref === undefined ? undefined : await requireValidator(app, client, ref, o);
      if (o.commission) {
        if (!v) throw new CliError('CLI_BAD_ARGUMENT', '--commission needs the validator', { usage: true });
        if (BigInt(v.validator.commissionDue) === 0n) throw new CliError('CLI_BAD_ARGUMENT', `${v.validator.address} has no commission due`);
        const out = await sendAction(app, c, o, { module: 'distribution', command: 'claimCommission', schema: ClaimCommissionParams, params: { validator: decodeAddress(v.validator.address) } });
        const p = eventData<{ amount?: string; recipient?: string }>(out.events, 'distribution', 'commissionPaid');
        report(app, c, out, { validator: v.validator.address, commission: p?.amount ?? null, recipient: p?.recipient ?? null }, [
          ['validator', v.validator.address],
          ...(p ? ([['commission paid', `${formatAmount(p.amount ?? '0')} to ${p.recipient}`]] as const) : []),
        ]);
        return;
      }
      // Nothing delegated: nothing can ever be due. Delegated but nothing pending yet is fine: the
      // block that includes the claim allocates its rewards before running it.
      const from = await resolveAddress(o.from, o, app.env);
      const delegations = (await getDelegations(app, client, from)).delegations.filter((d) => !v || d.validator === v.validator.address);
      if (delegations.length === 0) throw new CliError('CLI_NOT_FOUND', `${from} has no delegation${v ? ` to ${v.validator.address}` : ''}: no rewards to claim (see \`coinworks stake show\`)`);
      const out = v
        ? await sendAction(app, c, o, { module: 'distribution', command: 'claim', schema: ClaimParams, params: { validator: decodeAddress(v.validator.address) } })
        : await sendAction(app, c, o, { module: 'distribution', command: 'claimAll', schema: ClaimAllParams, params: {} });
      const paid = rewardsPaidIn(out.events, out.from);
      report(app, c, out, { rewardsPaid: paid, rewardsPaidTotal: paidTotal(paid).toString() }, [
        ...(out.status === 'success' ? paidRows(paid) : []),
        ...(out.status === 'success' && paid.length > 1 ? ([['total', formatAmount(paidTotal(paid))]] as const) : []),
      ]);
    });

  registerStakeReads(s, app);
  registerStakeCalc(s, app);
}
