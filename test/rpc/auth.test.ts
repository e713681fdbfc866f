/**
 * Control methods need the node's cookie (HTTP Basic, the WebSocket handshake or a request's `auth`
 * member); read methods stay open; a refusal is a typed -32003 RPC_UNAUTHORIZED and the method does
 * not run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { openWs, startFixture, TEST_AUTH, TEST_AUTH_HEADER } from './helpers.js';
import { RPC_METHODS } from '../../src/rpc/methods/index.js';

const req = (method: string, params: unknown[] = []) => JSON.stringify({ jsonrpc: '2.0', id: 1, method, params });
const basic = (s: string) => `Basic ${Buffer.from(s).toString('base64')}`;

test('only mining_start, mining_stop and the mining pool\'s alarm changes are control methods; they say so in the OpenRPC document', async () => {
  assert.deepEqual(
    RPC_METHODS.filter((m) => m.spec.access === 'control').map((m) => m.name),
    ['mining_start', 'mining_stop', 'miningPool_setAlarm', 'miningPool_removeAlarm'],
  );
  const f = await startFixture();
  try {
    const doc = await f.call('rpc.discover');
    assert.deepEqual(
      doc.methods.filter((m: any) => m['x-access'] === 'control').map((m: any) => m.name),
      ['mining_start', 'mining_stop', 'miningPool_setAlarm', 'miningPool_removeAlarm'],
    );
  } finally {
    await f.close();
  }
});

test('over HTTP a control method without the cookie is refused (-32003) and does not run; with it, it runs', async () => {
  const f = await startFixture();
  try {
    for (const headers of <Array<Record<string, string>>>[{}, { authorization: basic(`${TEST_AUTH.user}:${'0'.repeat(64)}`) }, { authorization: 'Bearer x' }, { authorization: basic('__cookie__') }]) {
      const r = await f.post(req('mining_start', [2]), { 'content-type': 'application/json', ...headers });
      assert.equal(r.status, 200);
      assert.equal(r.json.error.code, -32003, JSON.stringify(headers));
      assert.equal(r.json.error.data.code, 'RPC_UNAUTHORIZED');
      assert.match(r.json.error.message, /mining_start changes what the node does and needs the node's auth cookie/);
      assert.match(r.json.error.message, headers.authorization ? /do not match/ : /no credentials/);
    }
    assert.deepEqual(f.miner.calls, [], 'the miner was never touched');
    // Read methods need nothing, and wrong credentials do not hurt them.
    assert.equal((await f.post(req('mining_getStatus'))).json.result.running, false);
    assert.ok((await f.post(req('chain_getHead'), { authorization: basic('nobody:nothing') })).json.result.height >= 0);
    // With the cookie.
    const ok = await f.post(req('mining_start', [2]), { 'content-type': 'application/json', authorization: TEST_AUTH_HEADER });
    assert.equal(ok.json.result.running, true);
    assert.deepEqual(f.miner.calls, ['start:2']);
    // Batches: each control request is judged on its own credentials.
    const batch = await f.post(JSON.stringify([{ jsonrpc: '2.0', id: 1, method: 'mining_stop' }, { jsonrpc: '2.0', id: 2, method: 'chain_getHead' }]));
    assert.equal(batch.json[0].error.code, -32003);
    assert.ok(batch.json[1].result);
    assert.deepEqual(f.miner.calls, ['start:2']);
  } finally {
    await f.close();
  }
});

test('over WebSocket: refused without credentials; accepted with the handshake header or the request auth member', async () => {
  const f = await startFixture();
  try {
    const anon = await openWs(f.server);
    const refused = await anon.request('mining_start', [1]);
    assert.equal(refused.error.code, -32003);
    const wrong = await anon.request('mining_start', [1]);
    assert.equal(wrong.error.data.code, 'RPC_UNAUTHORIZED');
    anon.send({ jsonrpc: '2.0', id: 77, method: 'mining_start', params: [1], auth: '__cookie__:nope' });
    const bad = await anon.next();
    assert.equal(bad.id, 77);
    assert.match(bad.error.message, /do not match/);
    assert.deepEqual(f.miner.calls, []);
    anon.send({ jsonrpc: '2.0', id: 78, method: 'mining_start', params: [3], auth: `${TEST_AUTH.user}:${TEST_AUTH.secret}` });
    const good = await anon.next();
    assert.equal(good.result.threads, 3);
    anon.close();
    await anon.closed;

    const ws = new WebSocket(f.server.wsUrl, { headers: { authorization: TEST_AUTH_HEADER } });
    await new Promise((r) => ws.once('open', r));
    const reply = new Promise<any>((r) => ws.once('message', (d) => r(JSON.parse(d.toString()))));
    ws.send(req('mining_stop'));
    assert.equal((await reply).result.running, false);
    ws.close();
    assert.deepEqual(f.miner.calls, ['start:3', 'stop']);
  } finally {
    await f.close();
  }
});

test('a server started without credentials refuses every control method', async () => {
  const f = await startFixture({ auth: undefined });
  try {
    const r = await f.rpc('mining_start', [1]);
    assert.equal(r.error.code, -32003);
    assert.deepEqual(f.miner.calls, []);
  } finally {
    await f.close();
  }
});
