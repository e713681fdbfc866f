/**
 * Mempool benchmarks: `mempool.select_ms` (the best of 5 selections of 5,000 of 50,000 pooled
 * transfers from 800 senders) and `mempool.select_block_ms` (a full block's worth, best of 3).
 */
import { createTestChain } from '../src/testing/chain.js';
import { fillMempool } from '../src/testing/mempool-fill.js';
import { Mempool } from '../src/mempool/mempool.js';
import type { BenchResult } from './result.js';

/** Times selection from a pool of 50,000. */
export async function benchMempool(): Promise<BenchResult[]> {
  const tc = await createTestChain({ accounts: 800 });
  const pool = new Mempool(tc.chain);
  await fillMempool(tc.chain, pool, tc.keys, 50_000);
  const best = (runs: number, fn: () => void) => {
    let b = Infinity;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      fn();
      b = Math.min(b, performance.now() - t0);
    }
    return +b.toFixed(2);
  };
  const select = best(5, () => pool.select({ maxGas: 1n << 62n, maxTxs: 5_000 }));
  const block = best(3, () => pool.select({ maxGas: tc.params.fees.blockGasLimit }));
  pool.dispose();
  return [
    { name: 'mempool.select_ms', value: select, unit: 'ms', pooled: 50_000, selected: 5_000 },
    { name: 'mempool.select_block_ms', value: block, unit: 'ms', pooled: 50_000 },
  ];
}
