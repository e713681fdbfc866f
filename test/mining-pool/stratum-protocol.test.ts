/**
 * The Stratum v1 wire protocol as stock miners need it (shared/reference/mining.md): the subscribe
 * reply is the very next line and nothing precedes it; authorize, then set_difficulty and notify
 * with exact hex formats; every reply carries the id and a `result` key; errors are
 * [code, message, null]; unknown methods are answered; lines may arrive split and several per
 * packet; extranonce1 is unique per connection; a new clean job on every tip change; a share built
 * from the notify parts the way miners build it is accepted and a block through it is a real block.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RawClient } from './raw-client.js';
import { mineOn, startPool, waitFor } from './helpers.js';
import { StratumMiner } from '../../src/testing/stratum-miner.js';
import { hashToDisplay } from '../../src/encoding/hex.js';

const ADDR = (fx: Awaited<ReturnType<typeof startPool>>, i: number) => fx.tc.keys[i].addressText;

test('subscribe is answered on the very next line, before any notification; authorize then sends set_difficulty and notify in the exact formats', async (t) => {
  const fx = await startPool();
  t.after(() => fx.stop());
  const c = await RawClient.open(fx.port);
  t.after(() => c.close());
  // cpuminer's exact bytes.
  c.send('{"id": 1, "method": "mining.subscribe", "params": ["cpuminer/2.5.1"]}\n');
  await c.waitLines(1);
  const sub = c.json(0);
  assert.equal(sub.id, 1);
  assert.ok('result' in sub && sub.error === null);
  const [subs, en1, en2size] = sub.result;
  assert.deepEqual(subs.map((s: unknown[]) => s[0]), ['mining.set_difficulty', 'mining.notify']);
  assert.match(en1, /^[0-9a-f]{8}$/);
  assert.equal(en2size, 4);
  // Nothing else arrives before authorize.
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(c.lines.length, 1);

  c.send(`{"id": 2, "method": "mining.authorize", "params": ["${ADDR(fx, 1)}.rig1", "x"]}\n`);
  await c.waitLines(4);
  assert.deepEqual(c.json(1), { id: 2, result: true, error: null });
  const diff = c.json(2);
  assert.equal(diff.method, 'mining.set_difficulty');
  assert.equal(diff.id, null);
  assert.deepEqual(diff.params, [2 ** -20]);
  const n = c.json(3);
  assert.equal(n.method, 'mining.notify');
  const [jobId, prevhash, coinb1, coinb2, branch, version, nbits, ntime, clean] = n.params;
  assert.equal(typeof jobId, 'string');
  // prevhash: the tip's internal bytes with each 4-byte word swapped = the display hex's 8-char groups reversed.
  const display = hashToDisplay(fx.tc.chain.tip.hash);
  assert.equal(prevhash, display.match(/.{8}/g)!.reverse().join(''));
  assert.match(coinb1, /^([0-9a-f]{2})+$/);
  assert.match(coinb2, /^([0-9a-f]{2})+$/);
  assert.deepEqual(branch, []);
  assert.equal(version, '20000000');
  assert.equal(nbits, '1f00ffff');
  assert.match(ntime, /^[0-9a-f]{8}$/);
  assert.equal(clean, true);
});

test('lines split across packets and several lines in one packet; every reply has the id and a result key; unknown methods are answered', async (t) => {
  const fx = await startPool();
  t.after(() => fx.stop());
  const c = await RawClient.open(fx.port);
  t.after(() => c.close());
  const sub = '{"id": "a", "method": "mining.subscribe", "params": []}\n';
  c.send(sub.slice(0, 10));
  await new Promise((r) => setTimeout(r, 50));
  c.send(sub.slice(10, 30));
  await new Promise((r) => setTimeout(r, 50));
  c.send(sub.slice(30));
  await c.waitLines(1);
  assert.equal(c.json(0).id, 'a');
  // Three requests in one packet, the last one split with \r\n line ending.
  c.send('{"id":7,"method":"mining.configure","params":[["version-rolling"],{}]}\n{"id":8,"method":"mining.extranonce.subscribe","params":[]}\n{"id":9,"method":"no.such');
  c.send('.method","params":[]}\r\n');
  await c.waitLines(4);
  assert.deepEqual(c.json(1), { id: 7, result: { 'version-rolling': false }, error: null });
  assert.deepEqual(c.json(2), { id: 8, result: false, error: null });
  assert.deepEqual(c.json(3), { id: 9, result: null, error: [20, 'Unknown method no.such.method', null] });
  // Submitting before authorizing: 24; a bad worker name: 24; still connected.
  c.send('{"id":10,"method":"mining.submit","params":["x.y","1","00000000","00000000","00000000"]}\n');
  c.send('{"id":11,"method":"mining.authorize","params":["not-an-address.w","x"]}\n');
  await c.waitLines(6);
  assert.equal(c.json(4).error[0], 24);
  assert.equal(c.json(4).result, null);
  assert.equal(c.json(5).error[0], 24);
  assert.equal(c.closed, false);
});

test('authorize before subscribe and submit before subscribe answer 25', async (t) => {
  const fx = await startPool();
  t.after(() => fx.stop());
  const c = await RawClient.open(fx.port);
  t.after(() => c.close());
  c.send(`{"id":1,"method":"mining.authorize","params":["${ADDR(fx, 1)}.w","x"]}\n{"id":2,"method":"mining.submit","params":["a","b","c","d","e"]}\n`);
  await c.waitLines(2);
  assert.deepEqual(c.json(0).error, [25, 'Not subscribed', null]);
  assert.deepEqual(c.json(1).error, [25, 'Not subscribed', null]);
});

test('extranonce1 is unique per connection', async (t) => {
  const fx = await startPool();
  t.after(() => fx.stop());
  const seen = new Set<string>();
  const clients: RawClient[] = [];
  for (let i = 0; i < 50; i++) {
    const c = await RawClient.open(fx.port);
    clients.push(c);
    c.send('{"id":1,"method":"mining.subscribe","params":[]}\n');
  }
  for (const c of clients) {
    await c.waitLines(1);
    seen.add(c.json(0).result[1]);
    c.close();
  }
  assert.equal(seen.size, 50);
});

test('a test miner following the wire format byte for byte gets its shares accepted, finds a real block, and gets a clean job on every tip change', async (t) => {
  const fx = await startPool({ startDifficulty: 2 ** -20 });
  t.after(() => fx.stop());
  // Throttled (~0.5 MH/s): a block every ~0.1 s, a share every ~2 ms.
  const m = new StratumMiner({ port: fx.port, user: `${ADDR(fx, 1)}.rig1`, chunk: 1024, pauseMs: 2 });
  t.after(() => m.stop());
  assert.equal(await m.start(), true);
  const h0 = fx.tc.chain.tip.height;
  await waitFor(() => fx.tc.chain.tip.height >= h0 + 2 && m.accepted >= 10, 60_000, 'shares and two blocks');
  m.stop();
  assert.deepEqual(m.violations, []);
  // Only shares in flight across a block change may be refused, as stale (21).
  assert.ok(m.rejectCodes.every((c) => c === 21), `rejected: ${m.rejectCodes}`);
  assert.ok(m.rejected * 4 <= m.accepted, `${m.rejected} stale against ${m.accepted} accepted`);
  // The blocks on the chain are the pool's: they pay its key.
  const tip = await fx.tc.chain.getBlock(fx.tc.chain.tip.hash);
  assert.deepEqual(tip!.block.coinbase.beneficiary, fx.pool.p.key.address);
  // Every tip change brought a clean job.
  const cleanJobs = m.jobs.filter((j) => j.clean).length;
  assert.ok(cleanJobs >= fx.tc.chain.tip.height - h0, `${cleanJobs} clean jobs for ${fx.tc.chain.tip.height - h0} blocks`);
  // The chain's own block (a foreign tip) also makes a clean job for connected miners.
  const m2 = new StratumMiner({ port: fx.port, user: `${ADDR(fx, 2)}.rig2`, idle: true });
  t.after(() => m2.stop());
  await m2.start();
  await waitFor(() => m2.jobs.length >= 1, 10_000, 'first job');
  const before = m2.jobs.length;
  await mineOn(fx, fx.tc.keys[0].address);
  await waitFor(() => m2.jobs.length > before, 10_000, 'job after a foreign block');
  const j = m2.jobs[m2.jobs.length - 1];
  assert.equal(j.clean, true);
  assert.equal(j.prevhash, hashToDisplay(fx.tc.chain.tip.hash).match(/.{8}/g)!.reverse().join(''));
});

test('jobs are re-broadcast at least every refresh interval (never more than 60 s apart)', async (t) => {
  const fx = await startPool({ jobRefreshMs: 1500 });
  t.after(() => fx.stop());
  const m = new StratumMiner({ port: fx.port, user: `${ADDR(fx, 1)}.w`, idle: true });
  t.after(() => m.stop());
  await m.start();
  await waitFor(() => m.jobs.length >= 3, 15_000, 'three jobs');
  assert.equal(new Set(m.jobs.map((j) => j.id)).size, m.jobs.length, 'each job has a new id');
  assert.equal(m.jobs[1].clean, false, 'a refresh on the same tip is not a clean job');
  assert.deepEqual(m.violations, []);
});
