/**
 * The named import pipeline: write first then mark valid, orphans, headers-first sync, runs with
 * one fsync, the size limit before decoding, several execution memo slots, and blocks whose miner
 * rolled time, nonce and extranonce.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BlockError, StorageError } from '../../src/errors.js';
import { bytesToHex } from '../../src/encoding/hex.js';
import { encodeBlock, prepareBlock, type Block } from '../../src/primitives/block.js';
import { hashToBigInt, headerHash } from '../../src/primitives/header.js';
import { compactToTarget } from '../../src/consensus/pow/compact.js';
import { assembleBlock, templateToBlock } from '../../src/chain/assembler.js';
import { headersAfter } from '../../src/chain/header-chain.js';
import { MemoryKv } from '../../src/storage/memory-kv.js';
import type { KvBatch, KvWriteOptions } from '../../src/storage/kv.js';
import { createTestChain, makeBlock, mineBlock, solve, transfer, type TestChain } from '../../src/testing/chain.js';
import { replayState } from '../../src/testing/invariants.js';

/** A memory store whose next write can be made to fail, and that records each write's sync flag. */
class FlakyKv extends MemoryKv {
  failNext = false;
  syncs: boolean[] = [];
  override async write(batch: KvBatch, opts?: KvWriteOptions): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      throw new StorageError('STORAGE_CORRUPT', 'injected write failure');
    }
    this.syncs.push(opts?.sync ?? false);
    return super.write(batch, opts);
  }
}

async function chainWith(kv = new FlakyKv()): Promise<TestChain & { kv: FlakyKv }> {
  const tc = await createTestChain({ kv });
  return { ...tc, kv };
}

/** `n` blocks built on `tc`'s tip by a second chain with the same genesis (not imported into `tc`). */
async function blocksAhead(tc: TestChain, n: number, withTxs = true): Promise<Block[]> {
  const other = await createTestChain({ clock: tc.clock });
  for (let h = 1; h <= tc.chain.tip.height; h++) await other.chain.importBlock((await tc.chain.getBlock(tc.chain.index.atHeight(h)!.hash))!.bytes);
  const out: Block[] = [];
  for (let i = 0; i < n; i++) {
    const [a, b] = other.keys;
    const txs = withTxs ? [transfer(other.chain, a, b.address, BigInt(100 + i), BigInt(i))] : [];
    out.push(await mineBlock(other, { txs }));
  }
  return out;
}

test('a failed write leaves no trace: the block is not in the index, and the same block sent again connects', async () => {
  const tc = await chainWith();
  const [block] = await blocksAhead(tc, 1);
  tc.kv.failNext = true;
  await assert.rejects(tc.chain.importBlock(block), (e: unknown) => e instanceof StorageError);
  assert.equal(tc.chain.index.get(headerHash(block.header)), undefined, 'not indexed: it was never written');
  assert.equal(tc.chain.tip.height, 0);
  const r = await tc.chain.importBlock(block);
  assert.equal(r.status, 'connected');
  assert.equal(tc.chain.tip.height, 1);
});

test('a failed write of a side-chain block leaves it out of the index too; resent, it is stored', async () => {
  const tc = await chainWith();
  const [mainBlock] = await blocksAhead(tc, 1, false);
  const [side] = await blocksAhead(tc, 1, true);
  await tc.chain.importBlock(mainBlock);
  tc.kv.failNext = true;
  await assert.rejects(tc.chain.importBlock(side), (e: unknown) => e instanceof StorageError);
  assert.equal(tc.chain.index.get(headerHash(side.header)), undefined);
  assert.equal((await tc.chain.importBlock(side)).status, 'side-chain');
});

test('orphans: blocks that arrive child first wait in the pool and connect, in order, once their parent arrives', async () => {
  const tc = await chainWith();
  const blocks = await blocksAhead(tc, 4);
  // Arrive as 4, 2, 3 (all orphans), then 1; each names the first ancestor neither the chain nor the pool holds.
  const hash = (i: number) => bytesToHex(headerHash(blocks[i].header));
  for (const [i, missing] of [[3, hash(2)], [1, hash(0)], [2, hash(0)]] as const) {
    const r = await tc.chain.importBlock(blocks[i]);
    assert.equal(r.status, 'orphan');
    assert.equal(r.status === 'orphan' && bytesToHex(r.missing), missing);
  }
  assert.equal(tc.chain.orphans.size, 3);
  assert.equal(tc.chain.tip.height, 0);
  const r = await tc.chain.importBlock(blocks[0]);
  assert.equal(r.status, 'connected');
  assert.equal(tc.chain.tip.height, 4);
  assert.equal(tc.chain.tip.key, bytesToHex(headerHash(blocks[3].header)));
  assert.equal(tc.chain.orphans.size, 0);
  assert.equal(bytesToHex(tc.chain.stateRoot()), bytesToHex((await replayState(tc.chain)).root));
});

test('an orphan that turns out invalid is reported with its sender once its parent arrives, and never connects', async () => {
  const tc = await chainWith();
  const [b1, b2] = await blocksAhead(tc, 2);
  // The coinbase no longer matches the header's merkle root (the header, and so its proof of work, is untouched).
  const tampered: Block = { ...b2, coinbase: { ...b2.coinbase, stateRoot: new Uint8Array(32).fill(7) } };
  const rejected: string[] = [];
  tc.chain.on('orphanRejected', (i) => rejected.push(`${i.from}:${i.error.code}`));
  assert.equal((await tc.chain.importBlock(tampered, { from: 'peer-7' })).status, 'orphan');
  assert.equal((await tc.chain.importBlock(b1)).status, 'connected');
  assert.deepEqual(rejected, ['peer-7:BLOCK_BAD_MERKLE_ROOT']);
  assert.equal(tc.chain.tip.height, 1);
});

test('the orphan pool is bounded: past its limit the oldest orphan leaves first', async () => {
  const { OrphanPool } = await import('../../src/chain/orphans.js');
  const tc = await chainWith();
  const blocks = (await blocksAhead(tc, 6)).map((b) => prepareBlock(b));
  const pool = new OrphanPool({ maxBlocks: 3, maxBytes: 1 << 30 });
  for (const pb of blocks.slice(1)) await pool.add(pb);
  assert.equal(pool.size, 3);
  assert.equal(pool.has(blocks[1].hash), false);
  assert.equal(pool.has(blocks[2].hash), false);
  assert.equal(pool.has(blocks[5].hash), true);
});

test('headers-first sync between two chains: locator, headers checked against their parents, then bodies imported as one run with one fsync', async () => {
  const source = await chainWith();
  for (let i = 0; i < 3; i++) await mineBlock(source);
  const sink = await chainWith();
  // The sink shares the first 3 blocks.
  for (let h = 1; h <= 3; h++) await sink.chain.importBlock((await source.chain.getBlock(source.chain.index.atHeight(h)!.hash))!.bytes);
  for (let i = 0; i < 12; i++) {
    const [a, b] = source.keys;
    await mineBlock(source, { txs: [transfer(source.chain, a, b.address, BigInt(i + 1), BigInt(i))] });
  }
  // 1. The sink sends its locator; the source answers with the headers after the fork point.
  const fork = source.chain.findFork(sink.chain.locator());
  assert.equal(fork.height, 3);
  const headers = headersAfter(source.chain.index, fork);
  assert.equal(headers.length, 12);
  // 2. The sink checks the headers (time, difficulty, proof of work) and learns the better chain.
  sink.clock.t = source.clock.t;
  assert.equal(sink.chain.headers.addHeaders(headers), 12);
  assert.equal(sink.chain.headers.best()?.height, 15);
  // A header with a broken proof of work is refused with its rule.
  const { target } = compactToTarget(headers[11].bits);
  let broken = headers[11];
  for (let n = 0; hashToBigInt(headerHash(broken)) <= target; n++) broken = { ...headers[11], nonce: n };
  assert.throws(() => sink.chain.headers.addHeaders([broken]), (e: unknown) => e instanceof BlockError && e.code === 'BLOCK_BAD_POW');
  // 3. It downloads the missing bodies in order and imports them as one run.
  const wanted = sink.chain.headers.missingBlocks(100);
  assert.equal(wanted.length, 12);
  const bodies = await Promise.all(wanted.map(async (h) => (await source.chain.getBlock(h))!.bytes));
  sink.kv.syncs.length = 0;
  const results = await sink.chain.importRun(bodies);
  assert.ok(results.every((r) => r.status === 'connected'));
  assert.deepEqual(sink.kv.syncs, [...Array(11).fill(false), true], 'one fsync, after the last block of the run');
  assert.equal(sink.chain.tip.key, source.chain.tip.key);
  assert.equal(bytesToHex(sink.chain.stateRoot()), bytesToHex(source.chain.stateRoot()));
  assert.equal(sink.chain.headers.best(), undefined, 'nothing left to download');
});

test('headers that do not connect, or do not form a chain, are refused', async () => {
  const source = await chainWith();
  for (let i = 0; i < 3; i++) await mineBlock(source);
  const sink = await chainWith();
  const headers = headersAfter(source.chain.index, source.chain.genesis);
  assert.throws(() => sink.chain.headers.addHeaders(headers.slice(1)), (e: unknown) => e instanceof BlockError && e.code === 'BLOCK_PARENT_UNKNOWN');
  assert.throws(() => sink.chain.headers.addHeaders([headers[0], headers[2]]), (e: unknown) => e instanceof BlockError && e.code === 'BLOCK_MALFORMED');
});

test('block locator: the tip and 9 below it, then doubling steps back, genesis last', async () => {
  const tc = await chainWith();
  for (let i = 0; i < 40; i++) await mineBlock(tc);
  const heights = tc.chain.locator().map((h) => tc.chain.index.get(h)!.height);
  assert.deepEqual(heights, [40, 39, 38, 37, 36, 35, 34, 33, 32, 31, 29, 25, 17, 1, 0]);
});

test('the size limit is checked before decoding: oversize bytes are BLOCK_OVERSIZE even when they would not decode', async () => {
  const tc = await chainWith();
  const limit = tc.params.maxBlockBytes;
  // 13.8 MiB: the size of a crafted block of 100,000 empty transactions.
  const crafted = new Uint8Array(Math.round(13.8 * 1024 * 1024));
  await assert.rejects(tc.chain.importBlock(crafted), (e: unknown) => e instanceof BlockError && e.code === 'BLOCK_OVERSIZE' && e.data.bytes === crafted.length);
  // One byte over the limit of garbage: had it been decoded first, it would be BLOCK_MALFORMED.
  await assert.rejects(tc.chain.importBlock(new Uint8Array(limit + 1).fill(0xff)), (e: unknown) => e instanceof BlockError && e.code === 'BLOCK_OVERSIZE');
  // At the limit, garbage is decoded and refused as malformed.
  await assert.rejects(tc.chain.importBlock(new Uint8Array(limit).fill(0xff)), (e: unknown) => e instanceof BlockError && e.code === 'BLOCK_MALFORMED');
});

test('several live templates keep their executions: the block of an older template connects without executing again', async () => {
  const tc = await chainWith();
  const [a, b, c] = tc.keys;
  let executions = 0;
  const original = tc.chain.sm.executeBlockLoading.bind(tc.chain.sm);
  tc.chain.sm.executeBlockLoading = (...args: Parameters<typeof original>) => {
    executions++;
    return original(...args);
  };
  tc.clock.t += 2;
  const first = await assembleBlock(tc.chain, { txs: [transfer(tc.chain, a, b.address, 5n, 0n)], beneficiary: c.address });
  const others = [];
  for (const i of [1, 2, 3]) others.push(await assembleBlock(tc.chain, { txs: [], beneficiary: tc.keys[i].address, extraData: Uint8Array.of(i) }));
  assert.equal(executions, 4);
  assert.ok(others.length === 3);
  // The first template, older than three others, is still remembered.
  const block = solve(templateToBlock(first, new Uint8Array(8), 0));
  assert.equal((await tc.chain.importBlock(block)).status, 'connected');
  assert.equal(executions, 4, 'connected from the memo, not executed again');
});

test('rolling: a miner may change header time, nonce and extranonce; the template still connects with the same state root, and a time-reading command sees the same time', async () => {
  const tc = await chainWith();
  for (let i = 0; i < 11; i++) await mineBlock(tc);
  const [a, b] = tc.keys;
  tc.clock.t += 2;
  const t = await assembleBlock(tc.chain, { txs: [transfer(tc.chain, a, b.address, 9n, 0n)], beneficiary: a.address });
  const info = await tc.chain.view((st) => tc.chain.blockInfo(tc.chain.tip, t.header.time, a.address, new Uint8Array(0), st));
  // Roll: 10 s later (within the future-drift limit), a different extranonce.
  const rolledTime = t.header.time + 10;
  tc.clock.t = rolledTime;
  const block = solve(templateToBlock(t, Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8), 0, rolledTime));
  assert.equal(block.header.time, rolledTime);
  assert.deepEqual(block.coinbase.stateRoot, t.coinbase.stateRoot);
  // What commands read does not move with the rolled time.
  assert.equal((await tc.chain.view((st) => tc.chain.blockInfo(tc.chain.tip, rolledTime, a.address, new Uint8Array(0), st))).time, info.time);
  const r = await tc.chain.importBlock(block);
  assert.equal(r.status, 'connected');
  // And the rolled bytes re-import as a duplicate, not as a new block.
  assert.equal((await tc.chain.importBlock(encodeBlock(block))).status, 'duplicate');
});

test('the make-block helper and the import path agree on a chain of 30 blocks (state equals a replay)', async () => {
  const tc = await chainWith();
  const [a, b] = tc.keys;
  for (let i = 0; i < 30; i++) {
    tc.clock.t += 2;
    await tc.chain.importBlock(await makeBlock(tc.chain, { txs: [transfer(tc.chain, a, b.address, 1n, BigInt(i))], beneficiary: b.address, time: tc.clock.t }));
  }
  assert.equal(bytesToHex(tc.chain.stateRoot()), bytesToHex((await replayState(tc.chain)).root));
});
