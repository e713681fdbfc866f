/** The CLI's node:http fetch: answers like fetch, fails like fetch (so errors read the same), honours the timeout signal. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { nodeFetch } from '../../src/cli/http-fetch.js';
import { describeError } from '../../src/cli/errors.js';
import { CoinworksClient } from '../../src/client/client.js';

test('nodeFetch posts and reads the answer; a refused connection fails as fetch does', async (t) => {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (body === 'slow') return void setTimeout(() => res.end('late'), 2000);
      res.writeHead(201, { 'content-type': 'text/plain' }).end(`${req.method} ${req.headers['x-test']} ${body}`);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => new Promise<void>((r) => server.close(() => r())));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const res = await nodeFetch(url, { method: 'POST', headers: { 'x-test': 'yes' }, body: 'hello' });
  assert.equal(res.status, 201);
  assert.equal(res.ok, true);
  assert.equal(await res.text(), 'POST yes hello');
  await assert.rejects(nodeFetch(url, { method: 'POST', headers: {}, body: 'slow', signal: AbortSignal.timeout(50) }), (e: unknown) => (e as Error).name === 'TimeoutError');
  const refused = await nodeFetch('http://127.0.0.1:1/', { method: 'POST', headers: {}, body: '' }).catch((e: unknown) => e);
  assert.ok(refused instanceof TypeError && refused.message === 'fetch failed');
  assert.equal((refused.cause as NodeJS.ErrnoException).code, 'ECONNREFUSED');
  // Through the client, the CLI reports it as an unreachable node.
  const e = await new CoinworksClient('http://127.0.0.1:1', { fetch: nodeFetch }).getHead().catch((x: unknown) => x);
  assert.match(describeError(e, 'http://127.0.0.1:1').line!, /cannot reach a node at http:\/\/127\.0\.0\.1:1; is it running\?.*\(RPC_UNREACHABLE\)$/);
});
