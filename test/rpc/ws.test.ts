import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { openWs, startFixture, type Fixture } from './helpers.js';
import { transfer } from '../../src/testing/chain.js';
import { bytesToHex, hashToDisplay } from '../../src/encoding/hex.js';
import { getAccount } from '../../src/state/modules/accounts/method.js';

let f: Fixture;
before(async () => {
  f = await startFixture({ limits: { maxConnections: 8, maxSubscriptionsPerConnection: 4, wsMaxPayload: 64 * 1024 } });
});
after(async () => {
  await f.close();
});

const waitFor = async (cond: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

test('JSON-RPC over WebSocket: calls, batches, errors', async () => {
  const c = await openWs(f.server);
  const head = await c.request('chain_getHead');
  assert.equal(head.result.height, f.tc.chain.tip.height);
  c.send([
    { jsonrpc: '2.0', id: 'x', method: 'chain_getBlock', params: [0] },
    { jsonrpc: '2.0', id: 'y', method: 'nope' },
  ]);
  const batch = await c.next();
  assert.equal(batch.length, 2);
  assert.equal(batch[0].result.height, 0);
  assert.equal(batch[1].error.code, -32601);
  c.send('{not json');
  assert.equal((await c.next()).error.code, -32700);
  c.ws.send(Buffer.from(JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'chain_getHead' })));
  assert.equal((await c.next()).id, 9);
  c.close();
  await c.closed;
});

test('newHeads: a notification per new tip; unsubscribe stops them', async () => {
  const c = await openWs(f.server);
  const sub = await c.request('chain_subscribe', ['newHeads']);
  assert.match(sub.result, /^0x[0-9a-f]{32}$/);
  await f.mine();
  const n = await c.next();
  assert.equal(n.jsonrpc, '2.0');
  assert.equal(n.method, 'chain_subscription');
  assert.equal(n.params.subscription, sub.result);
  assert.equal(n.params.result.height, f.tc.chain.tip.height);
  assert.equal(n.params.result.hash, hashToDisplay(f.tc.chain.tip.hash));
  assert.equal(n.params.result.stateRoot, bytesToHex(f.tc.chain.stateRoot()));
  const un = await c.request('chain_unsubscribe', [sub.result]);
  assert.equal(un.result, true);
  assert.equal((await c.request('chain_unsubscribe', [sub.result])).result, false);
  await f.mine();
  const ping = await c.request('chain_getHead');
  assert.equal(ping.result.height, f.tc.chain.tip.height, 'no notification arrived before this response');
  const bad = await c.request('chain_subscribe', ['logs']);
  assert.equal(bad.error.code, -32602);
  assert.match(bad.error.message, /"topic"/);
  c.close();
  await c.closed;
});

test('tx_subscribe notifies once when the transaction is included, and at once if it already is', async () => {
  const c = await openWs(f.server);
  const [a] = f.tc.keys;
  const nonce = (await f.tc.chain.view((st) => getAccount(st, a.address))).nonce;
  const t = transfer(f.tc.chain, a, f.tc.keys[1].address, 42n, nonce);
  const id = (await f.call('tx_send', [bytesToHex(t.bytes)])).id;
  const sub = await c.request('tx_subscribe', [id]);
  assert.equal(typeof sub.result, 'string');
  await f.mine();
  const n = await c.next();
  assert.equal(n.params.subscription, sub.result);
  assert.equal(n.params.result.id, id);
  assert.equal(n.params.result.status, 'included');
  assert.equal(n.params.result.height, f.tc.chain.tip.height);
  assert.equal(n.params.result.receipt.status, 'success');
  await waitFor(() => f.server.subscriptions === 0);
  const again = await c.request('tx_subscribe', [id]);
  const n2 = await c.next();
  assert.equal(n2.params.subscription, again.result);
  assert.equal(n2.params.result.height, f.tc.chain.tip.height);
  assert.equal((await c.request('chain_unsubscribe', [again.result])).result, false, 'ended after its notification');
  c.close();
  await c.closed;
});

test('subscription flood beyond the per-connection limit gets -32005, the connection stays usable', async () => {
  const c = await openWs(f.server);
  const ids: string[] = [];
  for (let i = 0; i < 4; i++) ids.push((await c.request('chain_subscribe', ['newHeads'])).result);
  for (let i = 0; i < 20; i++) {
    const r = await c.request(i % 2 ? 'chain_subscribe' : 'tx_subscribe', i % 2 ? ['newHeads'] : ['cd'.repeat(32)]);
    assert.equal(r.error.code, -32005);
    assert.equal(r.error.data.code, 'RPC_LIMIT_EXCEEDED');
  }
  assert.equal((await c.request('chain_getHead')).result.height, f.tc.chain.tip.height);
  assert.equal(f.server.subscriptions, 4);
  c.close();
  await c.closed;
  await waitFor(() => f.server.subscriptions === 0 && f.server.wsConnections === 0);
});

test('connections beyond the limit are told -32005 and closed with 1013; existing ones keep working', async () => {
  const open = [];
  for (let i = 0; i < 8; i++) open.push(await openWs(f.server));
  await waitFor(() => f.server.wsConnections === 8);
  const extra = [];
  for (let i = 0; i < 10; i++) extra.push(await openWs(f.server));
  for (const x of extra) {
    const m = await x.next();
    assert.equal(m.error.code, -32005);
    assert.equal(await x.closed, 1013);
  }
  for (const c of open) assert.equal((await c.request('chain_getHead')).result.height, f.tc.chain.tip.height);
  assert.ok((await f.call('chain_getHead')).height >= 0);
  for (const c of open) c.close();
  await Promise.all(open.map((c) => c.closed));
  await waitFor(() => f.server.wsConnections === 0);
  const later = await openWs(f.server);
  assert.ok((await later.request('chain_getHead')).result);
  later.close();
  await later.closed;
});

test('an oversize WebSocket message closes only that connection (1009)', async () => {
  const c = await openWs(f.server);
  const other = await openWs(f.server);
  c.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tx_send', params: ['ab'.repeat(64 * 1024)] }));
  assert.equal(await c.closed, 1009);
  assert.ok((await other.request('chain_getHead')).result);
  other.close();
  await other.closed;
});

test('closing a connection drops its subscriptions; other paths are refused', async () => {
  const c = await openWs(f.server);
  await c.request('chain_subscribe', ['newHeads']);
  await c.request('tx_subscribe', ['ef'.repeat(32)]);
  assert.equal(f.server.subscriptions, 2);
  c.ws.terminate();
  await waitFor(() => f.server.subscriptions === 0 && f.server.wsConnections === 0);
  const wrong = new WebSocket(f.server.wsUrl.replace('/ws', '/nope'));
  const outcome = await new Promise<string>((resolve) => {
    wrong.on('open', () => resolve('open'));
    wrong.on('error', () => resolve('error'));
  });
  assert.equal(outcome, 'error');
  await f.mine();
  assert.equal((await f.call('chain_getHead')).height, f.tc.chain.tip.height);
});
