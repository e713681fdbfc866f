/** The read side the RPC serves (nft_*, market_*): scans, JSON views, metadata and WAV of a token. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CoinworksError } from '../../src/errors.js';
import {
  collectionIds,
  collectionJson,
  listingJson,
  listings,
  marketAccountJson,
  tokenJson,
  tokenMetadata,
  tokensIn,
  tokensOf,
  tokenWav,
} from '../../src/nft/queries.js';
import { renderWav } from '../../src/nft/music.js';
import { getToken } from '../../src/state/modules/nft/method.js';
import { MintParams } from '../../src/state/modules/nft/schemas.js';
import { ListParams } from '../../src/state/modules/market/schemas.js';
import { assertSuccess, collectionParams, createCollection, createNftTestChain, mineToken, minedCollectionParams, send } from '../../src/testing/nft.js';

test('scans and JSON views of collections, tokens and listings', async () => {
  const tc = await createNftTestChain();
  const [a, b] = tc.keys;
  const plain = await createCollection(tc, a, collectionParams({ baseUri: 'ipfs://x/', royalty: { receiver: b.address, bps: 300 } }));
  const mined = await createCollection(tc, b, minedCollectionParams({ divisor: 2n }, { mintPrice: 10n }));
  assertSuccess(await send(tc, a, 'nft', 'mint', MintParams, { collectionId: plain, tokenId: 5n, to: b.address, contentHash: new Uint8Array(32), uri: '', royalty: null }));
  for (let i = 0; i < 3; i++) assertSuccess((await mineToken(tc, mined, b)).receipt);
  const w = tc.chain.world;
  assert.deepEqual(collectionIds(w), [plain, mined]);
  assert.deepEqual(tokensOf(w, b.address), [{ collectionId: plain, tokenId: 5n }, { collectionId: mined, tokenId: 1n }, { collectionId: mined, tokenId: 2n }, { collectionId: mined, tokenId: 3n }]);
  assert.deepEqual(tokensIn(w, mined, { offset: 1, limit: 1 }), [{ collectionId: mined, tokenId: 2n }]);
  const cj = collectionJson(w, mined) as Record<string, any>;
  assert.equal(cj.minted, '3');
  assert.equal(cj.next.tokenId, '4');
  assert.equal(cj.next.generation, 2);
  assert.equal(cj.next.price, '30');
  assert.equal(cj.next.expectedHashes, '18');
  const tj = tokenJson(w, plain, 5n) as Record<string, any>;
  assert.equal(tj.tokenUri, 'ipfs://x/5');
  assert.equal(tj.effectiveRoyalty.bps, 300);
  assert.equal((tokenJson(w, mined, 1n) as Record<string, any>).owedShare, '20', 'token 1 is owed a unit for tokens 2 and 3');
  assert.equal(tokenJson(w, mined, 99n), null);
  assertSuccess(await send(tc, b, 'market', 'list', ListParams, { collectionId: plain, tokenId: 5n, price: 1_000n, assetId: 0, expiresAt: 10n ** 12n }));
  const lj = listingJson(tc.chain.world, plain, 5n, tc.clock.t, 100) as Record<string, any>;
  assert.equal(lj.status, 'active');
  assert.equal(lj.royalty, '30');
  assert.equal(lj.fee, '10');
  assert.equal(lj.proceeds, '960');
  assert.equal(lj.royaltyReceiver, b.addressText);
  assert.deepEqual(listings(tc.chain.world, { seller: b.address }), [{ collectionId: plain, tokenId: 5n }]);
  assert.deepEqual(listings(tc.chain.world, { seller: a.address }), []);
  assert.deepEqual(marketAccountJson(tc.chain.world, b.address, 0), { counter: '0', claimable: '0' });
});

test('metadata and WAV of a mined token come from its token hash; a token without content has none', async () => {
  const tc = await createNftTestChain();
  const [a] = tc.keys;
  const plain = await createCollection(tc, a, collectionParams());
  const mined = await createCollection(tc, a, minedCollectionParams({ divisor: 2n }));
  assertSuccess((await mineToken(tc, mined, a)).receipt);
  assertSuccess(await send(tc, a, 'nft', 'mint', MintParams, { collectionId: plain, tokenId: 1n, to: a.address, contentHash: new Uint8Array(32), uri: '', royalty: null }));
  const hash = getToken(tc.chain.world, mined, 1n)!.contentHash;
  assert.deepEqual(tokenWav(tc.chain.world, mined, 1n), renderWav(hash));
  const m = tokenMetadata(tc.chain.world, mined, 1n, { audioUrl: '/nft/2/1.wav' });
  assert.equal(m.name, 'Atoms #1');
  assert.equal(m.animation_url, '/nft/2/1.wav');
  const gen = (m.attributes as Array<{ trait_type: string; value: unknown }>).find((x) => x.trait_type === 'Generation');
  assert.equal(gen?.value, 0);
  assert.throws(() => tokenWav(tc.chain.world, plain, 1n), (e: unknown) => e instanceof CoinworksError && e.code === 'NFT_NO_CONTENT');
  assert.throws(() => tokenMetadata(tc.chain.world, mined, 2n), (e: unknown) => e instanceof CoinworksError && e.code === 'NFT_NOT_FOUND');
});
