/**
 * The active set, at the end of every block that changed stake or jail (Cosmos's
 * ApplyAndReturnValidatorSetUpdates): the top `maxValidators` unjailed validators by power (ties to
 * the lower address), taking effect one block later than the next (CometBFT's H + 2), so the state
 * after block h keeps the sets that sign h and h + 1, which is what the engine checks the parent's
 * commit certificate and the proposer against. It also records each validator's tokens (the stake
 * an infraction at a past height is slashed against), its bonded intervals, and the bonded total.
 */
import { bytesEqual, bytesToHex } from '../../../encoding/hex.js';
import { u64Key } from '../../collections.js';
import { ActiveSetChangedEvent, ValidatorBondedEvent, ValidatorUnbondedEvent } from './events.js';
import { putValidator, type StakingEnv } from './core.js';
import type { StakingContext } from './hooks.js';
import { activeSetAt, bySetOrder, keptSetHeights, listValidators, powerOf, stakingTotals } from './reads.js';
import { BONDED_INTERVALS, dirtyStore, setIndexStore, setStore, tokenHistory, totalsStore, type SetMember, type Validator } from './stores.js';

/** The top validators by power among those that may sign: not jailed, power above 0. */
export function computeActiveSet(env: StakingEnv, validators: readonly Validator[]): SetMember[] {
  const members = validators
    .filter((v) => !v.jailed && powerOf(v.tokens, env.p.staking.powerReduction) > 0n)
    .map((v) => ({ address: v.address, publicKey: v.publicKey, power: powerOf(v.tokens, env.p.staking.powerReduction) }));
  return members.sort(bySetOrder).slice(0, env.p.staking.maxValidators);
}

function sameSet(a: readonly SetMember[], b: readonly SetMember[]): boolean {
  return a.length === b.length && a.every((m, i) => m.power === b[i].power && bytesEqual(m.address, b[i].address));
}

/** Records `v`'s tokens at this block if they changed, dropping history older than the unbonding period. */
function recordTokens(env: StakingEnv, ctx: StakingContext, v: Validator): void {
  const last = tokenHistory.last(ctx.state, v.address);
  if (last && last.value.tokens === v.tokens) return;
  if (last && last.value.height === ctx.height) tokenHistory.set(ctx.state, v.address, last.seq, { height: ctx.height, time: BigInt(ctx.time), tokens: v.tokens });
  else tokenHistory.push(ctx.state, v.address, { height: ctx.height, time: BigInt(ctx.time), tokens: v.tokens });
  // Keep the newest record at or before the cutoff: it is the stake of every height after it.
  const cutoff = BigInt(ctx.time) - BigInt(env.p.staking.unbondingPeriod);
  for (;;) {
    const { first, next } = tokenHistory.range(ctx.state, v.address);
    if (next - first < 2n) break;
    const second = tokenHistory.get(ctx.state, v.address, first + 1n)!;
    if (second.time > cutoff) break;
    tokenHistory.shift(ctx.state, v.address);
  }
}

/**
 * Computes the active set that takes effect at `fromHeight` (h + 2 after block h; 0 at genesis),
 * stores it if it differs from the one before, flags bonded validators, and drops sets no longer
 * needed. An empty result keeps the previous set (a chain never runs without validators).
 */
export function updateActiveSet(env: StakingEnv, ctx: StakingContext, fromHeight: bigint): void {
  const validators = listValidators(ctx.state);
  let members = computeActiveSet(env, validators);
  const kept = keptSetHeights(ctx.state);
  const previous = kept.length > 0 ? activeSetAt(ctx.state, fromHeight).validators : null;
  if (members.length === 0 && previous) members = [...previous];
  if (!previous || !sameSet(members, previous)) {
    setStore.set(ctx.state, u64Key(fromHeight), { validators: members });
    let total = 0n;
    for (const m of members) total += m.power;
    const heights = [...kept.filter((h) => h < fromHeight), fromHeight];
    setIndexStore.set(ctx.state, 'i', heights);
    ctx.events.emit(ActiveSetChangedEvent, { fromHeight, size: members.length, totalPower: total });
  }
  const inSet = new Set(members.map((m) => bytesToHex(m.address)));
  let bonded = 0n;
  for (const v of validators) {
    const now = inSet.has(bytesToHex(v.address));
    let after = v;
    if (now !== v.bonded) {
      const intervals = v.bondedIntervals.map((i) => ({ ...i }));
      if (now) intervals.push({ from: fromHeight, until: 0n });
      else if (intervals.length > 0) intervals[intervals.length - 1].until = fromHeight - 1n;
      after = { ...v, bonded: now, bondedIntervals: intervals.slice(-BONDED_INTERVALS) };
      putValidator(ctx.state, after);
      if (now) {
        ctx.events.emit(ValidatorBondedEvent, { validator: v.address, fromHeight, power: powerOf(v.tokens, env.p.staking.powerReduction) });
        env.hooks.afterValidatorBonded(ctx, after, fromHeight);
      } else ctx.events.emit(ValidatorUnbondedEvent, { validator: v.address, fromHeight });
    }
    if (now) bonded += v.tokens;
    recordTokens(env, ctx, after);
  }
  totalsStore.set(ctx.state, 't', { ...stakingTotals(ctx.state), bonded });
}

/**
 * Drops the sets that can no longer be asked for once block `height` is done: the engine needs
 * the sets of `height` (the next block's parent certificate) and later.
 */
export function pruneSets(ctx: StakingContext, height: bigint): void {
  const kept = keptSetHeights(ctx.state);
  let keepFrom = 0;
  for (let i = 0; i < kept.length; i++) if (kept[i] <= height) keepFrom = i;
  if (keepFrom === 0) return;
  for (const h of kept.slice(0, keepFrom)) setStore.del(ctx.state, u64Key(h));
  setIndexStore.set(ctx.state, 'i', kept.slice(keepFrom));
}

/** End-of-block work: recompute the set if anything changed (effective at h + 2), then prune. */
export function endBlock(env: StakingEnv, ctx: StakingContext): void {
  if (dirtyStore.get(ctx.state, 'd')) {
    updateActiveSet(env, ctx, ctx.height + 2n);
    dirtyStore.del(ctx.state, 'd');
  }
  pruneSets(ctx, ctx.height);
}
