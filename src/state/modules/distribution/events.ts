/** Events of the distribution module: every allocation, payout and remainder, with its cause. */
import { struct, u128, u32, u64 } from '../../../encoding/codec.js';
import { address } from '../../../primitives/address-codec.js';
import { EventType } from '../../events.js';

/**
 * A block's rewards were allocated: its provision and the previous block's tips, the community
 * tax, the validators that signed the parent (by power) and what the pro-rata split left over.
 */
export const AllocatedEvent = new EventType('distribution', 'allocated', struct('RewardsAllocated', {
  provision: u128,
  tips: u128,
  communityTax: u128,
  remainder: u128,
  signers: u32,
  signerPower: u64,
}));
/** A delegator's rewards were paid (claim, or automatically before its delegation changed). */
export const RewardsPaidEvent = new EventType('distribution', 'rewardsPaid', struct('RewardsPaid', { delegator: address, validator: address, provision: u128, tip: u128 }));
/** A validator's commission was paid to its reward address. */
export const CommissionPaidEvent = new EventType('distribution', 'commissionPaid', struct('CommissionPaid', { validator: address, recipient: address, amount: u128 }));
/** Rewards that could not be owed to anyone went to the community pool (`reason`: 0 no shares in the period, 1 rounding dust once the last delegation left). */
export const ToCommunityPoolEvent = new EventType('distribution', 'toCommunityPool', struct('ToCommunityPool', { validator: address, amount: u128, reason: u32 }));
/** Tips of a block were collected for distribution in the next block. */
export const FeesCollectedEvent = new EventType('distribution', 'feesCollected', struct('FeesCollected', { height: u64, amount: u128 }));

/** Every distribution event type. */
export const distributionEvents = [AllocatedEvent, RewardsPaidEvent, CommissionPaidEvent, ToCommunityPoolEvent, FeesCollectedEvent];
