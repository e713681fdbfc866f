/**
 * Payouts against a hand-worked example, to the base unit (issue 12 item 4), on a real chain with
 * real shares over Stratum. The test network's difficulty is fixed at 2^-16: network weight
 * 65536. A share of difficulty 2^e weighs 2^(e+32). Fee 1% (100 bps), PPLNS N = 2: window 131072.
 * Block reward: subsidy 50 CWC = 5,000,000,000 base units, no tips (empty blocks).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bytesToHex } from '../../src/encoding/hex.js';
import { assembleBlock, templateToBlock } from '../../src/chain/assembler.js';
import { createTestChain } from '../../src/testing/chain.js';
import { balanceOf, getAccount } from '../../src/state/modules/accounts/method.js';
import { RealClock, mineOn, solveBlock, startPool, waitFor, type PoolFixture } from './helpers.js';
import { CraftingMiner } from './share-tools.js';

async function balance(fx: PoolFixture, a: Uint8Array): Promise<bigint> {
  return fx.tc.chain.view((s) => balanceOf(getAccount(s, a)));
}

/** Blocks by another miner until the tip reaches `height` (each includes the mempool, i.e. payouts). */
async function mineTo(fx: PoolFixture, height: number): Promise<void> {
  while (fx.tc.chain.tip.height < height) await mineOn(fx, fx.tc.keys[0].address);
}

/** A longer branch from the parent of the tip (built on a second chain with the same genesis), so the tip is orphaned. */
async function orphanTip(fx: PoolFixture): Promise<void> {
  const { chain, params } = fx.tc;
  // Same base parameters (createTestChain adds the same funded keys again).
  const other = await createTestChain({ params: { ...params, genesis: { ...params.genesis, allocations: [] } }, clock: new RealClock(), accounts: 6 });
  assert.equal(bytesToHex(other.chain.genesis.hash), bytesToHex(chain.genesis.hash));
  for (let h = 1; h < chain.tip.height; h++) {
    const pb = await chain.getBlock(chain.index.atHeight(h)!.hash);
    await other.chain.importBlock(pb!.block);
  }
  for (let i = 0; i < 2; i++) {
    const t = await assembleBlock(other.chain, { txs: [], beneficiary: fx.tc.keys[5].address });
    const b = solveBlock(templateToBlock(t, new Uint8Array(8), 0));
    await other.chain.importBlock(b);
    await chain.importBlock(b);
  }
}

function blocksByStatus(fx: PoolFixture) {
  return [...fx.pool.p.ledger.blocks.values()].sort((a, b) => a.height - b.height);
}

test('PPLNS: a hand-worked window and split to the base unit, an orphaned block never paid, payouts by multi-send after maturity', { timeout: 120_000 }, async (t) => {
  const fx = await startPool({ scheme: 'pplns', feeBps: 100, pplnsN: 2, minPayout: 1n }, { maturity: 3 });
  t.after(() => fx.stop());
  const [A, B, C] = [1, 2, 3].map((i) => fx.tc.keys[i]);
  const a = await CraftingMiner.open(fx, `${A.addressText}.a1`, t);
  const b = await CraftingMiner.open(fx, `${B.addressText}.b1`, t);
  const c = await CraftingMiner.open(fx, `${C.addressText}.c1`, t);

  // Shares, oldest first (weights): s1 A 2^-17 (32768), s2 B 2^-18 (16384), s3 C 2^-18 (16384),
  // s4 A 2^-17 (32768), s5 B 2^-17 (32768), s6 C 2^-18 (16384), s7 A 2^-18 (16384),
  // s8 C 2^-25 (128), s9 B 2^-20 (4096) and a block.
  await a.share(-17);
  await b.share(-18);
  await c.share(-18);
  await a.share(-17);
  await b.share(-17);
  await c.share(-18);
  await a.share(-18);
  await c.share(-25);
  const h1 = fx.tc.chain.tip.height + 1;
  await b.share(-20, true);
  await waitFor(() => fx.tc.chain.tip.height === h1, 10_000, 'block 1');

  // The window, newest first, until 131072: s9 B 4096, s8 C 128, s7 A 16384, s6 C 16384,
  // s5 B 32768, s4 A 32768, s3 C 16384 (118912 so far), s2 B only 12160 of its 16384; s1 is out.
  // A = 16384 + 32768 = 49152; B = 4096 + 32768 + 12160 = 49024; C = 128 + 16384 + 16384 = 32896.
  const found1 = blocksByStatus(fx)[0];
  assert.deepEqual(
    found1.window.map((w) => [bytesToHex(w.address), w.amount]).sort(),
    [
      [bytesToHex(A.address), 49152n],
      [bytesToHex(B.address), 49024n],
      [bytesToHex(C.address), 32896n],
    ].sort(),
  );

  // Block 2, found by A, will be orphaned by a longer branch.
  for (const m of [a, b, c]) m.reset();
  await waitFor(() => a.m.job!.prevhash !== found1.hash.toString(), 5000, 'new job');
  await a.share(-17, true);
  await waitFor(() => fx.tc.chain.tip.height === h1 + 1, 10_000, 'block 2');
  const found2 = blocksByStatus(fx).find((x) => x.height === h1 + 1)!;
  assert.equal(found2.status === 'pending' || found2.status === 'submitted', true);
  await orphanTip(fx);
  assert.notEqual(bytesToHex(fx.tc.chain.index.atHeight(h1 + 1)!.hash), bytesToHex(found2.hash), 'block 2 is off the main chain');

  const before = { A: await balance(fx, A.address), B: await balance(fx, B.address), C: await balance(fx, C.address) };
  // Maturity: 3 blocks. Block 1 matures at h1 + 3 (its reward is then spendable): confirmed and split.
  await mineTo(fx, h1 + 3);
  await waitFor(() => blocksByStatus(fx).find((x) => x.height === h1)?.status === 'confirmed', 10_000, 'block 1 confirmed');
  // Reward 5,000,000,000; fee 1% = 50,000,000; net 4,950,000,000 split by 49152 : 49024 : 32896 of 131072:
  // A = 4,950,000,000 x 49152 / 131072 = 1,856,250,000
  // B = 4,950,000,000 x 49024 / 131072 = 1,851,416,015.625 -> 1,851,416,015
  // C = 4,950,000,000 x 32896 / 131072 = 1,242,333,984.375 -> 1,242,333,984
  // dust 4,950,000,000 - 4,949,999,999 = 1 stays with the pool: fee 50,000,001.
  const b1 = blocksByStatus(fx).find((x) => x.height === h1)!;
  assert.equal(b1.reward, 5_000_000_000n);
  assert.equal(b1.fee, 50_000_001n);
  const credit = new Map(b1.credits.map((x) => [bytesToHex(x.address), x.amount]));
  assert.equal(credit.get(bytesToHex(A.address)), 1_856_250_000n);
  assert.equal(credit.get(bytesToHex(B.address)), 1_851_416_015n);
  assert.equal(credit.get(bytesToHex(C.address)), 1_242_333_984n);

  // Block 2 (orphaned) matures at h1 + 4: never paid.
  await mineTo(fx, h1 + 4);
  await waitFor(() => blocksByStatus(fx).find((x) => x.height === h1 + 1 && bytesToHex(x.hash) === bytesToHex(found2.hash))?.status === 'orphaned', 10_000, 'block 2 orphaned');
  const orphan = [...fx.pool.p.ledger.blocks.values()].find((x) => bytesToHex(x.hash) === bytesToHex(found2.hash))!;
  assert.deepEqual(orphan.credits, []);

  // One multi-send pays all three, from the pool's key, once it is in a block.
  await waitFor(() => fx.pool.p.ledger.openPayouts.size === 1 || [...fx.pool.p.ledger.balances.values()].every((x) => x.balance === 0n), 10_000, 'a payout');
  await mineTo(fx, fx.tc.chain.tip.height + 1);
  await waitFor(async () => (await fx.pool.p.ledger.payouts(10)).some((p) => p.status === 'confirmed'), 10_000, 'payout confirmed');
  const payouts = await fx.pool.p.ledger.payouts(10);
  assert.equal(payouts.length, 1, 'one payout transaction for all');
  assert.equal(payouts[0].outputs.length, 3);
  assert.equal(await balance(fx, A.address), before.A + 1_856_250_000n);
  assert.equal(await balance(fx, B.address), before.B + 1_851_416_015n);
  assert.equal(await balance(fx, C.address), before.C + 1_242_333_984n);
  for (const k of [A, B, C]) {
    const bal = fx.pool.p.ledger.balanceOf(k.address);
    assert.equal(bal.balance, 0n);
    assert.equal(bal.paid, bal.credited);
  }
  // The pool's key paid outputs + the fee from block 1's reward; it keeps the 1% fee and dust less that fee.
  const fee = payouts[0].fee;
  assert.ok(fee > 0n);
  assert.equal(await balance(fx, fx.pool.p.key.address), 5_000_000_000n - 4_949_999_999n - fee);
});

test('PPS: every share paid its expected value at once (subsidy x w x 0.99 / 65536), an orphaned block credits nothing more; minimum payout respected', { timeout: 120_000 }, async (t) => {
  const fx = await startPool({ scheme: 'pps', feeBps: 100, minPayout: 2_000_000_000n }, { maturity: 3 });
  t.after(() => fx.stop());
  const [A, B, C] = [1, 2, 3].map((i) => fx.tc.keys[i]);
  const a = await CraftingMiner.open(fx, `${A.addressText}.a1`, t);
  const b = await CraftingMiner.open(fx, `${B.addressText}.b1`, t);
  const c = await CraftingMiner.open(fx, `${C.addressText}.c1`, t);
  // PPS credit = floor(5,000,000,000 x w x 9900 / (65536 x 10000)):
  //   2^-17 (w 32768): 2,475,000,000    2^-18 (16384): 1,237,500,000
  //   2^-20 (4096):      309,375,000    2^-25 (128):   9,667,968.75 -> 9,667,968
  await a.share(-17);
  await b.share(-18);
  await c.share(-25);
  assert.equal(fx.pool.p.ledger.balanceOf(A.address).balance, 2_475_000_000n);
  assert.equal(fx.pool.p.ledger.balanceOf(B.address).balance, 1_237_500_000n);
  assert.equal(fx.pool.p.ledger.balanceOf(C.address).balance, 9_667_968n);
  const h1 = fx.tc.chain.tip.height + 1;
  await b.share(-20, true);
  await waitFor(() => fx.tc.chain.tip.height === h1, 10_000, 'block 1');
  assert.equal(fx.pool.p.ledger.balanceOf(B.address).balance, 1_237_500_000n + 309_375_000n);
  // A second pool block, orphaned: the shares that found it were paid like any (PPS), the block adds nothing.
  for (const m of [a, b, c]) m.reset();
  await a.share(-18, true);
  await waitFor(() => fx.tc.chain.tip.height === h1 + 1, 10_000, 'block 2');
  assert.equal(fx.pool.p.ledger.balanceOf(A.address).balance, 2_475_000_000n + 1_237_500_000n);
  await orphanTip(fx);
  await mineTo(fx, h1 + 4);
  await waitFor(() => blocksByStatus(fx).filter((x) => x.status === 'confirmed' || x.status === 'orphaned').length === 2, 10_000, 'both blocks settled');
  const st = blocksByStatus(fx).map((x) => x.status).sort();
  assert.deepEqual(st, ['confirmed', 'orphaned']);
  assert.equal(blocksByStatus(fx).find((x) => x.status === 'confirmed')!.fee, 5_000_000_000n, 'a PPS block is the pool\'s income');
  // The minimum payout is 20 CWC (2,000,000,000): A's 3,712,500,000 is paid; B's 1,546,875,000
  // and C's 9,667,968 wait.
  const beforeA = await balance(fx, A.address);
  await waitFor(() => fx.pool.p.ledger.openPayouts.size === 1, 10_000, 'a payout');
  await mineTo(fx, fx.tc.chain.tip.height + 1);
  await waitFor(async () => (await fx.pool.p.ledger.payouts(10)).some((p) => p.status === 'confirmed'), 10_000, 'payout confirmed');
  assert.equal(await balance(fx, A.address), beforeA + 3_712_500_000n);
  assert.equal(fx.pool.p.ledger.balanceOf(B.address).balance, 1_546_875_000n);
  assert.equal(fx.pool.p.ledger.balanceOf(C.address).balance, 9_667_968n);
  assert.equal(fx.pool.p.ledger.balanceOf(A.address).paid, 3_712_500_000n);
});
