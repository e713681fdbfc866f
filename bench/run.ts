/**
 * `npm run bench`: runs every default benchmark group and prints one JSON object per line
 * ({ name, value, unit, ...context }). Select groups with arguments, e.g. `npm run bench -- miner`.
 * Benchmarks measure; they never assert. Run them on an otherwise idle machine. Options of a group
 * (`--sync-blocks=N`) follow the group name.
 * The `state` group builds a 1,000,000-account node fixture the first time (several minutes,
 * cached under the temp folder; `COINWORKS_BENCH_SKIP_LARGE=1` skips it); `state-world` (the
 * state-level variants) runs only when named.
 */
import { cpus } from 'node:os';
import type { BenchResult } from './result.js';

const groups: Record<string, () => Promise<BenchResult[]>> = {
  miner: async () => (await import('./miner.js')).benchMiner(),
  import: async () => (await import('./chain.js')).benchImport(),
  commit: async () => (await import('./chain.js')).benchCommitted(),
  rpc: async () => (await import('./rpc.js')).benchRpc(),
  state: async () => (await import('./state.js')).benchState(),
  'state-world': async () => (await import('./state.js')).benchStateWorld(),
  pool: async () => (await import('./pool.js')).benchPool(),
  mempool: async () => (await import('./mempool.js')).benchMempool(),
  // Real node processes (needs `npm run build`): sync (--sync-blocks=N) and block propagation.
  p2p: async () => {
    const m = await import('./p2p.js');
    return [...(await m.benchSync()), ...(await m.benchPropagation())];
  },
  // A 4-validator proof-of-stake devnet (needs `npm run build`): finality and committed transfers.
  pos: async () => (await import('./pos.js')).benchPos(),
  'p2p-sync': async () => (await import('./p2p.js')).benchSync(),
  'p2p-propagation': async () => (await import('./p2p.js')).benchPropagation(),
};
/** Groups that run only when named. */
const optional = new Set(['state-world']);

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
/** Groups that only select part of another group, or run only when named; the default run leaves them out. */
const aliases = new Set(['p2p-sync', 'p2p-propagation', ...optional]);
const names = wanted.length ? wanted : Object.keys(groups).filter((g) => !aliases.has(g));
const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version };
let failed = false;
for (const name of names) {
  const run = groups[name];
  if (!run) {
    console.error(`unknown benchmark group "${name}"; known: ${Object.keys(groups).join(', ')}`);
    process.exitCode = 2;
    continue;
  }
  try {
    for (const r of await run()) console.log(JSON.stringify({ ...r, machine }));
  } catch (e) {
    failed = true;
    console.error(`benchmark ${name} failed:`, e);
  }
}
if (failed) process.exitCode = 1;
