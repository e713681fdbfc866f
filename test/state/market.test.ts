/**
 * The market module, with signed transactions in mined blocks: royalty first (ERC-2981, floor),
 * then the fee, then the seller, then the token, atomically; listings by non-owners, stale, expired
 * or counter-cancelled listings cannot be filled; a frozen royalty receiver cannot block a sale.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nativeSupplyCheck } from '../../src/testing/invariants.js';
import {
  admissionCode,
  assertFailed,
  assertSuccess,
  balance,
  BLOCK_BENEFICIARY,
  collectionParams,
  commandTx,
  createCollection,
  createNftTestChain,
  mineTxs,
  send,
  TEST_ASSET,
  type NftTestChainOptions,
  nextBlockTime,
} from '../../src/testing/nft.js';
import { mineBlock, type TestChain } from '../../src/testing/chain.js';
import { testKey, type TestKey } from '../../src/testing/keys.js';
import { escrowAddress, getToken } from '../../src/state/modules/nft/method.js';
import { ApproveParams, MintParams, NftTransferParams, type Royalty } from '../../src/state/modules/nft/schemas.js';
import { claimableOf, counterOf, getListing } from '../../src/state/modules/market/method.js';
import { BuyParams, CancelAllParams, CancelParams, ClaimParams, ListParams } from '../../src/state/modules/market/schemas.js';

const FAR = 10n ** 12n;

interface Market {
  tc: TestChain;
  creator: TestKey;
  seller: TestKey;
  buyer: TestKey;
  receiver: TestKey;
  id: number;
}

/** A collection with a 2.5% royalty to `receiver` (keys[3]); the seller (keys[1]) holds tokens 1 and 2. */
async function market(o: NftTestChainOptions = {}, bps = 250): Promise<Market> {
  const tc = await createNftTestChain(o);
  const [creator, seller, buyer, receiver] = tc.keys;
  const id = await createCollection(tc, creator, collectionParams({ royalty: { receiver: receiver.address, bps } }));
  for (const tokenId of [1n, 2n]) {
    const p = { collectionId: id, tokenId, to: seller.address, contentHash: new Uint8Array(32).fill(Number(tokenId)), uri: '', royalty: null };
    assertSuccess(await send(tc, creator, 'nft', 'mint', MintParams, p));
  }
  return { tc, creator, seller, buyer, receiver, id };
}

async function list(m: Market, tokenId: bigint, price: bigint, o: { assetId?: number; expiresAt?: bigint; key?: TestKey } = {}) {
  return send(m.tc, o.key ?? m.seller, 'market', 'list', ListParams, { collectionId: m.id, tokenId, price, assetId: o.assetId ?? 0, expiresAt: o.expiresAt ?? FAR });
}

function buyTx(m: Market, tokenId: bigint, price: bigint, assetId = 0, key = m.buyer) {
  return commandTx(m.tc, key, 'market', 'buy', BuyParams, { collectionId: m.id, tokenId, price, assetId });
}

test('a sale pays exactly floor(price x bps / 10000) to the royalty receiver, then the fee, then the seller', async () => {
  const m = await market();
  const { tc, seller, buyer, receiver, id } = m;
  // An approval set before the sale must not survive it.
  assertSuccess(await send(tc, seller, 'nft', 'approve', ApproveParams, { collectionId: id, tokenId: 1n, approved: receiver.address }));
  const price = 999_999n;
  assertSuccess(await list(m, 1n, price));
  const sellerBefore = await balance(tc, seller.address);
  const buyerBefore = await balance(tc, buyer.address);
  const [r] = await mineTxs(tc, [await buyTx(m, 1n, price)]);
  assertSuccess(r);
  const royalty = (price * 250n) / 10_000n; // 24999.975 -> 24999
  const fee = (price * 100n) / 10_000n; // default market fee 1%: 9999.99 -> 9999
  assert.equal(royalty, 24_999n);
  assert.equal((await tc.chain.view((st) => claimableOf(st, receiver.address, 0))), royalty, 'royalty credited to the receiver');
  assert.equal((await tc.chain.view((st) => claimableOf(st, BLOCK_BENEFICIARY, 0))), fee, 'fee credited to the block beneficiary');
  assert.equal((await balance(tc, seller.address)) - sellerBefore, price - royalty - fee, 'seller gets the rest');
  assert.equal(buyerBefore - await balance(tc, buyer.address), price + r.fee, 'buyer paid the price and the tx fee');
  assert.equal(await balance(tc, escrowAddress('market', 0)), royalty + fee);
  const t = (await tc.chain.view((st) => getToken(st, id, 1n)))!;
  assert.deepEqual(t.owner, buyer.address);
  assert.equal(t.approved, null, 'the sale cleared the approval');
  assert.equal((await tc.chain.view((st) => getListing(st, id, 1n))), undefined);
  const sold = tc.chain.sm.events.toJson(r.events.find((e) => e.module === 'market' && e.name === 'sold')!).data as Record<string, unknown>;
  assert.equal(sold.royalty, '24999');
  assert.equal(sold.proceeds, (price - royalty - fee).toString());
  // The receiver withdraws exactly the royalty.
  const before = await balance(tc, receiver.address);
  const rc = await send(tc, receiver, 'market', 'claim', ClaimParams, { assetId: 0 });
  assertSuccess(rc);
  assert.equal((await balance(tc, receiver.address)) - before + rc.fee, royalty);
  assertFailed(await send(tc, receiver, 'market', 'claim', ClaimParams, { assetId: 0 }), 'TX_NOTHING_TO_CLAIM');
  const s = await nativeSupplyCheck(tc.chain);
  assert.equal(s.held, s.ledger, 'coins are conserved');
});

test('a per-token royalty overrides the collection default (ERC-2981)', async () => {
  const m = await market();
  const { tc, creator, seller, id } = m;
  const special: Royalty = { receiver: creator.address, bps: 1_000 };
  const p = { collectionId: id, tokenId: 3n, to: seller.address, contentHash: new Uint8Array(32), uri: '', royalty: special };
  assertSuccess(await send(tc, creator, 'nft', 'mint', MintParams, p));
  assertSuccess(await list(m, 3n, 10_001n));
  assertSuccess((await mineTxs(tc, [await buyTx(m, 3n, 10_001n)]))[0]);
  assert.equal((await tc.chain.view((st) => claimableOf(st, creator.address, 0))), 1_000n, 'floor(10001 x 1000 / 10000)');
  assert.equal((await tc.chain.view((st) => claimableOf(st, m.receiver.address, 0))), 0n, 'the default receiver gets nothing');
});

test('a listing by a non-owner cannot be created (TX_NOT_OWNER), not even by the approved address', async () => {
  const m = await market();
  assertFailed(await list(m, 1n, 100n, { key: m.buyer }), 'TX_NOT_OWNER');
  assertSuccess(await send(m.tc, m.seller, 'nft', 'approve', ApproveParams, { collectionId: m.id, tokenId: 1n, approved: m.buyer.address }));
  assertFailed(await list(m, 1n, 100n, { key: m.buyer }), 'TX_NOT_OWNER');
  assert.equal((await m.tc.chain.view((st) => getListing(st, m.id, 1n))), undefined);
});

test('a listing made stale by a transfer cannot be bought (TX_LISTING_STALE), even after the token returns', async () => {
  const m = await market();
  const { tc, seller, receiver, id } = m;
  assertSuccess(await list(m, 1n, 500n));
  assertSuccess(await send(tc, seller, 'nft', 'transfer', NftTransferParams, { collectionId: id, tokenId: 1n, to: receiver.address }));
  const tx = await buyTx(m, 1n, 500n);
  assert.equal(await admissionCode(tc, tx), 'TX_LISTING_STALE');
  assertFailed((await mineTxs(tc, [tx]))[0], 'TX_LISTING_STALE');
  assert.deepEqual((await tc.chain.view((st) => getToken(st, id, 1n)))?.owner, receiver.address, 'the new owner keeps it');
  // Back to the seller: the old listing stays void (the token's version moved on).
  assertSuccess(await send(tc, receiver, 'nft', 'transfer', NftTransferParams, { collectionId: id, tokenId: 1n, to: seller.address }));
  assertFailed((await mineTxs(tc, [await buyTx(m, 1n, 500n)]))[0], 'TX_LISTING_STALE');
  // A fresh listing sells.
  assertSuccess(await list(m, 1n, 500n));
  assertSuccess((await mineTxs(tc, [await buyTx(m, 1n, 500n)]))[0]);
});

test('an expired listing cannot be bought (TX_LISTING_EXPIRED)', async () => {
  const m = await market();
  const { tc, id } = m;
  const spacing = BigInt(tc.params.blockTime);
  // Commands see the block's execution time (the parent's median time past): the listing lasts a few blocks of it.
  const expiresAt = BigInt(nextBlockTime(tc)) + 3n * spacing;
  assertSuccess(await list(m, 1n, 700n, { expiresAt }));
  let fillable = 0;
  while (BigInt(nextBlockTime(tc)) < expiresAt) {
    assert.equal(await admissionCode(tc, await buyTx(m, 1n, 700n)), null, 'still fillable before expiry');
    fillable++;
    await mineBlock(tc, { beneficiary: BLOCK_BENEFICIARY });
  }
  assert.ok(fillable > 0);
  // The next block's execution time has reached expiresAt: expired (the end time is exclusive).
  const tx = await buyTx(m, 1n, 700n);
  assert.equal(await admissionCode(tc, tx), 'TX_LISTING_EXPIRED');
  assertFailed((await mineTxs(tc, [tx]))[0], 'TX_LISTING_EXPIRED');
  assert.deepEqual((await tc.chain.view((st) => getToken(st, id, 1n)))?.owner, m.seller.address);
  // A listing cannot be created already expired either.
  assertFailed(await list(m, 1n, 700n, { expiresAt: BigInt(nextBlockTime(tc)) }), 'TX_LISTING_EXPIRED');
});

test('cancelAll bumps the seller\'s counter: every older listing becomes unfillable (Seaport)', async () => {
  const m = await market();
  const { tc, seller } = m;
  assertSuccess(await list(m, 1n, 100n));
  assertSuccess(await list(m, 2n, 200n));
  assertSuccess(await send(tc, seller, 'market', 'cancelAll', CancelAllParams, {}));
  assert.equal((await tc.chain.view((st) => counterOf(st, seller.address))), 1n);
  const [r1, r2] = await mineTxs(tc, [await buyTx(m, 1n, 100n), await buyTx(m, 2n, 200n, 0, m.receiver)]);
  assertFailed(r1, 'TX_LISTING_CANCELLED');
  assertFailed(r2, 'TX_LISTING_CANCELLED');
  // Listings made after the bump are live.
  assertSuccess(await list(m, 1n, 100n));
  assertSuccess((await mineTxs(tc, [await buyTx(m, 1n, 100n)]))[0]);
});

test('cancel: the seller (or the current owner) removes one listing; nobody else can', async () => {
  const m = await market();
  const { tc, seller, buyer, id } = m;
  assertSuccess(await list(m, 1n, 100n));
  assertFailed(await send(tc, buyer, 'market', 'cancel', CancelParams, { collectionId: id, tokenId: 1n }), 'TX_NOT_OWNER');
  assertSuccess(await send(tc, seller, 'market', 'cancel', CancelParams, { collectionId: id, tokenId: 1n }));
  assertFailed((await mineTxs(tc, [await buyTx(m, 1n, 100n)]))[0], 'TX_LISTING_NOT_FOUND');
});

test('the buyer must restate the listed price and currency; a seller cannot buy their own listing', async () => {
  const m = await market();
  assertSuccess(await list(m, 1n, 100n));
  assertFailed((await mineTxs(m.tc, [await buyTx(m, 1n, 99n)]))[0], 'TX_LISTING_MISMATCH');
  assertFailed((await mineTxs(m.tc, [await buyTx(m, 1n, 100n, TEST_ASSET)]))[0], 'TX_LISTING_MISMATCH');
  assertFailed((await mineTxs(m.tc, [await buyTx(m, 1n, 100n, 0, m.seller)]))[0], 'TX_INVALID_PARAMS');
});

test('a price in a non-native asset: every leg is paid in that asset', async () => {
  const m = await market();
  const { tc, seller, buyer, receiver } = m;
  const price = 40_000n;
  assertSuccess(await list(m, 2n, price, { assetId: TEST_ASSET }));
  const sellerBefore = await balance(tc, seller.address, TEST_ASSET);
  const buyerBefore = await balance(tc, buyer.address, TEST_ASSET);
  assertSuccess((await mineTxs(tc, [await buyTx(m, 2n, price, TEST_ASSET)]))[0]);
  assert.equal(buyerBefore - await balance(tc, buyer.address, TEST_ASSET), price);
  assert.equal((await tc.chain.view((st) => claimableOf(st, receiver.address, TEST_ASSET))), 1_000n);
  assert.equal((await tc.chain.view((st) => claimableOf(st, BLOCK_BENEFICIARY, TEST_ASSET))), 400n);
  assert.equal((await balance(tc, seller.address, TEST_ASSET)) - sellerBefore, price - 1_400n);
  assert.equal((await tc.chain.view((st) => claimableOf(st, receiver.address, 0))), 0n, 'nothing in the native coin');
});

test('no third party can block a sale: a frozen royalty receiver is credited, its own claim still frozen', async () => {
  const m = await market({ frozen: [testKey(3).address] }); // keys[3] is the royalty receiver
  const { tc, buyer, receiver } = m;
  assertSuccess(await list(m, 1n, 10_000n, { assetId: TEST_ASSET }));
  const [r] = await mineTxs(tc, [await buyTx(m, 1n, 10_000n, TEST_ASSET)]);
  assertSuccess(r);
  assert.deepEqual((await tc.chain.view((st) => getToken(st, m.id, 1n)))?.owner, buyer.address, 'the sale went through');
  assert.equal((await tc.chain.view((st) => claimableOf(st, receiver.address, TEST_ASSET))), 250n);
  // The freeze still applies to the receiver's own withdrawal: compliance is not bypassed.
  assertFailed(await send(tc, receiver, 'market', 'claim', ClaimParams, { assetId: TEST_ASSET }), 'TX_FROZEN');
  assert.equal((await tc.chain.view((st) => claimableOf(st, receiver.address, TEST_ASSET))), 250n, 'the claim stays for later');
});
