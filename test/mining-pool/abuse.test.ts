/**
 * Protection (issue 12 item 7): malformed and oversize lines, floods, slow clients (that do not
 * read, or trickle bytes), idle connections, invalid-share storms and thousands of connections;
 * in every case the abuser is cut off and an honest miner connected beside it keeps having its
 * shares accepted, and the node's chain keeps growing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { RawClient } from './raw-client.js';
import { startPool, waitFor, type PoolFixture } from './helpers.js';
import { StratumMiner } from '../../src/testing/stratum-miner.js';

/** An honest, throttled miner. */
async function honest(t: { after(f: () => void): void }, fx: PoolFixture): Promise<StratumMiner> {
  const m = new StratumMiner({ port: fx.port, user: `${fx.tc.keys[1].addressText}.honest`, chunk: 512, pauseMs: 5 });
  t.after(() => m.stop());
  assert.equal(await m.start(), true);
  await waitFor(() => m.accepted >= 2, 20_000, 'honest shares');
  return m;
}

/** Asserts the honest miner keeps being accepted. */
async function stillMining(m: StratumMiner, more = 5): Promise<void> {
  const n = m.accepted;
  await waitFor(() => m.accepted >= n + more, 30_000, 'more honest shares');
  assert.equal(m.isClosed, false);
  assert.deepEqual(m.violations, []);
}

async function subscribed(fx: PoolFixture): Promise<RawClient> {
  const c = await RawClient.open(fx.port);
  c.send('{"id":1,"method":"mining.subscribe","params":[]}\n');
  await c.waitLines(1);
  return c;
}

const settings = { startDifficulty: 2 ** -22 };

test('malformed lines are answered until the limit, then the connection is closed; oversize lines close it at once', async (t) => {
  const fx = await startPool({ ...settings, limits: { maxMalformed: 5, maxLineBytes: 4096 } });
  t.after(() => fx.stop());
  const m = await honest(t, fx);
  const c = await subscribed(fx);
  for (let i = 0; i < 5; i++) c.send('this is not json\n');
  c.send('{"no":"method"}\n');
  await c.waitLines(6);
  for (let i = 1; i <= 5; i++) assert.deepEqual(c.json(i).error, [20, 'Malformed request: not JSON', null]);
  await c.waitClosed();
  // A line longer than the cap, never terminated: closed without buffering it all.
  const big = await subscribed(fx);
  big.send(Buffer.alloc(1 << 20, 0x7b));
  await big.waitClosed();
  // Binary garbage.
  const bin = await RawClient.open(fx.port);
  bin.send(Buffer.from([0, 255, 10, 1, 2, 10, 0xc3, 0x28, 10]));
  await bin.waitLines(3);
  assert.ok(bin.lines.every((l) => JSON.parse(l).error[0] === 20));
  await stillMining(m);
  assert.ok(fx.pool.p.server.counters.closedAbuse >= 2);
});

test('a flood of messages closes the flooder only', async (t) => {
  const fx = await startPool({ ...settings, limits: { messagesPerSecond: 20, messageBurst: 100 } });
  t.after(() => fx.stop());
  const m = await honest(t, fx);
  const c = await subscribed(fx);
  c.send('{"id":2,"method":"mining.extranonce.subscribe","params":[]}\n'.repeat(5000));
  await c.waitClosed();
  assert.ok(c.lines.length < 200, `answered ${c.lines.length} of 5000 before closing`);
  await stillMining(m);
});

test('a client that stops reading is dropped once its send buffer is full; a byte trickler and an idle miner time out', async (t) => {
  const fx = await startPool({ ...settings, limits: { maxWriteBufferBytes: 8 * 1024, handshakeSeconds: 2, idleSeconds: 3 } });
  t.after(() => fx.stop());
  const m = await honest(t, fx);
  // Does not read: authorize, then pause the socket while jobs pile up.
  const slow = await subscribed(fx);
  slow.send(`{"id":2,"method":"mining.authorize","params":["${fx.tc.keys[2].addressText}.slow","x"]}\n`);
  await slow.waitLines(4);
  slow.socket.pause();
  const conns = () => fx.pool.p.server.connections;
  const before = conns();
  for (let i = 0; i < 3000 && !slow.closed && conns() >= before; i++) {
    await fx.pool.p.jobs.refresh(false);
    if (i % 50 === 0) await new Promise((r) => setTimeout(r, 5));
  }
  await waitFor(() => conns() < before, 10_000, 'the slow reader dropped');
  // Trickles a subscribe one byte at a time and never authorizes: handshake timeout (2 s).
  const trickle = connect({ host: '127.0.0.1', port: fx.port });
  t.after(() => trickle.destroy());
  let closed = false;
  trickle.on('close', () => (closed = true));
  trickle.on('error', () => undefined);
  const text = '{"id":1,"method":"mining.subscribe","params":[]}';
  for (let i = 0; i < text.length && !closed; i++) {
    trickle.write(text[i]);
    await new Promise((r) => setTimeout(r, 100));
  }
  await waitFor(() => closed, 10_000, 'the trickler closed');
  // An authorized miner that goes silent: idle timeout (3 s).
  const idle = new StratumMiner({ port: fx.port, user: `${fx.tc.keys[3].addressText}.idle`, idle: true });
  t.after(() => idle.stop());
  await idle.start();
  await waitFor(() => idle.isClosed, 15_000, 'the idle miner closed');
  await stillMining(m);
});

test('an invalid-share storm bans the IP (new connections refused) without cutting other miners', async (t) => {
  const fx = await startPool({ ...settings, limits: { banMinShares: 50, banInvalidRatio: 0.5, banSeconds: 600, messagesPerSecond: 10_000, messageBurst: 10_000 } });
  t.after(() => fx.stop());
  const m = await honest(t, fx);
  const bad = new StratumMiner({ port: fx.port, user: `${fx.tc.keys[4].addressText}.bad`, idle: true });
  t.after(() => bad.stop());
  await bad.start();
  await waitFor(() => bad.job !== undefined, 5000, 'job');
  const job = bad.job!;
  for (let i = 0; i < 60 && !bad.isClosed; i++) void bad.request('mining.submit', [bad.o.user, job.id, bad.en2Hex(i), job.ntime, 'ffffffff']);
  await waitFor(() => bad.isClosed, 10_000, 'the storm banned');
  assert.equal(fx.pool.p.server.counters.banned, 1);
  assert.equal(fx.pool.p.server.isBanned('127.0.0.1'), true);
  // New connections from the banned address are refused...
  const again = await RawClient.open(fx.port);
  await again.waitClosed();
  // ...while the honest miner, connected before, keeps mining.
  await stillMining(m);
});

test('thousands of connections are held; past the per-IP cap new ones are refused; the honest miner keeps going', { timeout: 120_000 }, async (t) => {
  const N = 2000;
  const fx = await startPool({ ...settings, limits: { maxConnectionsPerIp: N + 1 } });
  t.after(() => fx.stop());
  const m = await honest(t, fx);
  const clients: RawClient[] = [];
  t.after(() => clients.forEach((c) => c.close()));
  for (let i = 0; i < N; i++) {
    const c = await RawClient.open(fx.port);
    clients.push(c);
    c.send('{"id":1,"method":"mining.subscribe","params":[]}\n');
  }
  await waitFor(() => clients.every((c) => c.lines.length >= 1), 60_000, 'every subscribe answered');
  assert.equal(fx.pool.p.server.connections, N + 1);
  // The cap: one more from this IP is refused.
  const extra = await RawClient.open(fx.port);
  await extra.waitClosed();
  assert.ok(fx.pool.p.server.counters.refused >= 1);
  await stillMining(m);
  const h = fx.tc.chain.tip.height;
  await waitFor(() => fx.tc.chain.tip.height > h, 30_000, 'the chain keeps growing');
});
