/**
 * Staking page: the staking pool's exchange rate over the last blocks as a uPlot chart, rebuilt from
 * the pool's events (pool-rate.ts) in the blocks before the head and kept live on every new head.
 * Blocks read once are kept for the life of the page.
 */
import { useEffect, useState } from 'preact/hooks';
import { Chart } from '../chart.js';
import { client, errorText, useHead } from '../rpc.js';
import { poolHistory, rateOf, type PoolBlock, type PoolEvent, type PoolPoint } from '../pool-rate.js';

/** Blocks before the head the chart covers. */
export const RATE_BLOCKS = 240;

const blocks = new Map<number, PoolBlock>();
let points: PoolPoint[] = [];
let busy: Promise<void> = Promise.resolve();

/** A block's pool events: those of its staking-pool transactions (from their receipts), then its block events. */
async function poolBlock(height: number): Promise<PoolBlock> {
  const b = await client.getBlock(height, true);
  const events: PoolEvent[] = [];
  for (const tx of b.txs) {
    if (tx.body.module !== 'staking-pool') continue;
    const r = await client.getTransaction(tx.id);
    if (r.status === 'included') events.push(...r.receipt.events);
  }
  events.push(...(b.blockEvents ?? []).filter((e) => e.module === 'staking-pool'));
  return { height, events };
}

/** The pool at one head: reads the head on both sides of staking_getPool so they match. */
async function poolAtHead(): Promise<{ height: number; pooled: bigint; shares: bigint }> {
  for (;;) {
    const a = await client.getHead();
    const p = await client.request('staking_getPool');
    const b = await client.getHead();
    if (a.hash === b.hash) return { height: a.height, pooled: BigInt(p.pooled), shares: BigInt(p.totalShares) };
  }
}

async function refresh(): Promise<void> {
  const head = await poolAtHead();
  const from = Math.max(1, head.height - RATE_BLOCKS + 1);
  const missing: number[] = [];
  for (let h = from; h <= head.height; h++) if (!blocks.has(h)) missing.push(h);
  for (let i = 0; i < missing.length; i += 8) for (const b of await Promise.all(missing.slice(i, i + 8).map(poolBlock))) blocks.set(b.height, b);
  for (const h of [...blocks.keys()]) if (h < from || h > head.height) blocks.delete(h);
  points = poolHistory(head, [...blocks.values()].sort((x, y) => x.height - y.height));
}

/** The exchange rate chart (CWC per pool share), with where its history comes from. */
export function PoolRateChart() {
  const head = useHead();
  const [pts, setPts] = useState<PoolPoint[]>(points);
  const [err, setErr] = useState('');
  useEffect(() => {
    if (!head) return;
    let alive = true;
    busy = busy
      .then(refresh)
      .then(
        () => {
          if (alive) (setPts(points), setErr(''));
        },
        (e: unknown) => {
          if (alive) setErr(errorText(e));
        },
      );
    return () => {
      alive = false;
    };
  }, [head?.height]);
  return (
    <>
      {pts.length > 0 ? (
        <Chart title="Exchange rate (CWC per share)" id="chart-pool-rate" x={pts.map((p) => p.height)} series={[{ label: 'CWC per share', color: '#7c3aed', values: pts.map(rateOf) }]} />
      ) : (
        <p class="muted" role="status">
          {err || 'Reading the pool’s history…'}
        </p>
      )}
      <p class="note" data-testid="pool-rate-note">
        History rebuilt from the pool's deposit, withdrawal, harvest and slash events in the last {RATE_BLOCKS} blocks
        {pts.length ? ` (heights ${pts[0].height}-${pts[pts.length - 1].height})` : ''}, walking back from the rate at the head: the node serves no state at past heights. Pending rewards not yet harvested are not in the rate.
      </p>
    </>
  );
}
