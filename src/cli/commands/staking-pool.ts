/**
 * `coinworks staking-pool deposit|withdraw|show|register-operator|harvest`: the staking pool
 * (Kele Pool / Rocket Pool style). `deposit` pools CWC (from 0.01) for share tokens at the exchange
 * rate pooled / shares and shows the shares, the rate and any validator the deposit funded (one
 * per 32 CWC pooled, run by the next queued operator); `withdraw` burns shares for a ticket of
 * their CWC value paid after the unbonding period; `show` reads the pool's totals, rate, validators
 * and an account's position; `register-operator` queues a consensus key (by default the key of the
 * node `--rpc` points at, which then signs for the funded validator); `harvest` collects the
 * pool's rewards now.
 */
import type { Command } from 'commander';
import type { CoinworksClient } from '../../client/index.js';
import { hexToBytes } from '../../encoding/hex.js';
import { formatDec, formatPercent, parseDec, ratioDec } from '../../util/decimal.js';
import { DepositParams, HarvestParams, RegisterOperatorParams, WithdrawParams } from '../../state/modules/staking-pool/schemas.js';
import type { CliApp } from '../app.js';
import { amountArg, examples } from '../args.js';
import { formatAmount } from '../amount.js';
import { CliError } from '../errors.js';
import { emit, fields, table } from '../output.js';
import { addWalletOptions } from '../tx-options.js';
import { resolveAddress } from '../wallets.js';
import { addTxOptions, report, sendAction, type TxOptions } from './multisig-tx.js';
import { amountOrAllArg, eventData, getPool, timeText, type AmountOrAll, type PoolJson } from './stake-common.js';

/** Symbol of the pool's share token in output (the asset's own symbol on the devnet). */
const SHARES = 'STCWC';

/** Shares as `1.00000000 STCWC` (8 decimals like the coin). */
function formatShares(units: bigint | string): string {
  return formatAmount(units, SHARES);
}

/** The exchange rate as `1 STCWC = 1.000281250000000000 CWC`. */
function rateText(rate: string): string {
  return `1 ${SHARES} = ${rate} CWC`;
}

function poolRows(p: PoolJson): Array<readonly [string, unknown]> {
  return [
    ['pooled', `${formatAmount(p.pooled)} (idle ${formatAmount(p.idle)}, staked ${formatAmount(p.staked)}, unbonding ${formatAmount(p.unbonding)}, owed to tickets ${formatAmount(p.owed)})`],
    ['shares', formatShares(p.totalShares)],
    ['exchange rate', rateText(p.rate)],
    ['after harvest', `${rateText(p.rateAfterHarvest)} (pending rewards ${formatAmount(p.pendingRewards)}, operators' fee ${formatAmount(p.pendingFee)})`],
    ['fee', `${formatPercent(parseDec(p.feeRate))}% of rewards to the validators' operators`],
    ['minimum deposit', formatAmount(p.minDeposit)],
    ['validators', `${p.validators.length} funded (${formatAmount(p.validatorStake)} each; ${p.totals.funded} ever), ${p.exiting.length} exiting, ${p.queuedOperators} operator(s) queued`],
    ['next validator', `${formatAmount(nextValidatorGap(p))} more pooled`],
    ['totals', `deposited ${formatAmount(p.totals.deposited)}, withdrawn ${formatAmount(p.totals.withdrawn)}, rewards kept ${formatAmount(p.totals.rewardsKept)}, fees paid ${formatAmount(p.totals.feesPaid)}`],
    ['tickets waiting', p.ticketsWaiting],
  ];
}

/** CWC still to pool before the idle CWC funds the next validator. */
function nextValidatorGap(p: PoolJson): bigint {
  const stake = BigInt(p.validatorStake);
  const idle = BigInt(p.idle) - (BigInt(p.owed) > BigInt(p.unbonding) ? BigInt(p.owed) - BigInt(p.unbonding) : 0n);
  return idle >= stake ? 0n : stake - idle;
}

/** The node's consensus key (hex), for register-operator's default. */
async function nodeKey(client: CoinworksClient): Promise<string> {
  const s = await client.getConsensusStatus();
  if (!s.validator) throw new CliError('CLI_BAD_ARGUMENT', `the node runs the ${s.engine} engine and holds no consensus key: give --consensus-key`, { usage: true });
  return s.validator.publicKey;
}

/** Registers `staking-pool`. */
export function registerStakingPool(program: Command, app: CliApp): void {
  const sp = program
    .command('staking-pool')
    .description('the staking pool: deposit from 0.01 CWC for shares, withdraw, show the exchange rate, register as an operator')
    .addHelpText(
      'after',
      examples(['coinworks staking-pool show', 'coinworks staking-pool deposit 0.01 --from dev-1', 'coinworks staking-pool show dev-1', 'coinworks staking-pool withdraw all --from dev-1', 'coinworks staking-pool register-operator --from dev-2']) +
        `\nShares (${SHARES}) are worth pooled / shares CWC; rewards raise the rate, only a slash of a pool validator lowers it.\n`,
    );

  addTxOptions(sp.command('deposit').description('pool CWC (at least 0.01) for shares at the current rate').argument('<amount>', 'CWC to deposit, e.g. 0.01', amountArg), 'depositing account')
    .addHelpText('after', examples(['coinworks staking-pool deposit 0.01 --from dev-1', 'coinworks --json staking-pool deposit 32 --from dev-2']))
    .action(async (amount: bigint, o: TxOptions, c: Command) => {
      const client = app.client(c);
      const before = await getPool(app, client);
      if (amount < BigInt(before.minDeposit)) throw new CliError('CLI_BAD_ARGUMENT', `the smallest deposit is ${formatAmount(before.minDeposit)}`);
      const out = await sendAction(app, c, o, { module: 'staking-pool', command: 'deposit', schema: DepositParams, params: { amount } });
      const d = eventData<{ shares?: string; pooled?: string; totalShares?: string }>(out.events, 'staking-pool', 'deposited');
      const funded = out.events.filter((e) => e.module === 'staking-pool' && e.name === 'validatorFunded').map((e) => e.data as { validator: string; operator: string; stake: string });
      const harvested = out.events.filter((e) => e.module === 'staking-pool' && e.name === 'harvested').reduce((s, e) => s + BigInt((e.data as { rewards: string }).rewards), 0n);
      const rate = d?.pooled && d.totalShares && BigInt(d.totalShares) > 0n ? rateOf(BigInt(d.pooled), BigInt(d.totalShares)) : null;
      report(app, c, out, { amount: amount.toString(), shares: d?.shares ?? null, pooled: d?.pooled ?? null, totalShares: d?.totalShares ?? null, rate, validatorsFunded: funded, harvested: harvested.toString() }, [
        ['deposited', formatAmount(amount)],
        ...(d?.shares ? ([['shares received', formatShares(d.shares)]] as const) : []),
        ...(rate ? ([['exchange rate', rateText(rate)]] as const) : []),
        ...(harvested > 0n ? ([['rewards harvested first', formatAmount(harvested)]] as const) : []),
        ...funded.map((f) => ['validator funded', `${f.validator} (${formatAmount(f.stake)}, operator ${f.operator})`] as const),
      ]);
    });

  addTxOptions(
    sp
      .command('withdraw')
      .description('burn shares for a ticket of their CWC value, paid after the unbonding period')
      .argument('<shares>', `${SHARES} to burn (8 decimals), or "all"`, amountOrAllArg),
    'account holding the shares',
  )
    .addHelpText('after', examples(['coinworks staking-pool withdraw all --from dev-1', 'coinworks staking-pool withdraw 0.5 --from dev-1']))
    .action(async (shares: AmountOrAll, o: TxOptions, c: Command) => {
      const client = app.client(c);
      const from = await resolveAddress(o.from, o, app.env);
      const pos = (await getPool(app, client, from)).position;
      const have = BigInt(pos?.shares ?? '0');
      if (have === 0n) throw new CliError('CLI_NOT_FOUND', `${from} holds no pool shares`);
      const burn = shares === 'all' ? have : shares;
      if (burn > have) throw new CliError('CLI_BAD_ARGUMENT', `${from} holds ${formatShares(have)}: cannot withdraw ${formatShares(burn)}`);
      const out = await sendAction(app, c, o, { module: 'staking-pool', command: 'withdraw', schema: WithdrawParams, params: { shares: burn } });
      const w = eventData<{ amount?: string; completionTime?: string }>(out.events, 'staking-pool', 'withdrawalRequested');
      report(app, c, out, { shares: burn.toString(), amount: w?.amount ?? null, completionTime: w?.completionTime ?? null }, [
        ['shares burned', formatShares(burn)],
        ...(w?.amount ? ([['ticket', formatAmount(w.amount)]] as const) : []),
        ...(w?.completionTime ? ([['paid at', `${timeText(w.completionTime)} (block time)`]] as const) : []),
      ]);
    });

  addWalletOptions(sp.command('show').alias('status').description('the pool: pooled CWC, shares, exchange rate, validators, and an account\'s position').argument('[account]', 'address or wallet account label whose shares to value'))
    .addHelpText('after', examples(['coinworks staking-pool show', 'coinworks staking-pool show dev-1', 'coinworks --json staking-pool show cw1...']))
    .action(async (ref: string | undefined, o: { wallet?: string; walletDir?: string }, c: Command) => {
      const { json } = app.globals(c);
      const address = ref === undefined ? undefined : await resolveAddress(ref, o, app.env);
      const p = await getPool(app, app.client(c), address);
      emit(app.io, json, p, () => [
        ...fields([
          ...poolRows(p),
          ...(p.position ? ([['position', `${p.position.address}: ${formatShares(p.position.shares)} worth ${formatAmount(p.position.value)}`]] as const) : []),
        ]),
        ...(p.validators.length ? ['validators:', ...table(['validator', 'operator', 'funded at'], p.validators.map((v) => [v.address, v.operator, String(v.fundedHeight)]))] : []),
      ]);
    });

  addTxOptions(
    sp
      .command('register-operator')
      .description('queue as a node operator: the next 32 CWC pooled fund a validator signing with this consensus key')
      .option('--consensus-key <hex>', 'compressed secp256k1 key that will sign (default: the consensus key of the node --rpc points at)'),
    'operator account (receives the pool fee on its validator\'s rewards)',
  )
    .addHelpText('after', examples(['coinworks staking-pool register-operator --from dev-2', 'coinworks staking-pool register-operator --from dev-2 --consensus-key 02ab...']))
    .action(async (o: TxOptions & { consensusKey?: string }, c: Command) => {
      const client = app.client(c);
      const key = o.consensusKey ?? (await nodeKey(client));
      let publicKey: Uint8Array;
      try {
        publicKey = hexToBytes(key);
      } catch {
        throw new CliError('CLI_BAD_ARGUMENT', '--consensus-key must be hex', { usage: true });
      }
      if (publicKey.length !== 33) throw new CliError('CLI_BAD_ARGUMENT', '--consensus-key must be a 33-byte compressed key (66 hex digits)', { usage: true });
      const out = await sendAction(app, c, o, { module: 'staking-pool', command: 'registerOperator', schema: RegisterOperatorParams, params: { publicKey } });
      const q = eventData<{ position?: number }>(out.events, 'staking-pool', 'operatorQueued');
      const funded = eventData<{ validator?: string }>(out.events, 'staking-pool', 'validatorFunded');
      report(app, c, out, { consensusKey: key, position: q?.position ?? null, validatorFunded: funded?.validator ?? null }, [
        ['consensus key', key],
        ...(q?.position !== undefined ? ([['queue position', q.position]] as const) : []),
        ...(funded?.validator ? ([['validator funded', funded.validator]] as const) : []),
      ]);
    });

  addTxOptions(sp.command('harvest').description('collect the pool validators\' rewards into the pool now (deposits and withdrawals do it too)'), 'account paying the fee')
    .addHelpText('after', examples(['coinworks staking-pool harvest --from dev-1']))
    .action(async (o: TxOptions, c: Command) => {
      const out = await sendAction(app, c, o, { module: 'staking-pool', command: 'harvest', schema: HarvestParams, params: {} });
      const h = out.events.filter((e) => e.module === 'staking-pool' && e.name === 'harvested').map((e) => e.data as { validator: string; rewards: string; fee: string });
      report(app, c, out, { harvested: h }, h.map((x) => ['harvested', `${formatAmount(x.rewards)} from ${x.validator} (fee ${formatAmount(x.fee)})`] as const));
    });
}

/** pooled / shares as an exact 18-decimal string (what staking_getPool's rate shows). */
function rateOf(pooled: bigint, shares: bigint): string {
  return formatDec(ratioDec(pooled, shares));
}
