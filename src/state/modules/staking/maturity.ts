/**
 * Maturity, at the start of every block (Cosmos's EndBlocker queues, run before the block's
 * transactions here so a matured entry is never slashed or cancelled in the block it completes):
 * unbonding entries whose completion time has come are paid to their delegators from the bonded
 * pool; redelegation entries that have matured stop being tracked (and stop blocking hops). Both
 * queues are in completion order; a queued pair whose entries were cancelled is skipped.
 */
import { credit, debit, NATIVE_ASSET } from '../accounts/method.js';
import { BONDED_POOL } from './accounts.js';
import { addTotals } from './core.js';
import { putUnbonding } from './delegations.js';
import { UnbondingCompletedEvent } from './events.js';
import type { StakingContext } from './hooks.js';
import { incomingRedelegations } from './reads.js';
import { delegatorRedelegations, incomingStore, pairKey, redelegationQueue, redelegationStore, sourceRedelegations, tripleKey, unbondingQueue, unbondingStore } from './stores.js';
import { keyOf } from '../../collections.js';

const ROOT = new Uint8Array(0);

/** Pays every unbonding entry that has completed by `ctx.time`; returns the total paid. */
export function completeUnbondings(ctx: StakingContext): bigint {
  const now = BigInt(ctx.time);
  let paid = 0n;
  for (let head = unbondingQueue.peek(ctx.state, ROOT); head && head.value.completionTime <= now; head = unbondingQueue.peek(ctx.state, ROOT)) {
    unbondingQueue.shift(ctx.state, ROOT);
    const { delegator, validator } = head.value;
    const entries = unbondingStore.get(ctx.state, pairKey(delegator, validator))?.entries ?? [];
    const due = entries.filter((e) => e.completionTime <= now);
    if (due.length === 0) continue;
    let amount = 0n;
    for (const e of due) amount += e.balance;
    putUnbonding(ctx, delegator, validator, entries.filter((e) => e.completionTime > now));
    if (amount > 0n) {
      debit(ctx.state, BONDED_POOL, NATIVE_ASSET, amount);
      credit(ctx.state, delegator, NATIVE_ASSET, amount);
      addTotals(ctx.state, { unbonding: -amount });
      paid += amount;
    }
    ctx.events.emit(UnbondingCompletedEvent, { delegator, validator, amount });
  }
  return paid;
}

/** Stops tracking every redelegation entry that has matured by `ctx.time`. */
export function matureRedelegations(ctx: StakingContext): void {
  const now = BigInt(ctx.time);
  for (let head = redelegationQueue.peek(ctx.state, ROOT); head && head.value.completionTime <= now; head = redelegationQueue.peek(ctx.state, ROOT)) {
    redelegationQueue.shift(ctx.state, ROOT);
    const { delegator, src, dst } = head.value;
    const key = tripleKey(delegator, src, dst);
    const entries = redelegationStore.get(ctx.state, key)?.entries ?? [];
    const kept = entries.filter((e) => e.completionTime > now);
    const matured = entries.length - kept.length;
    if (matured === 0) continue;
    const incoming = incomingRedelegations(ctx.state, delegator, dst) - matured;
    if (incoming > 0) incomingStore.set(ctx.state, pairKey(delegator, dst), incoming);
    else incomingStore.del(ctx.state, pairKey(delegator, dst));
    if (kept.length > 0) redelegationStore.set(ctx.state, key, { entries: kept });
    else {
      redelegationStore.del(ctx.state, key);
      sourceRedelegations.remove(ctx.state, src, keyOf(delegator, dst));
      delegatorRedelegations.remove(ctx.state, delegator, keyOf(src, dst));
    }
  }
}
