/**
 * The miningPool_* RPC methods: every result conforms to its published OpenRPC schema; the alarm
 * changes need the node's cookie (control access); alarm events reach WebSocket subscribers;
 * profitability works from live chain data with or without a pool, for blocks and for a mined NFT
 * collection's next token; without a pool the pool methods say so with a typed error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRpcServer } from '../../src/rpc/server.js';
import { Mempool } from '../../src/mempool/mempool.js';
import { FakeMiner, openWs, TEST_AUTH, TEST_AUTH_HEADER } from '../rpc/helpers.js';
import { schemaErrors } from '../rpc/json-schema.js';
import { startPool, waitFor } from './helpers.js';
import { StratumMiner } from '../../src/testing/stratum-miner.js';
import { createNftTestChain, createCollection, minedCollectionParams } from '../../src/testing/nft.js';
import { workForBits } from '../../src/consensus/pow/work.js';
import type { Chain } from '../../src/chain/chain.js';
import type { MiningPool } from '../../src/mining-pool/service.js';

async function server(chain: Chain, mempool: Mempool, miningPool?: MiningPool) {
  const s = await createRpcServer({ chain, mempool, miner: new FakeMiner(), ...(miningPool ? { miningPool } : {}) }, { port: 0, auth: TEST_AUTH });
  let id = 1;
  const rpc = async (method: string, params: unknown = [], auth = true) => {
    const res = await fetch(s.url, { method: 'POST', headers: { 'content-type': 'application/json', ...(auth ? { authorization: TEST_AUTH_HEADER } : {}) }, body: JSON.stringify({ jsonrpc: '2.0', id: id++, method, params }) });
    return (await res.json()) as any;
  };
  const doc = (await rpc('rpc.discover')).result;
  const byName = new Map<string, any>(doc.methods.map((m: any) => [m.name, m]));
  const call = async (method: string, params: unknown[] = []) => {
    const r = await rpc(method, params);
    if (r.error) throw Object.assign(new Error(`${method}: ${r.error.message}`), { rpc: r.error });
    assert.deepEqual(schemaErrors(byName.get(method).result.schema, r.result), [], `${method} result`);
    return r.result;
  };
  return { s, rpc, call, byName };
}

test('every miningPool_* result conforms to its schema; alarms need the cookie and reach WebSocket subscribers', { timeout: 120_000 }, async (t) => {
  const fx = await startPool({ startDifficulty: 2 ** -22, alarmCheckMs: 200 });
  t.after(() => fx.stop());
  const { s, rpc, call, byName } = await server(fx.tc.chain, fx.mempool, fx.pool);
  t.after(() => s.close());
  const addr = fx.tc.keys[1].addressText;
  const m = new StratumMiner({ port: fx.port, user: `${addr}.rig1`, chunk: 1024, pauseMs: 2 });
  t.after(() => m.stop());
  await m.start();
  await waitFor(() => m.accepted >= 5 && fx.pool.p.ledger.blocks.size >= 1, 30_000, 'shares and a block');

  const stats = await call('miningPool_getStats');
  assert.equal(stats.running, true);
  assert.equal(stats.stratum.port, fx.port);
  assert.equal(stats.stratum.url, `stratum+tcp://127.0.0.1:${fx.port}`);
  assert.equal(stats.poolAddress, fx.pool.p.key.addressText);
  assert.equal(stats.feePercent, '1');
  assert.ok(stats.shares.accepted >= 5);
  assert.ok(stats.blocks.found >= 1);
  assert.ok(stats.hashrate.current > 0);
  assert.equal(stats.workers.active, 1);
  const workers = await call('miningPool_getWorkers', [addr]);
  assert.equal(workers.length, 1);
  assert.equal(workers[0].name, `${addr}.rig1`);
  assert.equal(workers[0].status, 'active');
  assert.equal(workers[0].connected, true);
  assert.equal(workers[0].difficulty, 2 ** -22);
  assert.deepEqual(await call('miningPool_getWorkers', [fx.tc.keys[2].addressText]), []);
  for (const view of ['hour', 'day', 'month']) {
    const series = await call('miningPool_getHashrate', [view, { address: addr, worker: 'rig1' }]);
    assert.equal(series.view, view);
    assert.ok(series.points.length > 0);
    assert.ok(series.points[series.points.length - 1].accepted > 0);
  }
  const poolSeries = await call('miningPool_getHashrate', []);
  assert.equal(poolSeries.scope, 'pool');
  assert.equal(poolSeries.resolution, '1m');
  assert.equal((await rpc('miningPool_getHashrate', ['hour', { worker: 'rig1' }])).error.code, -32602);
  const payouts = await call('miningPool_getPayouts', [addr, 10]);
  assert.equal(payouts.minPayout, '1');
  await call('miningPool_getPayouts');

  // Control access: without the cookie the alarm is refused and nothing is added.
  const rule = { address: addr, kind: 'workers-offline', threshold: 1, offlineAfterSeconds: 1 };
  const denied = await rpc('miningPool_setAlarm', [rule], false);
  assert.equal(denied.error.code, -32003);
  assert.deepEqual(await call('miningPool_getAlarms'), []);
  assert.equal((await rpc('miningPool_setAlarm', [{ address: addr, kind: 'workers-offline' }])).error.code, -32602);
  assert.equal((await rpc('miningPool_setAlarm', [{ ...rule, webhook: 'file:///etc/passwd' }])).error.code, -32602);
  assert.equal(byName.get('miningPool_setAlarm')['x-access'], 'control');

  // WebSocket subscribers get the alarm event when the worker stops.
  const ws = await openWs(s);
  t.after(() => ws.close());
  const sub = await ws.request('miningPool_subscribe', ['alarms']);
  assert.deepEqual(schemaErrors(byName.get('miningPool_subscribe').result.schema, sub.result), []);
  const alarm = await call('miningPool_setAlarm', [{ ...rule, webhook: 'http://127.0.0.1:9/never', secret: 'x' }]);
  assert.equal(alarm.signed, true);
  assert.equal(alarm.firing, false);
  m.stop();
  const note = await ws.next(20_000);
  assert.equal(note.method, 'chain_subscription');
  assert.equal(note.params.subscription, sub.result);
  assert.equal(note.params.result.type, 'mining-pool.alarm');
  assert.equal(note.params.result.kind, 'workers-offline');
  assert.equal(note.params.result.state, 'firing');
  const alarms = await call('miningPool_getAlarms', [addr]);
  assert.equal(alarms[0].firing, true);
  assert.equal(alarms[0].fired, 1);
  assert.equal('secret' in alarms[0], false);
  assert.equal(await call('miningPool_removeAlarm', [alarm.id]), true);
  assert.equal(await call('miningPool_removeAlarm', [alarm.id]), false);
  // miningPool_subscribe over HTTP is refused.
  assert.equal((await rpc('miningPool_subscribe', ['alarms'])).error.code, -32002);
});

test('without a pool: getStats says running false, the other pool methods a typed error; profitability still works, for blocks and a mined NFT', { timeout: 60_000 }, async (t) => {
  const tc = await createNftTestChain();
  const id = await createCollection(tc, tc.keys[0], minedCollectionParams());
  const mempool = new Mempool(tc.chain);
  t.after(() => mempool.dispose());
  const { s, rpc, call } = await server(tc.chain, mempool);
  t.after(() => s.close());
  const stats = await call('miningPool_getStats');
  assert.equal(stats.running, false);
  const w = await rpc('miningPool_getWorkers');
  assert.equal(w.error.code, -32000);
  assert.equal(w.error.data.code, 'MINING_POOL_NOT_RUNNING');
  const p = await call('miningPool_getProfitability', ['1000000', '50', '0.2', '3.5', id]);
  const bits = tc.chain.engine.nextBits(tc.chain.tip);
  assert.equal(p.network.workPerBlock, workForBits(bits).toString());
  assert.equal(p.network.subsidy, '5000000000');
  // 50 W for a day = 1.2 kWh at 0.20 = 0.24; a month 7.20.
  assert.equal(p.perDay.energyKwh, '1.200');
  assert.equal(p.perDay.cost, '0.24');
  assert.equal(p.perMonth.cost, '7.20');
  assert.equal(BigInt(p.perDay.coins), (1_000_000n * 86_400n * (5_000_000_000n + BigInt(p.network.averageTips))) / workForBits(bits));
  assert.equal(p.nft.collectionId, id);
  assert.equal(p.nft.nextTokenId, '1');
  assert.ok(BigInt(p.nft.expectedHashes) > 0n);
  assert.equal((await rpc('miningPool_getProfitability', ['1', '1', '1', '1', 999])).error.code, -32001);
  assert.equal((await rpc('miningPool_getProfitability', ['1', 'x', '1', '1'])).error.code, -32602);
});
