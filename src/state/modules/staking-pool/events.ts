/** Events of the staking pool: deposits, withdrawals, rewards and fees, funded validators, and every fall of the exchange rate. */
import { bytes, struct, u128, u32, u64 } from '../../../encoding/codec.js';
import { address } from '../../../primitives/address-codec.js';
import { EventType } from '../../events.js';

/** A node operator queued for a pool validator. */
export const OperatorQueuedEvent = new EventType('staking-pool', 'operatorQueued', struct('PoolOperatorQueued', { operator: address, publicKey: bytes(33), position: u32 }));
/** CWC deposited for shares; `pooled` / `totalShares` is the rate after it. */
export const DepositedEvent = new EventType('staking-pool', 'deposited', struct('PoolDeposited', { user: address, amount: u128, shares: u128, pooled: u128, totalShares: u128 }));
/** Shares burned for a ticket of `amount` CWC, paid from `completionTime`. */
export const WithdrawalRequestedEvent = new EventType('staking-pool', 'withdrawalRequested', struct('PoolWithdrawalRequested', { user: address, shares: u128, amount: u128, completionTime: u64 }));
/** A ticket was paid. */
export const WithdrawalPaidEvent = new EventType('staking-pool', 'withdrawalPaid', struct('PoolWithdrawalPaid', { user: address, amount: u128 }));
/** Rewards collected from a pool validator: `fee` to its operator, the rest stays pooled (the rate rises). */
export const HarvestedEvent = new EventType('staking-pool', 'harvested', struct('PoolHarvested', { validator: address, rewards: u128, fee: u128, operator: address }));
/** 32 CWC pooled funded a validator run by `operator`. */
export const ValidatorFundedEvent = new EventType('staking-pool', 'validatorFunded', struct('PoolValidatorFunded', { validator: address, operator: address, stake: u128 }));
/** The pool took its stake back from a validator (withdrawals, or it was tombstoned or jailed below the minimum). */
export const ValidatorExitedEvent = new EventType('staking-pool', 'validatorExited', struct('PoolValidatorExited', { validator: address, amount: u128, completionTime: u64 }));
/** A queued operator's key could not be used (taken meanwhile) and was dropped. */
export const OperatorSkippedEvent = new EventType('staking-pool', 'operatorSkipped', struct('PoolOperatorSkipped', { operator: address, publicKey: bytes(33) }));
/** A slash of a pool validator lowered the exchange rate for every holder: pooled went from `pooledBefore` to `pooledAfter` over the same shares. */
export const RateLoweredEvent = new EventType('staking-pool', 'rateLowered', struct('PoolRateLowered', { validator: address, pooledBefore: u128, pooledAfter: u128, totalShares: u128 }));

/** Every staking pool event type. */
export const stakingPoolEvents = [
  OperatorQueuedEvent,
  DepositedEvent,
  WithdrawalRequestedEvent,
  WithdrawalPaidEvent,
  HarvestedEvent,
  ValidatorFundedEvent,
  ValidatorExitedEvent,
  OperatorSkippedEvent,
  RateLoweredEvent,
];
