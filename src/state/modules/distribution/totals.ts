/** The distribution totals and their one writer. */
import type { StateReader, StateWriter } from '../../state-view.js';
import { totalsStore, type DistributionTotals } from './stores.js';

const ZERO: DistributionTotals = {
  provisionAllocated: 0n,
  feesCollected: 0n,
  feePool: 0n,
  paidDelegators: 0n,
  paidCommission: 0n,
  communityTax: 0n,
  allocationRemainder: 0n,
  unclaimable: 0n,
  dust: 0n,
};

/** The distribution totals. */
export function distributionTotals(state: StateReader): DistributionTotals {
  return totalsStore.get(state, 't') ?? ZERO;
}

/** Adds `d` to the totals (a negative amount only for `feePool`). */
export function addDistTotals(state: StateWriter, d: Partial<DistributionTotals>): void {
  const t = distributionTotals(state);
  const next = { ...t };
  for (const k of Object.keys(d) as (keyof DistributionTotals)[]) next[k] = t[k] + d[k]!;
  for (const k of Object.keys(next) as (keyof DistributionTotals)[]) if (next[k] < 0n) throw new Error(`distribution total ${k} would go negative`);
  totalsStore.set(state, 't', next);
}
