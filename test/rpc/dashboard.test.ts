/**
 * The dashboard's static route on the RPC server (src/rpc/dashboard.ts): GET / serves index.html and
 * GET /assets/* the build's files with their content types, ETags and cache policy; paths outside
 * the build (.., encoded dots or slashes, absolute paths) are 404; JSON-RPC over POST / and the
 * WebSocket stay where they are; a page of the server's own origin on a loopback or IP address may
 * call it, a DNS-rebinding page (same Host and Origin under a foreign name) may not; without a
 * dashboard folder nothing is served at GET /.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { isSameOrigin } from '../../src/rpc/origin.js';
import { startFixture } from './helpers.js';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A GET with the path exactly as given (no normalisation) and any headers, Host included. */
function get(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function buildDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cw-dash-static-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>dash</title><script type="module" src="./assets/index-abc123.js"></script>');
  await writeFile(join(dir, 'assets', 'index-abc123.js'), 'console.log("hi")');
  await writeFile(join(dir, 'assets', 'index-abc123.css'), 'body{}');
  await writeFile(join(dir, 'assets', 'blob.bin'), 'x');
  return dir;
}

test('GET / and /assets/*: content types, ETag and 304, cache policy, CSP on the page', async (t) => {
  const dir = await buildDir();
  t.after(() => rm(dir, { recursive: true, force: true }));
  const f = await startFixture({ dashboardDir: dir });
  t.after(() => f.close());
  const port = f.server.port;
  const page = await get(port, '/');
  assert.equal(page.status, 200);
  assert.equal(page.headers['content-type'], 'text/html; charset=utf-8');
  assert.equal(page.headers['cache-control'], 'no-cache');
  assert.match(String(page.headers['content-security-policy']), /default-src 'self'.*frame-ancestors 'none'/);
  assert.match(page.body, /<title>dash<\/title>/);
  assert.equal((await get(port, '/index.html')).body, page.body);
  const js = await get(port, '/assets/index-abc123.js');
  assert.equal(js.status, 200);
  assert.equal(js.headers['content-type'], 'text/javascript; charset=utf-8');
  assert.equal(js.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.equal(js.headers['x-content-type-options'], 'nosniff');
  assert.equal((await get(port, '/assets/index-abc123.css')).headers['content-type'], 'text/css; charset=utf-8');
  assert.equal((await get(port, '/assets/blob.bin')).headers['content-type'], 'application/octet-stream');
  const etag = String(js.headers.etag);
  assert.match(etag, /^"[0-9a-f]{32}"$/);
  const again = await get(port, '/assets/index-abc123.js', { 'if-none-match': etag });
  assert.equal(again.status, 304);
  assert.equal(again.body, '');
  const head = await get(port, '/', {}, 'HEAD');
  assert.equal(head.status, 200);
  // JSON-RPC and NFT content routes are untouched.
  assert.ok((await f.call('chain_getHead')).height >= 3);
  assert.equal((await get(port, '/nft/1/1/audio.wav')).status, 404);
});

test('no path reaches outside the build folder', async (t) => {
  const dir = await buildDir();
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, '..', 'cw-dash-secret.txt'), 'TOP-SECRET-CONTENT-42').catch(() => undefined);
  const f = await startFixture({ dashboardDir: dir });
  t.after(() => f.close());
  const port = f.server.port;
  for (const path of ['/../cw-dash-secret.txt', '/assets/../../cw-dash-secret.txt', '/assets/%2e%2e/%2e%2e/cw-dash-secret.txt', '/assets/..%2f..%2fcw-dash-secret.txt', '/%2e%2e/index.html', '//etc/passwd', '/assets/', '/assets', '/ASSETS/index-abc123.js', '/index.html/', '/etc/passwd']) {
    const r = await get(port, path);
    assert.equal(r.status, 404, `${path} -> ${r.status}`);
    assert.doesNotMatch(r.body, /TOP-SECRET-CONTENT-42|root:x:/);
  }
  await rm(join(dir, '..', 'cw-dash-secret.txt'), { force: true });
});

test("the dashboard's own origin may call the server on loopback and IP addresses; a rebinding host name may not", async (t) => {
  const dir = await buildDir();
  t.after(() => rm(dir, { recursive: true, force: true }));
  const f = await startFixture({ dashboardDir: dir });
  t.after(() => f.close());
  const port = f.server.port;
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'chain_getHead' });
  const post = (host: string, origin: string) =>
    new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/', method: 'POST', headers: { host, origin, 'content-type': 'application/json' } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end(body);
    });
  assert.equal(await post(`127.0.0.1:${port}`, `http://127.0.0.1:${port}`), 200);
  assert.equal(await post(`localhost:${port}`, `http://localhost:${port}`), 200);
  assert.equal(await post(`evil.example:${port}`, `http://evil.example:${port}`), 403, 'DNS rebinding: a host name is never trusted');
  assert.equal(await post(`127.0.0.1:${port}`, `http://localhost:${port}`), 403, 'another origin');
  assert.equal(await post(`127.0.0.1:${port}`, 'https://evil.example'), 403);
  const ws = (origin: string, host?: string) =>
    new Promise<string>((resolve) => {
      const s = new WebSocket(f.server.wsUrl, { origin, ...(host ? { headers: { host } } : {}) });
      s.on('open', () => {
        s.close();
        resolve('open');
      });
      s.on('unexpected-response', (_q, r) => resolve(String(r.statusCode)));
      s.on('error', () => resolve('error'));
    });
  assert.equal(await ws(`http://127.0.0.1:${port}`), 'open');
  assert.equal(await ws(`http://evil.example:${port}`, `evil.example:${port}`), '403');
  // The rule itself.
  assert.equal(isSameOrigin('http://[::1]:8645', '[::1]:8645'), true);
  assert.equal(isSameOrigin('http://10.1.2.3:8645', '10.1.2.3:8645'), true);
  assert.equal(isSameOrigin('http://node.example:8645', 'node.example:8645'), false);
  assert.equal(isSameOrigin(undefined, '127.0.0.1:8645'), false);
  assert.equal(isSameOrigin('https://127.0.0.1:8645', '127.0.0.1:8645'), false);
});

test('without a dashboard folder (--no-dashboard, or not built) GET / is 404 and same-origin pages get no access', async (t) => {
  const f = await startFixture();
  t.after(() => f.close());
  const port = f.server.port;
  const r = await get(port, '/');
  assert.equal(r.status, 404);
  assert.equal(JSON.parse(r.body).error.code, -32600);
  const missing = await startFixture({ dashboardDir: join(tmpdir(), 'cw-no-such-dashboard') });
  t.after(() => missing.close());
  assert.equal((await get(missing.server.port, '/')).status, 404);
  const res = await fetch(f.server.url, { method: 'POST', headers: { origin: `http://127.0.0.1:${port}`, 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'chain_getHead' }) });
  assert.equal(res.status, 403);
});
