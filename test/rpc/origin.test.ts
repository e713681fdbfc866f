import { test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { startFixture } from './helpers.js';

const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'mining_start' });

function wsOutcome(url: string, origin?: string): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, origin ? { origin } : {});
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
    ws.on('error', () => resolve('error'));
  });
}

test('by default a browser origin is refused (no cross-site driving of a local node); origin-less clients pass', async () => {
  const f = await startFixture();
  try {
    const evil = await fetch(f.server.url, { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'text/plain' }, body });
    assert.equal(evil.status, 403);
    const j = (await evil.json()) as any;
    assert.equal(j.error.data.code, 'RPC_ORIGIN_FORBIDDEN');
    assert.equal(f.miner.calls.length, 0, 'the method did not run');
    assert.equal(await wsOutcome(f.server.wsUrl, 'https://evil.example'), '403');
    assert.equal(await wsOutcome(f.server.wsUrl), 'open');
    assert.ok((await f.call('chain_getHead')).height >= 0);
  } finally {
    await f.close();
  }
});

test('allowed origins get CORS headers, preflight answers, and WebSocket handshakes', async () => {
  const f = await startFixture({ allowedOrigins: ['http://localhost:5173'] });
  try {
    const ok = await fetch(f.server.url, { method: 'POST', headers: { origin: 'http://localhost:5173', 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'chain_getHead' }) });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('access-control-allow-origin'), 'http://localhost:5173');
    const pre = await fetch(f.server.url, { method: 'OPTIONS', headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' } });
    assert.equal(pre.status, 204);
    assert.match(pre.headers.get('access-control-allow-headers') ?? '', /content-type/);
    assert.equal((await fetch(f.server.url, { method: 'POST', headers: { origin: 'http://other:1' }, body })).status, 403);
    assert.equal(await wsOutcome(f.server.wsUrl, 'http://localhost:5173'), 'open');
    assert.equal(await wsOutcome(f.server.wsUrl, 'http://other:1'), '403');
  } finally {
    await f.close();
  }
  const any = await startFixture({ allowedOrigins: ['*'] });
  try {
    const r = await fetch(any.server.url, { method: 'POST', headers: { origin: 'http://a.b' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'chain_getHead' }) });
    assert.equal(r.headers.get('access-control-allow-origin'), '*');
  } finally {
    await any.close();
  }
});
