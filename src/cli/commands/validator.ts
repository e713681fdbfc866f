/**
 * `coinworks validator create|edit|unjail|show|list`: proof-of-stake validators. `create` registers
 * a validator (staking.registerValidator) with a consensus key (by default the key of the node
 * `--rpc` points at, which signs for it) and a self-stake from the `--from` account, which becomes
 * its operator; `edit` changes its commission or reward address; `unjail` brings it back once its
 * downtime jail is over; `show` reads one validator (by default the node's own) with its signing
 * window and the node's consensus status; `list` reads every validator and the active set.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { decodeAddress } from '../../crypto/address.js';
import { hexToBytes } from '../../encoding/hex.js';
import { parseDec, formatPercent as percentOf } from '../../util/decimal.js';

/** A rate as `5.00%`. */
function formatPercent(rate: bigint): string {
  return `${percentOf(rate)}%`;
}
import { RpcError, type CoinworksClient, type ValidatorJson, type ConsensusStatusJson } from '../../client/index.js';
import { EditValidatorParams, RegisterValidatorParams, UnjailParams } from '../../state/modules/staking/schemas.js';
import type { CliApp } from '../app.js';
import { amountArg, examples } from '../args.js';
import { formatAmount } from '../amount.js';
import { CliError } from '../errors.js';
import { emit, fields, table } from '../output.js';
import { resolveAddress } from '../wallets.js';
import { addTxOptions, report, sendAction, type TxOptions } from './multisig-tx.js';

/** A fraction as `0.05` or `5%`, as an 18-decimal rate. */
export function rateArg(v: string): bigint {
  const t = v.trim();
  try {
    const r = t.endsWith('%') ? parseDec(t.slice(0, -1)) / 100n : parseDec(t);
    if (r > 10n ** 18n) throw new Error('above 100%');
    return r;
  } catch {
    throw new InvalidArgumentError('must be a fraction such as 0.05 or 5%');
  }
}

/** The node's own validator key, from consensus_getStatus (CLI_BAD_ARGUMENT if it runs none). */
async function nodeValidator(client: CoinworksClient): Promise<NonNullable<ConsensusStatusJson['validator']>> {
  const s = await client.getConsensusStatus();
  if (!s.validator) throw new CliError('CLI_BAD_ARGUMENT', `the node runs the ${s.engine} engine and holds no consensus key: name the validator (or --consensus-key)`, { usage: true });
  return s.validator;
}

/** A validator by address, or the node's own; CLI_NOT_FOUND when it is not registered. */
async function validatorOf(client: CoinworksClient, ref: string | undefined, app: CliApp, o: { wallet?: string; walletDir?: string }): Promise<ValidatorJson> {
  const address = ref === undefined ? (await nodeValidator(client)).address : await resolveAddress(ref, o, app.env);
  try {
    return await client.getValidator(address);
  } catch (e) {
    if (e instanceof RpcError && e.code === 'RPC_NOT_FOUND') throw new CliError('CLI_NOT_FOUND', `${address} is not a registered validator (register it with \`coinworks validator create\`)`);
    throw e;
  }
}

function validatorRows(v: ValidatorJson): Array<readonly [string, unknown]> {
  const x = v.validator;
  const state = x.tombstoned ? 'tombstoned (jailed for ever for a double sign)' : x.jailed ? `jailed until ${x.jailedUntil === null ? '-' : new Date(x.jailedUntil * 1000).toISOString()} (then \`coinworks validator unjail\`)` : x.bonded ? 'bonded (in the active set)' : 'not in the active set';
  return [
    ['validator', x.address],
    ['operator', x.operator],
    ['consensus key', x.publicKey],
    ['state', state],
    ['signs the next block', v.inNextSet ? 'yes' : 'no'],
    ['power', x.power],
    ['tokens', formatAmount(x.tokens)],
    ['self-stake', formatAmount(x.selfStake)],
    ['commission', `${formatPercent(parseDec(x.commission.rate))} (max ${formatPercent(parseDec(x.commission.maxRate))}, change ${formatPercent(parseDec(x.commission.maxChangeRate))} a day)`],
    ['commission due', formatAmount(x.commissionDue)],
    ...(v.signing ? ([['signing window', `${v.signing.missedInWindow} missed of ${v.signing.window} (jailed above ${v.signing.maxMissed})`]] as const) : []),
  ];
}

interface CreateOptions extends TxOptions {
  selfStake: bigint;
  consensusKey?: string;
  commission?: bigint;
  maxCommission?: bigint;
  maxChange?: bigint;
  rewardAddress?: string;
}

/** Registers `validator`. */
export function registerValidator(program: Command, app: CliApp): void {
  const v = program
    .command('validator')
    .description('proof-of-stake validators: create, edit, unjail, show, list')
    .addHelpText('after', examples(['coinworks validator list', 'coinworks validator show', 'coinworks validator create --from dev-4 --self-stake 32', 'coinworks validator unjail --from dev-0']));

  addTxOptions(
    v
      .command('create')
      .description('register a validator: its consensus key (default: the node\'s), a self-stake from --from (its operator), commission')
      .requiredOption('--self-stake <CWC>', 'stake bonded from --from (at least the network minimum, 32 CWC on the devnet)', amountArg)
      .option('--consensus-key <hex>', 'compressed secp256k1 key that signs blocks (default: the consensus key of the node --rpc points at)')
      .option('--commission <rate>', 'commission on rewards, e.g. 5% or 0.05 (default 5%)', rateArg)
      .option('--max-commission <rate>', 'highest commission it may ever set (default 20%)', rateArg)
      .option('--max-change <rate>', 'most the commission may change in a day (default 1%)', rateArg)
      .option('--reward-address <address>', 'where commission goes (default: --from)'),
    'operator account (pays the self-stake; edits and unjails)',
  )
    .addHelpText('after', examples(['coinworks validator create --from dev-0 --self-stake 32', 'coinworks validator create --from dev-1 --self-stake 100 --commission 10% --consensus-key 02ab...']))
    .action(async (o: CreateOptions, c: Command) => {
      const client = app.client(c);
      const commission = o.commission ?? 5n * 10n ** 16n;
      const key = o.consensusKey ?? (await nodeValidator(client)).publicKey;
      let publicKey: Uint8Array;
      try {
        publicKey = hexToBytes(key);
      } catch {
        throw new CliError('CLI_BAD_ARGUMENT', '--consensus-key must be hex', { usage: true });
      }
      if (publicKey.length !== 33) throw new CliError('CLI_BAD_ARGUMENT', '--consensus-key must be a 33-byte compressed key (66 hex digits)', { usage: true });
      const from = await resolveAddress(o.from, o, app.env);
      const rewardAddress = decodeAddress(o.rewardAddress ? await resolveAddress(o.rewardAddress, o, app.env) : from);
      const out = await sendAction(app, c, o, {
        module: 'staking',
        command: 'registerValidator',
        schema: RegisterValidatorParams,
        params: { publicKey, rewardAddress, selfStake: o.selfStake, commissionRate: commission, commissionMaxRate: o.maxCommission ?? 2n * 10n ** 17n, commissionMaxChangeRate: o.maxChange ?? 10n ** 16n },
      });
      const registered = out.events.find((e) => e.module === 'staking' && e.name === 'validatorRegistered');
      const address = (registered?.data as { validator?: string } | undefined)?.validator ?? null;
      report(app, c, out, { validator: address, consensusKey: key }, [
        ['validator', address ?? '(see the receipt)'],
        ['consensus key', key],
        ['self-stake', formatAmount(o.selfStake)],
        ['commission', formatPercent(commission)],
        ['joins the set', 'two blocks after this one, if its power ranks in the top of the set'],
      ]);
    });

  addTxOptions(
    v
      .command('edit')
      .description('change a validator\'s commission and/or reward address (its operator signs)')
      .argument('<validator>', 'validator address (the address of its consensus key)')
      .option('--commission <rate>', 'new commission, e.g. 6%', rateArg)
      .option('--reward-address <address>', 'new reward address'),
    'the validator\'s operator account',
  )
    .addHelpText('after', examples(['coinworks validator edit cw1... --from dev-0 --commission 6%', 'coinworks validator edit cw1... --from dev-0 --reward-address cw1...']))
    .action(async (ref: string, o: TxOptions & { commission?: bigint; rewardAddress?: string }, c: Command) => {
    if (o.commission === undefined && o.rewardAddress === undefined) throw new CliError('CLI_BAD_ARGUMENT', 'nothing to change: give --commission and/or --reward-address', { usage: true });
    const validator = decodeAddress(await resolveAddress(ref, o, app.env));
    const rewardAddress = o.rewardAddress ? decodeAddress(await resolveAddress(o.rewardAddress, o, app.env)) : null;
    const out = await sendAction(app, c, o, { module: 'staking', command: 'editValidator', schema: EditValidatorParams, params: { validator, commissionRate: o.commission ?? null, rewardAddress } });
    report(app, c, out, {}, [
      ['validator', ref],
      ...(o.commission !== undefined ? ([['commission', formatPercent(o.commission)]] as const) : []),
      ...(o.rewardAddress ? ([['reward address', o.rewardAddress]] as const) : []),
    ]);
  });

  addTxOptions(
    v
      .command('unjail')
      .description('bring a validator jailed for downtime back into the running, once its jail time is over')
      .argument('[validator]', 'validator address (default: the node\'s own)'),
    'the validator\'s operator account',
  )
    .addHelpText('after', examples(['coinworks validator unjail --from dev-0', 'coinworks validator unjail cw1... --from dev-3']))
    .action(async (ref: string | undefined, o: TxOptions, c: Command) => {
    const client = app.client(c);
    const v0 = await validatorOf(client, ref, app, o);
    if (v0.validator.tombstoned) throw new CliError('CLI_BAD_ARGUMENT', `${v0.validator.address} is tombstoned (a double sign): it can never be unjailed`);
    if (!v0.validator.jailed) throw new CliError('CLI_BAD_ARGUMENT', `${v0.validator.address} is not jailed`);
    const out = await sendAction(app, c, o, { module: 'staking', command: 'unjail', schema: UnjailParams, params: { validator: decodeAddress(v0.validator.address) } });
    report(app, c, out, { validator: v0.validator.address }, [
      ['validator', v0.validator.address],
      ['joins the set', 'two blocks after this one'],
    ]);
  });

  v.command('show')
    .description('one validator (default: the node\'s own) and, for the node\'s own, where consensus stands')
    .argument('[validator]', 'validator address')
    .option('--wallet <name>', 'wallet holding an account label given as validator')
    .option('--wallet-dir <dir>', 'wallet directory')
    .addHelpText('after', examples(['coinworks validator show', 'coinworks validator show cw1... --json']))
    .action(async (ref: string | undefined, o: { wallet?: string; walletDir?: string }, c: Command) => {
      const { json } = app.globals(c);
      const client = app.client(c);
      const val = await validatorOf(client, ref, app, o);
      const status = await client.getConsensusStatus();
      const own = status.validator?.address === val.validator.address;
      emit(app.io, json, { ...val, consensus: own ? status : null }, () =>
        fields([
          ...validatorRows(val),
          ...(own
            ? ([
                ['node', `height ${status.height} round ${status.round} ${status.step}; index ${status.validator!.index} in the set`],
                ['last commit', status.lastCommit ? `height ${status.lastCommit.height}, ${status.lastCommit.signatures} signatures` : '-'],
                ['proposed', `${status.proposed} blocks${status.finality.p50Ms !== null ? ` (finality p50 ${status.finality.p50Ms} ms, p99 ${status.finality.p99Ms} ms)` : ''}`],
              ] as const)
            : []),
        ]),
      );
    });

  v.command('list')
    .description('every validator, and the active set that signs the next block')
    .addHelpText('after', examples(['coinworks validator list', 'coinworks validator list --json']))
    .action(async (_o: unknown, c: Command) => {
      const { json } = app.globals(c);
      const client = app.client(c);
      const r = await client.getValidators();
      const inSet = new Set(r.activeSet.validators.map((m) => m.address));
      emit(app.io, json, r, () => [
        `height ${r.height}: ${r.activeSet.validators.length} in the active set (total power ${r.activeSet.totalPower}); bonded ${formatAmount(r.totals.bonded)} of ${formatAmount(r.totals.staked)} staked`,
        ...table(
          ['validator', 'power', 'tokens', 'commission', 'state'],
          r.validators.map((x) => [x.address, x.power, formatAmount(x.tokens), formatPercent(parseDec(x.commission.rate)), x.tombstoned ? 'tombstoned' : x.jailed ? 'jailed' : inSet.has(x.address) ? 'active' : 'inactive']),
        ),
      ]);
    });
}
