/**
 * Reorganisations: a heavier branch replaces the main chain (state rolled back from undo records
 * and the branch executed), and the result must be indistinguishable from a node that only ever
 * saw the winning branch: same tip, state root, every record, supply. Branches are built on
 * separate "builder" chains over the same genesis and imported into the chain under test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BlockError } from '../../src/errors.js';
import { createTestChain, mineBlock, solve, testChainParts, transfer, type TestChain } from '../../src/testing/chain.js';
import { nativeSupplyCheck } from '../../src/testing/invariants.js';
import { assembleBlock } from '../../src/chain/assembler.js';
import type { ChainEntry } from '../../src/chain/chain-index.js';
import type { ImportResult } from '../../src/chain/chain.js';
import { blockMerkleRoot, POW_SEAL, type Block } from '../../src/primitives/block.js';
import type { Coinbase } from '../../src/primitives/coinbase.js';
import { headerHash } from '../../src/primitives/header.js';
import { prepareTx, type PreparedTx } from '../../src/primitives/tx.js';
import { bytesToHex } from '../../src/encoding/hex.js';
import { balanceOf, getAccount } from '../../src/state/modules/accounts/method.js';
import { NATIVE_ASSET } from '../../src/state/modules/accounts/stores.js';
import { supplyOf } from '../../src/state/modules/supply/method.js';
import { nextBaseFee } from '../../src/state/modules/fees/base-fee.js';
import { MemoryKv } from '../../src/storage/memory-kv.js';
import type { TestKey } from '../../src/testing/keys.js';

// ---------------------------------------------------------------------------------------------
// Helpers

const hashKey = (b: Block): string => bytesToHex(headerHash(b.header));

/** Mines one block on a builder chain and returns it. */
async function mine(tc: TestChain, txs: readonly PreparedTx[], beneficiary: TestKey): Promise<Block> {
  const block = await mineBlock(tc, { txs, beneficiary: beneficiary.address });
  assert.equal(tc.chain.tip.key, hashKey(block), 'builder block connected');
  const r = await tc.chain.store.receipts(tc.chain.tip.hash);
  assert.equal(r?.receipts.length, txs.length, 'every transaction was included');
  for (const x of r!.receipts) assert.equal(x.status, 'success');
  const s = await nativeSupplyCheck(tc.chain);
  assert.equal(s.held, s.ledger, 'supply invariant after every block');
  return block;
}

/** Imports one block, first letting the local clock reach its time (as a node would, later). */
async function importOne(tc: TestChain, block: Block): Promise<ImportResult> {
  if (tc.clock.t < block.header.time) tc.clock.t = block.header.time;
  const r = await tc.chain.importBlock(block);
  const s = await nativeSupplyCheck(tc.chain);
  assert.equal(s.held, s.ledger, 'supply invariant after every block');
  return r;
}

async function importAll(tc: TestChain, blocks: readonly Block[]): Promise<ImportResult[]> {
  const out: ImportResult[] = [];
  for (const b of blocks) out.push(await importOne(tc, b));
  return out;
}

/** Everything that must match between two nodes on the same tip (records read from the store, in key order). */
async function fingerprint(tc: TestChain) {
  const w = tc.chain.world;
  const records: string[][] = [];
  for await (const [k, v] of w.entries('')) records.push([bytesToHex(new TextEncoder().encode(k)), bytesToHex(v)]);
  const view = await tc.chain.view((st) => ({
    balances: tc.keys.map((k) => balanceOf(getAccount(st, k.address)).toString()),
    nonces: tc.keys.map((k) => getAccount(st, k.address).nonce.toString()),
    supply: supplyOf(st, NATIVE_ASSET).total.toString(),
  }));
  return {
    tip: tc.chain.tip.key,
    height: tc.chain.tip.height,
    root: bytesToHex(w.root()),
    // Leaf indexes: the high-water mark and the free ones (what the next new keys will take).
    nextIndex: w.nextIndex,
    free: w.freeCount,
    records,
    ...view,
  };
}

/** A fresh node that imports `blocks` from genesis. */
async function replay(blocks: readonly Block[]): Promise<TestChain> {
  const tc = await createTestChain();
  const results = await importAll(tc, blocks);
  for (const r of results) assert.equal(r.status, 'connected');
  return tc;
}

/** Records chain events. */
function recordEvents(tc: TestChain) {
  const ev = {
    reorgs: [] as Array<{ from: string; to: string; ancestor: string; dropped: string[] }>,
    connects: [] as string[],
    disconnects: [] as string[],
  };
  tc.chain.on('reorg', (i) => ev.reorgs.push({ from: i.from.key, to: i.to.key, ancestor: i.ancestor.key, dropped: i.dropped.map((t) => t.key).sort() }));
  tc.chain.on('connect', (e) => ev.connects.push(e.key));
  tc.chain.on('disconnect', (e) => ev.disconnects.push(e.key));
  return ev;
}

/**
 * A solved, empty child of `parent` (a block that is not in any index) with the header fields and
 * coinbase claims a node checks before executing, and arbitrary roots: used to extend a branch
 * past an invalid block.
 */
function emptyChild(tc: TestChain, parent: Block, parentHeight: number, beneficiary: TestKey): Block {
  const view = { hash: headerHash(parent.header), header: parent.header, height: parentHeight, chainWork: 0n, parent: null };
  const coinbase: Coinbase = {
    chainId: tc.params.chainId,
    height: BigInt(parentHeight + 1),
    beneficiary: beneficiary.address,
    stateRoot: new Uint8Array(32).fill(9),
    receiptsRoot: new Uint8Array(32).fill(9),
    gasUsed: 0n,
    baseFeePerGas: nextBaseFee(tc.params, parent.coinbase.baseFeePerGas, parent.coinbase.gasUsed),
    consensus: new Uint8Array(0),
    extraNonce: new Uint8Array(8),
    extraData: new Uint8Array(0),
  };
  const header = {
    version: tc.params.blockVersion,
    prevHash: view.hash,
    merkleRoot: blockMerkleRoot(coinbase, []),
    time: parent.header.time + tc.params.blockTime,
    bits: tc.chain.engine.nextBits(view),
    nonce: 0,
  };
  return solve({ header, coinbase, txs: [], seal: POW_SEAL });
}

/** A block on the builder's tip whose coinbase state root is wrong (merkle root recomputed, solved). */
async function badStateRootBlock(tc: TestChain, txs: readonly PreparedTx[], beneficiary: TestKey): Promise<Block> {
  tc.clock.t += tc.params.blockTime;
  const t = await assembleBlock(tc.chain, { txs, beneficiary: beneficiary.address, time: tc.clock.t });
  const stateRoot = Uint8Array.from(t.coinbase.stateRoot);
  stateRoot[0] ^= 0xff;
  const coinbase = { ...t.coinbase, stateRoot, extraNonce: new Uint8Array(8) };
  const header = { ...t.header, merkleRoot: blockMerkleRoot(coinbase, t.txs.map((p) => p.id)), nonce: 0 };
  return solve({ header, coinbase, txs: t.txs.map((p) => p.tx), seal: POW_SEAL });
}

function statusOf(tc: TestChain, b: Block): ChainEntry['status'] | undefined {
  return tc.chain.index.get(headerHash(b.header))?.status;
}

// ---------------------------------------------------------------------------------------------
// (a) + (b): a longer branch from an earlier block wins; state equals a replay; dropped txs

test('a heavier branch from an earlier block reorganises the chain; state equals a replay of the branch', async () => {
  const kv = new MemoryKv();
  const main = await createTestChain({ kv });
  const builder = await createTestChain();
  const [k0, k1, k2, k3] = main.keys;
  const ev = recordEvents(main);

  // Common prefix: one block, on both.
  const p1 = await mine(main, [transfer(main.chain, k0, k1.address, 100_000n, 0n)], k2);
  assert.equal((await importOne(builder, p1)).status, 'connected');

  // Shared transaction: in A's second block and in B's first, so it must not be reported dropped.
  const shared = transfer(main.chain, k0, k3.address, 5_000n, 1n);
  // Branch A (3 blocks) on the main chain.
  const a2 = await mine(main, [transfer(main.chain, k1, k2.address, 200n, 0n), transfer(main.chain, k2, k3.address, 300n, 0n)], k2);
  const a3 = await mine(main, [shared, transfer(main.chain, k3, k0.address, 400n, 0n)], k2);
  const a4 = await mine(main, [transfer(main.chain, k1, k0.address, 500n, 1n)], k2);
  const aOnly = [...a2.txs, a3.txs[1], ...a4.txs].map((t) => prepareTx(t));
  const aOnlyKeys = aOnly.map((t) => t.key).sort();
  assert.equal(aOnly.length, 4);
  const aTip = main.chain.tip;
  const aFingerprint = await fingerprint(main);

  // Branch B (4 blocks) from p1 on the builder: different transfers, another producer.
  const b2 = await mine(builder, [shared, transfer(builder.chain, k2, k1.address, 7_000n, 0n)], k3);
  const b3 = await mine(builder, [transfer(builder.chain, k1, k3.address, 8_000n, 0n), transfer(builder.chain, k3, k2.address, 9_000n, 0n)], k3);
  const b4 = await mine(builder, [transfer(builder.chain, k0, k2.address, 10_000n, 2n)], k3);
  const b5 = await mine(builder, [transfer(builder.chain, k2, k0.address, 11_000n, 1n), transfer(builder.chain, k1, k0.address, 12_000n, 1n)], k3);
  assert.ok(main.chain.tip.chainWork < builder.chain.tip.chainWork);

  const connectsBefore = ev.connects.length;
  const results = await importAll(main, [b2, b3, b4]);
  assert.deepEqual(results.map((r) => r.status), ['side-chain', 'side-chain', 'side-chain']);
  assert.equal(main.chain.tip, aTip, 'equal work does not move the tip');
  assert.deepEqual(await fingerprint(main), aFingerprint, 'side-chain blocks are stored, not executed');
  assert.equal(ev.connects.length, connectsBefore);

  const r5 = await importOne(main, b5);
  assert.equal(r5.status, 'reorganized');
  assert.ok(r5.status === 'reorganized' && r5.disconnected === 3 && r5.connected === 4);
  assert.equal(main.chain.tip.key, hashKey(b5));
  assert.equal(main.chain.tip.height, 5);

  // Same as the builder that made B, and as a fresh node replaying only B's chain.
  const fresh = await replay([p1, b2, b3, b4, b5]);
  assert.deepEqual(await fingerprint(main), await fingerprint(fresh));
  assert.deepEqual(await fingerprint(main), await fingerprint(builder));
  assert.notEqual((await fingerprint(main)).root, aFingerprint.root);
  // Balances show B's transfers (e.g. k2 received 10,000 from k0 in b4) and not A's.
  for (const k of main.keys) {
    assert.equal(balanceOf((await main.chain.view((st) => getAccount(st, k.address)))), balanceOf((await fresh.chain.view((st) => getAccount(st, k.address)))));
  }

  // Transaction index: A-only transactions are gone, B's point at B's blocks, the shared one at b2.
  for (const t of aOnly) assert.equal(await main.chain.store.txLocation(t.id), undefined);
  assert.equal(bytesToHex((await main.chain.store.txLocation(shared.id))!.blockHash), hashKey(b2));
  for (const b of [b3, b4, b5]) for (const t of b.txs) assert.equal(bytesToHex((await main.chain.store.txLocation(prepareTx(t).id))!.blockHash), hashKey(b));
  for (const b of [a2, a3, a4]) assert.equal(await main.chain.store.receipts(headerHash(b.header)), undefined);
  for (const b of [b2, b3, b4, b5]) assert.ok(await main.chain.store.receipts(headerHash(b.header)));
  for (const b of [a2, a3, a4]) assert.equal(statusOf(main, b), 'valid', 'the old branch stays valid (it could win back)');

  // (b) the reorg event: from A's tip to B's, ancestor p1, and exactly A's transactions not in B.
  assert.equal(ev.reorgs.length, 1);
  assert.deepEqual(ev.reorgs[0], { from: aTip.key, to: hashKey(b5), ancestor: hashKey(p1), dropped: aOnlyKeys });
  assert.deepEqual(ev.disconnects, [hashKey(a4), hashKey(a3), hashKey(a2)]);
  assert.deepEqual(ev.connects.slice(connectsBefore), [b2, b3, b4, b5].map(hashKey));

  // The store holds the same: a node restarted on it opens at B's tip with the same state.
  const reopened = testChainParts({ kv });
  await reopened.chain.open();
  assert.deepEqual(await fingerprint({ ...main, chain: reopened.chain }), await fingerprint(main));
});

// ---------------------------------------------------------------------------------------------
// (c) a heavier branch holding an invalid block never becomes the tip

test('a heavier branch whose second block has a bad state root: the chain returns to the valid branch', async () => {
  const main = await createTestChain();
  const builder = await createTestChain();
  const [k0, k1, k2, k3] = main.keys;
  const ev = recordEvents(main);
  // A: two blocks from genesis.
  const a1 = await mine(main, [transfer(main.chain, k0, k1.address, 1_000n, 0n)], k2);
  const a2 = await mine(main, [transfer(main.chain, k1, k0.address, 2_000n, 0n)], k2);
  const aFingerprint = await fingerprint(main);
  // B: b1 valid, b2 with a bad state root, b3 and b4 on top of it (4 blocks: more work than A).
  const b1 = await mine(builder, [transfer(builder.chain, k2, k3.address, 3_000n, 0n)], k3);
  const b2 = await badStateRootBlock(builder, [transfer(builder.chain, k3, k2.address, 4_000n, 0n)], k3);
  const b3 = emptyChild(builder, b2, 2, k3);
  const b4 = emptyChild(builder, b3, 3, k3);

  assert.equal((await importOne(main, b1)).status, 'side-chain');
  assert.equal((await importOne(main, b2)).status, 'side-chain', 'equal work: stored, not executed yet');
  assert.equal(statusOf(main, b2), 'stored');
  // b3 makes B heavier: b1 connects, b2 fails, and the chain goes back to A. b3 can never be used.
  await assert.rejects(importOne(main, b3), (e: unknown) => e instanceof BlockError && e.code === 'BLOCK_KNOWN_INVALID');
  assert.equal(main.chain.tip.key, hashKey(a2));
  assert.equal(statusOf(main, b1), 'valid');
  assert.equal(statusOf(main, b2), 'invalid');
  assert.equal(main.chain.index.hasInvalidAncestry(main.chain.index.get(headerHash(b3.header))!), true);
  assert.deepEqual(await fingerprint(main), aFingerprint, 'state is exactly A again');
  assert.deepEqual(await fingerprint(main), await fingerprint(await replay([a1, a2])));
  assert.equal(ev.reorgs.length, 0, 'the tip did not change, so no reorg is reported');
  // b4, child of a block with invalid ancestry, is refused at once.
  await assert.rejects(importOne(main, b4), (e: unknown) => e instanceof BlockError && e.code === 'BLOCK_KNOWN_INVALID');
  await assert.rejects(importOne(main, b2), (e: unknown) => e instanceof BlockError && e.code === 'BLOCK_KNOWN_INVALID');
  assert.equal(main.chain.tip.key, hashKey(a2));
  assert.deepEqual(await fingerprint(main), aFingerprint);
  // The valid chain keeps growing, and fork choice ignores the (heavier) invalid branch.
  const a3 = await mine(main, [], k2);
  assert.equal(main.chain.tip.key, hashKey(a3));
  assert.equal(main.chain.index.best(), main.chain.tip);
});

test('a heavier branch whose newest block is invalid: that block is refused with its own reason, never the tip', async () => {
  const main = await createTestChain();
  const builder = await createTestChain();
  const [k0, k1, k2, k3] = main.keys;
  const a1 = await mine(main, [transfer(main.chain, k0, k1.address, 1_000n, 0n)], k2);
  const a2 = await mine(main, [transfer(main.chain, k1, k0.address, 2_000n, 0n)], k2);
  const b1 = await mine(builder, [transfer(builder.chain, k2, k3.address, 3_000n, 0n)], k3);
  const b2 = await mine(builder, [transfer(builder.chain, k3, k2.address, 4_000n, 0n)], k3);
  const b3 = await badStateRootBlock(builder, [transfer(builder.chain, k0, k2.address, 5_000n, 0n)], k3);
  assert.deepEqual((await importAll(main, [b1, b2])).map((r) => r.status), ['side-chain', 'side-chain']);
  await assert.rejects(importOne(main, b3), (e: unknown) => e instanceof BlockError && e.code === 'BLOCK_BAD_STATE_ROOT');
  assert.equal(statusOf(main, b3), 'invalid');
  assert.notEqual(main.chain.tip.key, hashKey(b3));
  // A and B's valid prefix have equal work; whichever is the tip, its state is that branch's replay.
  const tipBranch = main.chain.tip.key === hashKey(a2) ? [a1, a2] : [b1, b2];
  assert.equal(main.chain.tip.key, hashKey(tipBranch[1]));
  assert.deepEqual(await fingerprint(main), await fingerprint(await replay(tipBranch)));
  await assert.rejects(importOne(main, b3), (e: unknown) => e instanceof BlockError && e.code === 'BLOCK_KNOWN_INVALID');
});

test('a heavier branch whose first block is invalid: the chain stays on A, the invalid block is marked', async () => {
  const main = await createTestChain();
  const builder = await createTestChain();
  const [k0, k1, k2, k3] = main.keys;
  const a1 = await mine(main, [transfer(main.chain, k0, k1.address, 1_000n, 0n)], k2);
  const aFingerprint = await fingerprint(main);
  const b1 = await badStateRootBlock(builder, [transfer(builder.chain, k2, k3.address, 3_000n, 0n)], k3);
  const b2 = emptyChild(builder, b1, 1, k3);
  assert.equal((await importOne(main, b1)).status, 'side-chain');
  await assert.rejects(importOne(main, b2), (e: unknown) => e instanceof BlockError && e.code === 'BLOCK_KNOWN_INVALID');
  assert.equal(statusOf(main, b1), 'invalid');
  assert.equal(main.chain.tip.key, hashKey(a1));
  assert.deepEqual(await fingerprint(main), aFingerprint);
});

test('a heavier branch with an invalid transaction (nonce replay) in it is refused with BLOCK_INVALID_TX', async () => {
  const main = await createTestChain();
  const builder = await createTestChain();
  const [k0, k1, k2, k3] = main.keys;
  const a1 = await mine(main, [transfer(main.chain, k0, k1.address, 1_000n, 0n)], k2);
  const b1 = await mine(builder, [transfer(builder.chain, k2, k3.address, 3_000n, 0n)], k3);
  // b2 repeats b1's transaction: fine for the stateless checks, a replay once b1 is applied.
  builder.clock.t += builder.params.blockTime;
  const t = await assembleBlock(builder.chain, { txs: [], beneficiary: k3.address, time: builder.clock.t });
  const replayed = prepareTx(b1.txs[0]);
  const coinbase = { ...t.coinbase, extraNonce: new Uint8Array(8) };
  const b2 = solve({ header: { ...t.header, merkleRoot: blockMerkleRoot(coinbase, [replayed.id]), nonce: 0 }, coinbase, txs: [replayed.tx], seal: POW_SEAL });
  assert.equal((await importOne(main, b1)).status, 'side-chain');
  await assert.rejects(
    importOne(main, b2),
    (e: unknown) => e instanceof BlockError && e.code === 'BLOCK_INVALID_TX' && e.data.txCode === 'TX_NONCE_REPLAY',
  );
  assert.equal(statusOf(main, b2), 'invalid');
  // b1 alone has A's work: the chain is on one of them, with that branch's state.
  const branch = main.chain.tip.key === hashKey(a1) ? [a1] : [b1];
  assert.deepEqual(await fingerprint(main), await fingerprint(await replay(branch)));
});

// ---------------------------------------------------------------------------------------------
// (d) back and forth

test('reorganising back and forth twice keeps the state equal to a replay of the winning branch', async () => {
  const main = await createTestChain();
  const xa = await createTestChain(); // builds branch A
  const xb = await createTestChain(); // builds branch B
  const [k0, k1, k2, k3] = main.keys;
  const ev = recordEvents(main);
  const both = transfer(main.chain, k3, k0.address, 42n, 0n); // in both branches

  // A: 2 blocks; main follows it.
  const a = [
    await mine(xa, [transfer(xa.chain, k0, k1.address, 1_000n, 0n), both], k2),
    await mine(xa, [transfer(xa.chain, k1, k2.address, 2_000n, 0n)], k2),
  ];
  assert.deepEqual((await importAll(main, a)).map((r) => r.status), ['connected', 'connected']);
  assert.deepEqual(await fingerprint(main), await fingerprint(xa));

  // B: 3 blocks -> reorg to B.
  const b = [
    await mine(xb, [both, transfer(xb.chain, k0, k2.address, 3_000n, 0n)], k3),
    await mine(xb, [transfer(xb.chain, k2, k1.address, 4_000n, 0n)], k3),
    await mine(xb, [transfer(xb.chain, k1, k3.address, 5_000n, 0n)], k3),
  ];
  assert.deepEqual((await importAll(main, b)).map((r) => r.status), ['side-chain', 'side-chain', 'reorganized']);
  assert.deepEqual(await fingerprint(main), await fingerprint(xb));
  assert.deepEqual(await fingerprint(main), await fingerprint(await replay(b)));

  // A grows to 4 blocks -> reorg back to A (its old blocks are executed again).
  a.push(await mine(xa, [transfer(xa.chain, k2, k0.address, 6_000n, 0n)], k2));
  a.push(await mine(xa, [transfer(xa.chain, k0, k3.address, 7_000n, 1n)], k2));
  assert.deepEqual((await importAll(main, a.slice(2))).map((r) => r.status), ['side-chain', 'reorganized']);
  assert.deepEqual(await fingerprint(main), await fingerprint(xa));
  assert.deepEqual(await fingerprint(main), await fingerprint(await replay(a)));

  // B grows to 5 blocks -> reorg to B again.
  b.push(await mine(xb, [], k3));
  b.push(await mine(xb, [transfer(xb.chain, k3, k1.address, 8_000n, 1n)], k3));
  assert.deepEqual((await importAll(main, b.slice(3))).map((r) => r.status), ['side-chain', 'reorganized']);
  assert.deepEqual(await fingerprint(main), await fingerprint(xb));
  assert.deepEqual(await fingerprint(main), await fingerprint(await replay(b)));

  // Three reorgs, each dropping exactly the losing branch's transactions not in the winner.
  const ids = (blocks: Block[]) => new Set(blocks.flatMap((x) => x.txs.map((t) => prepareTx(t).key)));
  const dropped = (from: Block[], to: Block[]) => [...ids(from)].filter((k) => !ids(to).has(k)).sort();
  assert.equal(ev.reorgs.length, 3);
  assert.deepEqual(ev.reorgs.map((r) => [r.from, r.to, r.ancestor]), [
    [hashKey(a[1]), hashKey(b[2]), main.chain.genesis.key],
    [hashKey(b[2]), hashKey(a[3]), main.chain.genesis.key],
    [hashKey(a[3]), hashKey(b[4]), main.chain.genesis.key],
  ]);
  assert.deepEqual(ev.reorgs[0].dropped, dropped(a.slice(0, 2), b.slice(0, 3)));
  assert.deepEqual(ev.reorgs[1].dropped, dropped(b.slice(0, 3), a));
  assert.deepEqual(ev.reorgs[2].dropped, dropped(a, b));
  assert.ok(!ev.reorgs.some((r) => r.dropped.includes(prepareTx(both.tx).key)), 'the shared transaction is never dropped');
  assert.equal(ev.reorgs[0].dropped.length, 2);
});

test('a reorg deeper than coinbase maturity rolls back released rewards exactly', async () => {
  const main = await createTestChain();
  const builder = await createTestChain();
  const [k0, k1, k2, k3] = main.keys;
  const maturity = main.params.rewards.maturity;
  const a: Block[] = [];
  for (let i = 0; i < maturity + 3; i++) a.push(await mine(main, i === 1 ? [transfer(main.chain, k0, k1.address, 10n, 0n)] : [], k2));
  const b: Block[] = [];
  for (let i = 0; i < maturity + 4; i++) b.push(await mine(builder, i === 2 ? [transfer(builder.chain, k1, k0.address, 20n, 0n)] : [], k3));
  const results = await importAll(main, b);
  assert.equal(results.at(-1)!.status, 'reorganized');
  assert.ok(results.slice(0, -1).every((r) => r.status === 'side-chain'));
  assert.deepEqual(await fingerprint(main), await fingerprint(await replay(b)));
  // k3 mined every B block; k2's rewards from A are gone.
  assert.equal(balanceOf((await main.chain.view((st) => getAccount(st, k2.address)))), balanceOf((await builder.chain.view((st) => getAccount(st, k2.address)))));
});
