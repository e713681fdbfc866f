/**
 * Real node processes on 127.0.0.1 (devnet difficulty, one CPU miner thread each):
 *
 * (a) four nodes, two of them mining, in a line of links (0-1, 2-0/1, 3-2): when the miners stop,
 *     all four are on the same tip: blocks from either miner crossed every link by gossip, and the
 *     forks of two miners were resolved to one chain everywhere. net_info, net_peers and
 *     `coinworks peers` show node 2's peers, directions, heads and clean scores.
 * (b) a partition: the nodes {0,1} and {2,3} stop dialling each other (the test-only deny file);
 *     both halves mine, each half mines a transaction of its own; half {2,3} stops mining while
 *     {0,1} goes on until it is heavier; the links heal. Every node ends on the heaviest branch,
 *     the losing half reorganised (its log says it returned its dropped transactions to the
 *     network), and the losing half's transaction is mined again on the winning branch.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, requireBuiltCli, rpc, until } from '../cli/process-helpers.js';
import { E2E_STEP_TIMEOUT_MS, E2E_TEST_TIMEOUT_MS } from './limits.js';
import { Cluster, txStatus } from './p2p-cluster.js';

test('(a) four nodes, two mining, converge on the same tip', { timeout: E2E_TEST_TIMEOUT_MS }, async (t) => {
  requireBuiltCli();
  const root = await mkdtemp(join(tmpdir(), 'cw-p2p-converge-'));
  const c = await Cluster.create(root, 4);
  t.after(async () => {
    await c.stopAll();
    await rm(root, { recursive: true, force: true });
  });
  await c.start(0, { mine: true });
  await c.start(1, { mine: true, bootstrap: [0] });
  await c.start(2, { bootstrap: [0, 1] });
  await c.start(3, { bootstrap: [2] });
  await until(async () => (await Promise.all([0, 1, 2, 3].map((i) => c.head(i)))).every((h) => h.height >= 12), E2E_STEP_TIMEOUT_MS, 500);
  await c.control(0, 'mining_stop');
  await c.control(1, 'mining_stop');
  const tip = await c.sameTip([0, 1, 2, 3], { minHeight: 12 });
  // Both miners' blocks are on the chain everyone agrees on (or at least both mined and one chain won).
  const log = (i: number) => c.node(i).proc.output().stderr;
  assert.match(log(3), /"msg":"peer connected"/);
  assert.ok(tip.height >= 12);
  for (const i of [0, 1, 2, 3]) assert.doesNotMatch(log(i), /peer banned/, `node ${i} banned an honest peer`);
  // The surfaces: net_info, net_peers and `coinworks peers` on node 2 (linked to 0, 1 and 3).
  const info = await rpc<{ peerId: string; peers: number; sync: { state: string; tipHeight: number } }>(c.node(2).url, 'net_info');
  assert.equal(info.peerId, c.node(2).peerId);
  assert.equal(info.sync.state, 'synced');
  assert.equal(info.sync.tipHeight, tip.height);
  const listed = await cli(['peers', '--rpc', c.node(2).url, '--json']);
  assert.equal(listed.code, 0, listed.stderr);
  const out = JSON.parse(listed.stdout) as { peerId: string; connected: Array<{ id: string; direction: string; head: { hash: string } | null; score: number }> };
  assert.deepEqual(out.connected.map((p) => p.id).sort(), [0, 1, 3].map((i) => c.node(i).peerId).sort());
  assert.ok(out.connected.every((p) => p.score === 0 && p.head !== null));
  assert.equal(out.connected.find((p) => p.id === c.node(3).peerId)?.direction, 'inbound');
  const text = await cli(['peers', '--rpc', c.node(2).url]);
  assert.match(text.stdout, /sync:\s+synced/);
  assert.match(text.stdout, /peer\s+address\s+dir\s+height\s+head\s+score/);
});

test('(b) a partition where both halves mine heals onto the heaviest branch; the losing half\'s transaction is mined again', { timeout: E2E_TEST_TIMEOUT_MS }, async (t) => {
  requireBuiltCli();
  const root = await mkdtemp(join(tmpdir(), 'cw-p2p-partition-'));
  const c = await Cluster.create(root, 4);
  t.after(async () => {
    await c.stopAll();
    await rm(root, { recursive: true, force: true });
  });
  await c.start(0, { mine: true });
  await c.start(1, { bootstrap: [0] });
  await c.start(2, { mine: true, bootstrap: [0, 1] });
  await c.start(3, { bootstrap: [0, 1, 2] });
  const before = await c.sameTip([0, 1, 2, 3], { minHeight: 3 });

  // Cut: {0,1} | {2,3}.
  await Promise.all([c.deny(0, [2, 3]), c.deny(1, [2, 3]), c.deny(2, [0, 1]), c.deny(3, [0, 1])]);
  await until(async () => {
    const [h0, h2] = await Promise.all([c.head(0), c.head(2)]);
    return h0.hash !== h2.hash && h0.height > before.height + 1 && h2.height > before.height + 1;
  }, E2E_STEP_TIMEOUT_MS, 500);

  // Each half mines a transaction of its own.
  const txA = c.transfer(5, 1, 1000n, 0n);
  const txB = c.transfer(6, 2, 2000n, 0n);
  await rpc(c.node(1).url, 'tx_send', [txA.hex]);
  await rpc(c.node(3).url, 'tx_send', [txB.hex]);
  const minedB = await until(async () => {
    const s = await txStatus(c.node(2).url, txB.id);
    return s?.status === 'included' ? s : undefined;
  }, E2E_STEP_TIMEOUT_MS, 500);
  await until(async () => (await txStatus(c.node(0).url, txA.id))?.status === 'included', E2E_STEP_TIMEOUT_MS, 500);
  // Half {2,3} stops; {0,1} mines on until it is heavier, by two blocks at least.
  await c.control(2, 'mining_stop');
  const stopB = await c.head(2);
  await until(async () => {
    const h0 = await c.head(0);
    return BigInt(h0.chainWork) > BigInt(stopB.chainWork) && h0.height >= stopB.height + 2 ? h0 : undefined;
  }, E2E_STEP_TIMEOUT_MS, 500);
  assert.notEqual((await c.head(3)).hash, (await c.head(0)).hash, 'still partitioned');

  // Heal.
  await Promise.all([0, 1, 2, 3].map((i) => c.deny(i, [])));
  const h0 = await c.head(0);
  const tip = await c.sameTip([0, 1, 2, 3], { minHeight: h0.height });
  assert.ok(tip.height >= h0.height);
  assert.match(c.node(2).proc.output().stderr + c.node(3).proc.output().stderr, /returning dropped transactions to the network/);
  // The losing half's transaction is mined again, on the winning branch; the winner's stays.
  const again = await until(async () => {
    const s = await txStatus(c.node(0).url, txB.id);
    return s?.status === 'included' ? s : undefined;
  }, E2E_STEP_TIMEOUT_MS, 500);
  assert.notEqual(again.blockHash, minedB.blockHash, 'mined in a block of the winning branch');
  assert.equal((await txStatus(c.node(3).url, txA.id))?.status, 'included');
  await c.control(0, 'mining_stop');
  await c.sameTip([0, 1, 2, 3]);
  for (const i of [0, 1, 2, 3]) assert.doesNotMatch(c.node(i).proc.output().stderr, /peer banned/, `node ${i} banned an honest peer`);
});
