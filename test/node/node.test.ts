import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { CoinworksNode } from '../../src/node/node.js';
import type { NodeConfig } from '../../src/node/config.js';
import { createLogger, prettyLine } from '../../src/node/logger.js';
import { readGenesisFile } from '../../src/node/genesis-file.js';
import { CoinworksError } from '../../src/errors.js';

const BENEFICIARY = 'cw1yq4me5s7nhnep87f9mw8afha5ek3rn4fmkf5hd';

function config(datadir: string, over: Partial<NodeConfig> = {}): NodeConfig {
  return { network: 'devnet', datadir, rpcHost: '127.0.0.1', rpcPort: 0, mine: false, threads: 1, beneficiary: BENEFICIARY, logLevel: 'info', logFormat: 'json', p2p: true, p2pHost: '127.0.0.1', p2pPort: 0, bootstrap: [], maxPeers: 8, ...over };
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
  const info2 = await again.start();
  assert.equal(info2.height, height, 'the chain survives a restart');
  assert.deepEqual(info2.genesis, genesis);
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
