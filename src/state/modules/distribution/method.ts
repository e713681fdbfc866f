/**
 * What other modules, RPC and tests may use of distribution: pending rewards of a delegation (what
 * a claim would pay now, by cause), a validator's commission and outstanding rewards, the totals
 * of the invariant, each account's earnings by cause and recent history, `recordReward` (the
 * staking pool records its fee through it), and `createDistribution`, whose hooks staking calls.
 */
import type { StateReader } from '../../state-view.js';
import { delegationsOf, getValidator } from '../staking/method.js';
import { pendingRewards as pendingOfValidator, rewardsOf } from './f1.js';

export { createDistribution, type DistributionMethods, type PaidRewards } from './operations.js';
export { signingMembers } from './allocate.js';
export { earningsOf, recentRewards, recordReward } from './earnings.js';
export { rewardsOf as validatorRewardsOf } from './f1.js';
export { DISTRIBUTION, RATIO_SCALE, type DistributionTotals, type Earnings, type RewardCause, type RewardRecord, type ValidatorRewards } from './stores.js';
export { distributionTotals } from './totals.js';

/** What claiming (delegator, validator) would pay now, by cause. */
export function pendingRewards(state: StateReader, delegator: Uint8Array, validator: Uint8Array): { provision: bigint; tip: bigint } {
  const v = getValidator(state, validator);
  return v ? pendingOfValidator(state, v, delegator) : { provision: 0n, tip: 0n };
}

/** Pending rewards of every delegation of `delegator`. */
export function pendingRewardsOf(state: StateReader, delegator: Uint8Array): Array<{ validator: Uint8Array; provision: bigint; tip: bigint }> {
  return delegationsOf(state, delegator).map((d) => ({ validator: d.validator, ...pendingRewards(state, delegator, d.validator) }));
}

/** Commission a validator has accumulated and not yet claimed. */
export function commissionOf(state: StateReader, validator: Uint8Array): bigint {
  return rewardsOf(state, validator).commission;
}
