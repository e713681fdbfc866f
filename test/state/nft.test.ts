/**
 * The nft module's ERC-721 rules, one test each, driven by signed transactions in mined blocks:
 * ids from 1, no duplicate id, no mint to the zero address, creator-only minting, open mint at a
 * price, only owner / approved / operator may transfer, a transfer clears the approval, burn.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestChain } from '../../src/testing/chain.js';
import { nativeSupplyCheck } from '../../src/testing/invariants.js';
import {
  admissionCode,
  assertFailed,
  assertSuccess,
  balance,
  collectionParams,
  commandTx,
  createCollection,
  mineTxs,
  send,
} from '../../src/testing/nft.js';
import { getCollection, getToken, isOperator, tokenUri, ZERO_ADDRESS } from '../../src/state/modules/nft/method.js';
import { ApproveParams, MintParams, NftTransferParams, SetOperatorParams, TokenRef, type MintParams as Mint } from '../../src/state/modules/nft/schemas.js';
import type { TestChain } from '../../src/testing/chain.js';
import type { TestKey } from '../../src/testing/keys.js';

const HASH = new Uint8Array(32).fill(0xab);

function mintParams(collectionId: number, tokenId: bigint, to: Uint8Array, over: Partial<Mint> = {}): Mint {
  return { collectionId, tokenId, to, contentHash: HASH, uri: '', royalty: null, ...over };
}

async function setup(): Promise<{ tc: TestChain; a: TestKey; b: TestKey; c: TestKey; id: number }> {
  const tc = await createTestChain();
  const [a, b, c] = tc.keys;
  const id = await createCollection(tc, a, collectionParams({ baseUri: 'ipfs://base/' }));
  assertSuccess(await send(tc, a, 'nft', 'mint', MintParams, mintParams(id, 1n, a.address)));
  return { tc, a, b, c, id };
}

function ownerOf(tc: TestChain, id: number, tokenId: bigint): Promise<Uint8Array | undefined> {
  return tc.chain.view((st) => getToken(st, id, tokenId)?.owner);
}

test('collections get ids from 1 and record their creator; a mint emits Transfer from the zero address', async () => {
  const tc = await createTestChain();
  const [a, b] = tc.keys;
  assert.equal(await createCollection(tc, a, collectionParams()), 1);
  assert.equal(await createCollection(tc, b, collectionParams({ name: 'Second' })), 2);
  assert.deepEqual((await tc.chain.view((st) => getCollection(st, 2)))?.creator, b.address);
  const r = await send(tc, a, 'nft', 'mint', MintParams, mintParams(1, 42n, b.address));
  assertSuccess(r);
  const ev = tc.chain.sm.events.toJson(r.events.at(-1)!);
  assert.equal(ev.name, 'transfer');
  assert.deepEqual((ev.data as Record<string, unknown>).tokenId, '42');
  assert.deepEqual(await ownerOf(tc, 1, 42n), b.address);
  assert.equal((await tc.chain.view((st) => getCollection(st, 1)))?.minted, 1n);
});

test('ERC-721: a duplicate id cannot be minted (TX_NFT_EXISTS)', async () => {
  const { tc, a, b, id } = await setup();
  const dup = await commandTx(tc, a, 'nft', 'mint', MintParams, mintParams(id, 1n, b.address));
  assert.equal(await admissionCode(tc, dup), 'TX_NFT_EXISTS');
  const [r] = await mineTxs(tc, [dup]);
  assertFailed(r, 'TX_NFT_EXISTS');
  assert.deepEqual(await ownerOf(tc, id, 1n), a.address, 'the first owner keeps the token');
});

test('ERC-721: no mint to the zero address (TX_NFT_ZERO_ADDRESS)', async () => {
  const { tc, a, id } = await setup();
  assertFailed(await send(tc, a, 'nft', 'mint', MintParams, mintParams(id, 2n, ZERO_ADDRESS)), 'TX_NFT_ZERO_ADDRESS');
  assert.equal((await tc.chain.view((st) => getToken(st, id, 2n))), undefined);
});

test('a creator-only collection refuses mints by anyone else (TX_NOT_CREATOR)', async () => {
  const { tc, b, id } = await setup();
  assertFailed(await send(tc, b, 'nft', 'mint', MintParams, mintParams(id, 2n, b.address)), 'TX_NOT_CREATOR');
});

test('ERC-721: a transfer by a non-owner fails (TX_NOT_OWNER) and the owner keeps the token', async () => {
  const { tc, a, b, id } = await setup();
  const tx = await commandTx(tc, b, 'nft', 'transfer', NftTransferParams, { collectionId: id, tokenId: 1n, to: b.address });
  assert.equal(await admissionCode(tc, tx), 'TX_NOT_OWNER');
  assertFailed((await mineTxs(tc, [tx]))[0], 'TX_NOT_OWNER');
  assert.deepEqual(await ownerOf(tc, id, 1n), a.address);
});

test('ERC-721: a transfer clears the approval; the old approved address can no longer move the token', async () => {
  const { tc, a, b, c, id } = await setup();
  assertSuccess(await send(tc, a, 'nft', 'approve', ApproveParams, { collectionId: id, tokenId: 1n, approved: b.address }));
  assert.deepEqual((await tc.chain.view((st) => getToken(st, id, 1n)))?.approved, b.address);
  // The approved address moves it to C: the approval is cleared.
  assertSuccess(await send(tc, b, 'nft', 'transfer', NftTransferParams, { collectionId: id, tokenId: 1n, to: c.address }));
  const t = (await tc.chain.view((st) => getToken(st, id, 1n)))!;
  assert.deepEqual(t.owner, c.address);
  assert.equal(t.approved, null);
  assert.equal(t.version, 1n);
  // Neither B (approval gone) nor A (no longer owner) can move it.
  assertFailed(await send(tc, b, 'nft', 'transfer', NftTransferParams, { collectionId: id, tokenId: 1n, to: b.address }), 'TX_NOT_OWNER');
  assertFailed(await send(tc, a, 'nft', 'transfer', NftTransferParams, { collectionId: id, tokenId: 1n, to: a.address }), 'TX_NOT_OWNER');
  assert.deepEqual(await ownerOf(tc, id, 1n), c.address);
});

test('ERC-721: an operator moves any of the owner\'s tokens until revoked', async () => {
  const { tc, a, b, c, id } = await setup();
  assertSuccess(await send(tc, a, 'nft', 'setOperator', SetOperatorParams, { collectionId: id, operator: b.address, approved: true }));
  assert.ok((await tc.chain.view((st) => isOperator(st, id, a.address, b.address))));
  assertSuccess(await send(tc, b, 'nft', 'transfer', NftTransferParams, { collectionId: id, tokenId: 1n, to: c.address }));
  // B is A's operator, not C's.
  assertFailed(await send(tc, b, 'nft', 'transfer', NftTransferParams, { collectionId: id, tokenId: 1n, to: b.address }), 'TX_NOT_OWNER');
  assertSuccess(await send(tc, a, 'nft', 'mint', MintParams, mintParams(id, 2n, a.address)));
  assertSuccess(await send(tc, a, 'nft', 'setOperator', SetOperatorParams, { collectionId: id, operator: b.address, approved: false }));
  assertFailed(await send(tc, b, 'nft', 'transfer', NftTransferParams, { collectionId: id, tokenId: 2n, to: c.address }), 'TX_NOT_OWNER');
});

test('ERC-721: only the owner or an operator approves, and not the owner itself', async () => {
  const { tc, a, b, c, id } = await setup();
  assertFailed(await send(tc, b, 'nft', 'approve', ApproveParams, { collectionId: id, tokenId: 1n, approved: c.address }), 'TX_NOT_OWNER');
  assertFailed(await send(tc, a, 'nft', 'approve', ApproveParams, { collectionId: id, tokenId: 1n, approved: a.address }), 'TX_INVALID_PARAMS');
});

test('no transfer to the zero address (TX_NFT_ZERO_ADDRESS)', async () => {
  const { tc, a, id } = await setup();
  assertFailed(await send(tc, a, 'nft', 'transfer', NftTransferParams, { collectionId: id, tokenId: 1n, to: ZERO_ADDRESS }), 'TX_NFT_ZERO_ADDRESS');
});

test('burn: only owner / approved / operator; the token is gone and cannot be transferred', async () => {
  const { tc, a, b, id } = await setup();
  assertFailed(await send(tc, b, 'nft', 'burn', TokenRef, { collectionId: id, tokenId: 1n }), 'TX_NOT_OWNER');
  assertSuccess(await send(tc, a, 'nft', 'burn', TokenRef, { collectionId: id, tokenId: 1n }));
  assert.equal((await tc.chain.view((st) => getToken(st, id, 1n))), undefined);
  assert.equal((await tc.chain.view((st) => getCollection(st, id)))?.burned, 1n);
  assertFailed(await send(tc, a, 'nft', 'transfer', NftTransferParams, { collectionId: id, tokenId: 1n, to: b.address }), 'TX_NFT_NOT_FOUND');
});

test('open mint: anyone mints a free id paying exactly the price to the creator; content stays the creator\'s', async () => {
  const tc = await createTestChain();
  const [a, b] = tc.keys;
  const price = 12_345n;
  const id = await createCollection(tc, a, collectionParams({ mintRule: 'open', mintPrice: price, maxSupply: 2n, baseUri: 'https://x/' }));
  const creatorBefore = await balance(tc, a.address);
  assertSuccess(await send(tc, b, 'nft', 'mint', MintParams, mintParams(id, 7n, b.address, { contentHash: new Uint8Array(32) })));
  // The creator's only change is the price (blocks reward BLOCK_BENEFICIARY, not a test key).
  assert.equal((await balance(tc, a.address)) - creatorBefore, price);
  const c = (await tc.chain.view((st) => getCollection(st, id)))!;
  assert.equal(tokenUri(c, (await tc.chain.view((st) => getToken(st, id, 7n)))!, 7n), 'https://x/7');
  // An open minter cannot set content, URI or royalty.
  assertFailed(await send(tc, b, 'nft', 'mint', MintParams, mintParams(id, 8n, b.address)), 'TX_NOT_CREATOR');
  assertSuccess(await send(tc, a, 'nft', 'mint', MintParams, mintParams(id, 8n, a.address)));
  // Max supply 2 reached.
  assertFailed(await send(tc, b, 'nft', 'mint', MintParams, mintParams(id, 9n, b.address, { contentHash: new Uint8Array(32) })), 'TX_NFT_SOLD_OUT');
  const s = await nativeSupplyCheck(tc.chain);
  assert.equal(s.held, s.ledger);
});

test('createCollection checks its params: royalty cap and receiver, pow only for mined collections', async () => {
  const tc = await createTestChain();
  const [a] = tc.keys;
  const { CreateCollectionParams } = await import('../../src/state/modules/nft/schemas.js');
  assertFailed(await send(tc, a, 'nft', 'createCollection', CreateCollectionParams, collectionParams({ royalty: { receiver: a.address, bps: 5_001 } })), 'TX_INVALID_PARAMS');
  assertFailed(await send(tc, a, 'nft', 'createCollection', CreateCollectionParams, collectionParams({ royalty: { receiver: ZERO_ADDRESS, bps: 100 } })), 'TX_NFT_ZERO_ADDRESS');
  assertFailed(await send(tc, a, 'nft', 'createCollection', CreateCollectionParams, collectionParams({ mintRule: 'mined' })), 'TX_INVALID_PARAMS');
  assertFailed(await send(tc, a, 'nft', 'mint', MintParams, mintParams(99, 1n, a.address)), 'TX_COLLECTION_NOT_FOUND');
});
