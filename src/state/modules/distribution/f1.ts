/**
 * F1 fee distribution (Ojha, "F1 Fee Distribution"; Cosmos x/distribution keeper), per share.
 *
 * A validator's rewards accumulate in its open period; ending the period folds them into the
 * cumulative ratio R(p) = R(p - 1) + ceil(rewards x SCALE / shares) (the keeper's `+=`; the SDK
 * README's pseudo-code writes `=`). A delegation that started after period A and ends with period
 * B earns floor(shares x (R(B) - R(A)) / SCALE). The keeper tracks reward per TOKEN and must shrink
 * each delegation's stake by (1 - F) at every slash period in between (the README writes `stake x
 * F`, which is wrong); per SHARE that step is exact and implicit, because a slash lowers the tokens
 * behind every share and leaves the shares alone: (D / T) x stake = (D / T) x shares x T / S =
 * D x shares / S. Slashes still end a period (recorded in `slashes`), as in the keeper.
 *
 * Rounding: each ratio step rounds up, the payout rounds down once. Over any set of delegations of
 * a validator the total paid is at most floor(sum of rewards + periods x shares / SCALE), which is
 * the sum of rewards (SCALE = 10^48 dwarfs shares x periods), so no payout can overdraw the
 * validator's outstanding rewards; and a payout equals floor of the exact pro-rata share unless that
 * share's fraction lies within shares x periods / SCALE of 1. What is left once every delegation is
 * gone is rounding dust and goes to the community pool.
 */
import { mulDivCeil } from '../../../util/decimal.js';
import { credit, debit, NATIVE_ASSET } from '../accounts/method.js';
import { COMMUNITY_POOL, DISTRIBUTION_ACCOUNT, type StakingContext, type Validator } from '../staking/method.js';
import { keyOf, u64Key } from '../../collections.js';
import type { StateReader, StateWriter } from '../../state-view.js';
import { ToCommunityPoolEvent } from './events.js';
import { addDistTotals } from './totals.js';
import { historicalStore, RATIO_SCALE, startingStore, validatorRewardsStore, type HistoricalRatio, type ValidatorRewards } from './stores.js';

/** The distribution record of a validator (a fresh one if it was never initialised). */
export function rewardsOf(state: StateReader, validator: Uint8Array): ValidatorRewards {
  return validatorRewardsStore.get(state, validator) ?? { period: 1n, currentProvision: 0n, currentTip: 0n, commission: 0n, outstanding: 0n };
}

/** The cumulative ratio at the end of `period` (zero before the first). */
export function ratioAt(state: StateReader, validator: Uint8Array, period: bigint): HistoricalRatio {
  return historicalStore.get(state, keyOf(validator, u64Key(period))) ?? { provision: 0n, tip: 0n, refCount: 0 };
}

function addRef(state: StateWriter, validator: Uint8Array, period: bigint, delta: number): void {
  const key = keyOf(validator, u64Key(period));
  const h = historicalStore.get(state, key);
  if (!h) throw new Error(`distribution: no historical ratio for period ${period}`);
  const refCount = h.refCount + delta;
  if (refCount < 0) throw new Error('distribution: negative reference count');
  if (refCount === 0) historicalStore.del(state, key);
  else historicalStore.set(state, key, { ...h, refCount });
}

/** A new validator's records: period 1 open, period 0's ratio zero (referenced by the open period). */
export function initValidator(state: StateWriter, validator: Uint8Array): void {
  validatorRewardsStore.set(state, validator, { period: 1n, currentProvision: 0n, currentTip: 0n, commission: 0n, outstanding: 0n });
  historicalStore.set(state, keyOf(validator, u64Key(0n)), { provision: 0n, tip: 0n, refCount: 1 });
}

/** The ratio the open period would end at now, for `v`'s current shares. */
export function currentRatio(state: StateReader, v: Pick<Validator, 'address' | 'shares'>): { provision: bigint; tip: bigint } {
  const r = rewardsOf(state, v.address);
  const prev = ratioAt(state, v.address, r.period - 1n);
  if (v.shares === 0n) return { provision: prev.provision, tip: prev.tip };
  return { provision: prev.provision + mulDivCeil(r.currentProvision, RATIO_SCALE, v.shares), tip: prev.tip + mulDivCeil(r.currentTip, RATIO_SCALE, v.shares) };
}

/**
 * Ends `v`'s open period (before its shares change or it is slashed) and returns the period
 * ended. Rewards of a period in which it had no shares are owed to nobody: community pool.
 */
export function endPeriod(ctx: StakingContext, v: Pick<Validator, 'address' | 'shares'>): bigint {
  const r = rewardsOf(ctx.state, v.address);
  const ratio = currentRatio(ctx.state, v);
  let outstanding = r.outstanding;
  if (v.shares === 0n && r.currentProvision + r.currentTip > 0n) {
    const amount = r.currentProvision + r.currentTip;
    debit(ctx.state, DISTRIBUTION_ACCOUNT, NATIVE_ASSET, amount);
    credit(ctx.state, COMMUNITY_POOL, NATIVE_ASSET, amount);
    outstanding -= amount;
    addDistTotals(ctx.state, { unclaimable: amount });
    ctx.events.emit(ToCommunityPoolEvent, { validator: v.address, amount, reason: 0 });
  }
  historicalStore.set(ctx.state, keyOf(v.address, u64Key(r.period)), { provision: ratio.provision, tip: ratio.tip, refCount: 1 });
  addRef(ctx.state, v.address, r.period - 1n, -1);
  validatorRewardsStore.set(ctx.state, v.address, { ...r, period: r.period + 1n, currentProvision: 0n, currentTip: 0n, outstanding });
  return r.period;
}

/** Starts a delegation's reward accounting at `shares` after the last ended period. */
export function startDelegation(ctx: StakingContext, validator: Uint8Array, delegator: Uint8Array, shares: bigint): void {
  const previousPeriod = rewardsOf(ctx.state, validator).period - 1n;
  addRef(ctx.state, validator, previousPeriod, 1);
  startingStore.set(ctx.state, keyOf(delegator, validator), { previousPeriod, shares, height: ctx.height });
}

/** What a delegation would be paid now (by cause), without writing. */
export function pendingRewards(state: StateReader, v: Pick<Validator, 'address' | 'shares'>, delegator: Uint8Array): { provision: bigint; tip: bigint } {
  const si = startingStore.get(state, keyOf(delegator, v.address));
  if (!si) return { provision: 0n, tip: 0n };
  const end = currentRatio(state, v);
  const start = ratioAt(state, v.address, si.previousPeriod);
  return { provision: (si.shares * (end.provision - start.provision)) / RATIO_SCALE, tip: (si.shares * (end.tip - start.tip)) / RATIO_SCALE };
}

/**
 * Ends the period and settles a delegation's rewards: computes them from its start to the period
 * just ended, drops its starting info and returns the amounts (the caller pays them); null when
 * the delegation had no starting info (it is being created).
 */
export function settleDelegation(ctx: StakingContext, v: Pick<Validator, 'address' | 'shares'>, delegator: Uint8Array): { provision: bigint; tip: bigint } | null {
  const key = keyOf(delegator, v.address);
  const si = startingStore.get(ctx.state, key);
  const ended = endPeriod(ctx, v);
  if (!si) return null;
  const end = ratioAt(ctx.state, v.address, ended);
  const start = ratioAt(ctx.state, v.address, si.previousPeriod);
  const provision = (si.shares * (end.provision - start.provision)) / RATIO_SCALE;
  const tip = (si.shares * (end.tip - start.tip)) / RATIO_SCALE;
  addRef(ctx.state, v.address, si.previousPeriod, -1);
  startingStore.del(ctx.state, key);
  return { provision, tip };
}
