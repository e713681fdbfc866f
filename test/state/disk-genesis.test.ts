/**
 * Large genesis on the disk-backed state: 120,000 allocations (more than one 65,536-event list
 * could hold) are built in chunks of GENESIS_CHUNK, each chunk in its own batch with a progress
 * marker; a build interrupted after a chunk resumes from the marker and ends with the same state
 * root and receipts root as an uninterrupted one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeAddress } from '../../src/crypto/address.js';
import { regtest, withAllocations } from '../../src/params/networks.js';
import { StateMachine, GENESIS_CHUNK } from '../../src/state/state-machine.js';
import { coreModules } from '../../src/state/modules/index.js';
import { PowEngine } from '../../src/consensus/pow/engine.js';
import { DiskWorldState, readState } from '../../src/state/disk-world.js';
import { buildDiskGenesis, type GenesisChunkWrite } from '../../src/state/disk-genesis.js';
import { genesisReceiptsRoot } from '../../src/state/receipt.js';
import { balanceOf, getAccount } from '../../src/state/modules/accounts/method.js';
import { supplyOf } from '../../src/state/modules/supply/method.js';
import { KvStateBackend, putGenesisChunk, readGenesisProgress } from '../../src/storage/state-store.js';
import { MemoryKv } from '../../src/storage/memory-kv.js';
import { KvBatch, type KvStore } from '../../src/storage/kv.js';
import { Keys } from '../../src/storage/layout.js';
import { mulberry32 } from '../../src/testing/prng.js';

const N = 120_000;
const rnd = mulberry32(1);
const addresses = Array.from({ length: N }, () => new Uint8Array(20).map(() => Math.floor(rnd() * 256)));
const params = withAllocations(regtest, addresses.map((a, i) => ({ address: encodeAddress(a), amount: 1000n + BigInt(i) })));
const digest = new Uint8Array(32).fill(7);

async function build(kv: KvStore, failAt = -1) {
  const sm = new StateMachine(params, coreModules(new PowEngine(params, params.genesis.time).modules()));
  const world = await DiskWorldState.open(new KvStateBackend(kv), { cacheBytes: 8 << 20 });
  const stored = await readGenesisProgress(kv);
  const progress = stored ?? { chunksDone: 0, chunkHashes: [] };
  const write = async (w: GenesisChunkWrite) => {
    if (w.index === failAt) throw new Error('simulated crash');
    const b = new KvBatch();
    putGenesisChunk(b, digest, w);
    await kv.write(b);
  };
  const g = await buildDiskGenesis(sm, world, progress, write);
  return { world, g, resumedFrom: progress.chunksDone };
}

test('a genesis of 120,000 allocations builds in chunks, and an interrupted build resumes to the same roots', async () => {
  assert.equal(Math.ceil(N / GENESIS_CHUNK), 3);
  const kvA = new MemoryKv();
  const a = await build(kvA);
  assert.equal(a.g.chunkHashes.length, 3);
  assert.equal(a.world.recordCount, N + 1, 'one account per allocation and the supply record');
  // Balances and the supply ledger are as allocated.
  const sample = [0, 49_999, 50_000, N - 1];
  const bal = await readState(a.world, (s) => sample.map((i) => balanceOf(getAccount(s, addresses[i]))));
  assert.deepEqual(bal, sample.map((i) => 1000n + BigInt(i)));
  const supply = await readState(a.world, (s) => supplyOf(s, 0).total);
  assert.equal(supply, BigInt(N) * 1000n + BigInt((N * (N - 1)) / 2));

  // Crash while writing chunk 2 (chunks 0 and 1 are on disk with their marker), then resume.
  const kvB = new MemoryKv();
  await assert.rejects(build(kvB, 2), /simulated crash/);
  const mid = await readGenesisProgress(kvB);
  assert.equal(mid?.chunksDone, 2);
  assert.ok(await kvB.get(Keys.genesisEvents(1)), 'chunk 1 events stored');
  const b = await build(kvB);
  assert.equal(b.resumedFrom, 2);
  assert.deepEqual(b.g.root, a.g.root);
  assert.deepEqual(genesisReceiptsRoot(b.g.chunkHashes), genesisReceiptsRoot(a.g.chunkHashes));
  assert.equal(b.world.recordCount, a.world.recordCount);
});
