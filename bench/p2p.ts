/**
 * Network benchmarks with real node processes on 127.0.0.1 (the built CLI, `npm run build` first):
 *
 * - p2p.sync_blocks_per_s: a fresh node catches up a chain of blocks of 1,000 transfers each from
 *   one peer; every block is validated and committed (signatures, execution, state root, LevelDB).
 *   The serving node's chain is built first, straight into its data directory. Blocks:
 *   `--sync-blocks=N` (default 200; the issue's full size is 10,000: building and syncing it take
 *   about 45 minutes each on an idle two-core machine at the import rate, well over an hour each
 *   on a loaded one).
 * - p2p.block_propagation_ms: four nodes; one mines (devnet difficulty, blocks of up to
 *   `--propagation-txs` transfers fed by a load generator, default 100); for every block, the time
 *   from its connection on the miner to its connection on the last of the other three nodes, read
 *   from the nodes' own log lines (one machine, one clock). p50 and p99, full mesh (as
 *   `devnet --nodes` connects them) and a line 0-1-2-3 (three hops); `--propagation-blocks=N`,
 *   `--propagation-topology=mesh|line|both`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LevelKv } from '../src/storage/level-kv.js';
import { testChainParts, transfer, makeBlock } from '../src/testing/chain.js';
import { regtest } from '../src/params/networks.js';
import { writeGenesisFile } from '../src/node/genesis-file.js';
import { rpc, until } from '../test/cli/process-helpers.js';
import { Cluster } from '../test/e2e/p2p-cluster.js';
import type { BenchResult } from './result.js';

function arg(name: string, fallback: number): number {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  return a ? Number(a.split('=')[1]) : fallback;
}

const SENDERS = 1000;

/** Builds `blocks` blocks of 1,000 transfers into `dir/chain` (signed block by block, so memory stays flat). */
async function buildServingChain(dir: string, blocks: number): Promise<{ txs: number; genesisTime: number; allocations: Array<{ address: string; amount: bigint }> }> {
  const kv = await LevelKv.open(join(dir, 'chain'));
  const parts = testChainParts({ accounts: SENDERS, fund: 10n ** 12n, kv });
  const { chain, keys, clock } = parts;
  await chain.open();
  let txs = 0;
  for (let b = 0; b < blocks; b++) {
    const batch = [];
    for (let s = 0; s < SENDERS; s++) batch.push(transfer(chain, keys[s], keys[(s + 1 + b) % SENDERS].address, 1000n + BigInt(b), BigInt(b)));
    clock.t += 2;
    await chain.importBlock(await makeBlock(chain, { txs: batch, beneficiary: keys[0].address, time: clock.t }), { sync: b === blocks - 1 });
    txs += batch.length;
    if ((b + 1) % 500 === 0) process.stderr.write(`built ${b + 1}/${blocks} blocks\n`);
  }
  await chain.close();
  return { txs, genesisTime: regtest.genesis.time, allocations: keys.map((k) => ({ address: k.addressText, amount: 10n ** 12n })) };
}

/** A fresh node syncing N blocks of 1,000 transfers from one peer. */
export async function benchSync(): Promise<BenchResult[]> {
  const blocks = arg('sync-blocks', 200);
  const root = mkdtempSync(join(tmpdir(), 'cw-bench-sync-'));
  try {
    const serving = join(root, 'node-0');
    const built = await buildServingChain(serving, blocks);
    const genesis = { network: 'regtest' as const, time: built.genesisTime, allocations: built.allocations };
    await writeGenesisFile(serving, genesis);
    await writeGenesisFile(join(root, 'node-1'), genesis);
    const c = Cluster.open(root, 2, genesis);
    try {
      await c.start(0);
      const t0 = performance.now();
      await c.start(1, { bootstrap: [0] });
      await until(async () => (await c.head(1)).height >= blocks, 4 * 60 * 60_000, 50);
      const secs = (performance.now() - t0) / 1000;
      return [
        { name: 'p2p.sync_blocks_per_s', value: +(blocks / secs).toFixed(1), unit: 'blocks/s', blocks, txPerBlock: SENDERS, seconds: +secs.toFixed(2) },
        { name: 'p2p.sync_tx_per_s', value: Math.round(built.txs / secs), unit: 'tx/s' },
      ];
    } finally {
      await c.stopAll();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Connection time (ms, from the node's log) and height of every block, by hash. */
function blockTimes(stderr: string): Map<string, { time: number; height: number }> {
  const out = new Map<string, { time: number; height: number }>();
  for (const line of stderr.split('\n')) {
    if (!line.includes('"msg":"block"')) continue;
    const o = JSON.parse(line) as { time: number; hash: string; height: number };
    if (!out.has(o.hash)) out.set(o.hash, { time: o.time, height: o.height });
  }
  return out;
}

async function propagation(topology: 'mesh' | 'line', blocks: number, txsPerBlock: number): Promise<{ p50: number; p90: number; p99: number; max: number; worst: number[]; samples: number }> {
  const root = mkdtempSync(join(tmpdir(), `cw-bench-prop-${topology}-`));
  const c = await Cluster.create(root, 4);
  try {
    await c.start(0, { mine: true });
    await c.start(1, { bootstrap: [0] });
    await c.start(2, { bootstrap: topology === 'mesh' ? [0, 1] : [1] });
    await c.start(3, { bootstrap: topology === 'mesh' ? [0, 1, 2] : [2] });
    // Count only blocks mined once all four are connected and caught up.
    const start = (await c.sameTip([0, 1, 2, 3])).height;
    // Load: transfers from the 8 funded keys, about txsPerBlock per 2-second block.
    let stop = false;
    const load = (async () => {
      const nonces = c.keys.map(() => 0n);
      while (!stop && txsPerBlock > 0) {
        for (let i = 0; i < Math.ceil(txsPerBlock / 4); i++) {
          const k = i % 8;
          await rpc(c.node(0).url, 'tx_send', [c.transfer(k, (k + 1) % 8, 1n, nonces[k]++).hex]).catch(() => undefined);
        }
        await new Promise((r) => setTimeout(r, 500));
      }
    })();
    await until(async () => (await c.head(0)).height >= start + blocks + 2, 30 * 60_000, 500);
    stop = true;
    await load;
    await c.control(0, 'mining_stop');
    await c.sameTip([0, 1, 2, 3]);
    const mined = blockTimes(c.node(0).proc.output().stderr);
    const others = [1, 2, 3].map((i) => blockTimes(c.node(i).proc.output().stderr));
    const delays: number[] = [];
    for (const [hash, m] of mined) {
      if (m.height <= start) continue;
      const arrivals = others.map((o) => o.get(hash)?.time);
      if (arrivals.some((a) => a === undefined)) continue;
      delays.push(Math.max(...(arrivals as number[])) - m.time);
    }
    const d = delays.sort((a, b) => a - b);
    return { p50: percentile(d, 50), p90: percentile(d, 90), p99: percentile(d, 99), max: d[d.length - 1], worst: d.slice(-5), samples: d.length };
  } finally {
    await c.stopAll();
    rmSync(root, { recursive: true, force: true });
  }
}

/** Block propagation from the miner to the last of four nodes. */
export async function benchPropagation(): Promise<BenchResult[]> {
  const blocks = arg('propagation-blocks', 40);
  const txs = arg('propagation-txs', 100);
  const which = process.argv.find((a) => a.startsWith('--propagation-topology='))?.split('=')[1] ?? 'both';
  const out: BenchResult[] = [];
  if (which !== 'line') {
    const m = await propagation('mesh', blocks, txs);
    out.push({ name: 'p2p.block_propagation_ms', value: m.p99, unit: 'ms (p99)', ...m, topology: 'full mesh of 4', txsPerBlock: `~${txs}` });
  }
  if (which !== 'mesh') {
    const l = await propagation('line', blocks, txs);
    out.push({ name: 'p2p.block_propagation_line_ms', value: l.p99, unit: 'ms (p99)', ...l, topology: 'line 0-1-2-3 (3 hops)', txsPerBlock: `~${txs}` });
  }
  return out;
}
