/**
 * The chain on the disk-backed state: a long run with deletes replayed from genesis by a node
 * whose state cache holds nothing (every read misses and re-runs) ends in the same state, tree
 * and records; undo records are kept for the undo window only and a deeper reorganisation is
 * refused; a restart reads no record; a data directory of another genesis or store version is refused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestChain, makeBlock, mineBlock, testChainParts, TestClock, transfer, type TestChain } from '../../src/testing/chain.js';
import { nativeSupplyCheck } from '../../src/testing/invariants.js';
import { MemoryKv } from '../../src/storage/memory-kv.js';
import type { KvStore } from '../../src/storage/kv.js';
import { Prefix } from '../../src/storage/layout.js';
import { bytesToHex } from '../../src/encoding/hex.js';
import { mulberry32 } from '../../src/testing/prng.js';
import type { Block } from '../../src/primitives/block.js';
import { withAllocations } from '../../src/params/networks.js';
import { StorageError } from '../../src/errors.js';
import { KvBatch } from '../../src/storage/kv.js';
import { STORE_VERSION } from '../../src/chain/chain.js';

async function storeDump(tc: TestChain): Promise<string[]> {
  const out: string[] = [];
  for (const p of ['s', 'L', 'R', 'f', 'S']) for await (const [k, v] of tc.chain.store.kv.iterate(new TextEncoder().encode(p))) out.push(`${bytesToHex(k)}=${bytesToHex(v)}`);
  return out;
}

test('80 blocks with new accounts and matured rewards: a replay from genesis on a cache of nothing ends identical', async () => {
  const tc = await createTestChain({ accounts: 10 });
  const rnd = mulberry32(3);
  const nonces = tc.keys.map(() => 0n);
  const blocks: Block[] = [];
  for (let h = 0; h < 80; h++) {
    const txs = tc.keys.slice(0, 5).map((k, i) => {
      const to = rnd() < 0.3 ? new Uint8Array(20).map(() => Math.floor(rnd() * 256)) : tc.keys[Math.floor(rnd() * 10)].address;
      return transfer(tc.chain, k, to, 1000n, nonces[i]++);
    });
    blocks.push(await mineBlock(tc, { txs, beneficiary: tc.keys[h % 10].address }));
  }
  // Rewards matured and were deleted: their indexes were freed and reused, no tombstones remain.
  assert.ok(tc.chain.world.recordCount < tc.chain.world.nextIndex + 2);
  const s = await nativeSupplyCheck(tc.chain);
  assert.equal(s.held, s.ledger);
  const cold = testChainParts({ accounts: 10, kv: new MemoryKv(), clock: new TestClock(4_000_000_000), stateCacheBytes: 1 });
  await cold.chain.open();
  for (const b of blocks) assert.equal((await cold.chain.importBlock(b)).status, 'connected');
  assert.equal(cold.chain.tip.key, tc.chain.tip.key);
  assert.deepEqual(cold.chain.stateRoot(), tc.chain.stateRoot());
  assert.ok(cold.chain.world.stats.recordLoads > 100, 'the cold replay really read from disk');
  assert.deepEqual(await storeDump(cold), await storeDump(tc));
});

test('undo records are kept for the undo window only; a reorganisation deeper than it is refused', async () => {
  const main = await createTestChain({ accounts: 4, undoWindow: 3, clock: new TestClock(4_000_000_000) });
  const other = await createTestChain({ accounts: 4, undoWindow: 3, clock: new TestClock(4_000_000_000) });
  const blocks: Block[] = [];
  for (let i = 0; i < 6; i++) blocks.push(await makeBlock(main.chain, { beneficiary: main.keys[0].address, time: main.chain.tip.header.time + 2 }).then(async (b) => (await main.chain.importBlock(b), b)));
  const undo: string[] = [];
  for await (const [k] of main.chain.store.kv.iterate(Uint8Array.of(Prefix.undo))) undo.push(bytesToHex(k.subarray(1)));
  assert.deepEqual(undo.sort(), [4, 5, 6].map((h) => main.chain.index.atHeight(h)!.key).sort());
  // A heavier branch forking 4 blocks below the tip needs 4 undo records: refused, the tip stays.
  for (const b of blocks.slice(0, 2)) await other.chain.importBlock(b);
  const branch: Block[] = [];
  for (let i = 0; i < 6; i++) {
    const b = await makeBlock(other.chain, { beneficiary: other.keys[3].address, time: other.chain.tip.header.time + 1 });
    await other.chain.importBlock(b);
    branch.push(b);
  }
  const tipBefore = main.chain.tip.key;
  for (const b of branch) await main.chain.importBlock(b).catch((e: unknown) => assert.match(String((e as Error).message), /undo window|invalid block/));
  assert.ok(other.chain.tip.chainWork > main.chain.index.get(tipBefore)!.chainWork);
  assert.equal(main.chain.tip.key, tipBefore);
  // Within the window the same kind of branch wins (forking 2 below the tip).
  const near = await createTestChain({ accounts: 4, undoWindow: 3, clock: new TestClock(4_000_000_000) });
  for (const b of blocks.slice(0, 4)) await near.chain.importBlock(b);
  const nb: Block[] = [];
  for (let i = 0; i < 5; i++) {
    const b = await makeBlock(near.chain, { beneficiary: near.keys[3].address, time: near.chain.tip.header.time + 1 });
    await near.chain.importBlock(b);
    nb.push(b);
  }
  const statuses: string[] = [];
  for (const b of nb) statuses.push((await main.chain.importBlock(b)).status);
  assert.ok(statuses.includes('reorganized'), statuses.join());
  assert.equal(main.chain.tip.key, near.chain.tip.key);
});

test('restart reads no state record and checks the root; another genesis is refused', async () => {
  const kv = new MemoryKv();
  const tc = await createTestChain({ accounts: 4, kv });
  for (let i = 0; i < 3; i++) await mineBlock(tc, { txs: [transfer(tc.chain, tc.keys[0], tc.keys[1].address, 5n, BigInt(i))] });
  let stateReads = 0;
  let scans = 0;
  const isState = (k: Uint8Array) => k[0] === Prefix.state || k[0] === Prefix.page;
  const counting: KvStore = {
    get: (k) => ((stateReads += isState(k) ? 1 : 0), kv.get(k)),
    getMany: (keys) => ((stateReads += keys.filter(isState).length), kv.getMany(keys)),
    write: (b, o) => kv.write(b, o),
    iterate: (p, o) => ((scans += p[0] === Prefix.state ? 1 : 0), kv.iterate(p, o)),
    close: () => kv.close(),
  };
  const again = testChainParts({ accounts: 4, kv: counting, clock: tc.clock });
  await again.chain.open();
  assert.equal(again.chain.tip.key, tc.chain.tip.key);
  assert.deepEqual(again.chain.stateRoot(), tc.chain.stateRoot());
  // No record or page is read, and no record prefix is scanned: start-up reads metadata, page roots and the free list.
  assert.equal(stateReads, 0);
  assert.equal(scans, 0);
  // Same network, other allocations: refused without rebuilding anything.
  const otherParams = withAllocations(tc.params, [{ address: tc.keys[3].addressText, amount: 1n }]);
  const wrong = testChainParts({ params: otherParams, accounts: 4, kv, clock: tc.clock });
  await assert.rejects(wrong.chain.open(), (e: unknown) => e instanceof StorageError && e.code === 'STORAGE_WRONG_NETWORK');
  // A directory written by the in-memory state (store version 3 and below: other record format) is refused.
  const meta = (await tc.chain.store.meta())!;
  const batch = new KvBatch();
  tc.chain.store.putMeta(batch, { ...meta, version: STORE_VERSION - 1 });
  await kv.write(batch);
  const old = testChainParts({ accounts: 4, kv, clock: tc.clock });
  await assert.rejects(old.chain.open(), (e: unknown) => e instanceof StorageError && e.code === 'STORAGE_WRONG_VERSION');
});
