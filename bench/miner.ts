/**
 * Miner benchmarks (SHA-256d over an 80-byte header, target 0 so no nonce ever wins):
 * - miner.hashrate_per_thread: the best kernel (native SHA-NI / scalar C, else JS) on this thread, ~3 s.
 * - miner.hashrate_per_thread_js: the pure-JS fallback kernel on this thread, ~3 s.
 * - miner.hashrate_total: CpuMiner with 2 worker threads, ~3 s after a short warm-up.
 * Wall-clock rates; `cpuHps` (hashes per second of this thread's CPU time) is added for the
 * single-thread figures, since a shared machine's other load lowers the wall-clock figure.
 */
import { CpuMiner } from '../src/miner/cpu-miner.js';
import { scanJs, type ScanFn } from '../src/miner/kernel-js.js';
import { kernelName, scanNonces } from '../src/miner/kernel.js';
import type { BenchResult } from './result.js';

const IMPOSSIBLE = new Uint8Array(32);

function benchHeader(): Uint8Array {
  const h = new Uint8Array(80);
  for (let i = 0; i < 80; i++) h[i] = (i * 113 + 7) & 0xff;
  return h;
}

/** Scans with `scan` in chunks for about `seconds`; hashes per wall-clock and per CPU second. */
function measure(scan: ScanFn, chunk: number, seconds: number): { hps: number; cpuHps: number; hashes: number; seconds: number } {
  const header = benchHeader();
  scan(header, IMPOSSIBLE, 0, Math.min(chunk, 1 << 14)); // warm up (JIT, addon load)
  let hashes = 0;
  let nonce = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let dt = 0;
  while (dt < seconds * 1000) {
    hashes += scan(header, IMPOSSIBLE, nonce, chunk).hashes;
    nonce = (nonce + chunk) >>> 0;
    dt = performance.now() - t0;
  }
  const cpu = process.cpuUsage(cpu0);
  const cpuSecs = (cpu.user + cpu.system) / 1e6;
  return { hps: Math.round(hashes / (dt / 1000)), cpuHps: Math.round(hashes / cpuSecs), hashes, seconds: +(dt / 1000).toFixed(2) };
}

/** Runs the miner benchmarks; ~10 s in all. */
export async function benchMiner(seconds = 3): Promise<BenchResult[]> {
  const kernel = kernelName();
  const best = measure(scanNonces, kernel === 'js' ? 1 << 16 : 1 << 20, seconds);
  const js = measure(scanJs, 1 << 16, seconds);

  const miner = new CpuMiner({ threads: 2 });
  miner.start();
  let total: BenchResult;
  try {
    miner.setJob({ id: 'bench', header: benchHeader(), target: IMPOSSIBLE });
    await new Promise((r) => setTimeout(r, 500)); // workers up and warm
    const h0 = miner.totalHashes();
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const secs = (performance.now() - t0) / 1000;
    const hashes = miner.totalHashes() - h0;
    total = {
      name: 'miner.hashrate_total',
      value: Math.round(hashes / secs),
      unit: 'H/s',
      threads: 2,
      kernel: miner.workerKernels()[0] ?? kernel,
      perThread: miner.hashrate().perThread.map(Math.round),
      seconds: +secs.toFixed(2),
    };
  } finally {
    await miner.stop();
  }

  return [
    { name: 'miner.hashrate_per_thread', value: best.hps, unit: 'H/s', kernel, cpuHps: best.cpuHps, seconds: best.seconds },
    { name: 'miner.hashrate_per_thread_js', value: js.hps, unit: 'H/s', kernel: 'js', cpuHps: js.cpuHps, seconds: js.seconds },
    total,
  ];
}
