/**
 * The validator service on in-process networks of real chains (the state machine, the chain
 * engine, the mempool, the double-sign guard), over a hub that delays, loses and partitions
 * messages: blocks are committed in one round when everyone is honest, carry their parent's
 * certificate, commit transactions, survive one validator of four stopping, halt without forking
 * when two stop and resume when one returns, catch a restarted node up, and a validator added
 * by a transaction starts signing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bytesEqual } from '../../src/encoding/hex.js';
import { decodeBlockData } from '../../src/consensus/bft/chain-data.js';
import type { BftChainEngine } from '../../src/consensus/bft/chain-engine.js';
import { BftTestNetwork } from '../../src/testing/bft-network.js';
import { transferTx } from './helpers.js';

/** Every running node holds the same block at every height both have. */
function assertNoFork(net: BftTestNetwork): void {
  const max = Math.max(...net.nodes.map((n) => n.chain.tip.height));
  for (let h = 1; h <= max; h++) {
    const hashes = new Set(net.nodes.map((n) => n.chain.index.atHeight(h)?.key).filter((x) => x !== undefined));
    assert.ok(hashes.size <= 1, `two blocks committed at height ${h}`);
  }
}

async function blockData(net: BftTestNetwork, node: number, height: number) {
  const pb = (await net.nodes[node].chain.getBlock(net.nodes[node].chain.index.atHeight(height)!.hash))!;
  return decodeBlockData(pb.block.coinbase.consensus);
}

test('four honest validators decide in round 0; blocks carry the parent certificate, late precommits included', { timeout: 120_000 }, async () => {
  const net = await BftTestNetwork.start();
  try {
    await net.waitForHeight(12);
    assertNoFork(net);
    let full = 0;
    for (let h = 1; h <= 12; h++) {
      const d = await blockData(net, 0, h);
      assert.equal(d.round, 0, `height ${h} decided in round 0`);
      if (h > 1) {
        assert.ok(d.parentCommit && d.parentCommit.height === BigInt(h - 1));
        if (d.parentCommit.signatures.length === 4) full++;
      }
    }
    assert.ok(full >= 8, `most certificates hold all four precommits (${full} of 11)`);
    const s = net.nodes[0].service.status();
    assert.equal(s.validator!.index >= 0, true);
    assert.ok(s.lastCommit && s.lastCommit.height >= 11n);
  } finally {
    await net.close();
  }
});

test('transfers in the mempools are committed; each node proposes in turn', { timeout: 120_000 }, async () => {
  const net = await BftTestNetwork.start();
  try {
    const [a, b] = net.users;
    const txs = Array.from({ length: 40 }, (_, i) => transferTx(net.params, a, b.address, 1000n + BigInt(i), BigInt(i)));
    // No transaction gossip in-process: every mempool gets them, as the p2p layer would do.
    await Promise.all(net.nodes.flatMap((n) => txs.map((t) => n.mempool.add(t.bytes))));
    const deadline = Date.now() + 60_000;
    while (net.nodes.some((n) => n.mempool.size > 0)) {
      if (Date.now() > deadline) throw new Error('transactions not committed');
      await new Promise((r) => setTimeout(r, 20));
    }
    let included = 0;
    for (let h = 1; h <= net.nodes[0].chain.tip.height; h++) included += (await net.nodes[0].chain.getBlock(net.nodes[0].chain.index.atHeight(h)!.hash))!.txs.length;
    assert.equal(included, 40);
    await net.waitForHeight(net.height(0) + 8);
    const proposers = new Set<string>();
    for (let h = 1; h <= net.height(0); h++) proposers.add(Buffer.from((await blockData(net, 0, h)).proposer).toString('hex'));
    assert.equal(proposers.size, 4, 'every validator proposed');
    assertNoFork(net);
  } finally {
    await net.close();
  }
});

test('one of four stopped: the others keep committing (its turns as proposer end in a later round)', { timeout: 120_000 }, async () => {
  const net = await BftTestNetwork.start();
  try {
    await net.waitForHeight(3);
    await net.stop(3);
    const from = net.height(0);
    await net.waitForHeight(from + 10, { nodes: [0, 1, 2] });
    let later = 0;
    for (let h = from + 2; h <= from + 10; h++) if ((await blockData(net, 0, h)).round > 0) later++;
    assert.ok(later >= 1, 'heights where the stopped validator was proposer took another round');
    assertNoFork(net);
  } finally {
    await net.close();
  }
});

test('two of four stopped: no block, no fork; one returns and blocks resume; the other catches up when it returns', { timeout: 180_000 }, async () => {
  const net = await BftTestNetwork.start();
  try {
    await net.waitForHeight(3);
    await net.stop(2);
    await net.stop(3);
    await new Promise((r) => setTimeout(r, 500));
    const stuck = net.height(0);
    await new Promise((r) => setTimeout(r, 3000));
    assert.ok(net.height(0) <= stuck + 1 && net.height(1) <= stuck + 1, `halted (was ${stuck}, now ${net.height(0)})`);
    await net.restart(2);
    await net.waitForHeight(stuck + 5, { nodes: [0, 1, 2], timeoutMs: 90_000 });
    await net.restart(3);
    await net.waitForHeight(net.height(0) + 2, { timeoutMs: 90_000 });
    assertNoFork(net);
  } finally {
    await net.close();
  }
});

test('liveness and agreement with delays and lost messages (seeded)', { timeout: 180_000 }, async () => {
  const net = await BftTestNetwork.start({ hub: { delayMs: [0, 40], dropRate: 0.1, seed: 7 } });
  try {
    await net.waitForHeight(10, { timeoutMs: 150_000 });
    assertNoFork(net);
  } finally {
    await net.close();
  }
});

test('a partition of two and two halts; healing it resumes without a fork', { timeout: 180_000 }, async () => {
  const net = await BftTestNetwork.start();
  try {
    await net.waitForHeight(3);
    net.hub.partition([
      ['node0', 'node1'],
      ['node2', 'node3'],
    ]);
    await new Promise((r) => setTimeout(r, 500));
    const at = Math.max(...net.nodes.map((n) => n.chain.tip.height));
    await new Promise((r) => setTimeout(r, 2500));
    assert.ok(Math.max(...net.nodes.map((n) => n.chain.tip.height)) <= at + 1, 'no quorum on either side');
    net.hub.heal();
    await net.waitForHeight(at + 4, { timeoutMs: 120_000 });
    assertNoFork(net);
  } finally {
    await net.close();
  }
});

test('a node stopped for many heights catches up from its peers\' commits, then votes again', { timeout: 180_000 }, async () => {
  const net = await BftTestNetwork.start();
  try {
    await net.waitForHeight(2);
    await net.stop(1);
    await net.waitForHeight(net.height(0) + 12, { nodes: [0, 2, 3] });
    await net.restart(1);
    const target = net.height(0) + 3;
    await net.waitForHeight(target, { timeoutMs: 120_000 });
    // It signs again: its precommit is in a later certificate.
    const addr = net.nodes[1].key!.address;
    const deadline = Date.now() + 60_000;
    let signed = false;
    const engine = net.nodes[0].chain.engine as BftChainEngine;
    while (!signed && Date.now() < deadline) {
      const lc = net.nodes[0].service.status().lastCommit;
      if (lc) {
        const set = await net.nodes[0].chain.view((s) => engine.setAt(s, lc.height));
        signed = lc.signatures.some((s) => bytesEqual(set.validators[s.validatorIndex].address, addr));
      }
      if (!signed) await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(signed, 'the returned validator signs certificates again');
    assertNoFork(net);
  } finally {
    await net.close();
  }
});
