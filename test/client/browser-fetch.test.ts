/**
 * The client SDK calls the global fetch unbound, as browsers require: window.fetch called as a method
 * of another object throws "Illegal invocation" (seen in Chromium with the dashboard). The stand-in
 * fetch below throws the same way when `this` is anything but the global object or undefined.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CoinworksClient, NftClient } from '../../src/client/index.js';

test('CoinworksClient and NftClient call the global fetch with no foreign `this`', async (t) => {
  const real = globalThis.fetch;
  t.after(() => {
    globalThis.fetch = real;
  });
  const seen: string[] = [];
  globalThis.fetch = function (this: unknown, url: string | URL | Request) {
    if (this !== undefined && this !== globalThis) throw new TypeError("Failed to execute 'fetch' on 'Window': Illegal invocation");
    seen.push(String(url));
    const body = String(url).endsWith('.wav') ? new Uint8Array([1, 2, 3]) : JSON.stringify({ jsonrpc: '2.0', id: 1, result: { height: 7 } });
    return Promise.resolve(new Response(body, { status: 200 }));
  } as typeof fetch;
  const c = new CoinworksClient('http://127.0.0.1:1');
  assert.equal(((await c.call('chain_getHead')) as { height: number }).height, 7);
  assert.deepEqual([...(await new NftClient(c).fetchAudio(1, 2))], [1, 2, 3]);
  assert.deepEqual(seen, ['http://127.0.0.1:1', 'http://127.0.0.1:1/nft/1/2/audio.wav']);
});
