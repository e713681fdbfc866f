/**
 * What other modules, RPC and tests may use of distribution: pending rewards of a delegation (what
 * a claim would pay now, by cause), a validator's commission and outstanding rewards, the totals
 * of the invariant, each account's earnings by cause and recent history, `recordReward` (the
 * staking pool records its fee through it), and `createDistribution`, whose hooks staking calls.
 */
import type { StateReader } from '../../state-view.js';
import { delegationsOf, getValidator } from '../staking/method.js';
import { pendingRewards as pendingOfValidator, rewardsOf } from './f1.js';

/** The distribution operations and hooks a chain is built with. */
export { createDistribution, type DistributionMethods, type PaidRewards } from './operations.js';
/** The members of a set that signed (allocation's filter). */
export { signingMembers } from './allocate.js';
/** Earnings by cause and recent reward history of an account; recording a reward (the pool fee). */
export { earningsOf, recentRewards, recordReward } from './earnings.js';
/** A validator's distribution record (period, current rewards, commission, outstanding). */
export { rewardsOf as validatorRewardsOf } from './f1.js';
/** Module name, the ratio scale and the record types. */
export { DISTRIBUTION, RATIO_SCALE, type DistributionTotals, type Earnings, type RewardCause, type RewardRecord, type ValidatorRewards } from './stores.js';
/** The totals the invariant adds up. */
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
