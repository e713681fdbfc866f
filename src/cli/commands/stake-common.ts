/**
 * What the `stake` and `staking-pool` commands share: typed reads of the proof-of-stake endpoints
 * (a node without proof of stake is a clear CLI_BAD_ARGUMENT, an unknown validator CLI_NOT_FOUND),
 * the rewards a receipt shows as paid (`distribution.rewardsPaid`: every delegation change pays the
 * pending rewards first, issue 11, and the CLI shows them, never silently), and amount parsing
 * with `all`.
 */
import { InvalidArgumentError } from 'commander';
import { RpcError, type CoinworksClient, type EventJson, type MethodResult, type ValidatorJson } from '../../client/index.js';
import type { CliApp } from '../app.js';
import { formatAmount, parseAmount } from '../amount.js';
import { CliError } from '../errors.js';
import { resolveAddress } from '../wallets.js';

/** staking_getDelegations result. */
export type DelegationsJson = MethodResult<'staking_getDelegations'>;
/** staking_getRewards result. */
export type RewardsJson = MethodResult<'staking_getRewards'>;
/** staking_getApr result. */
export type AprJson = MethodResult<'staking_getApr'>;
/** staking_getPool result. */
export type PoolJson = MethodResult<'staking_getPool'>;

/** Runs a proof-of-stake read; RPC_NO_STAKING becomes CLI_BAD_ARGUMENT naming the node. */
export async function stakingRead<T>(app: CliApp, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof RpcError && (e.code === 'RPC_NO_STAKING' || e.code === 'RPC_METHOD_NOT_FOUND')) {
      throw new CliError('CLI_BAD_ARGUMENT', `the node at ${app.rpcUrl ?? 'the RPC URL'} runs no proof of stake (start one with --network pos-devnet)`);
    }
    throw e;
  }
}

/** An account's delegations, unbonding entries and redelegations. */
export function getDelegations(app: CliApp, client: CoinworksClient, address: string): Promise<DelegationsJson> {
  return stakingRead(app, () => client.request('staking_getDelegations', [address]));
}

/** An account's pending rewards, commission due, earnings and history. */
export function getRewards(app: CliApp, client: CoinworksClient, address: string): Promise<RewardsJson> {
  return stakingRead(app, () => client.request('staking_getRewards', [address]));
}

/** The staking yield (after a validator's commission, or through the pool). */
export function getApr(app: CliApp, client: CoinworksClient, o: { validator?: string; pool?: boolean; compounding?: number } = {}): Promise<AprJson> {
  return stakingRead(app, async () => {
    try {
      return await client.request('staking_getApr', [o.validator ?? null, o.pool ?? false, o.compounding ?? 365]);
    } catch (e) {
      if (e instanceof RpcError && e.code === 'RPC_NOT_FOUND' && o.validator) throw notAValidator(o.validator);
      throw e;
    }
  });
}

/** The staking pool, with `address`'s position when given. */
export function getPool(app: CliApp, client: CoinworksClient, address?: string): Promise<PoolJson> {
  return stakingRead(app, () => client.request('staking_getPool', address ? [address] : []));
}

function notAValidator(address: string): CliError {
  return new CliError('CLI_NOT_FOUND', `${address} is not a registered validator (see \`coinworks validator list\`)`);
}

/** A validator by address or wallet label; CLI_NOT_FOUND when none is registered there. */
export async function requireValidator(app: CliApp, client: CoinworksClient, ref: string, o: { wallet?: string; walletDir?: string }): Promise<ValidatorJson> {
  const address = await resolveAddress(ref, o, app.env);
  return stakingRead(app, async () => {
    try {
      return await client.getValidator(address);
    } catch (e) {
      if (e instanceof RpcError && e.code === 'RPC_NOT_FOUND') throw notAValidator(address);
      throw e;
    }
  });
}

/** One automatic (or claimed) reward payout a receipt shows. */
export interface PaidReward {
  readonly validator: string;
  readonly provision: string;
  readonly tip: string;
  /** provision + tip, base units. */
  readonly total: string;
}

/** The `distribution.rewardsPaid` events of a receipt paid to `delegator`. */
export function rewardsPaidIn(events: readonly EventJson[], delegator: string): PaidReward[] {
  const out: PaidReward[] = [];
  for (const e of events) {
    if (e.module !== 'distribution' || e.name !== 'rewardsPaid') continue;
    const d = e.data as { delegator?: string; validator?: string; provision?: string; tip?: string };
    if (d.delegator !== delegator || d.validator === undefined) continue;
    const provision = BigInt(d.provision ?? '0');
    const tip = BigInt(d.tip ?? '0');
    out.push({ validator: d.validator, provision: provision.toString(), tip: tip.toString(), total: (provision + tip).toString() });
  }
  return out;
}

/** The data of the first event `module.name` in a receipt (undefined if none). */
export function eventData<T>(events: readonly EventJson[], module: string, name: string): T | undefined {
  return events.find((e) => e.module === module && e.name === name)?.data as T | undefined;
}

/** Sum of the paid rewards, base units. */
export function paidTotal(paid: readonly PaidReward[]): bigint {
  return paid.reduce((s, p) => s + BigInt(p.total), 0n);
}

/** Human rows for rewards a receipt paid (one per validator that paid something), or one row saying none were due. */
export function paidRows(paid: readonly PaidReward[], label = 'rewards paid'): Array<readonly [string, string]> {
  const some = paid.filter((p) => BigInt(p.total) > 0n);
  if (some.length === 0) return [[label, 'none were pending']];
  return some.map((p) => [label, `${formatAmount(p.total)} from ${p.validator} (provision ${formatAmount(p.provision)}, tips ${formatAmount(p.tip)})`] as const);
}

/** A block time (seconds) as an ISO date. */
export function timeText(seconds: number | string): string {
  return new Date(Number(seconds) * 1000).toISOString().replace('.000Z', 'Z');
}

/** An amount of CWC or `all`. */
export type AmountOrAll = bigint | 'all';

/** Parser of a CWC amount or the word `all`. */
export function amountOrAllArg(v: string): AmountOrAll {
  if (v.trim().toLowerCase() === 'all') return 'all';
  try {
    return parseAmount(v);
  } catch (e) {
    throw new InvalidArgumentError(e instanceof CliError ? e.message.replace(/^invalid amount "[^"]*": /, '') + ' (or "all")' : String(e));
  }
}

/** Parses an amount argument (CLI_BAD_AMOUNT, a usage error, on bad text). */
export function parseAmountOrAll(v: string): AmountOrAll {
  if (v.trim().toLowerCase() === 'all') return 'all';
  return parseAmount(v);
}
