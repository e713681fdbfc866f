/**
 * Share checks (issue 12 item 3, mining.md): job known (21) and not stale (21), extranonce2 length
 * (20), ntime within [job ntime, the engine's future-drift limit] (20) with a rolled-time block
 * still valid, nonce form (20), duplicates by normalised hex (22), hash under the share target
 * (23); a share that meets the network target becomes a block through the one import path at once;
 * shares for jobs sent before a difficulty change are checked and credited at the OLD difficulty.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startPool, waitFor, mineOn, type PoolFixture } from './helpers.js';
import { StratumMiner, bitsToTarget, targetForDifficulty, type MinerJob } from '../../src/testing/stratum-miner.js';
import { scanNonces, targetToBytes } from '../../src/miner/kernel.js';
import { sha256d } from '../../src/crypto/hash.js';
import { headerHash } from '../../src/primitives/header.js';
import { shareWeight } from '../../src/mining-pool/difficulty.js';
import { transfer } from '../../src/testing/chain.js';

function hashInt(h: Uint8Array): bigint {
  let v = 0n;
  for (let i = 31; i >= 0; i--) v = (v << 8n) | BigInt(h[i]);
  return v;
}

/** A nonce whose share meets `diff`; `block` says whether it must (true) or must not (false) meet the network target; `low` finds one that meets neither. */
function findNonce(m: StratumMiner, job: MinerJob, en2: string, ntime: string, diff: number, want: 'share' | 'block' | 'low'): number {
  const j = { ...job, ntime };
  const header = m.header(j, en2);
  const share = targetForDifficulty(diff);
  const net = bitsToTarget(job.nbits);
  for (let start = 0; ; ) {
    if (want === 'low') {
      header.writeUInt32LE(start, 76);
      if (hashInt(sha256d(header)) > share) return start;
      start++;
      continue;
    }
    const r = scanNonces(header, targetToBytes(want === 'block' ? net : share), start, 1 << 20);
    if (!r.found) {
      start += r.hashes;
      continue;
    }
    header.writeUInt32LE(r.nonce, 76);
    const isBlock = hashInt(sha256d(header)) <= net;
    if (want === 'block' || !isBlock) return r.nonce;
    start = r.nonce + 1;
  }
}

const hex8 = (n: number) => (n >>> 0).toString(16).padStart(8, '0');

async function idleMiner(t: { after(f: () => void): void }, fx: PoolFixture, name = 'w1'): Promise<StratumMiner> {
  const m = new StratumMiner({ port: fx.port, user: `${fx.tc.keys[1].addressText}.${name}`, idle: true });
  t.after(() => m.stop());
  assert.equal(await m.start(), true);
  await waitFor(() => m.job !== undefined, 10_000, 'a job');
  return m;
}

test('each malformed, stale, duplicate or low-difficulty share gets its standard code; a good one is accepted', async (t) => {
  const fx = await startPool({ startDifficulty: 2 ** -20 });
  t.after(() => fx.stop());
  const m = await idleMiner(t, fx);
  const job = m.job!;
  const d = job.difficulty;
  const en2 = m.en2Hex(0);
  const code = async (params: unknown[]) => {
    const r = await m.request('mining.submit', params);
    return r.result === true ? 'ok' : (r.error as unknown[])[0];
  };
  const user = m.o.user;
  assert.equal(await code([user, 'ffffff', en2, job.ntime, '00000000']), 21, 'unknown job');
  assert.equal(await code([user, job.id, '00', job.ntime, '00000000']), 20, 'extranonce2 too short');
  assert.equal(await code([user, job.id, 'zzzzzzzz', job.ntime, '00000000']), 20, 'extranonce2 not hex');
  assert.equal(await code([user, job.id, en2, hex8(parseInt(job.ntime, 16) - 1), '00000000']), 20, 'ntime before the job');
  assert.equal(await code([user, job.id, en2, hex8(fx.tc.chain.clock() + 16), '00000000']), 20, 'ntime past the future-drift limit (15 s)');
  assert.equal(await code([user, job.id, en2, job.ntime.slice(1), '00000000']), 20, 'ntime of 7 hex digits');
  assert.equal(await code([user, job.id, en2, job.ntime, '0']), 20, 'nonce of 1 hex digit');
  assert.equal(await code([user, job.id, en2, job.ntime, '00000000', '20000000']), 20, 'version rolling was not negotiated');
  assert.equal(await code([`${fx.tc.keys[2].addressText}.other`, job.id, en2, job.ntime, '00000000']), 24, 'a worker this connection did not authorize');
  const low = findNonce(m, job, en2, job.ntime, d, 'low');
  assert.equal(await code([user, job.id, en2, job.ntime, hex8(low)]), 23, 'low difficulty');
  const good = findNonce(m, job, m.en2Hex(1), job.ntime, d, 'share');
  assert.equal(await code([user, job.id, m.en2Hex(1), job.ntime, hex8(good)]), 'ok');
  // The same share again, in upper case: a duplicate (normalised hex).
  assert.equal(await code([user, job.id, m.en2Hex(1).toUpperCase(), job.ntime.toUpperCase(), hex8(good).toUpperCase()]), 22, 'duplicate');
  // A new tip: the job is stale.
  await mineOn(fx, fx.tc.keys[0].address);
  const again = findNonce(m, job, m.en2Hex(2), job.ntime, d, 'share');
  const r = await m.request('mining.submit', [user, job.id, m.en2Hex(2), job.ntime, hex8(again)]);
  assert.deepEqual(r.error, [21, 'Stale job', null]);
  assert.deepEqual(m.violations, []);
  const c = fx.pool.p.handler.counters;
  assert.equal(c.accepted, 1);
  assert.equal(c.duplicate, 1);
  assert.equal(c.lowDifficulty, 1);
  assert.equal(c.stale, 2);
});

test('a share meeting the network target is a block at once, and rolled ntime keeps it valid', async (t) => {
  const fx = await startPool({ startDifficulty: 2 ** -20 });
  t.after(() => fx.stop());
  const m = await idleMiner(t, fx);
  const job = m.job!;
  const h0 = fx.tc.chain.tip.height;
  // Roll ntime 5 s forward (within the drift limit): the block must still pass the engine's time rules.
  const rolled = hex8(parseInt(job.ntime, 16) + 5);
  const en2 = m.en2Hex(3);
  const nonce = findNonce(m, job, en2, rolled, job.difficulty, 'block');
  const r = await m.request('mining.submit', [m.o.user, job.id, en2, rolled, hex8(nonce)]);
  assert.equal(r.result, true);
  await waitFor(() => fx.tc.chain.tip.height === h0 + 1, 10_000, 'the block on the chain');
  const tip = fx.tc.chain.tip;
  assert.equal(tip.header.time, parseInt(rolled, 16));
  assert.equal(tip.header.nonce, nonce);
  // The header the miner hashed is the block's header.
  assert.equal(Buffer.from(headerHash(tip.header)).toString('hex'), Buffer.from(sha256d((() => {
    const h = m.header({ ...job, ntime: rolled }, en2);
    h.writeUInt32LE(nonce, 76);
    return h;
  })())).toString('hex'));
  const found = [...fx.pool.p.ledger.blocks.values()];
  assert.equal(found.length, 1);
  await waitFor(() => fx.pool.p.ledger.blocks.get(Buffer.from(tip.hash).toString('hex'))?.status === 'pending', 5000, 'pending status');
  // The miner got a clean job on the new tip.
  await waitFor(() => m.job!.id !== job.id && m.job!.clean, 5000, 'a clean job');
});

test('shares for jobs sent before a difficulty change are checked and credited at the old difficulty', async (t) => {
  const fx = await startPool({ startDifficulty: 2 ** -24 });
  t.after(() => fx.stop());
  const m = await idleMiner(t, fx);
  const old = m.job!;
  assert.equal(old.difficulty, 2 ** -24);
  // The miner asks for difficulty 2^-18: set_difficulty, then the same work under a new job id.
  const before = m.jobs.length;
  assert.equal((await m.request('mining.suggest_difficulty', [2 ** -18])).result, true);
  await waitFor(() => m.jobs.length > before, 5000, 'a re-issued job');
  const fresh = m.job!;
  assert.notEqual(fresh.id, old.id);
  assert.equal(fresh.difficulty, 2 ** -18);
  assert.equal(fresh.prevhash, old.prevhash);
  // A share that meets only 2^-24 is refused for the new job but accepted for the old one.
  const en2 = m.en2Hex(5);
  let nonce = 0;
  for (let start = 0; ; start = nonce + 1) {
    nonce = findNonceFrom(m, old, en2, 2 ** -24, start);
    const h = m.header(old, en2);
    h.writeUInt32LE(nonce, 76);
    if (hashInt(sha256d(h)) > targetForDifficulty(2 ** -18)) break;
  }
  const r1 = await m.request('mining.submit', [m.o.user, fresh.id, en2, fresh.ntime, hex8(nonce)]);
  assert.deepEqual(r1.error, [23, 'Low difficulty share', null]);
  const r2 = await m.request('mining.submit', [m.o.user, old.id, en2, old.ntime, hex8(nonce)]);
  assert.equal(r2.result, true);
  // Credited at the old difficulty's weight.
  const w = [...fx.pool.p.ledger.workers.values()][0];
  assert.equal(w.weight, shareWeight(-24));
  assert.equal(w.accepted, 1n);
});

test('several live jobs keep their own templates: a block from an older job, after newer jobs with other transactions, is the block of that job', async (t) => {
  const fx = await startPool({ startDifficulty: 2 ** -20 });
  t.after(() => fx.stop());
  const m = await idleMiner(t, fx);
  const j1 = m.job!;
  assert.equal(j1.branch.length, 0, 'job 1: the coinbase alone');
  // A transaction arrives: job 2 (clean_jobs false) carries it, and job 1 stays live.
  const [from, to] = [fx.tc.keys[2], fx.tc.keys[3]];
  const tx1 = await fx.mempool.add(transfer(fx.tc.chain, from, to.address, 1000n, 0n));
  await fx.pool.p.jobs.refresh(false);
  await waitFor(() => m.job!.id !== j1.id, 5000, 'job 2');
  const j2 = m.job!;
  assert.equal(j2.clean, false);
  assert.equal(j2.branch.length, 1, 'job 2: coinbase and one transaction');
  // A second one: job 3 with both.
  await fx.mempool.add(transfer(fx.tc.chain, from, to.address, 2000n, 1n));
  await fx.pool.p.jobs.refresh(false);
  await waitFor(() => m.job!.id !== j2.id, 5000, 'job 3');
  assert.equal(m.job!.branch.length, 2);
  assert.ok(fx.pool.p.jobs.size >= 3, 'three live jobs');
  // Shares for all three are accepted.
  for (const [i, j] of [j1, j2, m.job!].entries()) {
    const en2 = m.en2Hex(10 + i);
    const r = await m.request('mining.submit', [m.o.user, j.id, en2, j.ntime, hex8(findNonce(m, j, en2, j.ntime, j.difficulty, 'share'))]);
    assert.equal(r.result, true, `share for job ${i + 1}`);
  }
  // A block on job 2 (neither the oldest nor the newest): the chain gets job 2's block, one transaction.
  const h0 = fx.tc.chain.tip.height;
  const en2 = m.en2Hex(20);
  const nonce = findNonce(m, j2, en2, j2.ntime, j2.difficulty, 'block');
  assert.equal((await m.request('mining.submit', [m.o.user, j2.id, en2, j2.ntime, hex8(nonce)])).result, true);
  await waitFor(() => fx.tc.chain.tip.height === h0 + 1, 10_000, 'the block');
  const tip = await fx.tc.chain.getBlock(fx.tc.chain.tip.hash);
  assert.deepEqual(tip!.txs.map((x) => x.key), [tx1.key]);
  const h = m.header(j2, en2);
  h.writeUInt32LE(nonce, 76);
  assert.equal(Buffer.from(fx.tc.chain.tip.hash).toString('hex'), Buffer.from(sha256d(h)).toString('hex'));
});

function findNonceFrom(m: StratumMiner, job: MinerJob, en2: string, diff: number, start: number): number {
  const header = m.header(job, en2);
  for (let s = start; ; ) {
    const r = scanNonces(header, targetToBytes(targetForDifficulty(diff)), s, 1 << 20);
    if (r.found) return r.nonce;
    s += r.hashes;
  }
}
