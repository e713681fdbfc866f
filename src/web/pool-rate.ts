/**
 * The staking pool's exchange rate (pooled CWC per share) at past heights, rebuilt from what the
 * node offers: staking_getPool at the head, and the pool's events in the blocks before it (the node
 * serves no state at past heights). Walking back from the head, each event is undone
 * (staking-pool/events.ts): a deposit's event states pooled and shares after it (an exact anchor),
 * a withdrawal request took `amount` and `shares` out, a harvest kept `rewards - fee`, a slash of a
 * pool validator lowered pooled from `pooledBefore`. Everything else the pool does (funding and
 * exiting validators, paying tickets) moves CWC inside `pooled` and leaves the rate alone.
 */

/** An event as chain_getBlock / tx_get report it. */
export interface PoolEvent {
  readonly module: string;
  readonly name: string;
  readonly data: unknown;
}

/** One block's pool events in execution order (transactions first, then block hooks). */
export interface PoolBlock {
  readonly height: number;
  readonly events: readonly PoolEvent[];
}

/** Pooled CWC and shares at the end of a height (base units). */
export interface PoolPoint {
  readonly height: number;
  readonly pooled: bigint;
  readonly shares: bigint;
}

const big = (d: Record<string, unknown>, k: string): bigint => {
  const v = d[k];
  if (typeof v !== 'string' && typeof v !== 'number') throw new Error(`staking-pool event without ${k}`);
  return BigInt(v);
};

/** Pooled and shares before `e`, given them after it. */
export function undoPoolEvent(after: { pooled: bigint; shares: bigint }, e: PoolEvent): { pooled: bigint; shares: bigint } {
  if (e.module !== 'staking-pool' || typeof e.data !== 'object' || e.data === null) return after;
  const d = e.data as Record<string, unknown>;
  switch (e.name) {
    case 'deposited':
      return { pooled: big(d, 'pooled') - big(d, 'amount'), shares: big(d, 'totalShares') - big(d, 'shares') };
    case 'withdrawalRequested':
      return { pooled: after.pooled + big(d, 'amount'), shares: after.shares + big(d, 'shares') };
    case 'harvested':
      return { pooled: after.pooled - (big(d, 'rewards') - big(d, 'fee')), shares: after.shares };
    case 'rateLowered':
      return { pooled: big(d, 'pooledBefore'), shares: big(d, 'totalShares') };
    default:
      return after;
  }
}

/**
 * Pooled and shares at the end of every height of `blocks` (ascending, contiguous, the last one the
 * head), from their values at the head. Heights are returned ascending.
 */
export function poolHistory(head: { height: number; pooled: bigint; shares: bigint }, blocks: readonly PoolBlock[]): PoolPoint[] {
  const out: PoolPoint[] = [];
  let cur = { pooled: head.pooled, shares: head.shares };
  for (let i = blocks.length - 1; i >= 0; i--) {
    const b = blocks[i];
    if (b.height > head.height) continue;
    out.push({ height: b.height, ...cur });
    for (let j = b.events.length - 1; j >= 0; j--) cur = undoPoolEvent(cur, b.events[j]);
  }
  return out.reverse();
}

/** CWC per share as a float for the chart (1 while there are no shares, as the pool prices its first deposit). */
export function rateOf(p: { pooled: bigint; shares: bigint }): number {
  if (p.shares <= 0n) return 1;
  const scaled = (p.pooled * 10n ** 12n) / p.shares;
  return Number(scaled) / 1e12;
}
