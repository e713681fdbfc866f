/**
 * Block validity rules, one test each: a block that breaks exactly one rule (built from a valid
 * template, re-solved after the change) is refused by `chain.importBlock` with that rule's
 * BlockError code, and the chain tip and state root are unchanged afterwards.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BlockError, type BlockErrorCode } from '../../src/errors.js';
import { createTestChain, makeBlock, mineBlock, solve, transfer, type TestChain } from '../../src/testing/chain.js';
import { assembleBlock, templateToBlock, type BlockTemplate } from '../../src/chain/assembler.js';
import { blockMerkleRoot, encodeBlock, POW_SEAL, type Block } from '../../src/primitives/block.js';
import type { Coinbase } from '../../src/primitives/coinbase.js';
import { hashToBigInt, headerHash, type Header } from '../../src/primitives/header.js';
import type { PreparedTx } from '../../src/primitives/tx.js';
import { compactToTarget } from '../../src/consensus/pow/compact.js';
import { bytesToHex } from '../../src/encoding/hex.js';
import { powParams, regtest } from '../../src/params/networks.js';

// ---------------------------------------------------------------------------------------------
// Helpers

/** A template on the tip at the next clock tick (the clock is advanced). */
function template(tc: TestChain, txs: readonly PreparedTx[] = [], time?: number): Promise<BlockTemplate> {
  tc.clock.t += tc.params.blockTime;
  return assembleBlock(tc.chain, { txs, beneficiary: tc.keys[3].address, time: time ?? tc.clock.t });
}

/**
 * A block from a template with changes to the coinbase, header or transaction list; the merkle
 * root is recomputed over the result (unless the header change sets it) and the block re-solved
 * (unless `solved` is false).
 */
function tamper(
  t: BlockTemplate,
  o: { coinbase?: Partial<Coinbase>; header?: Partial<Header>; txs?: readonly PreparedTx[]; solved?: boolean } = {},
): Block {
  const coinbase: Coinbase = { ...t.coinbase, extraNonce: new Uint8Array(8), ...o.coinbase };
  const txs = o.txs ?? t.txs;
  const header: Header = { ...t.header, merkleRoot: blockMerkleRoot(coinbase, txs.map((p) => p.id)), nonce: 0, ...o.header };
  const block: Block = { header, coinbase, txs: txs.map((p) => p.tx), seal: POW_SEAL };
  return o.solved === false ? block : solve(block);
}

/** What must not change when a block is refused. */
function headState(tc: TestChain): { tip: string; height: number; root: string } {
  return { tip: tc.chain.tip.key, height: tc.chain.tip.height, root: bytesToHex(tc.chain.stateRoot()) };
}

/** Imports `input` and expects BlockError `code` (and `check` on it), with the head unchanged. */
async function assertRejects(tc: TestChain, input: Block | Uint8Array, code: BlockErrorCode, check: (e: BlockError) => boolean = () => true): Promise<BlockError> {
  const before = headState(tc);
  let caught: BlockError | undefined;
  await assert.rejects(tc.chain.importBlock(input), (e: unknown) => {
    if (!(e instanceof BlockError) || e.code !== code || !check(e)) return false;
    caught = e;
    return true;
  });
  assert.deepEqual(headState(tc), before, 'tip and state root are unchanged after the rejection');
  return caught!;
}

/** A chain with a few blocks holding transfers, so the rules are checked past genesis. */
async function chainWithHistory(o: Parameters<typeof createTestChain>[0] = {}): Promise<TestChain> {
  const tc = await createTestChain(o);
  const [a, b] = tc.keys;
  await mineBlock(tc, { txs: [transfer(tc.chain, a, b.address, 1_000n, 0n)] });
  await mineBlock(tc, { txs: [transfer(tc.chain, b, a.address, 2_000n, 0n)] });
  await mineBlock(tc);
  return tc;
}

/** A pending transfer for the next block. */
function pendingTx(tc: TestChain, amount = 777n): PreparedTx {
  const [a, , c] = tc.keys;
  return transfer(tc.chain, c, a.address, amount, 0n);
}

// ---------------------------------------------------------------------------------------------
// Control

test('control: the untampered block (same construction) connects, and re-importing it is a duplicate', async () => {
  const tc = await chainWithHistory();
  const block = tamper(await template(tc, [pendingTx(tc)]));
  const r = await tc.chain.importBlock(block);
  assert.equal(r.status, 'connected');
  const tip = headState(tc);
  const again = await tc.chain.importBlock(block);
  assert.equal(again.status, 'duplicate');
  assert.equal(again.entry, r.entry);
  const asBytes = await tc.chain.importBlock(encodeBlock(block));
  assert.equal(asBytes.status, 'duplicate');
  assert.deepEqual(headState(tc), tip);
});

test('duplicate: a side-chain block re-imported is a duplicate too', async () => {
  const tc = await createTestChain();
  const first = await makeBlock(tc.chain, { beneficiary: tc.keys[0].address, time: tc.clock.t + 2 });
  const rival = await makeBlock(tc.chain, { beneficiary: tc.keys[1].address, time: tc.clock.t + 2 });
  assert.equal((await tc.chain.importBlock(first)).status, 'connected');
  assert.equal((await tc.chain.importBlock(rival)).status, 'side-chain');
  const tip = headState(tc);
  const again = await tc.chain.importBlock(rival);
  assert.equal(again.status, 'duplicate');
  assert.equal(again.entry.key, bytesToHex(headerHash(rival.header)));
  assert.deepEqual(headState(tc), tip);
});

// ---------------------------------------------------------------------------------------------
// Header rules

test('BLOCK_BAD_DIFFICULTY: bits other than engine.nextBits', async () => {
  const tc = await chainWithHistory();
  const t = await template(tc);
  const expected = tc.chain.engine.nextBits(tc.chain.tip);
  assert.equal(t.header.bits, expected);
  for (const bits of [expected - 1, 0x1f7fffff]) {
    const block = tamper(t, { header: { bits } });
    await assertRejects(tc, block, 'BLOCK_BAD_DIFFICULTY', (e) => e.data.expected === expected && e.data.got === bits);
  }
});

test('BLOCK_BAD_POW: a nonce whose hash is above the target', async () => {
  const tc = await chainWithHistory();
  const t = await template(tc);
  const unsolved = tamper(t, { solved: false });
  const { target } = compactToTarget(unsolved.header.bits);
  let bad: Block | undefined;
  for (let nonce = 0; nonce < 1000 && !bad; nonce++) {
    const header = { ...unsolved.header, nonce };
    if (hashToBigInt(headerHash(header)) > target) bad = { ...unsolved, header };
  }
  assert.ok(bad, 'found a nonce above the target');
  await assertRejects(tc, bad, 'BLOCK_BAD_POW');
  assert.equal(tc.chain.index.get(headerHash(bad.header)), undefined, 'a block without proof of work is not stored');
});

test('BLOCK_BAD_VERSION: header version 0', async () => {
  const tc = await chainWithHistory();
  await assertRejects(tc, tamper(await template(tc), { header: { version: 0 } }), 'BLOCK_BAD_VERSION');
});

test('BLOCK_TIME_TOO_OLD: time equal to, and below, median time past', async () => {
  const tc = await chainWithHistory();
  const mtp = tc.chain.engine.minChildTime(tc.chain.tip) - 1;
  for (const time of [mtp, mtp - 1]) {
    const block = tamper(await template(tc, [], time));
    assert.equal(block.header.time, time);
    await assertRejects(tc, block, 'BLOCK_TIME_TOO_OLD', (e) => e.data.mtp === mtp);
  }
  // One second later is allowed.
  assert.equal((await tc.chain.importBlock(tamper(await template(tc, [], mtp + 1)))).status, 'connected');
});

test('BLOCK_TIME_TOO_NEW: more than maxFutureDrift ahead of the local clock', async () => {
  const tc = await chainWithHistory();
  const drift = powParams(tc.params).maxFutureDrift;
  const t = await template(tc);
  const now = tc.clock.t;
  const block = tamper(t, { header: { time: now + drift + 1 } });
  await assertRejects(tc, block, 'BLOCK_TIME_TOO_NEW', (e) => e.data.now === now);
  // Exactly at the drift limit it is accepted (time is not part of the state, only of the header).
  const edge = tamper(t, { header: { time: now + drift } });
  assert.equal((await tc.chain.importBlock(edge)).status, 'connected');
  // And the too-new block becomes acceptable once the clock catches up (it was not marked invalid).
  const tc2 = await chainWithHistory();
  const t2 = await template(tc2);
  const later = tamper(t2, { header: { time: tc2.clock.t + drift + 1 } });
  await assertRejects(tc2, later, 'BLOCK_TIME_TOO_NEW');
  tc2.clock.t += 1;
  assert.equal((await tc2.chain.importBlock(later)).status, 'connected');
});

test('BLOCK_BAD_MERKLE_ROOT: wrong root, root without a transaction, root with transactions swapped', async () => {
  const tc = await chainWithHistory();
  const [a, b] = tc.keys;
  const txs = [pendingTx(tc), transfer(tc.chain, a, b.address, 5n, 1n)];
  const t = await template(tc, txs);
  assert.equal(t.txs.length, 2);
  const cb = { ...t.coinbase, extraNonce: new Uint8Array(8) };
  await assertRejects(tc, tamper(t, { header: { merkleRoot: new Uint8Array(32).fill(7) } }), 'BLOCK_BAD_MERKLE_ROOT');
  await assertRejects(tc, tamper(t, { header: { merkleRoot: blockMerkleRoot(cb, [t.txs[0].id]) } }), 'BLOCK_BAD_MERKLE_ROOT');
  await assertRejects(tc, tamper(t, { header: { merkleRoot: blockMerkleRoot(cb, [t.txs[1].id, t.txs[0].id]) } }), 'BLOCK_BAD_MERKLE_ROOT');
  // The coinbase is committed too: a different extraData under the old root.
  await assertRejects(tc, tamper(t, { header: { merkleRoot: blockMerkleRoot(cb, t.txs.map((p) => p.id)) }, coinbase: { extraData: new Uint8Array([1]) } }), 'BLOCK_BAD_MERKLE_ROOT');
});

// ---------------------------------------------------------------------------------------------
// Coinbase rules

test('BLOCK_BAD_COINBASE: wrong height (either side) and wrong chain id', async () => {
  const tc = await chainWithHistory();
  const t = await template(tc);
  const h = t.coinbase.height;
  await assertRejects(tc, tamper(t, { coinbase: { height: h + 1n } }), 'BLOCK_BAD_COINBASE');
  await assertRejects(tc, tamper(t, { coinbase: { height: h - 1n } }), 'BLOCK_BAD_COINBASE');
  await assertRejects(tc, tamper(t, { coinbase: { chainId: tc.params.chainId + 1 } }), 'BLOCK_BAD_COINBASE');
});

test('BLOCK_BAD_BASE_FEE: base fee one above and one below the EIP-1559 value', async () => {
  const tc = await chainWithHistory();
  const t = await template(tc);
  const fee = t.coinbase.baseFeePerGas;
  assert.ok(fee > 1n);
  await assertRejects(tc, tamper(t, { coinbase: { baseFeePerGas: fee + 1n } }), 'BLOCK_BAD_BASE_FEE');
  await assertRejects(tc, tamper(t, { coinbase: { baseFeePerGas: fee - 1n } }), 'BLOCK_BAD_BASE_FEE');
});

test('BLOCK_BAD_STATE_ROOT: coinbase state root altered, merkle root recomputed, re-solved', async () => {
  const tc = await chainWithHistory();
  const t = await template(tc, [pendingTx(tc)]);
  const stateRoot = Uint8Array.from(t.coinbase.stateRoot);
  stateRoot[31] ^= 1;
  const block = tamper(t, { coinbase: { stateRoot } });
  await assertRejects(tc, block, 'BLOCK_BAD_STATE_ROOT');
  assert.equal(tc.chain.index.get(headerHash(block.header))?.status, 'invalid');
});

test('BLOCK_BAD_STATE_ROOT: the root of an empty block claimed for a block with a transaction', async () => {
  const tc = await chainWithHistory();
  const empty = await template(tc);
  tc.clock.t -= tc.params.blockTime;
  const full = await template(tc, [pendingTx(tc)]);
  assert.notDeepEqual(empty.coinbase.stateRoot, full.coinbase.stateRoot);
  await assertRejects(tc, tamper(full, { coinbase: { stateRoot: empty.coinbase.stateRoot } }), 'BLOCK_BAD_STATE_ROOT');
});

test('BLOCK_BAD_RECEIPTS_ROOT: coinbase receipts root altered', async () => {
  const tc = await chainWithHistory();
  const t = await template(tc, [pendingTx(tc)]);
  const receiptsRoot = Uint8Array.from(t.coinbase.receiptsRoot);
  receiptsRoot[0] ^= 0x80;
  const block = tamper(t, { coinbase: { receiptsRoot } });
  await assertRejects(tc, block, 'BLOCK_BAD_RECEIPTS_ROOT');
  assert.equal(tc.chain.index.get(headerHash(block.header))?.status, 'invalid');
});

test('BLOCK_BAD_GAS_USED: gas used one off either way, and zero for a block with a transaction', async () => {
  const tc = await chainWithHistory();
  const t = await template(tc, [pendingTx(tc)]);
  const gas = t.coinbase.gasUsed;
  assert.ok(gas > 0n);
  for (const gasUsed of [gas + 1n, gas - 1n, 0n]) {
    await assertRejects(tc, tamper(t, { coinbase: { gasUsed } }), 'BLOCK_BAD_GAS_USED');
  }
});

test('BLOCK_GAS_LIMIT_EXCEEDED: a coinbase claiming more gas than the block limit', async () => {
  const tc = await chainWithHistory();
  const t = await template(tc);
  await assertRejects(tc, tamper(t, { coinbase: { gasUsed: tc.params.fees.blockGasLimit + 1n } }), 'BLOCK_GAS_LIMIT_EXCEEDED');
});

// ---------------------------------------------------------------------------------------------
// Body rules

test('assembly leaves out transactions that would make the block oversize', async () => {
  const tc = await createTestChain({ params: { ...regtest, maxBlockBytes: 2000 } });
  const [a, b] = tc.keys;
  const txs = Array.from({ length: 12 }, (_, i) => transfer(tc.chain, a, b.address, 1n, BigInt(i)));
  const t = await template(tc, txs);
  assert.ok(t.txs.length > 0 && t.txs.length < 12, `${t.txs.length} included`);
  assert.ok(t.rejected.every((r) => r.error.code === 'BLOCK_OVERSIZE'));
  assert.ok(encodeBlock(tamper(t)).length <= 2000);
});

test('BLOCK_OVERSIZE: above maxBlockBytes as a decoded block, and above the decode limit as bytes', async () => {
  const params = { ...regtest, maxBlockBytes: 2000 };
  const tc = await createTestChain({ params });
  const [a, b] = tc.keys;
  const many = (n: number) => Array.from({ length: n }, (_, i) => transfer(tc.chain, a, b.address, 1n + BigInt(i), BigInt(i)));
  // Control: a small block is fine under the small limit.
  const small = tamper(await template(tc, many(2)));
  assert.ok(encodeBlock(small).length <= 2000);
  assert.equal((await tc.chain.importBlock(small)).status, 'connected');
  const next = (n: number) => Array.from({ length: n }, (_, i) => transfer(tc.chain, a, b.address, 100n + BigInt(i), 2n + BigInt(i)));
  // Assembly never builds an oversize block, so the transactions are put in by hand.
  const mid = tamper(await template(tc), { txs: next(12) });
  const midBytes = encodeBlock(mid);
  assert.ok(midBytes.length > 2000 && midBytes.length <= 4000, `${midBytes.length} bytes`);
  await assertRejects(tc, mid, 'BLOCK_OVERSIZE');
  await assertRejects(tc, midBytes, 'BLOCK_OVERSIZE');
  tc.clock.t -= tc.params.blockTime;
  const huge = tamper(await template(tc), { txs: next(25) });
  const hugeBytes = encodeBlock(huge);
  assert.ok(hugeBytes.length > 4000, `${hugeBytes.length} bytes`);
  await assertRejects(tc, hugeBytes, 'BLOCK_OVERSIZE');
  await assertRejects(tc, huge, 'BLOCK_OVERSIZE');
});

test('BLOCK_DUPLICATE_TX: the same transaction twice in one block', async () => {
  const tc = await chainWithHistory();
  const tx = pendingTx(tc);
  const t = await template(tc, [tx]);
  await assertRejects(tc, tamper(t, { txs: [tx, tx] }), 'BLOCK_DUPLICATE_TX');
});

test('BLOCK_DUPLICATE_TX: the CVE-2012-2459 mutation shares the valid block hash and does not poison it', async () => {
  const tc = await chainWithHistory();
  const [a, b] = tc.keys;
  const txs = [pendingTx(tc), transfer(tc.chain, a, b.address, 9n, 1n)];
  // Leaves [coinbase, t1, t2]: the odd level pairs t2 with itself, so [.., t2, t2] has the same root.
  const t = await template(tc, txs);
  const valid = tamper(t);
  const mutated: Block = { ...valid, txs: [...valid.txs, valid.txs[1]] };
  assert.deepEqual(headerHash(mutated.header), headerHash(valid.header));
  await assertRejects(tc, mutated, 'BLOCK_DUPLICATE_TX');
  assert.equal(tc.chain.index.get(headerHash(valid.header)), undefined, 'the hash is not remembered as invalid');
  assert.equal((await tc.chain.importBlock(valid)).status, 'connected');
});

test('a previous hash no block has: the block waits in the orphan pool, naming the missing parent; the head does not move', async () => {
  const tc = await chainWithHistory();
  const prevHash = new Uint8Array(32).fill(0xab);
  const before = headState(tc);
  const block = tamper(await template(tc), { header: { prevHash } });
  const r = await tc.chain.importBlock(block);
  assert.equal(r.status, 'orphan');
  assert.equal(r.status === 'orphan' && bytesToHex(r.missing), bytesToHex(prevHash));
  assert.ok(tc.chain.orphans.has(headerHash(block.header)));
  assert.deepEqual(headState(tc), before);
});

test('BLOCK_MALFORMED: garbage, truncated, trailing and empty bytes', async () => {
  const tc = await chainWithHistory();
  const good = encodeBlock(tamper(await template(tc, [pendingTx(tc)])));
  const garbage = Uint8Array.from({ length: 300 }, (_, i) => (i * 37 + 11) & 0xff);
  for (const bytes of [garbage, good.subarray(0, good.length - 1), Uint8Array.from([...good, 0]), new Uint8Array(0), good.subarray(0, 80)]) {
    await assertRejects(tc, bytes, 'BLOCK_MALFORMED');
  }
  // Control: the untouched bytes import.
  assert.equal((await tc.chain.importBlock(good)).status, 'connected');
});

test('BLOCK_KNOWN_INVALID: re-importing an invalid block, and importing its child', async () => {
  const tc = await chainWithHistory();
  const t = await template(tc, [pendingTx(tc)]);
  const receiptsRoot = new Uint8Array(32).fill(3);
  const bad = tamper(t, { coinbase: { receiptsRoot } });
  await assertRejects(tc, bad, 'BLOCK_BAD_RECEIPTS_ROOT');
  await assertRejects(tc, bad, 'BLOCK_KNOWN_INVALID');
  await assertRejects(tc, encodeBlock(bad), 'BLOCK_KNOWN_INVALID');
  // A child of the invalid block (otherwise well formed) is refused without being executed.
  const badHash = headerHash(bad.header);
  const badEntry = tc.chain.index.get(badHash)!;
  const childCoinbase: Coinbase = { ...t.coinbase, height: t.coinbase.height + 1n, extraNonce: new Uint8Array(8) };
  const child = solve({
    header: { version: tc.params.blockVersion, prevHash: badHash, merkleRoot: blockMerkleRoot(childCoinbase, []), time: bad.header.time + 2, bits: tc.chain.engine.nextBits(badEntry), nonce: 0 },
    coinbase: childCoinbase,
    txs: [],
    seal: POW_SEAL,
  });
  await assertRejects(tc, child, 'BLOCK_KNOWN_INVALID');
  // The valid version of the same height still connects.
  const good = tamper(t);
  assert.equal((await tc.chain.importBlock(good)).status, 'connected');
});

test('a block failing a stateless rule is not remembered: the same hash is re-checked, not KNOWN_INVALID', async () => {
  const tc = await chainWithHistory();
  const block = tamper(await template(tc), { coinbase: { chainId: 1 } });
  await assertRejects(tc, block, 'BLOCK_BAD_COINBASE');
  await assertRejects(tc, block, 'BLOCK_BAD_COINBASE');
});

test('a template solved through templateToBlock is the same block as the hand-built one', async () => {
  const tc = await chainWithHistory();
  const t = await template(tc, [pendingTx(tc)]);
  const en = new Uint8Array(8);
  const viaTemplate = solve(templateToBlock(t, en, 0));
  const byHand = tamper(t);
  assert.deepEqual(encodeBlock(viaTemplate), encodeBlock(byHand));
});
