import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openWs, startFixture } from './helpers.js';
import { DEFAULT_RPC_LIMITS, resolveLimits } from '../../src/rpc/limits.js';
import { RPC_METHODS } from '../../src/rpc/methods/index.js';
import { Type } from '@sinclair/typebox';
import { defineMethod } from '../../src/rpc/method.js';
import { defineSpec, param } from '../../src/api/spec.js';
import { IntParam } from '../../src/api/params.js';

test('default limits: 1 MiB bodies, batches of 100, 64 connections, 32 subscriptions per connection', () => {
  assert.equal(DEFAULT_RPC_LIMITS.bodyLimit, 1024 * 1024);
  assert.equal(DEFAULT_RPC_LIMITS.maxBatch, 100);
  assert.equal(DEFAULT_RPC_LIMITS.maxConnections, 64);
  assert.equal(DEFAULT_RPC_LIMITS.maxSubscriptionsPerConnection, 32);
  assert.equal(resolveLimits({ maxBatch: 5 }).maxBatch, 5);
  for (const bad of [0, -1, 1.5, NaN]) assert.throws(() => resolveLimits({ maxBatch: bad }), RangeError);
});

test('with default limits: the 65th connection and the 33rd subscription are refused; the server keeps answering', async () => {
  const f = await startFixture();
  try {
    const conns = await Promise.all(Array.from({ length: 64 }, () => openWs(f.server)));
    const extra = await openWs(f.server);
    assert.equal((await extra.next()).error.code, -32005);
    assert.equal(await extra.closed, 1013);
    const c = conns[0];
    for (let i = 0; i < 32; i++) assert.ok((await c.request('chain_subscribe', ['newHeads'])).result);
    const over = await c.request('chain_subscribe', ['newHeads']);
    assert.equal(over.error.code, -32005);
    assert.equal(f.server.subscriptions, 32);
    await f.mine();
    const notes = [];
    for (let i = 0; i < 32; i++) notes.push(await c.next());
    assert.equal(new Set(notes.map((n) => n.params.subscription)).size, 32);
    for (const x of conns) x.close();
    await Promise.all(conns.map((x) => x.closed));
    for (let i = 0; i < 200 && (f.server.wsConnections > 0 || f.server.subscriptions > 0); i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(f.server.wsConnections, 0);
    assert.equal(f.server.subscriptions, 0);
    assert.equal((await f.call('chain_getHead')).height, f.tc.chain.tip.height);
  } finally {
    await f.close();
  }
});

test('a method that throws an unexpected error answers -32603 without detail and is logged', async () => {
  const boom = defineMethod(defineSpec({ name: 'test_boom', summary: 'throws', params: [param('n', IntParam(0, 10), 'n')], result: { name: 'never', schema: Type.Number() } }), (_call, [n]) => {
    if (n === 1) return 1n as unknown as number;
    throw new Error('secret internals');
  });
  const logged: unknown[] = [];
  const f = await startFixture({ methods: [...RPC_METHODS, boom], log: { info: () => undefined, warn: (o) => logged.push(o) } });
  try {
    const r = await f.rpc('test_boom', [0]);
    assert.equal(r.error.code, -32603);
    assert.doesNotMatch(JSON.stringify(r), /secret/);
    assert.equal(logged.length, 1);
    assert.match(JSON.stringify(logged[0]), /secret internals/);
    assert.equal((await f.rpc('test_boom', [1])).result, '1', 'a stray bigint is serialized as a decimal string');
    assert.ok((await f.call('chain_getHead')).height >= 0);
  } finally {
    await f.close();
  }
});

test('close() is idempotent and frees the port', async () => {
  const f = await startFixture();
  const c = await openWs(f.server);
  await Promise.all([f.server.close(), f.server.close()]);
  await c.closed;
  await assert.rejects(fetch(f.server.url, { method: 'POST', body: '{}' }));
  f.mempool.dispose();
});

test('a port already in use rejects createRpcServer', async () => {
  const f = await startFixture();
  try {
    const { createRpcServer } = await import('../../src/rpc/server.js');
    await assert.rejects(createRpcServer({ chain: f.tc.chain, mempool: f.mempool, miner: f.miner }, { port: f.server.port }), /EADDRINUSE/);
    assert.ok((await f.call('chain_getHead')).height >= 0);
  } finally {
    await f.close();
  }
});
