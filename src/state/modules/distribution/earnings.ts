/**
 * Every reward paid, with its cause (block provision, tip, commission, pool fee): credited from the
 * distribution account (the pool fee from the staking pool's), added to the account's earnings by
 * cause, and appended to its recent history, so no reward is silent.
 */
import type { StateReader, StateWriter } from '../../state-view.js';
import { earningsStore, recentStore, RECENT_REWARDS, type Earnings, type RewardCause, type RewardRecord } from './stores.js';

/** An account's earnings by cause (all zero if it never earned). */
export function earningsOf(state: StateReader, account: Uint8Array): Earnings {
  return earningsStore.get(state, account) ?? { provision: 0n, tip: 0n, commission: 0n, poolFee: 0n };
}

/** An account's most recent rewards, oldest first. */
export function recentRewards(state: StateReader, account: Uint8Array): RewardRecord[] {
  return recentStore.get(state, account) ?? [];
}

/** Records a reward of `amount` for `account` (no-op for 0). */
export function recordReward(state: StateWriter, account: Uint8Array, r: { height: bigint; validator: Uint8Array; cause: RewardCause; amount: bigint }): void {
  if (r.amount === 0n) return;
  const e = earningsOf(state, account);
  earningsStore.set(state, account, { ...e, [r.cause]: e[r.cause] + r.amount });
  const recent = [...recentRewards(state, account), { height: r.height, validator: r.validator, cause: r.cause, amount: r.amount }];
  recentStore.set(state, account, recent.slice(-RECENT_REWARDS));
}
