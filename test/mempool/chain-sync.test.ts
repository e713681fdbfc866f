import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, tx } from './helpers.js';
import { createTestChain, makeBlock, mineBlock, transfer } from '../../src/testing/chain.js';
import { ONE_COIN } from '../../src/params/networks.js';

const ALL = { maxGas: 60_000_000n };

test('mined transactions leave the pool; the rest stay and are selected next', async () => {
  const s = await setup();
  const [a, b] = s.keys;
  const a0 = await s.pool.add(tx(s, a, 0, { maxTipPerGas: 5n }));
  const a1 = await s.pool.add(tx(s, a, 1, { maxTipPerGas: 5n }));
  const b0 = await s.pool.add(tx(s, b, 0, { maxTipPerGas: 1n }));
  const first = s.pool.select({ ...ALL, maxTxs: 2 });
  assert.deepEqual(first.map((t) => t.key), [a0.key, a1.key]);
  await mineBlock(s.tc, { txs: first });
  assert.equal(s.tc.chain.tip.txCount, 2);
  assert.equal(s.pool.size, 1);
  assert.ok(s.pool.has(b0.key));
  assert.deepEqual(s.removed, [
    { key: a0.key, reason: 'mined' },
    { key: a1.key, reason: 'mined' },
  ]);
  assert.equal((await s.pool.nextNonce(a.address)), 2n);
  const second = s.pool.select(ALL);
  assert.deepEqual(second.map((t) => t.key), [b0.key]);
  await mineBlock(s.tc, { txs: second });
  assert.equal(s.pool.size, 0);
  assert.equal(s.pool.bytes, 0);
});

test('a block that uses a pooled nonce or spends the balance drops what can no longer go', async () => {
  const s = await setup({ chain: { fund: 10_000_000n } });
  const [a, b] = s.keys;
  const pooled0 = await s.pool.add(tx(s, a, 0));
  const fee = s.tc.chain.sm.plan(pooled0).gas * 11n; // base fee 9 + tip 2
  const a1 = await s.pool.add(tx(s, a, 1));
  const a2 = await s.pool.add(tx(s, a, 2));
  const a3 = await s.pool.add(tx(s, a, 3));
  // A conflicting nonce 0, not from the pool, sends most of a's balance away.
  const spend = transfer(s.tc.chain, a, b.address, 10_000_000n - 3n * fee, 0n);
  await mineBlock(s.tc, { txs: [spend] });
  assert.equal(s.tc.chain.tip.txCount, 1);
  // Left: 2 fees' worth (base fee is lower after an almost empty block, so a2 still fits).
  assert.ok(!s.pool.has(pooled0.key));
  assert.ok(s.pool.has(a1.key) && s.pool.has(a2.key));
  assert.ok(!s.pool.has(a3.key));
  assert.deepEqual(
    s.removed.map((r) => r.reason),
    ['stale', 'unpayable'],
  );
  assert.deepEqual(s.pool.select(ALL).map((t) => t.key), [a1.key, a2.key]);
});

test('after a reorg the disconnected transactions return to the pool', async () => {
  const s = await setup();
  const [a, b, c] = s.keys;
  const txs = [await s.pool.add(tx(s, a, 0)), await s.pool.add(tx(s, a, 1)), await s.pool.add(tx(s, b, 0))];
  const kept = await s.pool.add(tx(s, c, 0)); // not mined: stays throughout
  await mineBlock(s.tc, { txs: txs });
  const mainTip = s.tc.chain.tip;
  assert.equal(s.pool.size, 1);
  const a2 = await s.pool.add(tx(s, a, 2)); // valid on the main branch only after a0 and a1

  // A competing branch from genesis with two empty blocks, built on a second copy of the chain.
  const other = await createTestChain();
  assert.equal(other.chain.genesis.key, s.tc.chain.genesis.key);
  const side = [];
  for (let i = 0; i < 2; i++) {
    other.clock.t += other.params.blockTime;
    const blk = await makeBlock(other.chain, { beneficiary: c.address, time: other.clock.t, extraNonce: 7 });
    await other.chain.importBlock(blk);
    side.push(blk);
  }
  const reorgs: number[] = [];
  s.tc.chain.on('reorg', (r) => reorgs.push(r.dropped.length));
  // Mid-reorg (block 1 disconnected, a's nonce back to 0), a2 must not be selectable.
  const midReorg: string[][] = [];
  s.tc.chain.on('disconnect', () => midReorg.push(s.pool.select(ALL).map((t) => t.key)));
  assert.equal((await s.tc.chain.importBlock(side[0])).status, 'side-chain');
  assert.equal((await s.tc.chain.importBlock(side[1])).status, 'reorganized');
  assert.deepEqual(reorgs, [3]);
  assert.deepEqual(midReorg, [[kept.key]]);
  assert.notEqual(s.tc.chain.tip, mainTip);
  assert.equal(s.tc.chain.tip.height, 2);
  // Returning them reads the new head state (a load): the pool catches up asynchronously.
  await s.pool.settled();
  for (const t of txs) assert.ok(s.pool.has(t.key), `transaction ${t.key} is back`);
  assert.ok(s.pool.has(kept.key) && s.pool.has(a2.key));
  assert.equal(s.pool.size, 5);
  assert.equal((await s.pool.nextNonce(a.address)), 3n);
  // They are minable again on the new branch.
  const again = s.pool.select(ALL);
  assert.equal(again.length, 5);
  await mineBlock(s.tc, { txs: again });
  assert.equal(s.tc.chain.tip.txCount, 5);
  assert.equal(s.pool.size, 0);
});

test('after a reorg, dropped transactions that are now invalid are ignored silently', async () => {
  // b is funded only on the main branch (by a); its transaction there cannot return.
  const s = await setup();
  const [a, b, c] = s.keys;
  const poor = (await import('../../src/testing/keys.js')).testKey(42);
  const fund = await s.pool.add(transfer(s.tc.chain, a, poor.address, ONE_COIN, 0n));
  await mineBlock(s.tc, { txs: s.pool.select(ALL) });
  const spend = await s.pool.add(transfer(s.tc.chain, poor, b.address, 1n, 0n));
  await mineBlock(s.tc, { txs: s.pool.select(ALL) });
  assert.equal(s.pool.size, 0);

  const other = await createTestChain();
  const side = [];
  for (let i = 0; i < 3; i++) {
    other.clock.t += other.params.blockTime;
    const blk = await makeBlock(other.chain, { beneficiary: c.address, time: other.clock.t });
    await other.chain.importBlock(blk);
    side.push(blk);
  }
  const errors: unknown[] = [];
  s.pool.on('error', (e) => errors.push(e));
  for (const blk of side) await s.tc.chain.importBlock(blk);
  assert.equal(s.tc.chain.tip.height, 3);
  await s.pool.settled();
  assert.ok(s.pool.has(fund.key));
  assert.ok(!s.pool.has(spend.key)); // poor has no coins on this branch
  assert.deepEqual(errors, []);
});

test('dispose stops following the chain', async () => {
  const s = await setup();
  const t = await s.pool.add(tx(s, s.keys[0], 0));
  s.pool.dispose();
  await mineBlock(s.tc, { txs: [t] });
  assert.ok(s.pool.has(t.key));
});
