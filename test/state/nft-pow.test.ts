/**
 * Mined collections (POW NFT's Atoms), with signed nft.mine transactions in mined blocks: the nonce
 * check, binding to the sender's address, the difficulty schedule, the stored token hash, work
 * invalidated by every mint, and the mint price shared exactly with earlier holders.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nativeSupplyCheck } from '../../src/testing/invariants.js';
import {
  admissionCode,
  assertFailed,
  assertSuccess,
  balance,
  commandTx,
  createCollection,
  createNftTestChain,
  findNonce,
  mineToken,
  mineTxs,
  minedCollectionParams,
  send,
} from '../../src/testing/nft.js';
import { getCollection, getToken, escrowAddress } from '../../src/state/modules/nft/method.js';
import {
  DEFAULT_POW,
  MAX_HASH,
  expectedHashes,
  generationOf,
  hashToBigIntLE,
  powHash,
  powPreimage,
  powTarget,
  tokenHashOf,
} from '../../src/state/modules/nft/pow.js';
import { MineParams, MintParams, TokenRef } from '../../src/state/modules/nft/schemas.js';
import { mineParamsOf } from '../../src/nft/nft-miner.js';

test('difficulty rises on schedule: POW NFT generations, x3 per generation, linear past generation 13', () => {
  // generation = floor(log2(tokenId)), tokenId = n + 1.
  const gens: Array<[bigint, number]> = [[0n, 0], [1n, 1], [2n, 1], [3n, 2], [6n, 2], [7n, 3], [16382n, 13], [16383n, 14], [16384n, 14]];
  for (const [n, g] of gens) assert.equal(generationOf(n), g, `generation of token ${n + 1n}`);
  const base = MAX_HASH / 300n;
  assert.equal(powTarget(DEFAULT_POW, 0n), base);
  assert.equal(powTarget(DEFAULT_POW, 1n), base / 3n);
  assert.equal(powTarget(DEFAULT_POW, 2n), base / 3n);
  assert.equal(powTarget(DEFAULT_POW, 3n), base / 9n);
  assert.equal(powTarget(DEFAULT_POW, 7n), base / 27n);
  assert.equal(powTarget(DEFAULT_POW, 16382n), base / 3n ** 13n);
  // Token 16384 opens generation 14: divided by tokenId - 2^14 + 1 = 1, then 2, ... (POW NFT).
  assert.equal(powTarget(DEFAULT_POW, 16383n), base / 3n ** 14n);
  assert.equal(powTarget(DEFAULT_POW, 16384n), base / 3n ** 14n / 2n);
  assert.equal(powTarget(DEFAULT_POW, 16400n), base / 3n ** 14n / 18n);
  // Expected work: ~300 x 3^g hashes.
  for (let g = 0; g < 13; g++) {
    const n = (1n << BigInt(g)) - 1n;
    const e = expectedHashes(powTarget(DEFAULT_POW, n));
    assert.ok(e >= 300n * 3n ** BigInt(g) && e <= 300n * 3n ** BigInt(g) + 1n, `generation ${g}: ${e} expected hashes`);
    assert.ok(powTarget(DEFAULT_POW, (1n << BigInt(g + 1)) - 1n) < powTarget(DEFAULT_POW, n), 'each generation is harder');
  }
});

test('difficulty rises on schedule on chain: a nonce good enough for token 1 is refused for token 2', async () => {
  const tc = await createNftTestChain();
  const [a] = tc.keys;
  const id = await createCollection(tc, a, minedCollectionParams({ divisor: 2n }));
  assertSuccess((await mineToken(tc, id, a)).receipt);
  const c = (await tc.chain.view((st) => getCollection(st, id)))!;
  const t0 = powTarget(c.pow!, 0n);
  const t1 = powTarget(c.pow!, 1n);
  // Scan for a nonce whose hash meets generation 0's target but not generation 1's.
  let nonce = 0;
  for (;; nonce++) {
    const h = hashToBigIntLE(powHash(powPreimage(id, c.prevHash, a.address, 0n, nonce)));
    if (h <= t0 && h > t1) break;
  }
  assertFailed(await send(tc, a, 'nft', 'mine', MineParams, { collectionId: id, extraNonce: 0n, nonce }), 'TX_BAD_POW_NONCE');
  assert.equal((await tc.chain.view((st) => getCollection(st, id)))!.minted, 1n);
});

test('the work needed grows as the schedule says: 16 tokens mined on a test chain', async () => {
  const tc = await createNftTestChain();
  const [a, b] = tc.keys;
  const id = await createCollection(tc, a, minedCollectionParams({ divisor: 2n, ramp: 3 }));
  const perGen = new Map<number, { hashes: number; expected: bigint }>();
  let last = -1n;
  for (let n = 0; n < 16; n++) {
    const key = n % 2 === 0 ? a : b;
    const { receipt, job, find, hashes } = await mineToken(tc, id, key);
    assertSuccess(receipt);
    assert.equal(job.target, powTarget({ ...DEFAULT_POW, divisor: 2n }, BigInt(n)), `target of token ${n + 1}`);
    assert.ok(hashToBigIntLE(find.powHash) <= job.target);
    if (last >= 0n && generationOf(BigInt(n)) > generationOf(BigInt(n - 1))) assert.equal(job.target, last / 3n, 'target / 3 at each new generation');
    last = job.target;
    const g = perGen.get(job.generation) ?? { hashes: 0, expected: 0n };
    perGen.set(job.generation, { hashes: g.hashes + hashes, expected: g.expected + job.expectedHashes });
    assert.deepEqual((await tc.chain.view((st) => getToken(st, id, BigInt(n + 1))))?.owner, key.address);
  }
  assert.deepEqual([...perGen.keys()], [0, 1, 2, 3, 4]);
  assert.deepEqual([...perGen.values()].map((v) => v.expected), [2n, 12n, 72n, 432n, 162n]);
  const spent = [...perGen.values()].reduce((s, v) => s + v.hashes, 0);
  assert.ok(spent >= 680 / 4 && spent <= 680 * 4, `spent ${spent} hashes for 680 expected`);
  assert.equal((await tc.chain.view((st) => getCollection(st, id)))!.minted, 16n);
});

test('past the linear threshold the target is also divided by tokenId - 2^(linearAfter+1) + 1', async () => {
  const tc = await createNftTestChain();
  const [a] = tc.keys;
  const pow = { divisor: 1n, ramp: 2, linearAfter: 1 };
  const id = await createCollection(tc, a, minedCollectionParams(pow));
  const base = MAX_HASH;
  const want = [base, base / 2n, base / 2n, base / 4n / 1n, base / 4n / 2n, base / 4n / 3n, base / 4n / 4n, base / 8n / 5n];
  for (let n = 0; n < want.length; n++) {
    const { receipt, job } = await mineToken(tc, id, a);
    assertSuccess(receipt);
    assert.equal(job.target, want[n], `target of token ${n + 1}`);
  }
});

test('a wrong nonce is refused (TX_BAD_POW_NONCE) and mints nothing', async () => {
  const tc = await createNftTestChain();
  const [a] = tc.keys;
  const id = await createCollection(tc, a, minedCollectionParams({ divisor: 1000n }));
  const c = (await tc.chain.view((st) => getCollection(st, id)))!;
  let nonce = 0;
  while (hashToBigIntLE(powHash(powPreimage(id, c.prevHash, a.address, 0n, nonce))) <= powTarget(c.pow!, 0n)) nonce++;
  const tx = await commandTx(tc, a, 'nft', 'mine', MineParams, { collectionId: id, extraNonce: 0n, nonce });
  assert.equal(await admissionCode(tc, tx), 'TX_BAD_POW_NONCE');
  assertFailed((await mineTxs(tc, [tx]))[0], 'TX_BAD_POW_NONCE');
  assert.equal((await tc.chain.view((st) => getCollection(st, id)))!.minted, 0n);
});

test('a valid nonce submitted by another address fails: the preimage binds the sender', async () => {
  const tc = await createNftTestChain();
  const [a, b] = tc.keys;
  const id = await createCollection(tc, a, minedCollectionParams({ divisor: 1000n }));
  const { find, job } = await findNonce(tc, id, a);
  // The same nonce hashed with B's address misses the target.
  const asB = hashToBigIntLE(powHash(powPreimage(id, job.prevHash, b.address, find.extraNonce, find.nonce)));
  assert.ok(asB > job.target, 'precondition: the nonce is not also valid for B');
  const stolen = await commandTx(tc, b, 'nft', 'mine', MineParams, mineParamsOf(find));
  assert.equal(await admissionCode(tc, stolen), 'TX_BAD_POW_NONCE');
  assertFailed((await mineTxs(tc, [stolen]))[0], 'TX_BAD_POW_NONCE');
  // The finder can still use it.
  assertSuccess(await send(tc, a, 'nft', 'mine', MineParams, mineParamsOf(find)));
  assert.deepEqual((await tc.chain.view((st) => getToken(st, id, 1n)))?.owner, a.address);
});

test('the token hash mixes in the including block and becomes prevHash: a mint voids others\' work in progress', async () => {
  const tc = await createNftTestChain();
  const [a, b] = tc.keys;
  const id = await createCollection(tc, a, minedCollectionParams({ divisor: 1000n }));
  const fa = await findNonce(tc, id, a);
  const fb = await findNonce(tc, id, b);
  const txA = await commandTx(tc, a, 'nft', 'mine', MineParams, mineParamsOf(fa.find));
  const txB = await commandTx(tc, b, 'nft', 'mine', MineParams, mineParamsOf(fb.find));
  const parentHash = Uint8Array.from(tc.chain.tip.hash);
  const [ra, rb] = await mineTxs(tc, [txA, txB]);
  assertSuccess(ra);
  assertFailed(rb, 'TX_BAD_POW_NONCE');
  // SHA-256(powHash | parent block hash | u64le(height)): unknown before the parent block exists.
  const tokenHash = tokenHashOf(fa.find.powHash, parentHash, BigInt(tc.chain.tip.height));
  assert.deepEqual((await tc.chain.view((st) => getToken(st, id, 1n)))?.contentHash, tokenHash);
  assert.deepEqual((await tc.chain.view((st) => getCollection(st, id)))?.prevHash, tokenHash);
  assert.notDeepEqual(tokenHash, fa.find.powHash);
});

test('mined collections mint only through nft.mine, up to their max supply', async () => {
  const tc = await createNftTestChain();
  const [a] = tc.keys;
  const id = await createCollection(tc, a, minedCollectionParams({ divisor: 2n }, { maxSupply: 1n }));
  const mint = { collectionId: id, tokenId: 1n, to: a.address, contentHash: new Uint8Array(32), uri: '', royalty: null };
  assertFailed(await send(tc, a, 'nft', 'mint', MintParams, mint), 'TX_NFT_MINT_CLOSED');
  assertSuccess((await mineToken(tc, id, a)).receipt);
  const c = (await tc.chain.view((st) => getCollection(st, id)))!;
  let nonce = 0;
  while (hashToBigIntLE(powHash(powPreimage(id, c.prevHash, a.address, 0n, nonce))) > powTarget(c.pow!, 1n)) nonce++;
  assertFailed(await send(tc, a, 'nft', 'mine', MineParams, { collectionId: id, extraNonce: 0n, nonce }), 'TX_NFT_SOLD_OUT');
});

test('mint price (2^g - 1) x unit is shared exactly with earlier-generation holders (POW NFT withdraw)', async () => {
  const tc = await createNftTestChain();
  const [a, b, c, d] = tc.keys;
  const unit = 1_000n;
  const id = await createCollection(tc, a, minedCollectionParams({ divisor: 2n }, { mintPrice: unit }));
  const escrow = escrowAddress('nft', 0);
  const miners = [a, b, c, d, a];
  const prices: bigint[] = [];
  for (const k of miners) {
    const before = await balance(tc, k.address);
    const { receipt, job } = await mineToken(tc, id, k);
    assertSuccess(receipt);
    assert.equal(before - (await balance(tc, k.address)) - receipt.fee, job.price, 'the miner paid exactly the price');
    prices.push(job.price);
  }
  assert.deepEqual(prices, [0n, 1_000n, 1_000n, 3_000n, 3_000n]);
  assert.equal(await balance(tc, escrow), 8_000n);
  // Token 1 (gen 0) is owed a unit for tokens 2..5; tokens 2, 3 (gen 1) for 4, 5; tokens 4, 5 nothing.
  const owed: Array<[bigint, bigint, typeof a]> = [[1n, 4_000n, a], [2n, 2_000n, b], [3n, 2_000n, c]];
  for (const [tokenId, amount, owner] of owed) {
    const before = await balance(tc, owner.address);
    const r = await send(tc, owner, 'nft', 'claimShare', TokenRef, { collectionId: id, tokenId });
    assertSuccess(r);
    assert.equal((await balance(tc, owner.address)) - before + r.fee, amount, `share of token ${tokenId}`);
  }
  assert.equal(await balance(tc, escrow), 0n, 'every unit paid in was paid out');
  assertFailed(await send(tc, a, 'nft', 'claimShare', TokenRef, { collectionId: id, tokenId: 1n }), 'TX_NOTHING_TO_CLAIM');
  assertFailed(await send(tc, d, 'nft', 'claimShare', TokenRef, { collectionId: id, tokenId: 4n }), 'TX_NOTHING_TO_CLAIM');
  assertFailed(await send(tc, b, 'nft', 'claimShare', TokenRef, { collectionId: id, tokenId: 1n }), 'TX_NOT_OWNER');
  // A sixth mint (gen 2) pays 3 units: one each to tokens 1, 2, 3; burning token 2 pays its unit out first.
  assertSuccess((await mineToken(tc, id, d)).receipt);
  const before = await balance(tc, b.address);
  const r = await send(tc, b, 'nft', 'burn', TokenRef, { collectionId: id, tokenId: 2n });
  assertSuccess(r);
  assert.equal((await balance(tc, b.address)) - before + r.fee, unit);
  assert.equal(await balance(tc, escrow), 2n * unit);
  const s = await nativeSupplyCheck(tc.chain);
  assert.equal(s.held, s.ledger, 'coins are conserved');
});
