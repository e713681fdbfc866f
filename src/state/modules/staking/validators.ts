/**
 * Validator lifecycle (Cosmos MsgCreateValidator, MsgEditValidator, MsgUnjail, tombstoning):
 * registration with a consensus key and a self-stake of at least the network minimum, commission
 * within its cap and daily change limit at most once per 24 h of block time, and release from jail
 * once it has expired and the self-stake is back above the minimum.
 */
import { TxError } from '../../../errors.js';
import { bytesEqual } from '../../../encoding/hex.js';
import { addressOfPublicKey } from '../../../crypto/address.js';
import { isValidPublicKey } from '../../../crypto/keys.js';
import { DEC_ONE } from '../../../util/decimal.js';
import type { ProofOfStakeParams } from '../../../params/staking.js';
import { FOREVER, jail, markDirty, putValidator, type StakingEnv } from './core.js';
import { delegate } from './delegations.js';
import { TombstonedEvent, UnjailedEvent, ValidatorEditedEvent, ValidatorRegisteredEvent } from './events.js';
import type { StakingContext } from './hooks.js';
import type { StateReader } from '../../state-view.js';
import { requireValidator, selfStakeOf } from './reads.js';
import { publicKeyStore, validatorList, validatorStore, type Validator } from './stores.js';

/** What a new validator needs. */
export interface NewValidator {
  /** Account that edits and unjails it. */
  readonly operator: Uint8Array;
  /** Whose delegation counts as self-stake (the operator, or the staking pool). */
  readonly selfDelegator: Uint8Array;
  /** Where its commission goes. */
  readonly rewardAddress: Uint8Array;
  readonly publicKey: Uint8Array;
  /** Bonded from the self-delegator's balance. */
  readonly selfStake: bigint;
  readonly commission: { readonly rate: bigint; readonly maxRate: bigint; readonly maxChangeRate: bigint };
}

/** Throws TX_COMMISSION_INVALID unless 0 <= rate <= maxRate <= 1 and maxChangeRate <= maxRate. */
export function checkCommission(c: NewValidator['commission']): void {
  if (c.maxRate > DEC_ONE) throw new TxError('TX_COMMISSION_INVALID', 'the maximum commission rate is above 100%');
  if (c.rate > c.maxRate) throw new TxError('TX_COMMISSION_INVALID', 'the commission rate is above its maximum');
  if (c.maxChangeRate > c.maxRate) throw new TxError('TX_COMMISSION_INVALID', 'the maximum daily change is above the maximum rate');
}

/** Read-only checks of a registration (mempool and before execution). */
export function checkNewValidator(p: ProofOfStakeParams, state: StateReader, n: NewValidator): void {
  if (!isValidPublicKey(n.publicKey)) throw new TxError('TX_INVALID_PARAMS', 'the consensus key is not a compressed secp256k1 point');
  if (publicKeyStore.get(state, n.publicKey) !== undefined || validatorStore.get(state, addressOfPublicKey(n.publicKey)) !== undefined) {
    throw new TxError('TX_DUPLICATE', 'a validator with this consensus key exists');
  }
  if (n.selfStake < p.staking.minSelfStake) {
    throw new TxError('TX_BELOW_MIN_SELF_STAKE', `self-stake ${n.selfStake} is below the minimum ${p.staking.minSelfStake}`, { minimum: p.staking.minSelfStake.toString() });
  }
  checkCommission(n.commission);
}

/** Creates a validator and bonds its self-stake from the self-delegator's balance; returns it. */
export function createValidator(env: StakingEnv, ctx: StakingContext, n: NewValidator): Validator {
  checkNewValidator(env.p, ctx.state, n);
  const address = addressOfPublicKey(n.publicKey);
  const v: Validator = {
    address,
    operator: n.operator,
    selfDelegator: n.selfDelegator,
    rewardAddress: n.rewardAddress,
    publicKey: n.publicKey,
    tokens: 0n,
    shares: 0n,
    commission: { rate: n.commission.rate, maxRate: n.commission.maxRate, maxChangeRate: n.commission.maxChangeRate, updatedAt: BigInt(ctx.time) },
    jailed: false,
    jailedUntil: 0n,
    tombstoned: false,
    bonded: false,
    createdHeight: ctx.height,
    bondedIntervals: [],
  };
  putValidator(ctx.state, v);
  validatorList.add(ctx.state, new Uint8Array(0), address);
  publicKeyStore.set(ctx.state, n.publicKey, address);
  env.hooks.afterValidatorCreated(ctx, v);
  ctx.events.emit(ValidatorRegisteredEvent, {
    validator: address,
    operator: n.operator,
    selfDelegator: n.selfDelegator,
    rewardAddress: n.rewardAddress,
    publicKey: n.publicKey,
    selfStake: n.selfStake,
    commissionRate: n.commission.rate,
    commissionMaxRate: n.commission.maxRate,
    commissionMaxChangeRate: n.commission.maxChangeRate,
  });
  delegate(env, ctx, n.selfDelegator, address, n.selfStake);
  return requireValidator(ctx.state, address);
}

/** Checks an edit by `sender` (read-only); returns the new commission rate or null. */
export function checkEdit(p: ProofOfStakeParams, v: Validator, sender: Uint8Array, rate: bigint | null, time: number): bigint | null {
  if (!bytesEqual(sender, v.operator)) throw new TxError('TX_UNAUTHORIZED', 'only the validator operator may edit it');
  if (rate === null || rate === v.commission.rate) return null;
  const since = BigInt(time) - v.commission.updatedAt;
  if (since < BigInt(p.staking.commissionChangeInterval)) {
    throw new TxError('TX_COMMISSION_INVALID', `the commission changed ${since}s ago; it may change once every ${p.staking.commissionChangeInterval}s`);
  }
  if (rate > v.commission.maxRate) throw new TxError('TX_COMMISSION_INVALID', 'the commission rate is above its maximum');
  const delta = rate > v.commission.rate ? rate - v.commission.rate : v.commission.rate - rate;
  if (delta > v.commission.maxChangeRate) throw new TxError('TX_COMMISSION_INVALID', 'the change is above the maximum daily change');
  return rate;
}

/** Applies an edit: commission (at most once per interval, within its limits) and/or reward address. */
export function editValidator(env: StakingEnv, ctx: StakingContext, sender: Uint8Array, address: Uint8Array, rate: bigint | null, rewardAddress: Uint8Array | null): Validator {
  const v = requireValidator(ctx.state, address);
  const newRate = checkEdit(env.p, v, sender, rate, ctx.time);
  const commission = newRate === null ? v.commission : { ...v.commission, rate: newRate, updatedAt: BigInt(ctx.time) };
  const after = { ...v, commission, rewardAddress: rewardAddress ?? v.rewardAddress };
  putValidator(ctx.state, after);
  ctx.events.emit(ValidatorEditedEvent, { validator: address, commissionRate: after.commission.rate, rewardAddress: after.rewardAddress });
  return after;
}

/** Checks an unjail by `sender` (read-only). */
export function checkUnjail(p: ProofOfStakeParams, state: StateReader, v: Validator, sender: Uint8Array, time: number): void {
  if (!bytesEqual(sender, v.operator)) throw new TxError('TX_UNAUTHORIZED', 'only the validator operator may unjail it');
  if (v.tombstoned) throw new TxError('TX_VALIDATOR_TOMBSTONED', 'the validator is tombstoned for a duplicate vote and is jailed for ever');
  if (!v.jailed) throw new TxError('TX_NOT_JAILED', 'the validator is not jailed');
  if (BigInt(time) < v.jailedUntil) throw new TxError('TX_VALIDATOR_JAILED', `the jail lasts until block time ${v.jailedUntil}`, { until: v.jailedUntil.toString() });
  const self = selfStakeOf(state, v);
  if (self < p.staking.minSelfStake) {
    throw new TxError('TX_BELOW_MIN_SELF_STAKE', `self-stake ${self} is below the minimum ${p.staking.minSelfStake}`, { minimum: p.staking.minSelfStake.toString() });
  }
}

/** Releases a jailed validator (it rejoins the active set at the next set change if its power ranks). */
export function unjail(env: StakingEnv, ctx: StakingContext, sender: Uint8Array, address: Uint8Array): Validator {
  const v = requireValidator(ctx.state, address);
  checkUnjail(env.p, ctx.state, v, sender, ctx.time);
  const after = { ...v, jailed: false, jailedUntil: 0n };
  putValidator(ctx.state, after);
  markDirty(ctx.state);
  ctx.events.emit(UnjailedEvent, { validator: address });
  return after;
}

/** Jails `v` for ever and marks it tombstoned (duplicate vote). */
export function tombstone(ctx: StakingContext, address: Uint8Array): Validator {
  let v = requireValidator(ctx.state, address);
  if (v.tombstoned) return v;
  v = jail(ctx, v, FOREVER, 'double-sign');
  const after = { ...v, tombstoned: true };
  putValidator(ctx.state, after);
  ctx.events.emit(TombstonedEvent, { validator: address });
  return after;
}
