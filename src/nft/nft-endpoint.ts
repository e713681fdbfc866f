/**
 * RPC endpoints of the nft module (Lisk's endpoint.ts, interfaces in state/modules/nft/api.ts):
 * collections (a mined one with its next token's target, expected hashes and price), tokens with
 * their effective URI and royalty (ERC-721 tokenURI, ERC-2981), an owner's and a collection's
 * tokens paged, a token's ERC-721 metadata (traits derived from its content hash) and the mining
 * job of a mined collection's next token. They live in nft/, the read side, because the traits,
 * the music and the job preimage do.
 */
import type { Static } from '@sinclair/typebox';
import { encodeAddress } from '../crypto/address.js';
import { bytesToHex, hashToDisplay } from '../encoding/hex.js';
import { CoinworksError } from '../errors.js';
import { endpoint, notFound, type AnyEndpoint, type EndpointError } from '../state/endpoint.js';
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
import { collectionIds, collectionJson, tokenJson, tokenMetadata, tokensIn, tokensOf } from './queries.js';

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

/** nft_listCollections. */
export const nftListCollectionsEndpoint = endpoint(nftListCollections, (ctx, [page]) =>
  ctx.view((state) => {
    const ids = collectionIds(state);
    const offset = page.offset ?? 0;
    const slice = ids.slice(offset, offset + (page.limit ?? DEFAULT_PAGE));
    return { total: ids.length, offset, collections: slice.map((id) => collectionJson(state, id) as CollectionView) };
  }),
);

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
export const nftTokensOfEndpoint = endpoint(nftTokensOf, (ctx, [address, page]) =>
  ctx.view((state) => {
    const ids = tokensOf(state, address);
    const offset = page.offset ?? 0;
    const slice = ids.slice(offset, offset + (page.limit ?? DEFAULT_PAGE));
    return { address: encodeAddress(address), total: ids.length, offset, tokens: slice.map((i) => tokenJson(state, i.collectionId, i.tokenId) as TokenView) };
  }),
);

/** nft_tokensIn. */
export const nftTokensInEndpoint = endpoint(nftTokensIn, (ctx, [collectionId, page]) =>
  ctx.view((state) => {
    if (!getCollection(state, collectionId)) throw collectionNotFound(collectionId);
    const offset = page.offset ?? 0;
    const limit = page.limit ?? DEFAULT_PAGE;
    const ids = tokensIn(state, collectionId, { offset, limit });
    return { collectionId, offset, limit, tokens: ids.map((i) => tokenJson(state, i.collectionId, i.tokenId) as TokenView) };
  }),
);

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
