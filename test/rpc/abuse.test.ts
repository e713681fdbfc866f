import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFixture, type Fixture } from './helpers.js';

let f: Fixture;
before(async () => {
  f = await startFixture();
});
after(async () => {
  await f.close();
});

async function stillAnswers(): Promise<void> {
  const head = await f.call('chain_getHead');
  assert.equal(head.height, f.tc.chain.tip.height);
}

const req = (method: string, params?: unknown, id: unknown = 1) => JSON.stringify({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) });

test('malformed JSON is -32700 with id null', async () => {
  for (const body of ['{"jsonrpc":', '', 'null x', '{\'a\':1}', '\u0000\u0001', '[1,2', 'NaN']) {
    const r = await f.post(body);
    assert.equal(r.status, 200, JSON.stringify(body));
    assert.equal(r.json.error.code, -32700, JSON.stringify(body));
    assert.equal(r.json.id, null);
  }
  await stillAnswers();
});

test('invalid request envelopes are -32600', async () => {
  const cases: Array<[string, unknown]> = [
    ['5', null],
    ['"hello"', null],
    ['true', null],
    [JSON.stringify({ id: 1, method: 'chain_getHead' }), 1],
    [JSON.stringify({ jsonrpc: '1.0', id: 2, method: 'chain_getHead' }), 2],
    [JSON.stringify({ jsonrpc: '2.0', id: 3, method: 42 }), 3],
    [JSON.stringify({ jsonrpc: '2.0', id: 4 }), 4],
    [JSON.stringify({ jsonrpc: '2.0', id: 5, method: 'chain_getHead', params: 'x' }), 5],
    [JSON.stringify({ jsonrpc: '2.0', id: 6, method: 'chain_getHead', params: null }), 6],
    [JSON.stringify({ jsonrpc: '2.0', id: { a: 1 }, method: 'chain_getHead' }), null],
    [JSON.stringify({ jsonrpc: '2.0', id: [1], method: 'chain_getHead' }), null],
    [JSON.stringify({ jsonrpc: '2.0', id: true, method: 'chain_getHead' }), null],
    ['{"jsonrpc":"2.0","id":1e400,"method":"chain_getHead"}', null],
  ];
  for (const [body, id] of cases) {
    const r = await f.post(body);
    assert.equal(r.json.error.code, -32600, body);
    assert.equal(r.json.id, id, body);
  }
  await stillAnswers();
});

test('unknown methods are -32601, including prototype names and huge names', async () => {
  for (const m of ['nope', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'chain_gethead', '', 'x'.repeat(100_000)]) {
    const r = await f.post(req(m));
    assert.equal(r.json.error.code, -32601, m.slice(0, 20));
    assert.ok(r.text.length < 500, 'the error does not echo a huge method name');
  }
  await stillAnswers();
});

test('wrong types and out-of-range numbers are -32602 naming the param and the rule', async () => {
  const heights = ['1e400', '-1e400', '1208925819614629174706176', '-1', '1.5', '"1"', 'null', 'true', '{}', '[]', '4294967296', '9007199254740993', '-0.0001'];
  for (const h of heights) {
    const body = `{"jsonrpc":"2.0","id":7,"method":"chain_getBlock","params":[${h}]}`;
    const r = await f.post(body);
    assert.equal(r.json.error.code, -32602, h);
    assert.match(r.json.error.message, /"block"/, h);
    assert.equal(r.json.error.data.param, 'block');
  }
  const hashes = ['ab'.repeat(31), 'ab'.repeat(33), 'zz'.repeat(32), 'a'.repeat(63), 'ab'.repeat(500_000)];
  for (const h of hashes) {
    const r = await f.post(req('chain_getBlock', [h]));
    assert.ok(r.json?.error, h.slice(0, 10));
    assert.ok([-32602, -32600].includes(r.json.error.code), h.slice(0, 10));
  }
  const r1 = await f.post(req('chain_getBlock', [1, 'yes']));
  assert.equal(r1.json.error.code, -32602);
  assert.match(r1.json.error.message, /"includeTxs".*true or false/);
  for (const a of ['cw1abc', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', 'x', 12, null, 'cw1' + 'q'.repeat(200), { address: 1 }]) {
    const r = await f.post(req('account_get', [a]));
    assert.equal(r.json.error.code, -32602, String(a));
    assert.match(r.json.error.message, /"address"/);
  }
  const missing = await f.post(req('account_get', []));
  assert.match(missing.json.error.message, /"address": is required/);
  const extra = await f.post(req('chain_getBlock', [1, false, 'extra']));
  assert.equal(extra.json.error.code, -32602);
  assert.match(extra.json.error.message, /at most 2 params/);
  const unknownName = await f.post(req('chain_getBlock', { block: 1, junk: 2 }));
  assert.equal(unknownName.json.error.code, -32602);
  assert.match(unknownName.json.error.message, /"junk": unknown param/);
  const proto = await f.post('{"jsonrpc":"2.0","id":1,"method":"chain_getBlock","params":{"__proto__":{"block":1}}}');
  assert.equal(proto.json.error.code, -32602);
  const hugeTx = await f.post(req('tx_send', ['ab'.repeat(400_000)]));
  assert.equal(hugeTx.json.error.code, -32602);
  assert.match(hugeTx.json.error.message, /"tx"/);
  const bigParams = await f.post(req('chain_getHead', new Array(100_000).fill(1)));
  assert.equal(bigParams.json.error.code, -32602);
  await stillAnswers();
});

test('oversize bodies get HTTP 413 with a JSON-RPC error', async () => {
  const body = req('tx_send', ['ab'.repeat(600_000)]);
  assert.ok(body.length > 1024 * 1024);
  const r = await f.post(body);
  assert.equal(r.status, 413);
  assert.equal(r.json.jsonrpc, '2.0');
  assert.equal(r.json.error.code, -32600);
  assert.equal(r.json.error.data.code, 'RPC_BODY_TOO_LARGE');
  await stillAnswers();
});

test('batches: results in order, notifications dropped, limits enforced', async () => {
  const batch = [
    { jsonrpc: '2.0', id: 'a', method: 'chain_getHead' },
    { jsonrpc: '2.0', method: 'chain_getHead' },
    5,
    { jsonrpc: '2.0', id: 'b', method: 'nope' },
    { jsonrpc: '2.0', id: 'c', method: 'supply_get', params: [0] },
  ];
  const r = await f.post(JSON.stringify(batch));
  assert.equal(r.json.length, 4);
  assert.equal(r.json[0].id, 'a');
  assert.ok(r.json[0].result);
  assert.equal(r.json[1].error.code, -32600);
  assert.equal(r.json[2].error.code, -32601);
  assert.equal(r.json[3].id, 'c');
  const empty = await f.post('[]');
  assert.equal(empty.json.error.code, -32600);
  assert.match(empty.json.error.message, /empty batch/);
  const full = await f.post(JSON.stringify(Array.from({ length: 100 }, (_, i) => ({ jsonrpc: '2.0', id: i, method: 'chain_getHead' }))));
  assert.equal(full.json.length, 100);
  const over = await f.post(JSON.stringify(Array.from({ length: 101 }, (_, i) => ({ jsonrpc: '2.0', id: i, method: 'chain_getHead' }))));
  assert.equal(Array.isArray(over.json), false);
  assert.equal(over.json.error.code, -32600);
  assert.match(over.json.error.message, /101 requests exceeds the limit of 100/);
  const nested = await f.post('[[1,2],[3]]');
  assert.equal(nested.json.length, 2);
  assert.equal(nested.json[0].error.code, -32600);
  await stillAnswers();
});

test('notifications get no response (HTTP 204)', async () => {
  const one = await f.post(JSON.stringify({ jsonrpc: '2.0', method: 'chain_getHead' }));
  assert.equal(one.status, 204);
  assert.equal(one.text, '');
  const unknown = await f.post(JSON.stringify({ jsonrpc: '2.0', method: 'nope' }));
  assert.equal(unknown.status, 204);
  const all = await f.post(JSON.stringify([{ jsonrpc: '2.0', method: 'chain_getHead' }, { jsonrpc: '2.0', method: 'mining_getStatus' }]));
  assert.equal(all.status, 204);
  await stillAnswers();
});

test('deeply nested JSON, odd content types and other paths are answered', async () => {
  const deep = '['.repeat(400_000) + ']'.repeat(400_000);
  const r = await f.post(deep);
  assert.ok(r.json?.error || Array.isArray(r.json));
  const plain = await f.post(req('chain_getHead'), { 'content-type': 'text/plain' });
  assert.ok(plain.json.result);
  const none = await f.post(req('chain_getHead'), {});
  assert.ok(none.json.result);
  const get = await fetch(f.server.url + '/');
  assert.equal(get.status, 404);
  const body = (await get.json()) as any;
  assert.equal(body.error.code, -32600);
  const other = await fetch(f.server.url + '/admin', { method: 'POST', body: req('chain_getHead') });
  assert.equal(other.status, 404);
  await stillAnswers();
});

test('many concurrent requests are all answered', async () => {
  const rs = await Promise.all(Array.from({ length: 300 }, (_, i) => f.post(req(i % 3 === 0 ? 'chain_getBlock' : 'chain_getHead', i % 3 === 0 ? [i % 4] : undefined, i))));
  rs.forEach((r, i) => {
    assert.equal(r.status, 200);
    assert.equal(r.json.id, i);
    assert.ok(r.json.result);
  });
  await stillAnswers();
});
