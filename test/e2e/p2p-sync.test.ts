/**
 * Catching up, with real node processes on 127.0.0.1 (regtest difficulty; the chain is pre-built
 * into the first node's data directory):
 *
 * (c) a node started after 2,000 blocks catches up with the node that has them (headers first,
 *     bodies in parallel batches, imported in order), then follows gossip: blocks mined after it
 *     caught up reach it too.
 * (e) a node SIGKILLed in the middle of its sync restarts on the same data directory (the store
 *     recovers at a block boundary) and finishes the sync to the same tip.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireBuiltCli, until } from '../cli/process-helpers.js';
import { E2E_STEP_TIMEOUT_MS, E2E_TEST_TIMEOUT_MS } from './limits.js';
import { Cluster, prebuildChain } from './p2p-cluster.js';

const BLOCKS = 2000;

test('(c) a node started after 2,000 blocks catches up, then follows gossip; (e) a node SIGKILLed mid-sync restarts and finishes', { timeout: E2E_TEST_TIMEOUT_MS }, async (t) => {
  requireBuiltCli();
  const root = await mkdtemp(join(tmpdir(), 'cw-p2p-sync-'));
  // Genesis far enough in the past that 2,000 blocks two seconds apart end before now.
  const c = await Cluster.create(root, 3, { network: 'regtest', genesisTime: Math.floor(Date.now() / 1000) - 2 * BLOCKS - 300 });
  t.after(async () => {
    await c.stopAll();
    await rm(root, { recursive: true, force: true });
  });
  const built = await prebuildChain(c, 0, BLOCKS);
  assert.equal(built.height, BLOCKS);
  await c.start(0);
  assert.equal((await c.head(0)).hash, built.hash);

  // (c) The late joiner.
  const t0 = Date.now();
  await c.start(1, { bootstrap: [0] });
  await c.sameTip([0, 1], { minHeight: BLOCKS });
  const secs = (Date.now() - t0) / 1000;
  t.diagnostic(`late joiner caught up ${BLOCKS} blocks in ${secs.toFixed(1)} s`);
  assert.match(c.node(1).proc.output().stderr, /"msg":"synced with peers"/);
  // ... then follows gossip: a few blocks mined on node 0 arrive.
  await c.control(0, 'mining_start', [1]);
  await until(async () => (await c.head(0)).height >= BLOCKS + 5, E2E_STEP_TIMEOUT_MS, 250);
  await c.control(0, 'mining_stop');
  const after = await c.sameTip([0, 1], { minHeight: BLOCKS + 5 });

  // (e) A third node is killed with SIGKILL in the middle of its sync, restarted, and finishes.
  const n2 = await c.start(2, { bootstrap: [0, 1] });
  const mid = await until(async () => {
    const h = await c.head(2).catch(() => undefined);
    return h && h.height >= 300 && h.height < after.height - 300 ? h : undefined;
  }, E2E_STEP_TIMEOUT_MS, 20);
  n2.proc.child.kill('SIGKILL');
  const exit = await n2.proc.exited;
  assert.equal(exit.signal, 'SIGKILL');
  t.diagnostic(`killed node 2 at height ${mid.height} of ${after.height}`);
  c.nodes[2] = undefined;
  await c.start(2, { bootstrap: [0, 1] });
  const restarted = await c.head(2);
  assert.ok(restarted.height >= mid.height - 64, `restarted at ${restarted.height}, killed at ${mid.height}`);
  await c.sameTip([0, 1, 2], { minHeight: after.height });
});
