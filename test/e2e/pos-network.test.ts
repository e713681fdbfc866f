/**
 * Issue 10, end to end with real processes on 127.0.0.1: four `coinworks node --network
 * pos-devnet` validators (equal stake) over the p2p network's consensus topic.
 *
 * - all four commit blocks, every block carrying its parent's certificate, and agree;
 * - with one killed (SIGKILL) the other three keep committing (3 of 4 is more than 2/3);
 * - with two of four killed the two left halt (2 of 4 is not more than 2/3): no block for a while,
 *   and no height ever has two different blocks on any node;
 * - when one of the two returns it catches up (block sync and the consensus catch-up) and the
 *   three commit again; the last one returns and catches up too. Heights 1..tip agree everywhere.
 * - a transfer sent to one validator is committed (the mempool and gossip reach the proposers).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireBuiltCli, rpc, until } from '../cli/process-helpers.js';
import { E2E_STEP_TIMEOUT_MS, E2E_TEST_TIMEOUT_MS } from './limits.js';
import { txStatus } from './p2p-cluster.js';
import { PosCluster } from './pos-cluster.js';

/** How long "halted" must hold: many rounds' worth of timeouts (propose 3 s + prevote + precommit, growing). */
const HALT_WATCH_MS = 20_000;

test('four validators commit; one down: still commit; two down: halt safely; back: resume', { timeout: E2E_TEST_TIMEOUT_MS }, async (t) => {
  requireBuiltCli();
  const root = await mkdtemp(join(tmpdir(), 'cw-pos-net-'));
  const c = await PosCluster.create(root, 4);
  t.after(async () => {
    await c.stopAll();
    await rm(root, { recursive: true, force: true });
  });
  await c.startAll();
  const all = [0, 1, 2, 3];

  // (1) four validators commit blocks and agree.
  await Promise.all(all.map((i) => c.reach(i, 5)));
  const status = await rpc<{ engine: string; running: boolean; validator: { index: number } | null; lastCommit: { signatures: number } | null }>(c.cluster.node(2).url, 'consensus_getStatus');
  assert.equal(status.engine, 'bft');
  assert.ok(status.validator && status.validator.index >= 0, 'node 2 is in the set');
  const b3 = await rpc<{ consensus: { proposer: string; parentCommit: { signatures: number } | null } }>(c.cluster.node(1).url, 'chain_getBlock', [3]);
  assert.ok(c.validators.includes(b3.consensus.proposer), 'block 3 names a genesis validator as proposer');
  assert.ok(b3.consensus.parentCommit && b3.consensus.parentCommit.signatures >= 3, 'block 3 carries a certificate of more than 2/3 of the power');
  const tx = c.cluster.transfer(5, 6, 12345n, 0n);
  await rpc(c.cluster.node(3).url, 'tx_send', [tx.hex]);
  await until(async () => (await txStatus(c.cluster.node(0).url, tx.id))?.status === 'included', E2E_STEP_TIMEOUT_MS, 500);
  await c.assertOneChain(all, await c.height(0));

  // (2) one killed: the other three keep committing.
  await c.kill(3);
  const h1 = Math.max(...(await Promise.all([0, 1, 2].map((i) => c.height(i)))));
  await Promise.all([0, 1, 2].map((i) => c.reach(i, h1 + 5)));
  t.diagnostic(`one validator down: committed ${h1} -> ${h1 + 5}`);

  // (3) two of four killed: the two left halt.
  await c.kill(2);
  // Let a decision already in flight land, then watch for a long time.
  await new Promise((r) => setTimeout(r, 3000));
  const stuck = await Promise.all([0, 1].map((i) => c.height(i)));
  await new Promise((r) => setTimeout(r, HALT_WATCH_MS));
  const later = await Promise.all([0, 1].map((i) => c.height(i)));
  assert.deepEqual(later, stuck, 'no block is committed with half the power down');
  const cs = await rpc<{ round: number; height: number }>(c.cluster.node(0).url, 'consensus_getStatus');
  t.diagnostic(`two down: halted at ${stuck.join('/')} (node 0 in round ${cs.round} of height ${cs.height})`);
  await c.assertOneChain([0, 1], Math.max(...later));

  // (4) one returns: it catches up and the three commit again.
  await c.start(2);
  const top = Math.max(...later);
  await Promise.all([0, 1, 2].map((i) => c.reach(i, top + 3)));
  t.diagnostic(`validator 2 back: committing again past ${top}`);
  await c.start(3);
  const h4 = await c.height(0);
  await Promise.all(all.map((i) => c.reach(i, h4 + 2)));
  const tip = Math.min(...(await Promise.all(all.map((i) => c.height(i)))));
  await c.assertOneChain(all, tip);
  for (const i of all) assert.ok(!/duplicate vote caught/.test(c.log(i)), `node ${i} saw no double signing`);
});
