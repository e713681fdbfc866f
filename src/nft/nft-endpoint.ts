/**
 * RPC endpoints of the nft module (Lisk's endpoint.ts, interfaces in state/modules/nft/api.ts):
 * collections (a mined one with its next token's target, expected hashes and price), tokens with
 * their effective URI and royalty (ERC-721 tokenURI, ERC-2981), an owner's and a collection's
 * tokens paged with cursors (pages of keys read in order, never a scan of the state), a token's ERC-721 metadata (traits derived from its content hash) and the mining
 * job of a mined collection's next token. They live in nft/, the read side, because the traits,
 * the music and the job preimage do.
 */
import type { Static } from '@sinclair/typebox';
import { encodeAddress } from '../crypto/address.js';
import { bytesToHex, hashToDisplay } from '../encoding/hex.js';
import { CoinworksError } from '../errors.js';
import { cursorKey, endpoint, nextCursor, notFound, type AnyEndpoint, type EndpointError } from '../state/endpoint.js';
import {
  Collection,
  DEFAULT_PAGE,
  NftMetadata,
  nftGetCollection,
  nftGetToken,
  nftListCollections,
  nftMetadata,
  nftMiningJob as nftMiningJobSpec,
  nftTokensIn,
  nftTokensOf,
  Token,
} from '../state/modules/nft/api.js';
import { getCollection } from '../state/modules/nft/method.js';
import { POW_TAG } from '../state/modules/nft/pow.js';
import { jobPreimage, nftMiningJob } from './nft-miner.js';
import { collectionIdOfKey, collectionJson, lists, tokenIdOfKey, tokenJson, tokenMetadata } from './queries.js';

type CollectionView = Static<typeof Collection>;
type TokenView = Static<typeof Token>;

/** -32001 for a collection that does not exist (data.code NFT_NOT_FOUND). */
export function collectionNotFound(collectionId: number): EndpointError {
  return notFound(`collection ${collectionId}`, { code: 'NFT_NOT_FOUND', collectionId });
}

/** -32001 for a token that does not exist (never minted, or burned; data.code NFT_NOT_FOUND). */
export function tokenNotFound(collectionId: number, tokenId: bigint): EndpointError {
  return notFound(`token ${tokenId} of collection ${collectionId}`, { code: 'NFT_NOT_FOUND', collectionId, tokenId: tokenId.toString() });
}

/** nft_getCollection. */
export const nftGetCollectionEndpoint = endpoint(nftGetCollection, (ctx, [collectionId]) =>
  ctx.view((state) => {
    const c = collectionJson(state, collectionId);
    if (!c) throw collectionNotFound(collectionId);
    return c as CollectionView;
  }),
);

/** The paging of a list call: the full key its cursor names, the offset and the limit. */
function paging(prefix: string, page: { cursor?: Uint8Array; offset?: number; limit?: number }): { after?: string; skip: number; limit: number } {
  const after = cursorKey(prefix, page.cursor);
  return { ...(after !== undefined ? { after } : {}), skip: page.offset ?? 0, limit: page.limit ?? DEFAULT_PAGE };
}

/** nft_listCollections. */
export const nftListCollectionsEndpoint = endpoint(nftListCollections, (ctx, [page]) => {
  const prefix = lists.collections();
  return ctx.page(prefix, { ...paging(prefix, page), count: true }, (p, state) => ({
    total: p.total ?? 0,
    offset: page.offset ?? 0,
    collections: p.entries.map(([k]) => collectionJson(state, collectionIdOfKey(k)) as CollectionView),
    next: nextCursor(prefix, p.next),
  }));
});

/** nft_getToken. */
export const nftGetTokenEndpoint = endpoint(nftGetToken, (ctx, [collectionId, tokenId]) =>
  ctx.view((state) => {
    const t = tokenJson(state, collectionId, tokenId);
    // Which one is missing: the collection, or the token in it.
    if (!t) throw getCollection(state, collectionId) ? tokenNotFound(collectionId, tokenId) : collectionNotFound(collectionId);
    return t as TokenView;
  }),
);

/** nft_tokensOf. */
export const nftTokensOfEndpoint = endpoint(nftTokensOf, (ctx, [address, page]) => {
  const prefix = lists.owned(address);
  return ctx.page(prefix, { ...paging(prefix, page), count: true }, (p, state) => ({
    address: encodeAddress(address),
    total: p.total ?? 0,
    offset: page.offset ?? 0,
    tokens: p.entries.map(([k]) => {
      const i = tokenIdOfKey(k);
      return tokenJson(state, i.collectionId, i.tokenId) as TokenView;
    }),
    next: nextCursor(prefix, p.next),
  }));
});

/** nft_tokensIn. */
export const nftTokensInEndpoint = endpoint(nftTokensIn, (ctx, [collectionId, page]) => {
  const prefix = lists.collectionTokens(collectionId);
  const o = paging(prefix, page);
  return ctx.page(prefix, o, (p, state) => {
    if (!getCollection(state, collectionId)) throw collectionNotFound(collectionId);
    return {
      collectionId,
      offset: o.skip,
      limit: o.limit,
      tokens: p.entries.map(([k]) => {
        const i = tokenIdOfKey(k);
        return tokenJson(state, i.collectionId, i.tokenId) as TokenView;
      }),
      next: nextCursor(prefix, p.next),
    };
  });
});

/** nft_miningJob. */
export const nftMiningJobEndpoint = endpoint(nftMiningJobSpec, (ctx, [collectionId, miner]) =>
  ctx.view((state, head) => {
    let job;
    try {
      job = nftMiningJob(state, collectionId, miner);
    } catch (e) {
      if (e instanceof CoinworksError && e.code === 'NFT_NOT_FOUND') throw collectionNotFound(collectionId);
      throw e;
    }
    return {
      collectionId,
      miner: encodeAddress(miner),
      height: head.height,
      tipHash: hashToDisplay(head.hash),
      prevHash: bytesToHex(job.prevHash),
      minerBytes: bytesToHex(job.miner),
      tag: new TextDecoder().decode(POW_TAG),
      preimage: bytesToHex(jobPreimage(job, 0n)),
      minted: job.minted.toString(),
      tokenId: job.tokenId.toString(),
      generation: job.generation,
      target: job.target.toString(16).padStart(64, '0'),
      expectedHashes: job.expectedHashes.toString(),
      price: job.price.toString(),
      assetId: job.assetId,
    };
  }),
);

/** nft_metadata. */
export const nftMetadataEndpoint = endpoint(nftMetadata, (ctx, [collectionId, tokenId]) =>
  ctx.view((state) => {
    try {
      return tokenMetadata(state, collectionId, tokenId) as Static<typeof NftMetadata>;
    } catch (e) {
      if (e instanceof CoinworksError && e.code === 'NFT_NOT_FOUND') throw getCollection(state, collectionId) ? tokenNotFound(collectionId, tokenId) : collectionNotFound(collectionId);
      throw e;
    }
  }),
);

/** Every endpoint of the nft module, for the RPC registry. */
export const nftEndpoints: readonly AnyEndpoint[] = [
  nftGetCollectionEndpoint,
  nftListCollectionsEndpoint,
  nftGetTokenEndpoint,
  nftTokensOfEndpoint,
  nftTokensInEndpoint,
  nftMiningJobEndpoint,
  nftMetadataEndpoint,
];
