import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CpuMiner, type ExhaustedEvent, type FoundEvent } from '../../src/miner/cpu-miner.js';
import { meetsTarget, packageRoot, targetToBytes } from '../../src/miner/kernel.js';
import { CoinworksError } from '../../src/errors.js';

// About one hash in 2^12 wins: found within milliseconds even by the JS kernel.
const EASY = targetToBytes((1n << 244n) - 1n);
// Target 0: no hash wins (a hash of zero is not a practical outcome).
const IMPOSSIBLE = new Uint8Array(32);

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function header(seed: number): Uint8Array {
  const h = new Uint8Array(80);
  for (let i = 0; i < 80; i++) h[i] = (i * 31 + seed * 17) & 0xff;
  return h;
}

function sha256d(b: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(createHash('sha256').update(b).digest()).digest());
}

/** Waits for the first event `name` (or fails after `ms`). */
function next<T>(m: CpuMiner, name: 'found' | 'exhausted', ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${name} event within ${ms} ms`)), ms);
    m.once(name, (e: unknown) => {
      clearTimeout(timer);
      resolve(e as T);
    });
  });
}

function checkFound(e: FoundEvent, base: Uint8Array): void {
  assert.equal(e.header.length, 80);
  assert.deepEqual(e.header.subarray(0, 76), base.subarray(0, 76));
  assert.equal(new DataView(e.header.buffer, e.header.byteOffset).getUint32(76, true), e.nonce);
  assert.deepEqual(e.hash, sha256d(e.header));
  assert.ok(meetsTarget(e.hash, EASY));
}

test('two threads find a block at an easy target, then stop() terminates them', async () => {
  const m = new CpuMiner({ threads: 2 });
  m.start();
  try {
    const h = header(1);
    const found = next<FoundEvent>(m, 'found', 20_000);
    m.setJob({ id: 'easy-1', header: h, target: EASY });
    const e = await found;
    assert.equal(e.jobId, 'easy-1');
    checkFound(e, h);
  } finally {
    await m.stop();
  }
  assert.equal(m.isRunning, false);
  assert.equal(m.hashrate().total, 0);
  // No thread hashes after stop() resolved.
  const before = m.totalHashes();
  await sleep(200);
  assert.equal(m.totalHashes(), before);
});

test('a replaced job is dropped: only the current job id is ever reported', async () => {
  const m = new CpuMiner({ threads: 2 });
  const seen: string[] = [];
  m.on('found', (e) => seen.push(e.jobId));
  m.start();
  try {
    m.setJob({ id: 'hard', header: header(2), target: IMPOSSIBLE });
    await sleep(300);
    const found = next<FoundEvent>(m, 'found', 20_000);
    m.setJob({ id: 'easy', header: header(3), target: EASY });
    assert.equal((await found).jobId, 'easy');
    await sleep(200);
    assert.ok(seen.length >= 1);
    assert.deepEqual(new Set(seen), new Set(['easy']));

    // Finds of job A still in flight when B replaces it are never emitted.
    const after: string[] = [];
    const firstB = new Promise<void>((resolve) => {
      const onFound = (e: FoundEvent): void => {
        if (e.jobId !== 'A') return;
        m.off('found', onFound);
        m.setJob({ id: 'B', header: header(5), target: EASY });
        m.on('found', (x) => {
          after.push(x.jobId);
          resolve();
        });
      };
      m.on('found', onFound);
    });
    m.setJob({ id: 'A', header: header(4), target: EASY });
    await Promise.race([firstB, sleep(20_000).then(() => assert.fail('job B found no block in 20 s'))]);
    await sleep(200);
    assert.deepEqual(new Set(after), new Set(['B']));
  } finally {
    await m.stop();
  }
});

test('hashrate is nonzero per thread and in total while mining', async () => {
  const m = new CpuMiner({ threads: 2 });
  m.start();
  try {
    m.setJob({ id: 'hard', header: header(6), target: IMPOSSIBLE });
    await m.whenReady(); // worker start-up (tsx compiles the worker under test) is not mining time
    await sleep(1000);
    const r = m.hashrate();
    assert.equal(r.perThread.length, 2);
    for (const x of r.perThread) assert.ok(x > 0, `per-thread rate ${x}`);
    assert.ok(Math.abs(r.total - r.perThread[0] - r.perThread[1]) < 1e-6 * r.total);
    assert.ok(r.windowMs > 0 && r.windowMs <= 11_000);
    assert.ok(m.totalHashes() > 0);
    assert.equal(m.workerKernels().length, 2);
    await m.whenReady(); // resolves at once now
  } finally {
    await m.stop();
  }
});

test('exhausted fires when a job range is scanned without a find', async () => {
  const m = new CpuMiner({ threads: 2 });
  m.start();
  try {
    const ex = next<ExhaustedEvent>(m, 'exhausted', 20_000);
    m.setJob({ id: 'small', header: header(7), target: IMPOSSIBLE, nonceStart: 1000, nonceEnd: 1000 + (1 << 16) });
    assert.deepEqual(await ex, { jobId: 'small' });
    assert.ok(m.totalHashes() >= 1 << 16);
  } finally {
    await m.stop();
  }
});

test('JS kernel forced by COINWORKS_MINER_KERNEL=js also mines', async () => {
  const prev = process.env.COINWORKS_MINER_KERNEL;
  process.env.COINWORKS_MINER_KERNEL = 'js'; // workers copy the environment when spawned
  const m = new CpuMiner({ threads: 2 });
  try {
    m.start();
    const h = header(8);
    const found = next<FoundEvent>(m, 'found', 20_000);
    m.setJob({ id: 'js', header: h, target: EASY });
    checkFound(await found, h);
    await m.whenReady();
    assert.deepEqual(m.workerKernels(), ['js', 'js']);
  } finally {
    if (prev === undefined) delete process.env.COINWORKS_MINER_KERNEL;
    else process.env.COINWORKS_MINER_KERNEL = prev;
    await m.stop();
  }
});

test('bad jobs and options are rejected with typed errors', () => {
  const bad = (e: unknown): boolean => e instanceof CoinworksError && e.code === 'MINER_BAD_ARGUMENT';
  assert.throws(() => new CpuMiner({ threads: 0 }), bad);
  const m = new CpuMiner({ threads: 1 });
  assert.throws(() => m.setJob({ id: 'x', header: new Uint8Array(79), target: EASY }), bad);
  assert.throws(() => m.setJob({ id: 'x', header: header(1), target: new Uint8Array(31) }), bad);
  assert.throws(() => m.setJob({ id: 'x', header: header(1), target: EASY, nonceStart: 5, nonceEnd: 5 }), bad);
  assert.equal(m.currentJob(), null);
});

test('compiled dist/ miner runs its .js worker (skipped before `npm run build`)', async (t) => {
  const dist = join(packageRoot(), 'dist', 'miner', 'cpu-miner.js');
  if (!existsSync(dist) || !existsSync(join(packageRoot(), 'dist', 'miner', 'miner-worker.js'))) {
    t.skip('dist/ not built');
    return;
  }
  const mod = (await import(pathToFileURL(dist).href)) as typeof import('../../src/miner/cpu-miner.js');
  const m = new mod.CpuMiner({ threads: 1 });
  m.start();
  try {
    const h = header(9);
    const found = next<FoundEvent>(m as unknown as CpuMiner, 'found', 20_000);
    m.setJob({ id: 'dist', header: h, target: EASY });
    checkFound(await found, h);
  } finally {
    await m.stop();
  }
});

test('pause drops the job: no find is reported until the next job', async () => {
  const miner = new CpuMiner({ threads: 1 });
  let finds = 0;
  miner.on('found', () => finds++);
  miner.start();
  miner.setJob({ id: 'easy', header: new Uint8Array(80), target: new Uint8Array(32).fill(0xff) });
  await new Promise((r) => setTimeout(r, 100));
  miner.pause();
  await new Promise((r) => setTimeout(r, 50));
  const before = finds;
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(finds, before);
  assert.equal(miner.currentJob(), null);
  await miner.stop();
});

test('a solved job is reported once: on a target every hash meets, threads stop at the first find until the next job', async () => {
  // Regtest-like difficulty: without this, each worker reported a find per nonce and flooded the main
  // thread (which checks every find) while the next job was being assembled.
  const miner = new CpuMiner({ threads: 2 });
  let finds = 0;
  miner.on('found', () => finds++);
  miner.start();
  try {
    const until = async (n: number) => {
      for (const deadline = Date.now() + 20_000; finds < n && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 10));
    };
    miner.setJob({ id: 'trivial', header: new Uint8Array(80), target: new Uint8Array(32).fill(0xff) });
    await until(1);
    // Before the fix both threads went on reporting, thousands of finds in this half second.
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(finds, 1, 'one find for the job');
    miner.setJob({ id: 'next', header: new Uint8Array(80).fill(1), target: new Uint8Array(32).fill(0xff) });
    await until(2);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(finds, 2, 'the next job is mined again, once');
  } finally {
    await miner.stop();
  }
});
