/**
 * The shared core of every staking operation: the environment (parameters and composed hooks),
 * writing a validator, the dirty mark that makes the end of the block recompute the active set,
 * the totals, and adding or removing shares of a delegation with the hooks around it (Cosmos's
 * `Delegate`/`Unbond` internals), including the rule that a self-stake under the minimum jails.
 */
import { TxError } from '../../../errors.js';
import { bytesEqual } from '../../../encoding/hex.js';
import { mulDivCeil } from '../../../util/decimal.js';
import type { ProofOfStakeParams } from '../../../params/staking.js';
import type { StateWriter } from '../../state-view.js';
import { JailedEvent, type JailReason } from './events.js';
import type { StakingContext, StakingHooks } from './hooks.js';
import { tokensOfShares } from './reads.js';
import { delegationStore, delegatorValidators, dirtyStore, pairKey, totalsStore, validatorStore, type Totals, type Validator } from './stores.js';
import type { Infer } from '../../../encoding/codec.js';

/** Parameters and hooks every staking operation runs with. */
export interface StakingEnv {
  readonly p: ProofOfStakeParams;
  readonly hooks: Required<StakingHooks>;
}

/** Block time meaning "for ever" (a tombstone's jail). */
export const FOREVER = 0xffff_ffff_ffff_ffffn;

/** Writes a validator record. */
export function putValidator(state: StateWriter, v: Validator): void {
  validatorStore.set(state, v.address, v);
}

/** Marks the block as having changed powers or membership (the active set is recomputed at its end). */
export function markDirty(state: StateWriter): void {
  if (!dirtyStore.get(state, 'd')) dirtyStore.set(state, 'd', true);
}

/** Adjusts the staking totals. */
export function addTotals(state: StateWriter, d: Partial<Totals>): void {
  const t = totalsStore.get(state, 't') ?? { staked: 0n, unbonding: 0n, bonded: 0n };
  const next = { staked: t.staked + (d.staked ?? 0n), unbonding: t.unbonding + (d.unbonding ?? 0n), bonded: t.bonded + (d.bonded ?? 0n) };
  if (next.staked < 0n || next.unbonding < 0n || next.bonded < 0n) throw new Error('staking totals would go negative');
  totalsStore.set(state, 't', next);
}

/** Shares a new delegation of `amount` buys: amount x shares / tokens (floor), 1:1 for the first. */
export function sharesForDelegation(v: Validator, amount: bigint): bigint {
  if (v.shares === 0n) return amount;
  if (v.tokens === 0n) throw new TxError('TX_INVALID_PARAMS', 'the validator has shares but no tokens left (slashed to zero): its shares have no price');
  return (amount * v.shares) / v.tokens;
}

/**
 * Shares to burn to take `amount` tokens out of a delegation holding `held` shares: ceil(amount x
 * shares / tokens), so the tokens paid out are at least `amount`; every share when what would be
 * left is worth nothing (no dust delegations).
 */
export function sharesToRemove(v: Validator, held: bigint, amount: bigint): bigint {
  if (amount <= 0n) throw new TxError('TX_INVALID_PARAMS', 'amount must be positive');
  const value = tokensOfShares(v, held);
  if (amount > value) throw new TxError('TX_INSUFFICIENT_STAKE', `the delegation is worth ${value}, below ${amount}`, { value: value.toString() });
  let shares = mulDivCeil(amount, v.shares, v.tokens);
  if (shares > held) shares = held;
  if (tokensOfShares(v, held - shares) === 0n) shares = held;
  return shares;
}

/** Adds `shares` worth `tokens` to (delegator, v), with the delegation hooks around it; returns the validator as after. */
export function addShares(env: StakingEnv, ctx: StakingContext, v: Validator, delegator: Uint8Array, shares: bigint, tokens: bigint): Validator {
  env.hooks.beforeDelegationChange(ctx, v, delegator);
  const key = pairKey(delegator, v.address);
  const held = delegationStore.get(ctx.state, key)?.shares ?? 0n;
  delegationStore.set(ctx.state, key, { shares: held + shares });
  delegatorValidators.add(ctx.state, delegator, v.address);
  const after = { ...v, tokens: v.tokens + tokens, shares: v.shares + shares };
  putValidator(ctx.state, after);
  markDirty(ctx.state);
  env.hooks.afterDelegationChange(ctx, after, delegator, held + shares);
  return after;
}

/**
 * Removes `shares` from (delegator, v) and returns the tokens they were worth (floor; all the
 * validator's tokens when they are all its shares), with the hooks around it. A self-delegator whose
 * remaining self-stake falls under the minimum jails its validator (Cosmos `Unbond`).
 */
export function removeShares(env: StakingEnv, ctx: StakingContext, v: Validator, delegator: Uint8Array, shares: bigint): { tokens: bigint; validator: Validator } {
  const key = pairKey(delegator, v.address);
  const held = delegationStore.get(ctx.state, key)?.shares ?? 0n;
  if (shares <= 0n || shares > held) throw new TxError('TX_INSUFFICIENT_STAKE', `the delegation holds ${held} shares, not ${shares}`);
  env.hooks.beforeDelegationChange(ctx, v, delegator);
  const tokens = tokensOfShares(v, shares);
  const left = held - shares;
  if (left === 0n) {
    delegationStore.del(ctx.state, key);
    delegatorValidators.remove(ctx.state, delegator, v.address);
  } else delegationStore.set(ctx.state, key, { shares: left });
  let after: Validator = { ...v, tokens: v.tokens - tokens, shares: v.shares - shares };
  putValidator(ctx.state, after);
  markDirty(ctx.state);
  env.hooks.afterDelegationChange(ctx, after, delegator, left);
  if (bytesEqual(delegator, v.selfDelegator) && !after.jailed && tokensOfShares(after, left) < env.p.staking.minSelfStake) {
    after = jail(ctx, after, BigInt(ctx.time), 'self-stake');
  }
  return { tokens, validator: after };
}

/** Jails `v` until block time `until` (a longer jail extends it); returns the validator as after. */
export function jail(ctx: StakingContext, v: Validator, until: bigint, reason: Infer<typeof JailReason>): Validator {
  const untilNext = v.jailed && v.jailedUntil > until ? v.jailedUntil : until;
  if (v.jailed && untilNext === v.jailedUntil) return v;
  const after = { ...v, jailed: true, jailedUntil: untilNext };
  putValidator(ctx.state, after);
  markDirty(ctx.state);
  ctx.events.emit(JailedEvent, { validator: v.address, until: untilNext, reason });
  return after;
}
