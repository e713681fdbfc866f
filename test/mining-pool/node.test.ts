/**
 * The pool inside the node: off unless a Stratum port is configured; on, it reports its Stratum URL
 * and pool address, serves miningPool_* over RPC, keeps its key and ledger across restarts in
 * `<datadir>/mining-pool/`; a taken port fails the start, unless the devnet's fallback to a free
 * port is on.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoinworksNode } from '../../src/node/node.js';
import type { NodeConfig } from '../../src/node/config.js';
import { createLogger } from '../../src/node/logger.js';
import { StratumMiner } from '../../src/testing/stratum-miner.js';
import { waitFor } from './helpers.js';

const BENEFICIARY = 'cw1yq4me5s7nhnep87f9mw8afha5ek3rn4fmkf5hd';
const silent = () => createLogger({ level: 'silent', format: 'json' });

function config(datadir: string, over: Partial<NodeConfig> = {}): NodeConfig {
  return { network: 'devnet', datadir, rpcHost: '127.0.0.1', rpcAllowedOrigins: [], rpcPort: 0, mine: false, threads: 1, stateCacheMb: 64, beneficiary: BENEFICIARY, logLevel: 'silent', logFormat: 'json', p2p: false, p2pHost: '127.0.0.1', p2pPort: 0, bootstrap: [], maxPeers: 8, ...over };
}

async function rpc(url: string, method: string, params: unknown[] = []): Promise<any> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
  return ((await res.json()) as { result: unknown }).result;
}

test('a node runs no pool by default; with --stratum-port it serves miners, and its key and ledger survive a restart', { timeout: 120_000 }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'cw-pool-node-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const plain = new CoinworksNode(config(dir), { log: silent() });
  const info0 = await plain.start();
  assert.equal(info0.stratumUrl, undefined);
  assert.equal(plain.miningPool, undefined);
  assert.equal((await rpc(info0.rpcUrl, 'miningPool_getStats')).running, false);
  await plain.stop();

  const node = new CoinworksNode(config(dir, { stratumPort: 0, stratumDifficulty: 2 ** -16 }), { log: silent() });
  const info = await node.start();
  assert.match(info.stratumUrl!, /^stratum\+tcp:\/\/127\.0\.0\.1:\d+$/);
  const port = Number(info.stratumUrl!.split(':').pop());
  const key = await stat(join(dir, 'mining-pool', 'key.json'));
  assert.equal(key.mode & 0o777, 0o600, 'the pool key is private');
  const m = new StratumMiner({ port, user: `${BENEFICIARY}.rig`, chunk: 4096, pauseMs: 2 });
  t.after(() => m.stop());
  await m.start();
  await waitFor(() => m.accepted >= 3, 60_000, 'shares');
  m.stop();
  const stats = await rpc(info.rpcUrl, 'miningPool_getStats');
  assert.equal(stats.poolAddress, info.poolAddress);
  assert.ok(stats.shares.accepted >= 3);
  await node.stop();

  const again = new CoinworksNode(config(dir, { stratumPort: 0 }), { log: silent() });
  const info2 = await again.start();
  t.after(() => again.stop());
  assert.equal(info2.poolAddress, info.poolAddress, 'the same pool key');
  const workers = await rpc(info2.rpcUrl, 'miningPool_getWorkers');
  assert.equal(workers.length, 1);
  assert.ok(BigInt(workers[0].accepted) >= 3n, 'the ledger kept the shares');
  await again.stop();
});

test('a taken Stratum port fails the start, unless the devnet fallback picks a free port', { timeout: 60_000 }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'cw-pool-port-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const blocker = createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
  t.after(() => blocker.close());
  const taken = (blocker.address() as AddressInfo).port;
  const strict = new CoinworksNode(config(dir, { stratumPort: taken }), { log: silent() });
  await assert.rejects(strict.start(), (e: any) => e.code === 'MINING_POOL_LISTEN_FAILED' && e.data.code === 'EADDRINUSE');
  const lenient = new CoinworksNode(config(dir, { stratumPort: taken }), { log: silent(), stratumPortFallback: true });
  const info = await lenient.start();
  t.after(() => lenient.stop());
  const port = Number(info.stratumUrl!.split(':').pop());
  assert.notEqual(port, taken);
  assert.ok(port > 0);
});
