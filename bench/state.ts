/**
 * State-level large-state benchmarks (`npm run bench -- state-world`, not in the default run: the
 * default `state` group is the node-level one in chain-state.ts). A fixture of `COINWORKS_BENCH_ACCOUNTS`
 * accounts (default 1,000,000) and a small one of 2,000 are built once and cached
 * (`state-fixture.ts`); each measurement runs in a child process on a fresh copy of the state:
 * - state.open_s: opening the state (metadata, page roots, free list; no record read);
 * - state.rss_mb: resident memory after opening, and after importing the 50 blocks;
 * - state.import_tx_per_s (large and small): 50 blocks of 1,000 transfers to random existing
 *   accounts, each prefetched, executed (re-runs on misses), rooted and committed in one synced
 *   batch. Signatures and block checks are not included (chain.import_tx_per_s has them);
 * - the same import without prefetch, and with awaited single-key reads (the async-stores design).
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { stateFixture, type StateFixture } from './state-fixture.js';
import { DEFAULT_STATE_CACHE_BYTES } from '../src/state/disk-world.js';
import type { BenchResult } from './result.js';

interface WorkerResult {
  openSeconds: number;
  rssStart: number;
  rssOpen: number;
  rssAfter: number;
  txPerSecond: number;
  seconds: number;
  blocks: number;
  records: number;
  recordLoads: number;
  recordHits: number;
  pageLoads: number;
  memory: Record<string, number>;
  heapMb: number;
}

/** Runs the worker on a fresh copy of the fixture's state. */
function measure(f: StateFixture, mode: string, cacheBytes = DEFAULT_STATE_CACHE_BYTES): WorkerResult {
  const tmp = mkdtempSync(join(tmpdir(), 'cw-bench-state-run-'));
  try {
    cpSync(f.stateDir, join(tmp, 'state'), { recursive: true });
    const worker = new URL('./state-worker.ts', import.meta.url).pathname;
    const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', worker, join(tmp, 'state'), f.txFile, String(f.txs), String(cacheBytes), mode], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (r.status !== 0) throw new Error(`state worker failed (${r.status}): ${r.stderr}`);
    return JSON.parse(r.stdout.trim().split('\n').pop()!) as WorkerResult;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Accounts of the large state (`COINWORKS_BENCH_ACCOUNTS`, default 1,000,000). */
export function benchAccounts(): number {
  return Number(process.env.COINWORKS_BENCH_ACCOUNTS ?? 1_000_000);
}

/**
 * The node-level large-state benchmarks of the default run (`state`): `state.open_s`,
 * `state.rss_mb`, `chain.import_tx_per_s_1m`. The 1,000,000-account fixture is built once (several
 * minutes) and cached; `COINWORKS_BENCH_SKIP_LARGE=1` skips it (only the 2,000-account figures).
 */
export async function benchState(): Promise<BenchResult[]> {
  const log = (m: string) => console.error(m);
  const { benchNodeState } = await import('./chain-state.js');
  if (process.env.COINWORKS_BENCH_SKIP_LARGE === '1') {
    log('state: COINWORKS_BENCH_SKIP_LARGE=1, the large state is skipped (2,000 accounts only)');
    return benchNodeState(2000, log);
  }
  return benchNodeState(benchAccounts(), log);
}

/** The state-level benchmarks (world state without blocks' signatures and checks; prefetch vs async reads). */
export async function benchStateWorld(): Promise<BenchResult[]> {
  const accounts = benchAccounts();
  const log = (m: string) => console.error(m);
  const big = await stateFixture({ accounts, senders: 1000, blocks: 50, txs: 1000 }, log);
  const small = await stateFixture({ accounts: 2000, senders: 1000, blocks: 50, txs: 1000 }, log);
  const out: BenchResult[] = [];
  const tag = accounts === 1_000_000 ? '1m' : String(accounts);
  const b = measure(big, 'prefetch');
  const s = measure(small, 'prefetch');
  out.push({ name: 'state.world_open_s', value: b.openSeconds, unit: 's', accounts, level: 'DiskWorldState.open', fixtureBuildSeconds: big.buildSeconds });
  out.push({ name: 'state.world_rss_mb', value: b.rssOpen, unit: 'MB', accounts, when: 'after open', processBaselineMb: b.rssStart, cacheMb: DEFAULT_STATE_CACHE_BYTES / 2 ** 20 });
  out.push({ name: 'state.world_rss_mb', value: b.rssAfter, unit: 'MB', accounts, when: `after executing ${b.blocks} blocks`, memory: b.memory });
  out.push({ name: `state.import_tx_per_s_${tag}`, value: b.txPerSecond, unit: 'tx/s', accounts, recordLoads: b.recordLoads, pageLoads: b.pageLoads, seconds: b.seconds });
  out.push({ name: 'state.import_tx_per_s_small', value: s.txPerSecond, unit: 'tx/s', accounts: small.accounts, seconds: s.seconds });
  out.push({ name: 'state.open_s_small', value: s.openSeconds, unit: 's', accounts: small.accounts });
  const np = measure(big, 'noprefetch');
  out.push({ name: `state.import_tx_per_s_${tag}_noprefetch`, value: np.txPerSecond, unit: 'tx/s', accounts, recordLoads: np.recordLoads });
  const as = measure(big, 'async');
  out.push({ name: `state.import_tx_per_s_${tag}_async_reads`, value: as.txPerSecond, unit: 'tx/s', accounts, recordLoads: as.recordLoads });
  return out;
}
