/**
 * What the staking pool is worth, read from state: its idle CWC (the pool account's balance), the
 * value of its delegations to the validators it funded, the stake unbonding back to it, less the
 * CWC it owes to withdrawal tickets. The exchange rate is pooled / shares (1:1 while there are no
 * shares). Pending rewards are not pooled until harvested; the status view shows them apart.
 */
import { mulRateFloor } from '../../../util/decimal.js';
import type { ProofOfStakeParams } from '../../../params/staking.js';
import type { StateReader } from '../../state-view.js';
import { balanceOf, getAccount, NATIVE_ASSET } from '../accounts/method.js';
import { pendingRewards } from '../distribution/method.js';
import { delegationValue, STAKING_POOL_ACCOUNT, unbondingEntries } from '../staking/method.js';
import { activeValidators, exitingValidators, poolStore, type PoolState } from './stores.js';

/** The pool's totals (all zero before genesis wrote it). */
export function poolStateOf(state: StateReader): PoolState {
  return poolStore.get(state, 's') ?? { assetId: 0, totalShares: 0n, owed: 0n, deposited: 0n, withdrawn: 0n, rewardsKept: 0n, feesPaid: 0n, funded: 0 };
}

/** The parts of the pooled total. */
export interface PoolHoldings {
  /** Idle CWC in the pool account (tickets are paid from it). */
  readonly idle: bigint;
  /** What the pool's delegations are worth now. */
  readonly staked: bigint;
  /** Stake unbonding back to the pool. */
  readonly unbonding: bigint;
  /** CWC owed to withdrawal tickets. */
  readonly owed: bigint;
  /** idle + staked + unbonding - owed: what the shares are worth. */
  readonly pooled: bigint;
}

/** The pool's holdings now. */
export function poolHoldings(state: StateReader): PoolHoldings {
  const idle = balanceOf(getAccount(state, STAKING_POOL_ACCOUNT), NATIVE_ASSET);
  let staked = 0n;
  for (const v of activeValidators.items(state)) staked += delegationValue(state, STAKING_POOL_ACCOUNT, v);
  let unbonding = 0n;
  for (const v of exitingValidators.items(state)) for (const e of unbondingEntries(state, STAKING_POOL_ACCOUNT, v)) unbonding += e.balance;
  const owed = poolStateOf(state).owed;
  return { idle, staked, unbonding, owed, pooled: idle + staked + unbonding - owed };
}

/** Rewards the pool would harvest now, and the fee its operators would get of them. */
export function pendingPoolRewards(state: StateReader, p: ProofOfStakeParams): { rewards: bigint; fee: bigint } {
  let rewards = 0n;
  let fee = 0n;
  for (const v of activeValidators.items(state)) {
    const r = pendingRewards(state, STAKING_POOL_ACCOUNT, v);
    const total = r.provision + r.tip;
    rewards += total;
    fee += mulRateFloor(total, p.pool.feeRate);
  }
  return { rewards, fee };
}

/** Shares a deposit of `amount` buys at pooled / shares (floor; 1:1 with no shares). */
export function sharesForDeposit(pooled: bigint, totalShares: bigint, amount: bigint): bigint {
  return totalShares === 0n ? amount : (amount * totalShares) / pooled;
}

/** CWC `shares` are worth at pooled / shares (floor). */
export function valueOfShares(pooled: bigint, totalShares: bigint, shares: bigint): bigint {
  return totalShares === 0n ? 0n : (shares * pooled) / totalShares;
}
