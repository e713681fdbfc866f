/** Events of the staking module: every change of a validator, a delegation, an entry or the active set. */
import { bytes, enumOf, str, struct, u128, u32, u64 } from '../../../encoding/codec.js';
import { address } from '../../../primitives/address-codec.js';
import { EventType } from '../../events.js';
import { PUBLIC_KEY_BYTES } from './stores.js';

/** A validator was registered (by its operator, the staking pool, or genesis). */
export const ValidatorRegisteredEvent = new EventType('staking', 'validatorRegistered', struct('ValidatorRegistered', {
  validator: address,
  operator: address,
  selfDelegator: address,
  rewardAddress: address,
  publicKey: bytes(PUBLIC_KEY_BYTES),
  selfStake: u128,
  commissionRate: u64,
  commissionMaxRate: u64,
  commissionMaxChangeRate: u64,
}));
/** A validator's commission or reward address changed. */
export const ValidatorEditedEvent = new EventType('staking', 'validatorEdited', struct('ValidatorEdited', { validator: address, commissionRate: u64, rewardAddress: address }));
/** Coins were bonded for shares. */
export const DelegatedEvent = new EventType('staking', 'delegated', struct('Delegated', { delegator: address, validator: address, amount: u128, shares: u128 }));
/** Shares were burned and their tokens started unbonding until `completionTime`. */
export const UndelegatedEvent = new EventType('staking', 'undelegated', struct('Undelegated', { delegator: address, validator: address, amount: u128, shares: u128, completionTime: u64 }));
/** Part of an unbonding entry was bonded back. */
export const UnbondingCancelledEvent = new EventType('staking', 'unbondingCancelled', struct('UnbondingCancelled', { delegator: address, validator: address, creationHeight: u64, amount: u128, shares: u128 }));
/** Unbonded coins were paid back to the delegator. */
export const UnbondingCompletedEvent = new EventType('staking', 'unbondingCompleted', struct('UnbondingCompleted', { delegator: address, validator: address, amount: u128 }));
/** Stake moved from one validator to another at once. */
export const RedelegatedEvent = new EventType('staking', 'redelegated', struct('Redelegated', { delegator: address, src: address, dst: address, amount: u128, sharesDst: u128, completionTime: u64 }));
/** Why a validator was jailed. */
export const JailReason = enumOf('JailReason', ['downtime', 'double-sign', 'self-stake'] as const);
/** A validator was jailed (leaves the active set at the next set change); `until` u64 max = for ever. */
export const JailedEvent = new EventType('staking', 'jailed', struct('Jailed', { validator: address, until: u64, reason: JailReason }));
/** A jailed validator was released. */
export const UnjailedEvent = new EventType('staking', 'unjailed', struct('Unjailed', { validator: address }));
/** A validator was tombstoned (jailed for ever, never unjailed). */
export const TombstonedEvent = new EventType('staking', 'tombstoned', struct('Tombstoned', { validator: address }));
/**
 * A validator was slashed: `slashAmount` = fraction x its tokens at `infractionHeight`; what began
 * unbonding or redelegating after the infraction paid `fromUnbonding` / `fromRedelegations` of it
 * and the validator's tokens the rest (`fromValidator`), so every share of it is worth less.
 */
export const SlashedEvent = new EventType('staking', 'slashed', struct('Slashed', {
  validator: address,
  reason: str(16),
  infractionHeight: u64,
  fraction: u64,
  tokensAtInfraction: u128,
  slashAmount: u128,
  fromValidator: u128,
  fromUnbonding: u128,
  fromRedelegations: u128,
  tokensAfter: u128,
}));
/** An unbonding entry begun after an infraction lost `amount` to its slash. */
export const UnbondingSlashedEvent = new EventType('staking', 'unbondingSlashed', struct('UnbondingSlashed', { delegator: address, validator: address, creationHeight: u64, amount: u128 }));
/** A redelegation begun after an infraction at `src` lost shares at `dst`, burned as `amount` tokens. */
export const RedelegationSlashedEvent = new EventType('staking', 'redelegationSlashed', struct('RedelegationSlashed', { delegator: address, src: address, dst: address, creationHeight: u64, shares: u128, amount: u128 }));
/** A validator entered the active set effective from `fromHeight`. */
export const ValidatorBondedEvent = new EventType('staking', 'validatorBonded', struct('ValidatorBonded', { validator: address, fromHeight: u64, power: u64 }));
/** A validator left the active set effective from `fromHeight`. */
export const ValidatorUnbondedEvent = new EventType('staking', 'validatorUnbonded', struct('ValidatorUnbonded', { validator: address, fromHeight: u64 }));
/** The active set changes at `fromHeight` (one block after the block that computed it). */
export const ActiveSetChangedEvent = new EventType('staking', 'activeSetChanged', struct('ActiveSetChanged', { fromHeight: u64, size: u32, totalPower: u64 }));

/** Every staking event type. */
export const stakingEvents = [
  ValidatorRegisteredEvent,
  ValidatorEditedEvent,
  DelegatedEvent,
  UndelegatedEvent,
  UnbondingCancelledEvent,
  UnbondingCompletedEvent,
  RedelegatedEvent,
  JailedEvent,
  UnjailedEvent,
  TombstonedEvent,
  SlashedEvent,
  UnbondingSlashedEvent,
  RedelegationSlashedEvent,
  ValidatorBondedEvent,
  ValidatorUnbondedEvent,
  ActiveSetChangedEvent,
];
