/**
 * Monitoring and alarms (issue 12 item 5): hashrate from accepted share weight over sliding
 * windows; series at three resolutions that survive a restart and drop buckets past retention;
 * alarm rules for a hashrate drop against the recent average and for N workers offline, each
 * firing delivered as an HMAC-signed webhook POST (retried with backoff), an `alarm` event (what
 * WebSocket subscribers get) and a log line; and, end to end, an alarm reaching a webhook receiver
 * on 127.0.0.1 when a worker stops.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LevelKv } from '../../src/storage/level-kv.js';
import { MemoryKv } from '../../src/storage/memory-kv.js';
import { PoolLedger } from '../../src/mining-pool/ledger/ledger.js';
import { HashrateMonitor, Scope } from '../../src/mining-pool/monitor/hashrate.js';
import { AlarmService, type AlarmEvent } from '../../src/mining-pool/alarms/alarms.js';
import { SIGNATURE_HEADER, verifySignature } from '../../src/mining-pool/alarms/webhook.js';
import { StratumMiner } from '../../src/testing/stratum-miner.js';
import { testKeys } from '../../src/testing/keys.js';
import { startPool, waitFor } from './helpers.js';

const [KA] = testKeys(1);
const A = KA.addressText;

/** A webhook receiver on 127.0.0.1 that fails the first `failFirst` requests with HTTP 500. */
async function receiver(failFirst = 0) {
  const got: Array<{ body: string; signature: string | undefined; event: string | undefined }> = [];
  let n = 0;
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      n++;
      if (n <= failFirst) {
        res.statusCode = 500;
        return res.end('try later');
      }
      got.push({ body, signature: req.headers[SIGNATURE_HEADER] as string | undefined, event: req.headers['x-coinworks-event'] as string | undefined });
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, got, attempts: () => n, close: () => new Promise<void>((r) => server.close(() => r())) };
}

test('hashrate windows come from accepted share weight per second; series have 1m, 15m and 1h buckets and survive a restart', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'cw-pool-series-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  let now = 1_800_000_000_000;
  const clock = () => now;
  let ledger = await PoolLedger.open(await LevelKv.open(dir));
  let mon = new HashrateMonitor(ledger, clock);
  // 3 hours of one share of weight 2^20 every 10 s (104857.6 H/s), then a stop.
  for (let i = 0; i < 3 * 360; i++) {
    mon.record(A, 'rig', 1n << 20n, true);
    now += 10_000;
  }
  mon.record(A, 'rig', 0n, false);
  const expect = 2 ** 20 / 10;
  const w = mon.windows(Scope.worker(A, 'rig'));
  assert.ok(Math.abs(w.current - expect) / expect < 0.03, `current ${w.current}`);
  assert.ok(Math.abs(w.hour - expect) / expect < 0.03, `hour ${w.hour}`);
  assert.ok(Math.abs(mon.windows(Scope.pool).day - expect) / expect < 0.03);
  const hourView = mon.series(Scope.address(A), '1m');
  assert.equal(hourView.length, 60, 'the hour view: 60 one-minute buckets');
  assert.equal(mon.series(Scope.address(A), '1m', 0).length, 120, 'kept: 2 hours of them');
  assert.ok(hourView.slice(0, -1).every((p) => Math.abs(p.hashrate - expect) / expect < 0.01 && p.accepted === 6));
  assert.equal(hourView[hourView.length - 1].rejected, 1);
  const dayView = mon.series(Scope.address(A), '15m');
  const monthView = mon.series(Scope.address(A), '1h');
  assert.equal(dayView.filter((p) => p.accepted > 0).length, 12);
  assert.equal(monthView.filter((p) => p.accepted > 0).length, 3);
  await ledger.commit();
  // Only 120 one-minute buckets are stored (the older ones were deleted), 15m and 1h all.
  assert.equal((await ledger.series(0, Scope.pool)).length, 120);
  await ledger.close();
  // Restart: the same series.
  ledger = await PoolLedger.open(await LevelKv.open(dir));
  mon = new HashrateMonitor(ledger, clock);
  await mon.load([Scope.pool, Scope.address(A), Scope.worker(A, 'rig')]);
  assert.deepEqual(mon.series(Scope.address(A), '1m'), hourView);
  assert.deepEqual(mon.series(Scope.address(A), '15m'), dayView);
  assert.deepEqual(mon.series(Scope.address(A), '1h'), monthView);
  // Ten minutes later without shares: the current hashrate is zero, the hour average is not.
  now += 11 * 60_000;
  assert.equal(mon.windows(Scope.address(A)).current, 0);
  assert.ok(mon.windows(Scope.address(A)).hour > 0);
  await ledger.close();
});

test('alarm rules: a hashrate drop below the recent average and N workers offline fire once, resolve once, and are signed webhooks retried with backoff', async (t) => {
  let now = 1_800_000_000_000;
  const ledger = await PoolLedger.open(new MemoryKv());
  const mon = new HashrateMonitor(ledger, () => now);
  const logs: string[] = [];
  const log = { info: () => undefined, warn: (_o: object, m?: string) => void logs.push(m ?? '') };
  const hook = await receiver(2);
  t.after(() => hook.close());
  const alarms = new AlarmService({ ledger, monitor: mon, log, webhook: { backoffMs: 50, attempts: 5 }, nowMs: () => now });
  t.after(() => alarms.stop());
  const events: AlarmEvent[] = [];
  alarms.on('alarm', (e) => events.push(e));
  const drop = await alarms.add({ address: A, kind: 'hashrate-drop', threshold: 50, webhook: hook.url, secret: 'k' });
  const off = await alarms.add({ address: A, kind: 'workers-offline', threshold: 2, offlineAfterSeconds: 120 });
  // Two workers for 30 minutes.
  const share = (w: string) => {
    mon.record(A, w, 1n << 20n, true);
    const key = `${Buffer.from(KA.address).toString('hex')}.${w}`;
    const cur = ledger.workers.get(key);
    ledger.putWorker({ address: KA.address, worker: w, firstSeenMs: cur?.firstSeenMs ?? BigInt(now), lastShareMs: BigInt(now), accepted: (cur?.accepted ?? 0n) + 1n, rejected: 0n, stale: 0n, weight: 0n, blocks: 0 });
  };
  for (let i = 0; i < 180; i++) {
    share('r1');
    share('r2');
    now += 10_000;
    await alarms.check();
  }
  assert.equal(events.length, 0);
  // r2 stops: after 120 s one worker is offline (threshold 2: no alarm); the hashrate halves.
  for (let i = 0; i < 60; i++) {
    share('r1');
    now += 10_000;
    await alarms.check();
  }
  assert.equal(events.length, 0, 'half the hashrate is not a drop of more than 50%, one offline worker is below 2');
  // r1 stops too: both offline after 120 s; the 10-minute hashrate falls below half the hour's.
  for (let i = 0; i < 40; i++) {
    now += 10_000;
    await alarms.check();
  }
  const kinds = events.map((e) => `${e.kind}:${e.state}`).sort();
  assert.deepEqual(kinds, ['hashrate-drop:firing', 'workers-offline:firing']);
  const offline = events.find((e) => e.kind === 'workers-offline')!;
  assert.deepEqual(offline.offlineWorkers, ['r1', 'r2']);
  assert.equal(offline.ruleId, off.id);
  // Firing does not repeat.
  now += 60_000;
  await alarms.check();
  assert.equal(events.length, 2);
  // The webhook: two 500s, then delivered with a valid signature over the exact body.
  await alarms.settled();
  assert.equal(hook.attempts(), 3);
  assert.equal(hook.got.length, 1);
  const body = hook.got[0];
  assert.equal(verifySignature('k', body.body, body.signature), true);
  assert.equal(body.event, 'mining-pool.alarm');
  const ev = JSON.parse(body.body) as AlarmEvent;
  assert.equal(ev.ruleId, drop.id);
  assert.equal(ev.state, 'firing');
  assert.equal(ev.address, A);
  assert.ok(ev.hashrate!.average > 0 && ev.hashrate!.current < ev.hashrate!.average / 2);
  // Log lines.
  assert.ok(logs.some((l) => l.startsWith('mining pool alarm firing') && l.includes('worker(s)')));
  // Recovery resolves both, once.
  for (let i = 0; i < 60; i++) {
    share('r1');
    share('r2');
    now += 10_000;
    await alarms.check();
  }
  assert.deepEqual(events.slice(2).map((e) => `${e.kind}:${e.state}`).sort(), ['hashrate-drop:resolved', 'workers-offline:resolved']);
  // State is in the ledger (a restart neither repeats nor forgets).
  assert.equal(ledger.alarms.get(drop.id)!.fired, 1);
  assert.equal(ledger.alarms.get(drop.id)!.firing, 0);
  // Rules are checked: a bad webhook or threshold is refused.
  await assert.rejects(alarms.add({ address: A, kind: 'hashrate-drop', threshold: 0 }), /percent/);
  await assert.rejects(alarms.add({ address: A, kind: 'workers-offline', threshold: 1, webhook: 'ftp://x' }), /http/);
  await assert.rejects(alarms.add({ address: 'cw1nope', kind: 'workers-offline', threshold: 1 }), /address/);
});

test('end to end: a worker stops mining and its workers-offline alarm reaches a webhook receiver on 127.0.0.1', async (t) => {
  const fx = await startPool({ startDifficulty: 2 ** -22, alarmCheckMs: 200, webhook: { backoffMs: 100 } });
  t.after(() => fx.stop());
  const hook = await receiver(1);
  t.after(() => hook.close());
  const addr = fx.tc.keys[1].addressText;
  await fx.pool.p.alarms.add({ address: addr, kind: 'workers-offline', threshold: 1, offlineAfterSeconds: 2, webhook: hook.url, secret: 'hook-secret' });
  const m = new StratumMiner({ port: fx.port, user: `${addr}.rig1`, chunk: 512, pauseMs: 5 });
  t.after(() => m.stop());
  await m.start();
  await waitFor(() => m.accepted >= 3, 20_000, 'shares');
  assert.equal(hook.got.length, 0, 'no alarm while it mines');
  m.stop();
  await waitFor(() => hook.got.length >= 1, 20_000, 'the webhook');
  const ev = JSON.parse(hook.got[0].body) as AlarmEvent;
  assert.equal(verifySignature('hook-secret', hook.got[0].body, hook.got[0].signature), true);
  assert.equal(ev.kind, 'workers-offline');
  assert.equal(ev.state, 'firing');
  assert.deepEqual(ev.offlineWorkers, ['rig1']);
  assert.equal(hook.attempts(), 2, 'the first try got HTTP 500 and was retried');
});
