/**
 * The NFT miner: finds from the in-thread scan and from worker threads are valid for the consensus
 * check, a worker-thread find mints a token on a test chain, and the miner reports its hash rate and
 * the expected time to a find (expected hashes = 2^256 / (target + 1)).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { expectedSeconds, findNftNonce, mineParamsOf, NftMiner, nftMiningJob, type NftFind, type NftMiningJob } from '../../src/nft/nft-miner.js';
import { MAX_HASH, expectedHashes, hashToBigIntLE, powHash, powPreimage } from '../../src/state/modules/nft/pow.js';
import { MineParams } from '../../src/state/modules/nft/schemas.js';
import { getToken } from '../../src/state/modules/nft/method.js';
import { assertSuccess, createCollection, createNftTestChain, minedCollectionParams, send } from '../../src/testing/nft.js';
import { CoinworksError } from '../../src/errors.js';

function job(target: bigint): NftMiningJob {
  const prevHash = new Uint8Array(createHash('sha256').update('prev').digest());
  return { collectionId: 9, prevHash, miner: new Uint8Array(20).fill(7), minted: 0n, tokenId: 1n, generation: 0, target, expectedHashes: expectedHashes(target), price: 0n, assetId: 0 };
}

function valid(f: NftFind): boolean {
  const h = powHash(powPreimage(f.job.collectionId, f.job.prevHash, f.job.miner, f.extraNonce, f.nonce));
  assert.deepEqual(h, f.powHash);
  return hashToBigIntLE(h) <= f.job.target;
}

function nextFound(m: NftMiner, ms: number): Promise<NftFind> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no find within ${ms} ms`)), ms);
    m.once('found', (f) => {
      clearTimeout(timer);
      resolve(f);
    });
  });
}

test('findNftNonce: a find meets the consensus check, for any extraNonce; a budget bounds the search', () => {
  const j = job(MAX_HASH / 500n);
  for (const extraNonce of [0n, 5n]) {
    const { find, hashes } = findNftNonce(j, { extraNonce });
    assert.ok(find && valid(find));
    assert.equal(find.extraNonce, extraNonce);
    assert.ok(hashes >= 1);
  }
  const none = findNftNonce(job(0n), { maxHashes: 10_000 });
  assert.equal(none.find, null);
  assert.equal(none.hashes, 10_000);
});

test('expected time to a find = expected hashes / hash rate', () => {
  const j = job(MAX_HASH / 300n);
  assert.equal(j.expectedHashes, 300n);
  assert.equal(expectedSeconds(j, 100), 3);
  assert.equal(expectedSeconds(j, 0), Infinity);
});

test('nftMiningJob refuses collections that are not mined', async () => {
  const tc = await createNftTestChain();
  await assert.rejects(tc.chain.view((st) => nftMiningJob(st, 1, tc.keys[0].address)), (e: unknown) => e instanceof CoinworksError && e.code === 'NFT_NOT_FOUND');
});

test('NftMiner on a worker thread mines a token that the chain accepts, and reports hash rate', async () => {
  const tc = await createNftTestChain();
  const [a] = tc.keys;
  const id = await createCollection(tc, a, minedCollectionParams({ divisor: 5_000n }));
  const miner = new NftMiner({ threads: 1, hashrateWindowMs: 5_000 });
  try {
    await miner.start();
    const j = (await tc.chain.view((st) => nftMiningJob(st, id, a.address)));
    const found = nextFound(miner, 60_000);
    miner.setJob(j);
    const f = await found;
    assert.ok(valid(f));
    assertSuccess(await send(tc, a, 'nft', 'mine', MineParams, mineParamsOf(f)));
    assert.deepEqual((await tc.chain.view((st) => getToken(st, id, 1n)))?.owner, a.address);
    // An impossible job keeps the thread hashing: the hash rate and the expected time show up.
    miner.setJob(job(0n));
    await new Promise((r) => setTimeout(r, 1_500));
    const s = miner.stats();
    assert.ok(s.hashrate > 0, `hashrate ${s.hashrate}`);
    assert.ok(s.totalHashes > 0);
    assert.equal(s.expectedHashes, 1n << 256n);
    assert.ok(Number.isFinite(s.expectedSeconds) && s.expectedSeconds > 0);
  } finally {
    await miner.stop();
  }
});
