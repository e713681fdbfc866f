/**
 * Read-only views of staking state: validators, the worth of shares, delegations and entries of an
 * account, the stake at a past height, the totals, and the active set of a height (what the BFT
 * engine verifies certificates against). Pure functions of the state, safe inside `chain.view`.
 */
import { TxError } from '../../../errors.js';
import { bytesToHex, compareBytes } from '../../../encoding/hex.js';
import type { StateReader } from '../../state-view.js';
import { u64Key } from '../../collections.js';
import {
  delegationStore,
  delegatorRedelegations,
  delegatorUnbondings,
  delegatorValidators,
  incomingStore,
  pairKey,
  publicKeyStore,
  redelegationStore,
  setIndexStore,
  setStore,
  tokenHistory,
  totalsStore,
  tripleKey,
  unbondingStore,
  validatorList,
  validatorStore,
  type RedelegationEntry,
  type SetMember,
  type Totals,
  type UnbondingEntry,
  type Validator,
} from './stores.js';

/** A validator, or undefined. */
export function getValidator(state: StateReader, address: Uint8Array): Validator | undefined {
  return validatorStore.get(state, address);
}

/** A validator; TX_NOT_FOUND if there is none at `address`. */
export function requireValidator(state: StateReader, address: Uint8Array): Validator {
  const v = validatorStore.get(state, address);
  if (!v) throw new TxError('TX_NOT_FOUND', 'no validator at this address');
  return v;
}

/** The validator whose consensus key is `publicKey`, if any. */
export function validatorByPublicKey(state: StateReader, publicKey: Uint8Array): Validator | undefined {
  const a = publicKeyStore.get(state, publicKey);
  return a ? validatorStore.get(state, a) : undefined;
}

/** Every validator, in registration order (a removal never happens, so this is stable). */
export function listValidators(state: StateReader): Validator[] {
  return validatorList.items(state).map((a) => validatorStore.get(state, a)!);
}

/** Tokens `shares` of `v` are worth now: floor(shares x tokens / total shares). */
export function tokensOfShares(v: Pick<Validator, 'tokens' | 'shares'>, shares: bigint): bigint {
  return v.shares === 0n ? 0n : (shares * v.tokens) / v.shares;
}

/** Voting power of `tokens` stake. */
export function powerOf(tokens: bigint, powerReduction: bigint): bigint {
  return tokens / powerReduction;
}

/** Shares of (delegator, validator), 0 if none. */
export function sharesOf(state: StateReader, delegator: Uint8Array, validator: Uint8Array): bigint {
  return delegationStore.get(state, pairKey(delegator, validator))?.shares ?? 0n;
}

/** Tokens (delegator, validator)'s shares are worth now. */
export function delegationValue(state: StateReader, delegator: Uint8Array, validator: Uint8Array): bigint {
  const v = validatorStore.get(state, validator);
  return v ? tokensOfShares(v, sharesOf(state, delegator, validator)) : 0n;
}

/** A validator's self-stake: what its self-delegator's shares are worth. */
export function selfStakeOf(state: StateReader, v: Validator): bigint {
  return tokensOfShares(v, sharesOf(state, v.selfDelegator, v.address));
}

/** One delegation of an account, valued. */
export interface DelegationView {
  readonly validator: Uint8Array;
  readonly shares: bigint;
  readonly tokens: bigint;
}

/** Every delegation of `delegator`, in index order. */
export function delegationsOf(state: StateReader, delegator: Uint8Array): DelegationView[] {
  return delegatorValidators.items(state, delegator).map((validator) => {
    const shares = sharesOf(state, delegator, validator);
    return { validator, shares, tokens: delegationValue(state, delegator, validator) };
  });
}

/** Unbonding entries of (delegator, validator). */
export function unbondingEntries(state: StateReader, delegator: Uint8Array, validator: Uint8Array): UnbondingEntry[] {
  return unbondingStore.get(state, pairKey(delegator, validator))?.entries ?? [];
}

/** Every unbonding of `delegator`, by validator. */
export function unbondingsOf(state: StateReader, delegator: Uint8Array): Array<{ validator: Uint8Array; entries: UnbondingEntry[] }> {
  return delegatorUnbondings.items(state, delegator).map((validator) => ({ validator, entries: unbondingEntries(state, delegator, validator) }));
}

/** Redelegation entries of (delegator, src, dst). */
export function redelegationEntries(state: StateReader, delegator: Uint8Array, src: Uint8Array, dst: Uint8Array): RedelegationEntry[] {
  return redelegationStore.get(state, tripleKey(delegator, src, dst))?.entries ?? [];
}

/** Every redelegation of `delegator` still tracked. */
export function redelegationsOf(state: StateReader, delegator: Uint8Array): Array<{ src: Uint8Array; dst: Uint8Array; entries: RedelegationEntry[] }> {
  return delegatorRedelegations.items(state, delegator).map((k) => {
    const src = k.slice(0, 20);
    const dst = k.slice(20);
    return { src, dst, entries: redelegationEntries(state, delegator, src, dst) };
  });
}

/** Immature redelegation entries of `delegator` into `validator` (while > 0 it may not redelegate away from it). */
export function incomingRedelegations(state: StateReader, delegator: Uint8Array, validator: Uint8Array): number {
  return incomingStore.get(state, pairKey(delegator, validator)) ?? 0;
}

/** The staking totals. */
export function stakingTotals(state: StateReader): Totals {
  return totalsStore.get(state, 't') ?? { staked: 0n, unbonding: 0n, bonded: 0n };
}

/**
 * A validator's tokens at the end of block `height` (the stake an infraction at that height is
 * slashed against): the last recorded change at or before it. Heights before the oldest record
 * kept (older than the unbonding period) read as the oldest record.
 */
export function tokensAt(state: StateReader, v: Validator, height: bigint): bigint {
  if (height < v.createdHeight) return 0n;
  const { first, next } = tokenHistory.range(state, v.address);
  if (first >= next) return v.tokens;
  let lo = first;
  let hi = next - 1n;
  if (tokenHistory.get(state, v.address, lo)!.height > height) return tokenHistory.get(state, v.address, lo)!.tokens;
  // Largest seq whose height <= `height`.
  while (lo < hi) {
    const mid = (lo + hi + 1n) / 2n;
    if (tokenHistory.get(state, v.address, mid)!.height <= height) lo = mid;
    else hi = mid - 1n;
  }
  return tokenHistory.get(state, v.address, lo)!.tokens;
}

/** An active set as the engine needs it: members in set order (power descending, address ascending) with consensus keys, and the total power. */
export interface ActiveSetView {
  /** Height from which this set signs. */
  readonly fromHeight: bigint;
  readonly validators: readonly SetMember[];
  readonly totalPower: bigint;
}

/** Heights from which the kept active sets apply, ascending. */
export function keptSetHeights(state: StateReader): bigint[] {
  return setIndexStore.get(state, 'i') ?? [];
}

/**
 * The active set that signs block `height`. After block h the state keeps the sets of h and h + 1
 * (and h + 2 once computed); asking for a height before the oldest set kept throws.
 */
export function activeSetAt(state: StateReader, height: bigint): ActiveSetView {
  const heights = keptSetHeights(state);
  let from: bigint | undefined;
  for (const h of heights) if (h <= height) from = h;
  if (from === undefined) throw new RangeError(`no active set is kept for height ${height} (oldest kept: ${heights[0] ?? 'none'})`);
  const set = setStore.get(state, u64Key(from))!;
  let total = 0n;
  for (const m of set.validators) total += m.power;
  return { fromHeight: from, validators: set.validators, totalPower: total };
}

/** Whether `v` was in the active set at `height`, as far as its remembered bonded intervals tell. */
export function wasBondedAt(v: Validator, height: bigint): boolean {
  return v.bondedIntervals.some((i) => i.from <= height && (i.until === 0n || height <= i.until));
}

/** Set order: power descending, then address ascending (CometBFT's ValidatorsByVotingPower). */
export function bySetOrder(a: SetMember, b: SetMember): number {
  if (a.power !== b.power) return a.power > b.power ? -1 : 1;
  return compareBytes(a.address, b.address);
}

/** A change of the active set between two heights, as CometBFT's validator updates: power 0 removes. */
export interface SetUpdate {
  readonly address: Uint8Array;
  readonly publicKey: Uint8Array;
  readonly power: bigint;
}

/**
 * The updates that turn the set of `height - 1` into the set of `height` (new members and changed
 * powers, then removals with power 0; each part in set order); empty when nothing changed. Both
 * sets must still be kept (after block h: heights h + 1 and h + 2 against their predecessors).
 */
export function activeSetUpdates(state: StateReader, height: bigint): SetUpdate[] {
  const before = activeSetAt(state, height - 1n).validators;
  const after = activeSetAt(state, height).validators;
  const old = new Map(before.map((m) => [bytesToHex(m.address), m]));
  const now = new Set(after.map((m) => bytesToHex(m.address)));
  const out: SetUpdate[] = [];
  for (const m of after) {
    const o = old.get(bytesToHex(m.address));
    if (!o || o.power !== m.power) out.push({ address: m.address, publicKey: m.publicKey, power: m.power });
  }
  for (const m of before) if (!now.has(bytesToHex(m.address))) out.push({ address: m.address, publicKey: m.publicKey, power: 0n });
  return out;
}
