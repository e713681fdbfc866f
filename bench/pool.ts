/**
 * Mining-pool benchmarks (issue 12):
 * - pool.shares_per_s: shares validated per second on one core by the share check itself
 *   (shares.ts: job, extranonce2, ntime, nonce, duplicate, coinbase + merkle + header SHA-256d
 *   against the share and network targets), over precomputed valid shares; best of 3 rounds.
 * - pool.shares_per_s_end_to_end: the same over TCP: a load process sends precomputed shares
 *   on 8 connections; the pool (this process, one core) parses each line, checks the share, books
 *   it (share record, worker, PPS credit, hashrate buckets) in its LevelDB ledger with fsynced
 *   group commits, and answers after the write.
 * - pool.connections: simulated miners (subscribed and authorized, each sent its first job) held
 *   connected by this process on one core, with the process RSS, the memory per connection, and
 *   the time to broadcast one job to all of them.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { regtest, powParams, type NetworkParams } from '../src/params/networks.js';
import { createTestChain, TestClock } from '../src/testing/chain.js';
import { Mempool } from '../src/mempool/mempool.js';
import { MemoryKv } from '../src/storage/memory-kv.js';
import { LevelKv } from '../src/storage/level-kv.js';
import { JobManager, EXTRANONCE1_BYTES } from '../src/mining-pool/jobs.js';
import { checkShare, shareHeader } from '../src/mining-pool/shares.js';
import { shareTarget } from '../src/mining-pool/difficulty.js';
import { scanNonces, targetToBytes } from '../src/miner/kernel.js';
import { MiningPool } from '../src/mining-pool/service.js';
import { poolKeyFrom } from '../src/mining-pool/key.js';
import type { BenchResult } from './result.js';

const LOAD = fileURLToPath(new URL('./pool-load.ts', import.meta.url));

class RealClock extends TestClock {
  constructor() {
    super(0);
  }
  override now = (): number => Math.floor(Date.now() / 1000);
}

/** Difficulty 1 network (no 2^-24 share is a block), genesis a minute ago. */
function params(): NetworkParams {
  return {
    ...regtest,
    consensus: { engine: 'pow', pow: { ...powParams(regtest), genesisBits: 0x1d00ffff, asertHalfLife: 2 ** 31 } },
    genesis: { ...regtest.genesis, time: Math.floor(Date.now() / 1000) - 60 },
  };
}

async function sharesPerSecond(): Promise<BenchResult> {
  const tc = await createTestChain({ params: params(), clock: new RealClock() });
  const mempool = new Mempool(tc.chain);
  const jobs = new JobManager({ chain: tc.chain, mempool, beneficiary: tc.keys[0].address });
  jobs.start();
  const base = jobs.current!;
  const exp = -24;
  const en1 = Buffer.from([1, 2, 3, 4]);
  const N = 20_000;
  const target = targetToBytes(shareTarget(exp));
  const subs: Array<{ jobId: string; extranonce2: string; ntime: string; nonce: string }> = [];
  const ntime = base.ntime.toString(16).padStart(8, '0');
  for (let e = 0; subs.length < N; e++) {
    const en2 = Buffer.alloc(4);
    en2.writeUInt32LE(e, 0);
    const h = shareHeader(base, en1, en2, base.ntime, 0);
    const r = scanNonces(h, target, 0, 1 << 20);
    if (r.found) subs.push({ jobId: '', extranonce2: en2.toString('hex'), ntime, nonce: (r.nonce >>> 0).toString(16).padStart(8, '0') });
  }
  let best = 0;
  for (let round = 0; round < 3; round++) {
    // A re-issued job: the same work (so the same nonces are valid) with an empty duplicate set.
    const job = jobs.reissue(base);
    const ctx = { lookup: (id: string) => jobs.lookup(id), expOf: () => exp, extranonce1: en1, extranonce2Bytes: 4, engine: tc.chain.engine, now: tc.chain.clock() };
    let ok = 0;
    const t0 = performance.now();
    for (const s of subs) if (checkShare({ ...s, jobId: job.id }, ctx).ok) ok++;
    const secs = (performance.now() - t0) / 1000;
    if (ok !== N) throw new Error(`only ${ok} of ${N} shares valid`);
    best = Math.max(best, N / secs);
  }
  jobs.stop();
  mempool.dispose();
  return { name: 'pool.shares_per_s', value: Math.round(best), unit: 'shares/s', shares: N, shareDifficulty: 2 ** exp, extranonce1Bytes: EXTRANONCE1_BYTES, aim: 5000 };
}

function load(args: string[]): { out: Promise<string>; kill(): void; lines: (re: RegExp) => Promise<RegExpMatchArray> } {
  const p = spawn(process.execPath, ['--import', 'tsx', LOAD, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  const waiters: Array<() => void> = [];
  p.stdout.setEncoding('utf8').on('data', (s: string) => {
    out += s;
    for (const w of waiters.splice(0)) w();
  });
  const closed = new Promise<string>((r) => p.on('close', () => r(out)));
  return {
    out: closed,
    kill: () => p.stdin.end(),
    async lines(re) {
      for (;;) {
        const m = out.match(re);
        if (m) return m;
        await Promise.race([new Promise<void>((r) => waiters.push(r)), closed.then(() => undefined)]);
        if (p.exitCode !== null && !out.match(re)) throw new Error(`load process ended without ${re}: ${out}`);
      }
    },
  };
}

async function startBenchPool(o: { kv: MemoryKv | LevelKv; startDifficulty: number }) {
  const tc = await createTestChain({ params: params(), clock: new RealClock() });
  const mempool = new Mempool(tc.chain);
  const pool = new MiningPool(
    {
      dir: '/nonexistent',
      host: '127.0.0.1',
      port: 0,
      scheme: 'pps',
      feeBps: 100,
      pplnsN: 2,
      minPayout: 1n,
      startDifficulty: o.startDifficulty,
      vardiff: { windowShares: 1e9, windowSeconds: 1e9 },
      limits: { maxConnectionsPerIp: 20_000, maxConnections: 20_000, messagesPerSecond: 1e6, messageBurst: 1e6, handshakeSeconds: 600 },
      kv: o.kv,
      key: poolKeyFrom(new Uint8Array(32).fill(9)),
    },
    { chain: tc.chain, mempool },
  );
  await pool.start();
  return { pool, close: async () => {
    await pool.stop();
    mempool.dispose();
  } };
}

async function sharesEndToEnd(): Promise<BenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'cw-bench-pool-'));
  const kv = await LevelKv.open(dir);
  const { pool, close } = await startBenchPool({ kv, startDifficulty: 2 ** -24 });
  try {
    const N = 20_000;
    const cpu0 = process.cpuUsage();
    const l = load(['shares', String(pool.p.server.port), String(N), '8']);
    const m = await l.lines(/^DONE (\d+) (\d+) ([\d.]+)$/m);
    const cpu = process.cpuUsage(cpu0);
    const [accepted, rejected, ms] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (rejected > 0) throw new Error(`${rejected} shares rejected`);
    return {
      name: 'pool.shares_per_s_end_to_end',
      value: Math.round(accepted / (ms / 1000)),
      unit: 'shares/s',
      shares: accepted,
      connections: 8,
      fsyncedBatches: pool.p.ledger.flushes,
      serverCpuSeconds: Math.round(((cpu.user + cpu.system) / 1e6) * 100) / 100,
      note: 'TCP, JSON, share check, ledger (LevelDB, fsynced group commit), reply after the write; load process on another core',
    };
  } finally {
    await close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function connectionsHeld(): Promise<BenchResult> {
  const N = 10_000;
  const { pool, close } = await startBenchPool({ kv: new MemoryKv(), startDifficulty: 2 ** -10 });
  try {
    global.gc?.();
    const rss0 = process.memoryUsage().rss;
    const t0 = performance.now();
    const l = load(['connections', String(pool.p.server.port), String(N)]);
    const m = await l.lines(/^HELD (\d+)$/m);
    const connectMs = performance.now() - t0;
    const held = Number(m[1]);
    const live = pool.p.server.connections;
    global.gc?.();
    const rss = process.memoryUsage().rss;
    // One new job to every connection.
    const b0 = performance.now();
    await pool.p.jobs.refresh(true);
    const broadcastMs = performance.now() - b0;
    l.kill();
    await l.out;
    return {
      name: 'pool.connections',
      value: Math.min(held, live),
      unit: 'connections',
      aim: N,
      rssMiB: Math.round((rss / 2 ** 20) * 10) / 10,
      rssGrowthMiB: Math.round(((rss - rss0) / 2 ** 20) * 10) / 10,
      kibPerConnection: Math.round(((rss - rss0) / 1024 / Math.max(1, live)) * 10) / 10,
      connectSeconds: Math.round(connectMs / 100) / 10,
      broadcastMs: Math.round(broadcastMs * 10) / 10,
    };
  } finally {
    await close();
  }
}

/** All mining-pool benchmarks. */
export async function benchPool(): Promise<BenchResult[]> {
  return [await sharesPerSecond(), await sharesEndToEnd(), await connectionsHeld()];
}
