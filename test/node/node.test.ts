import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, stat, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { CoinworksNode } from '../../src/node/node.js';
import type { NodeConfig } from '../../src/node/config.js';
import { createLogger, prettyLine } from '../../src/node/logger.js';
import { readGenesisFile, summarizeGenesis } from '../../src/node/genesis-file.js';
import { CoinworksError } from '../../src/errors.js';

const BENEFICIARY = 'cw1yq4me5s7nhnep87f9mw8afha5ek3rn4fmkf5hd';

function config(datadir: string, over: Partial<NodeConfig> = {}): NodeConfig {
  return { network: 'devnet', datadir, rpcHost: '127.0.0.1', rpcAllowedOrigins: [], rpcPort: 0, mine: false, threads: 1, stateCacheMb: 64, beneficiary: BENEFICIARY, logLevel: 'info', logFormat: 'json', p2p: true, p2pHost: '127.0.0.1', p2pPort: 0, bootstrap: [], maxPeers: 8, dashboard: false, ...over };
}

function capture(): { lines: () => Array<Record<string, unknown>>; stream: Writable } {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, cb) {
      text += String(chunk);
      cb();
    },
  });
  return { stream, lines: () => text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

async function waitFor(cond: () => boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('a node mines, logs one line per block, stops cleanly and restarts on the same data directory', { timeout: 120_000 }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'cw-node-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const out = capture();
  const node = new CoinworksNode(config(dir, { mine: true }), { log: createLogger({ level: 'info', format: 'json', stream: out.stream }) });
  const info = await node.start();
  assert.match(info.rpcUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.ok(info.rpcPort > 0);
  assert.equal(info.height, 0);
  await waitFor(() => node.chain.tip.height >= 3);
  const head = (await (await fetch(info.rpcUrl, { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'chain_getHead' }) })).json()) as { result: { height: number } };
  assert.ok(head.result.height >= 3);
  await node.stop();
  await node.stop(); // idempotent
  const height = node.chain.tip.height;
  const blocks = out.lines().filter((l) => l.msg === 'block');
  assert.equal(blocks.length, height, 'one log line per block');
  assert.deepEqual(Object.keys(blocks[0]).sort(), ['component', 'hash', 'height', 'level', 'msg', 'time', 'txs']);
  assert.equal(blocks[0].component, 'chain');
  assert.ok(out.lines().some((l) => l.msg === 'node stopped'));

  const genesis = await readGenesisFile(dir);
  assert.equal(genesis?.network, 'devnet');
  const again = new CoinworksNode(config(dir), { log: createLogger({ level: 'silent', format: 'json' }) });
  t.after(() => again.stop());
  const info2 = await again.start();
  assert.equal(info2.height, height, 'the chain survives a restart');
  // The node shows a summary of its genesis (network, time, number of allocations), not the allocations.
  assert.ok(genesis);
  assert.deepEqual(info2.genesis, summarizeGenesis(genesis));
  await again.stop();
});

test('a second node on the same data directory fails to start and leaves the first running', { timeout: 60_000 }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'cw-node-lock-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const silent = () => createLogger({ level: 'silent', format: 'json' });
  const a = new CoinworksNode(config(dir), { log: silent() });
  await a.start();
  t.after(() => a.stop());
  const b = new CoinworksNode(config(dir), { log: silent() });
  await assert.rejects(b.start(), (e: unknown) => e instanceof CoinworksError && e.code === 'STORAGE_CLOSED' && /in use by another process/.test(e.message));
  await assert.rejects(b.start(), (e: unknown) => e instanceof CoinworksError && e.code === 'NODE_ALREADY_RUNNING');
  assert.equal(a.chain.tip.height, 0);
});

test('without a beneficiary the node runs but refuses to mine', { timeout: 60_000 }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'cw-node-nobenef-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const node = new CoinworksNode(config(dir, { beneficiary: undefined }), { log: createLogger({ level: 'silent', format: 'json' }) });
  await node.start();
  t.after(() => node.stop());
  await assert.rejects(node.miner.start(1), (e: unknown) => e instanceof CoinworksError && e.code === 'CONFIG_INVALID' && /--beneficiary/.test(e.message));
  assert.equal(node.miner.status().running, false);
});

test('accessors before start throw NODE_NOT_RUNNING', () => {
  const node = new CoinworksNode(config('/nonexistent'), { log: createLogger({ level: 'silent', format: 'json' }) });
  assert.throws(() => node.chain, (e: unknown) => e instanceof CoinworksError && e.code === 'NODE_NOT_RUNNING');
});

test('pretty log lines: time, level, component, message, fields', () => {
  const line = prettyLine(JSON.stringify({ level: 30, time: Date.UTC(2026, 0, 1, 12, 0, 1, 250), component: 'chain', height: 3, hash: 'ab', txs: 0, msg: 'block' }));
  assert.equal(line, '12:00:01.250 INFO  [chain] block height=3 hash=ab txs=0\n');
  assert.equal(prettyLine(JSON.stringify({ level: 40, time: 0, msg: 'x', note: 'two words' })), '00:00:00.000 WARN  x note="two words"\n');
  assert.equal(prettyLine('not json'), 'not json\n');
});

async function post(url: string, method: string, headers: Record<string, string> = {}): Promise<any> {
  return (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method }) })).json();
}

test('the node writes a fresh 0600 auth cookie on every start, accepts it for control methods, and removes it on stop', { timeout: 60_000 }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'cw-node-cookie-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const silent = () => createLogger({ level: 'silent', format: 'json' });
  const cookieFile = join(dir, '.cookie');
  const secrets: string[] = [];
  for (let run = 0; run < 2; run++) {
    const node = new CoinworksNode(config(dir), { log: silent() });
    const info = await node.start();
    const cookie = await readFile(cookieFile, 'utf8');
    assert.match(cookie, /^__cookie__:[0-9a-f]{64}$/);
    assert.equal((await stat(cookieFile)).mode & 0o777, 0o600, 'only the owner may read the cookie');
    secrets.push(cookie);
    const refused = await post(info.rpcUrl, 'mining_stop');
    assert.equal(refused.error.code, -32003);
    const ok = await post(info.rpcUrl, 'mining_stop', { authorization: `Basic ${Buffer.from(cookie).toString('base64')}` });
    assert.equal(ok.result.running, false);
    assert.ok((await post(info.rpcUrl, 'mining_getStatus')).result, 'read methods stay open');
    await node.stop();
    assert.equal(existsSync(cookieFile), false, 'the cookie is removed on stop');
  }
  assert.notEqual(secrets[0], secrets[1], 'a new secret on every start');
});

test('the allowed-origins setting reaches the RPC server: a dashboard on another origin may call the node', { timeout: 60_000 }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'cw-node-origin-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const node = new CoinworksNode(config(dir, { rpcAllowedOrigins: ['http://dashboard.localhost:5173'] }), { log: createLogger({ level: 'silent', format: 'json' }) });
  const info = await node.start();
  t.after(() => node.stop());
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'chain_getHead' });
  const ok = await fetch(info.rpcUrl, { method: 'POST', headers: { origin: 'http://dashboard.localhost:5173' }, body });
  assert.equal(ok.status, 200);
  assert.equal(ok.headers.get('access-control-allow-origin'), 'http://dashboard.localhost:5173');
  const other = await fetch(info.rpcUrl, { method: 'POST', headers: { origin: 'http://evil.example' }, body });
  assert.equal(other.status, 403);
});

test('pending transactions and the peer id survive a restart (mempool.dat, p2p/peer-key)', { timeout: 60_000 }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'cw-node-pool-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const { testKeys } = await import('../../src/testing/keys.js');
  const { writeGenesisFile } = await import('../../src/node/genesis-file.js');
  const { buildTxBody, signTx } = await import('../../src/primitives/tx-builder.js');
  const { TransferParams } = await import('../../src/state/modules/bank/schemas.js');
  const { encode } = await import('../../src/encoding/codec.js');
  const { Tx } = await import('../../src/primitives/tx.js');
  const { devnet } = await import('../../src/params/networks.js');
  const [k, to] = testKeys(2);
  await writeGenesisFile(dir, { network: 'devnet', time: Math.floor(Date.now() / 1000), allocations: [{ address: k.addressText, amount: 10n ** 12n }] });
  const body = buildTxBody('bank', 'transfer', TransferParams, { to: to.address, assetId: 0, amount: 5n, memo: new Uint8Array(0) }, { chainId: devnet.chainId, nonce: 0n, gasLimit: 100_000n, maxFeePerGas: 1000n, maxTipPerGas: 2n, senderPublicKey: k.publicKey });
  const bytes = encode(Tx, signTx(body, k.sign));
  const silent = () => createLogger({ level: 'silent', format: 'json' });
  const a = new CoinworksNode(config(dir), { log: silent() });
  await a.start();
  const ptx = await a.mempool.add(bytes);
  const peerId = a.info.p2p?.peerId;
  assert.ok(peerId);
  await a.stop();
  assert.ok(existsSync(join(dir, 'mempool.dat')));
  const b = new CoinworksNode(config(dir), { log: silent() });
  await b.start();
  t.after(() => b.stop());
  assert.ok(b.mempool.has(ptx.key), 'the pending transaction is back');
  assert.equal(b.info.p2p?.peerId, peerId, 'same peer id');
  assert.ok(b.network, 'the network runs');
  const offDir = await mkdtemp(join(tmpdir(), 'cw-node-nop2p-'));
  t.after(() => rm(offDir, { recursive: true, force: true }));
  const off = new CoinworksNode(config(offDir, { p2p: false }), { log: silent() });
  await off.start();
  t.after(() => off.stop());
  assert.equal(off.network, undefined, '--no-p2p: no network');
  assert.equal(off.info.p2p, undefined);
});
