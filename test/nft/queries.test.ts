/** The read side the RPC serves (nft_*, market_*): pages of the list prefixes with cursors, JSON views, metadata and WAV of a token. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CoinworksError } from '../../src/errors.js';
import { collectionIdOfKey, collectionJson, listingJson, lists, marketAccountJson, tokenIdOfKey, tokenJson, tokenMetadata, tokenWav } from '../../src/nft/queries.js';
import { renderWav } from '../../src/nft/music.js';
import { getToken } from '../../src/state/modules/nft/method.js';
import { MintParams } from '../../src/state/modules/nft/schemas.js';
import { ListParams } from '../../src/state/modules/market/schemas.js';
import { assertSuccess, collectionParams, createCollection, createNftTestChain, mineToken, minedCollectionParams, send } from '../../src/testing/nft.js';

test('pages of collections, tokens and listings (cursor, offset, counts) and their JSON views', async () => {
  const tc = await createNftTestChain();
  const [a, b] = tc.keys;
  const plain = await createCollection(tc, a, collectionParams({ baseUri: 'ipfs://x/', royalty: { receiver: b.address, bps: 300 } }));
  const mined = await createCollection(tc, b, minedCollectionParams({ divisor: 2n }, { mintPrice: 10n }));
  assertSuccess(await send(tc, a, 'nft', 'mint', MintParams, { collectionId: plain, tokenId: 5n, to: b.address, contentHash: new Uint8Array(32), uri: '', royalty: null }));
  for (let i = 0; i < 3; i++) assertSuccess((await mineToken(tc, mined, b)).receipt);
  const page = (prefix: string, o: { after?: string; skip?: number; limit?: number } = {}) =>
    tc.chain.viewPage(prefix, { limit: 100, ...o, count: true }, (p) => ({ keys: p.entries.map(([k]) => k), next: p.next, total: p.total }));
  const collections = await page(lists.collections());
  assert.deepEqual(collections.keys.map(collectionIdOfKey), [plain, mined]);
  assert.equal(collections.total, 2);
  const owned = await page(lists.owned(b.address));
  assert.deepEqual(owned.keys.map(tokenIdOfKey), [{ collectionId: plain, tokenId: 5n }, { collectionId: mined, tokenId: 1n }, { collectionId: mined, tokenId: 2n }, { collectionId: mined, tokenId: 3n }]);
  assert.equal(owned.total, 4);
  assert.equal(owned.next, undefined, 'one page holds them all');
  // Pages of one, each continuing after the cursor of the last: the same tokens, in order.
  const walked: string[] = [];
  let after: string | undefined;
  for (;;) {
    const p = await page(lists.owned(b.address), { limit: 1, ...(after ? { after } : {}) });
    walked.push(...p.keys);
    if (!p.next) break;
    after = p.next;
  }
  assert.deepEqual(walked, owned.keys);
  assert.deepEqual((await page(lists.collectionTokens(mined), { skip: 1, limit: 1 })).keys.map(tokenIdOfKey), [{ collectionId: mined, tokenId: 2n }]);
  const cj = (await tc.chain.view((st) => collectionJson(st, mined))) as Record<string, any>;
  assert.equal(cj.minted, '3');
  assert.equal(cj.next.tokenId, '4');
  assert.equal(cj.next.generation, 2);
  assert.equal(cj.next.price, '30');
  assert.equal(cj.next.expectedHashes, '18');
  const tj = (await tc.chain.view((st) => tokenJson(st, plain, 5n))) as Record<string, any>;
  assert.equal(tj.tokenUri, 'ipfs://x/5');
  assert.equal(tj.effectiveRoyalty.bps, 300);
  assert.equal(((await tc.chain.view((st) => tokenJson(st, mined, 1n))) as Record<string, any>).owedShare, '20', 'token 1 is owed a unit for tokens 2 and 3');
  assert.equal(await tc.chain.view((st) => tokenJson(st, mined, 99n)), null);
  assertSuccess(await send(tc, b, 'market', 'list', ListParams, { collectionId: plain, tokenId: 5n, price: 1_000n, assetId: 0, expiresAt: 10n ** 12n }));
  const lj = (await tc.chain.view((st) => listingJson(st, plain, 5n, tc.clock.t, 100))) as Record<string, any>;
  assert.equal(lj.status, 'active');
  assert.equal(lj.royalty, '30');
  assert.equal(lj.fee, '10');
  assert.equal(lj.proceeds, '960');
  assert.equal(lj.royaltyReceiver, b.addressText);
  // The seller index lists a seller's listings; the listing prefix lists them all.
  assert.deepEqual((await page(lists.listings({ seller: b.address }))).keys.map(tokenIdOfKey), [{ collectionId: plain, tokenId: 5n }]);
  assert.deepEqual((await page(lists.listings({ seller: b.address, collectionId: mined }))).keys, []);
  assert.deepEqual((await page(lists.listings({ seller: a.address }))).keys, []);
  assert.deepEqual((await page(lists.listings({ collectionId: plain }))).keys.map(tokenIdOfKey), [{ collectionId: plain, tokenId: 5n }]);
  assert.equal((await page(lists.listings())).total, 1);
  assert.deepEqual((await tc.chain.view((st) => marketAccountJson(st, b.address, 0))), { counter: '0', claimable: '0' });
});

test('metadata and WAV of a mined token come from its token hash; a token without content has none', async () => {
  const tc = await createNftTestChain();
  const [a] = tc.keys;
  const plain = await createCollection(tc, a, collectionParams());
  const mined = await createCollection(tc, a, minedCollectionParams({ divisor: 2n }));
  assertSuccess((await mineToken(tc, mined, a)).receipt);
  assertSuccess(await send(tc, a, 'nft', 'mint', MintParams, { collectionId: plain, tokenId: 1n, to: a.address, contentHash: new Uint8Array(32), uri: '', royalty: null }));
  const hash = (await tc.chain.view((st) => getToken(st, mined, 1n)))!.contentHash;
  assert.deepEqual((await tc.chain.view((st) => tokenWav(st, mined, 1n))), renderWav(hash));
  const m = (await tc.chain.view((st) => tokenMetadata(st, mined, 1n, { audioUrl: '/nft/2/1.wav' })));
  assert.equal(m.name, 'Atoms #1');
  assert.equal(m.animation_url, '/nft/2/1.wav');
  const gen = (m.attributes as Array<{ trait_type: string; value: unknown }>).find((x) => x.trait_type === 'Generation');
  assert.equal(gen?.value, 0);
  await assert.rejects(tc.chain.view((st) => tokenWav(st, plain, 1n)), (e: unknown) => e instanceof CoinworksError && e.code === 'NFT_NO_CONTENT');
  await assert.rejects(tc.chain.view((st) => tokenMetadata(st, mined, 2n)), (e: unknown) => e instanceof CoinworksError && e.code === 'NFT_NOT_FOUND');
});
