/**
 * Block execution on the disk-backed state: chains built by a test node (transfers to new
 * accounts, matured rewards whose records are deleted, a multisig whose approved action fails
 * inside a caught `invoke`) are replayed from genesis on the disk state with a cache too small to
 * hold anything, and with every record cached. Both must reproduce every block's state root and
 * receipts root exactly: re-running a transaction after loading what it missed changes nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestChain, mineBlock, transfer, type TestChain } from '../../src/testing/chain.js';
import { action, eventsOf, IssuanceDriver } from '../../src/testing/issuance.js';
import { TransferParams } from '../../src/state/modules/bank/schemas.js';
import { ExecutedEvent } from '../../src/state/modules/multisig/events.js';
import { DiskWorldState } from '../../src/state/disk-world.js';
import { buildDiskGenesis } from '../../src/state/disk-genesis.js';
import { executeOnDisk } from '../../src/state/disk-execute.js';
import { genesisReceiptsRoot, receiptsRoot } from '../../src/state/receipt.js';
import { KvStateBackend, putStateCommit } from '../../src/storage/state-store.js';
import { MemoryKv } from '../../src/storage/memory-kv.js';
import { KvBatch } from '../../src/storage/kv.js';
import type { ChainEntry } from '../../src/chain/chain-index.js';
import { bytesToHex } from '../../src/encoding/hex.js';
import { mulberry32 } from '../../src/testing/prng.js';

/** Replays the main chain of `tc` on a fresh disk state; returns the per-block roots it computed. */
async function replayOnDisk(tc: TestChain, cacheBytes: number, prefetch = true) {
  const kv = new MemoryKv();
  const world = await DiskWorldState.open(new KvStateBackend(kv), { cacheBytes });
  const write = async (c: { commit: Parameters<typeof putStateCommit>[1] }) => {
    const b = new KvBatch();
    putStateCommit(b, c.commit);
    await kv.write(b);
  };
  const g = await buildDiskGenesis(tc.chain.sm, world, { chunksDone: 0, chunkHashes: [] }, write);
  const genesis = (await tc.chain.getBlock(tc.chain.genesis.hash))!.block;
  assert.equal(bytesToHex(g.root), bytesToHex(genesis.coinbase.stateRoot), 'genesis state root');
  assert.equal(bytesToHex(genesisReceiptsRoot(g.chunkHashes)), bytesToHex(genesis.coinbase.receiptsRoot), 'genesis receipts root');
  const path: ChainEntry[] = [];
  for (let e: ChainEntry | null = tc.chain.tip; e && e.parent; e = e.parent) path.push(e);
  path.reverse();
  const roots: string[] = [];
  for (const e of path) {
    const pb = (await tc.chain.getBlock(e.hash))!;
    const info = tc.chain.blockInfo(e.parent!, pb.block.header.time, pb.block.coinbase.beneficiary, pb.block.coinbase.consensus, { get: () => undefined });
    const { exec, commit } = await executeOnDisk(tc.chain.sm, world, info, pb.txs, { prefetch });
    assert.equal(bytesToHex(commit.root), bytesToHex(pb.block.coinbase.stateRoot), `state root at height ${e.height}`);
    assert.equal(bytesToHex(receiptsRoot(exec.receipts, exec.blockEvents)), bytesToHex(pb.block.coinbase.receiptsRoot), `receipts root at height ${e.height}`);
    await world.commit(commit, () => write({ commit }));
    roots.push(bytesToHex(commit.root));
  }
  return { world, roots, kv };
}

test('transfers to new accounts and matured rewards: a tiny-cache replay equals the chain', async () => {
  const tc = await createTestChain({ accounts: 12 });
  const rnd = mulberry32(4);
  const nonces = tc.keys.map(() => 0n);
  for (let h = 0; h < 12; h++) {
    const txs = tc.keys.slice(0, 8).map((k, i) => {
      // Half the transfers go to fresh addresses (new records), half to existing keys.
      const to = rnd() < 0.5 ? new Uint8Array(20).map(() => Math.floor(rnd() * 256)) : tc.keys[Math.floor(rnd() * tc.keys.length)].address;
      return transfer(tc.chain, k, to, 1000n + BigInt(h), nonces[i]++);
    });
    await mineBlock(tc, { txs });
  }
  assert.equal(tc.chain.tip.height, 12);
  const tiny = await replayOnDisk(tc, 1);
  const big = await replayOnDisk(tc, 1 << 30);
  const cold = await replayOnDisk(tc, 1, false);
  assert.deepEqual(tiny.roots, big.roots);
  assert.deepEqual(cold.roots, big.roots);
  // The tiny cache really missed and re-ran; the big one loaded each record once at most.
  assert.ok(tiny.world.stats.recordLoads > big.world.stats.recordLoads, `${tiny.world.stats.recordLoads} vs ${big.world.stats.recordLoads}`);
  // Matured reward records were deleted: their leaf indexes were freed and reused.
  assert.ok(tiny.world.recordCount < tiny.world.nextIndex + 1);
});

test('a multisig whose approved action fails inside a caught invoke replays identically with misses', async () => {
  const tc = await createTestChain({ accounts: 6 });
  const d = new IssuanceDriver(tc);
  const [creator, a, b, c, payee] = tc.keys;
  const ms = await d.createMultisig(creator, [a, b, c], 2);
  await d.run(await d.tx(creator, 'bank', 'transfer', TransferParams, { to: ms, assetId: 0, amount: 1_000_000n, memo: new Uint8Array(0) }));
  const pay = (amount: bigint) => action('bank', 'transfer', TransferParams, { to: payee.address, assetId: 0, amount, memo: new Uint8Array(0) });
  // Too much: the inner transfer fails, the multisig catches it and still uses up its nonce.
  const failed = await d.act(ms, [a, b], pay(10n ** 15n));
  assert.equal(failed.ok, false);
  const ok = await d.act(ms, [a, c], pay(500n));
  assert.equal(ok.ok, true);
  assert.equal(eventsOf(ok.receipts[1], ExecutedEvent).length, 1);
  await mineBlock(tc);
  const tiny = await replayOnDisk(tc, 1);
  const big = await replayOnDisk(tc, 1 << 30);
  assert.deepEqual(tiny.roots, big.roots);
});
