/**
 * SIGKILL test of the mining pool's ledger (issue 12 item 4): a worker process runs a chain and
 * the pool (PPS, every balance paid out continuously: src/testing/mining-pool-crash-worker.ts)
 * while Stratum miners in this process submit shares as fast as they find them; the worker is
 * SIGKILLed at a random moment, restarted on the same directories, round after round. Then:
 *   - no acknowledged share lost its credit: for every worker the ledger counts at least the shares
 *     the miner got `true` for, and credited = accepted shares x the PPS value, exactly;
 *   - no payout was made twice: every pool-key transaction in the main chain has its own nonce and
 *     is one version of one recorded payout; what each address received on chain is exactly the
 *     outputs of the payouts whose transaction was mined, never more than the ledger's `paid`; and
 *     balance + paid = credited for every address.
 * CRASH_SEED=<n> repeats a kill schedule; POOL_CRASH_ROUNDS=<n> sets the rounds (default 8).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomInt } from 'node:crypto';
import { StratumMiner } from '../../src/testing/stratum-miner.js';
import { testKeys } from '../../src/testing/keys.js';
import { mulberry32 } from '../../src/testing/prng.js';
import { E2E_TEST_TIMEOUT_MS } from './limits.js';

const WORKER = fileURLToPath(new URL('../../src/testing/mining-pool-crash-worker.ts', import.meta.url));
const ROUNDS = Number(process.env.POOL_CRASH_ROUNDS ?? 8);
const SEED = Number(process.env.CRASH_SEED ?? randomInt(1, 2 ** 31));
/** PPS value of one 2^-20 share: floor(5e9 x 4096 x 9900 / (65536 x 10000)). */
const CREDIT = 309_375_000n;

function start(dir: string): Promise<{ proc: ChildProcessWithoutNullStreams; port: number; stderr: () => string }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', WORKER, dir, 'run'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  proc.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout.setEncoding('utf8').on('data', (s: string) => {
      out += s;
      const m = /^READY (\d+) /m.exec(out);
      if (m) resolve({ proc, port: Number(m[1]), stderr: () => err });
    });
    proc.on('close', (code) => reject(new Error(`worker exited (${code}) before READY: ${err}`)));
  });
}

function verify(dir: string): Promise<any> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', WORKER, dir, 'verify'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    p.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
    p.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`verify failed (${code}): ${err}`))));
  });
}

test('SIGKILL of the pool: no acknowledged share loses its credit, no payout is made twice', { timeout: E2E_TEST_TIMEOUT_MS }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'cw-pool-crash-'));
  let keep = false;
  t.after(() => {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  });
  t.diagnostic(`seed ${SEED}, ${ROUNDS} rounds, dir ${dir}`);
  const rand = mulberry32(SEED);
  const keys = testKeys(3, 'pool crash');
  const users = [`${keys[0].addressText}.a`, `${keys[1].addressText}.b`, `${keys[2].addressText}.c`];
  const acked = new Map<string, number>(users.map((u) => [u, 0]));
  let kills = 0;
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const w = await start(dir);
      const miners = users.map((user) => new StratumMiner({ port: w.port, user, chunk: 2048, pauseMs: 1 }));
      for (const m of miners) await m.start();
      // Mine for 1.5-4 s, then kill without warning.
      await new Promise((r) => setTimeout(r, 1500 + Math.floor(rand() * 2500)));
      w.proc.kill('SIGKILL');
      await new Promise((r) => w.proc.on('close', r));
      kills++;
      for (const m of miners) {
        m.stop();
        assert.deepEqual(m.violations, []);
        acked.set(m.o.user, acked.get(m.o.user)! + m.accepted);
      }
    }
    const r = await verify(dir);
    t.diagnostic(`${kills} kills, height ${r.height}, acked ${[...acked.values()].join('/')}, ${r.payouts.length} payouts, ${r.poolTxIds.length} on chain`);
    assert.ok(r.height > 3, 'the pool found blocks');
    // No acknowledged share lost its credit.
    for (const u of users) {
      const inLedger = BigInt(r.workers[u] ?? '0');
      assert.ok(inLedger >= BigInt(acked.get(u)!), `${u}: ${inLedger} in the ledger < ${acked.get(u)} acknowledged`);
      const a = u.split('.')[0];
      assert.equal(BigInt(r.balances[a].credited), inLedger * CREDIT, `${u}: credit of every recorded share`);
    }
    // No payout twice.
    assert.equal(new Set(r.poolTxNonces).size, r.poolTxNonces.length, 'each pool transaction on chain has its own nonce');
    const versionOf = new Map<string, string>();
    for (const p of r.payouts) for (const id of p.txIds) versionOf.set(id, p.seq);
    const minedSeqs = r.poolTxIds.map((id: string) => {
      assert.ok(versionOf.has(id), `pool transaction ${id} on chain is a recorded payout`);
      return versionOf.get(id);
    });
    assert.equal(new Set(minedSeqs).size, minedSeqs.length, 'no payout mined twice');
    const expected: Record<string, bigint> = {};
    for (const p of r.payouts) {
      if (!p.txIds.some((id: string) => r.poolTxIds.includes(id))) continue;
      for (const o of p.outputs) expected[o.address] = (expected[o.address] ?? 0n) + BigInt(o.amount);
    }
    for (const [a, b] of Object.entries(r.balances) as Array<[string, { balance: string; credited: string; paid: string }]>) {
      const received = BigInt(r.onchain[a] ?? '0');
      assert.equal(received, expected[a] ?? 0n, `${a}: received exactly its mined payouts`);
      assert.ok(received <= BigInt(b.paid), `${a}: received ${received} > paid ${b.paid}`);
      assert.equal(BigInt(b.balance) + BigInt(b.paid), BigInt(b.credited), `${a}: balance + paid = credited`);
      const recorded = r.payouts.reduce((s: bigint, p: any) => s + p.outputs.filter((o: any) => o.address === a).reduce((x: bigint, o: any) => x + BigInt(o.amount), 0n), 0n);
      assert.equal(recorded, BigInt(b.paid), `${a}: paid = the outputs of its payouts`);
    }
    assert.ok(r.poolTxIds.length >= 1, 'payouts were mined');
  } catch (e) {
    keep = true;
    t.diagnostic(`kept ${dir} for inspection (seed ${SEED})`);
    throw e;
  }
});
