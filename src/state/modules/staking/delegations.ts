/**
 * Delegation (Cosmos x/staking keeper): bond coins for shares (amount x shares / tokens, the first
 * 1:1), unbond into entries that complete after the unbonding period, cancel part of an entry,
 * and redelegate at once with the entry tracked until it matures: no more than `maxEntries` per
 * pair (merged when created in the same block), and no hopping away from a validator with an
 * immature redelegation into it. Every change of shares runs the delegation hooks, so
 * distribution pays the pending rewards first.
 */
import { TxError } from '../../../errors.js';
import { bytesEqual } from '../../../encoding/hex.js';
import { credit, debit, NATIVE_ASSET } from '../accounts/method.js';
import { BONDED_POOL } from './accounts.js';
import { addShares, addTotals, removeShares, sharesForDelegation, sharesToRemove, type StakingEnv } from './core.js';
import { DelegatedEvent, RedelegatedEvent, UnbondingCancelledEvent, UndelegatedEvent } from './events.js';
import type { StakingContext } from './hooks.js';
import { incomingRedelegations, requireValidator, sharesOf, tokensOfShares } from './reads.js';
import {
  delegatorRedelegations,
  delegatorUnbondings,
  incomingStore,
  pairKey,
  redelegationQueue,
  redelegationStore,
  sourceRedelegations,
  tripleKey,
  unbondingQueue,
  unbondingStore,
  validatorUnbondings,
  type RedelegationEntry,
  type UnbondingEntry,
} from './stores.js';
import { keyOf } from '../../collections.js';

/** Bonds `amount` of `delegator`'s coins to `validator`; returns the shares bought. */
export function delegate(env: StakingEnv, ctx: StakingContext, delegator: Uint8Array, validator: Uint8Array, amount: bigint): bigint {
  const v = requireValidator(ctx.state, validator);
  if (v.tombstoned) throw new TxError('TX_VALIDATOR_TOMBSTONED', 'the validator is tombstoned; it takes no new stake');
  if (amount <= 0n) throw new TxError('TX_INVALID_PARAMS', 'amount must be positive');
  const shares = sharesForDelegation(v, amount);
  if (shares === 0n) throw new TxError('TX_INVALID_PARAMS', `${amount} buys no share of this validator`);
  debit(ctx.state, delegator, NATIVE_ASSET, amount);
  credit(ctx.state, BONDED_POOL, NATIVE_ASSET, amount);
  addShares(env, ctx, v, delegator, shares, amount);
  addTotals(ctx.state, { staked: amount });
  ctx.events.emit(DelegatedEvent, { delegator, validator, amount, shares });
  return shares;
}

/** Whether an entry list can take an entry created at `height` (a same-height entry merges). */
function hasRoom(env: StakingEnv, entries: readonly { creationHeight: bigint }[], height: bigint): boolean {
  return entries.some((e) => e.creationHeight === height) || entries.length < env.p.staking.maxEntries;
}

/** Unbonding started: the tokens, the shares burned and when they complete. */
export interface UnbondResult {
  readonly tokens: bigint;
  readonly shares: bigint;
  readonly completionTime: bigint;
}

/**
 * Starts unbonding `amount` tokens' worth of (delegator, validator): burns ceil(amount x shares /
 * tokens) shares (all of them if the rest would be worth nothing), and puts the tokens they were
 * worth (>= amount) into an unbonding entry that completes after the unbonding period.
 */
export function undelegate(env: StakingEnv, ctx: StakingContext, delegator: Uint8Array, validator: Uint8Array, amount: bigint): UnbondResult {
  const v = requireValidator(ctx.state, validator);
  const held = sharesOf(ctx.state, delegator, validator);
  if (held === 0n) throw new TxError('TX_NOT_FOUND', 'no delegation to this validator');
  const shares = sharesToRemove(v, held, amount);
  const key = pairKey(delegator, validator);
  const entries = unbondingStore.get(ctx.state, key)?.entries ?? [];
  if (!hasRoom(env, entries, ctx.height)) throw new TxError('TX_ENTRIES_FULL', `at most ${env.p.staking.maxEntries} unbonding entries per validator`);
  const { tokens } = removeShares(env, ctx, v, delegator, shares);
  const completionTime = BigInt(ctx.time + env.p.staking.unbondingPeriod);
  const i = entries.findIndex((e) => e.creationHeight === ctx.height);
  const next: UnbondingEntry[] = entries.map((e) => ({ ...e }));
  if (i >= 0) next[i] = { ...next[i], initialBalance: next[i].initialBalance + tokens, balance: next[i].balance + tokens };
  else {
    next.push({ creationHeight: ctx.height, completionTime, initialBalance: tokens, balance: tokens });
    unbondingQueue.push(ctx.state, new Uint8Array(0), { delegator, validator, completionTime });
  }
  unbondingStore.set(ctx.state, key, { entries: next });
  validatorUnbondings.add(ctx.state, validator, delegator);
  delegatorUnbondings.add(ctx.state, delegator, validator);
  addTotals(ctx.state, { staked: -tokens, unbonding: tokens });
  ctx.events.emit(UndelegatedEvent, { delegator, validator, amount: tokens, shares, completionTime });
  return { tokens, shares, completionTime };
}

/** Writes (or deletes, when empty) a pair's unbonding entries and its indexes. */
export function putUnbonding(ctx: StakingContext, delegator: Uint8Array, validator: Uint8Array, entries: UnbondingEntry[]): void {
  const key = pairKey(delegator, validator);
  if (entries.length > 0) {
    unbondingStore.set(ctx.state, key, { entries });
    return;
  }
  unbondingStore.del(ctx.state, key);
  validatorUnbondings.remove(ctx.state, validator, delegator);
  delegatorUnbondings.remove(ctx.state, delegator, validator);
}

/**
 * Bonds `amount` of the unbonding entry created at `creationHeight` back to the validator
 * (Cosmos MsgCancelUnbondingDelegation): the entry's balance and initial balance drop by it.
 */
export function cancelUnbonding(env: StakingEnv, ctx: StakingContext, delegator: Uint8Array, validator: Uint8Array, creationHeight: bigint, amount: bigint): bigint {
  const v = requireValidator(ctx.state, validator);
  if (v.tombstoned) throw new TxError('TX_VALIDATOR_TOMBSTONED', 'the validator is tombstoned');
  if (v.jailed) throw new TxError('TX_VALIDATOR_JAILED', 'the validator is jailed; unbondings from it cannot be cancelled');
  const entries = unbondingStore.get(ctx.state, pairKey(delegator, validator))?.entries ?? [];
  const i = entries.findIndex((e) => e.creationHeight === creationHeight && e.completionTime > BigInt(ctx.time));
  if (i < 0) throw new TxError('TX_NOT_FOUND', `no unbonding entry created at height ${creationHeight} is still unbonding`);
  if (amount <= 0n) throw new TxError('TX_INVALID_PARAMS', 'amount must be positive');
  if (amount > entries[i].balance) throw new TxError('TX_INSUFFICIENT_STAKE', `the entry holds ${entries[i].balance}, below ${amount}`);
  const shares = sharesForDelegation(v, amount);
  if (shares === 0n) throw new TxError('TX_INVALID_PARAMS', `${amount} buys no share of this validator`);
  const next = entries.map((e) => ({ ...e }));
  next[i] = { ...next[i], balance: next[i].balance - amount, initialBalance: next[i].initialBalance - amount };
  putUnbonding(ctx, delegator, validator, next.filter((e) => e.balance > 0n));
  addShares(env, ctx, v, delegator, shares, amount);
  addTotals(ctx.state, { staked: amount, unbonding: -amount });
  ctx.events.emit(UnbondingCancelledEvent, { delegator, validator, creationHeight, amount, shares });
  return shares;
}

/** Redelegation done: tokens moved, shares burned at the source and bought at the destination. */
export interface RedelegateResult {
  readonly tokens: bigint;
  readonly sharesDst: bigint;
  readonly completionTime: bigint;
}

/**
 * Moves `amount` tokens' worth of (delegator, src) to dst at once. The entry (slashable by src's
 * infractions before it, reaching the destination shares) matures after the unbonding period;
 * until then the delegator may not redelegate away from dst (no hopping).
 */
export function redelegate(env: StakingEnv, ctx: StakingContext, delegator: Uint8Array, src: Uint8Array, dst: Uint8Array, amount: bigint): RedelegateResult {
  if (bytesEqual(src, dst)) throw new TxError('TX_INVALID_PARAMS', 'source and destination are the same validator');
  const vs = requireValidator(ctx.state, src);
  const vd = requireValidator(ctx.state, dst);
  if (vd.tombstoned) throw new TxError('TX_VALIDATOR_TOMBSTONED', 'the destination validator is tombstoned; it takes no new stake');
  if (incomingRedelegations(ctx.state, delegator, src) > 0) {
    throw new TxError('TX_REDELEGATION_HOP', 'a redelegation into the source validator has not matured yet; it cannot be redelegated again until it does');
  }
  const held = sharesOf(ctx.state, delegator, src);
  if (held === 0n) throw new TxError('TX_NOT_FOUND', 'no delegation to the source validator');
  const shares = sharesToRemove(vs, held, amount);
  const key = tripleKey(delegator, src, dst);
  const entries = redelegationStore.get(ctx.state, key)?.entries ?? [];
  if (!hasRoom(env, entries, ctx.height)) throw new TxError('TX_ENTRIES_FULL', `at most ${env.p.staking.maxEntries} redelegation entries per pair of validators`);
  const expected = tokensOfShares(vs, shares);
  const sharesDst = sharesForDelegation(vd, expected);
  if (sharesDst === 0n) throw new TxError('TX_INVALID_PARAMS', `${expected} buys no share of the destination validator`);
  const { tokens } = removeShares(env, ctx, vs, delegator, shares);
  addShares(env, ctx, requireValidator(ctx.state, dst), delegator, sharesDst, tokens);
  const completionTime = BigInt(ctx.time + env.p.staking.unbondingPeriod);
  const i = entries.findIndex((e) => e.creationHeight === ctx.height);
  const next: RedelegationEntry[] = entries.map((e) => ({ ...e }));
  if (i >= 0) next[i] = { ...next[i], initialBalance: next[i].initialBalance + tokens, sharesDst: next[i].sharesDst + sharesDst };
  else {
    next.push({ creationHeight: ctx.height, completionTime, initialBalance: tokens, sharesDst });
    incomingStore.set(ctx.state, pairKey(delegator, dst), incomingRedelegations(ctx.state, delegator, dst) + 1);
    redelegationQueue.push(ctx.state, new Uint8Array(0), { delegator, src, dst, completionTime });
  }
  redelegationStore.set(ctx.state, key, { entries: next });
  sourceRedelegations.add(ctx.state, src, keyOf(delegator, dst));
  delegatorRedelegations.add(ctx.state, delegator, keyOf(src, dst));
  ctx.events.emit(RedelegatedEvent, { delegator, src, dst, amount: tokens, sharesDst, completionTime });
  return { tokens, sharesDst, completionTime };
}
