/**
 * `nft_getToken`, `nft_tokensOf`, `nft_tokensIn` and `nft_metadata`: tokens at the head with their
 * effective URI and royalty (ERC-721 tokenURI, ERC-2981), an owner's tokens, a collection's tokens
 * paged, and a token's ERC-721 metadata JSON (traits derived from its content hash).
 */
import { encodeAddress } from '../../crypto/address.js';
import type { Json } from '../../encoding/codec.js';
import { CoinworksError } from '../../errors.js';
import { tokenJson, tokenMetadata, tokensIn, tokensOf } from '../../nft/queries.js';
import { getCollection } from '../../state/modules/nft/method.js';
import { defineMethod, optionalParam, param } from '../method.js';
import { addressParam } from '../params.js';
import { addressS, arrS, objS, uintS } from '../result-schemas.js';
import { collectionIdParam, collectionNotFound, DEFAULT_PAGE, metadataS, optionsParam, pageFields, tokenIdParam, tokenNotFound, tokenS, type PageOptions } from './nft-common.js';

/** nft_getToken. */
export const nftGetToken = defineMethod({
  name: 'nft_getToken',
  summary:
    'A token at the head: owner, approved address, content hash, own URI and royalty, serial, version (transfers since mint), mint height, the effective tokenURI and royalty (ERC-721, ERC-2981) and, for a mined token, its owed share of later mint prices. -32001 when the collection or token does not exist (never minted, or burned).',
  params: [param('collectionId', collectionIdParam(), 'collection id'), param('tokenId', tokenIdParam(), 'token id')],
  result: { name: 'token', schema: tokenS },
  handler: (call, [collectionId, tokenId]: [number, bigint]): Json => {
    const t = tokenJson(call.services.ctx.chain.world, collectionId, tokenId);
    if (!t) throw tokenNotFound(collectionId, tokenId);
    return t;
  },
});

/** Result of nft_tokensOf. */
export interface TokensOfView {
  readonly address: string;
  readonly total: number;
  readonly offset: number;
  readonly tokens: Json[];
}

/** nft_tokensOf. */
export const nftTokensOf = defineMethod({
  name: 'nft_tokensOf',
  summary: 'Tokens an address owns at the head, in (collection, token id) order (paged: offset, limit up to 1000, default 100), and how many it owns.',
  params: [param('address', addressParam(), 'owner, bech32m address (cw1...)'), optionalParam('page', optionsParam<PageOptions>(pageFields, 'paging: {offset, limit}'), {}, 'paging: {offset, limit}')],
  result: { name: 'tokens', schema: objS({ address: addressS, total: uintS, offset: uintS, tokens: arrS(tokenS) }) },
  handler: (call, [address, page]: [Uint8Array, PageOptions]): TokensOfView => {
    const world = call.services.ctx.chain.world;
    const ids = tokensOf(world, address);
    const offset = page.offset ?? 0;
    const slice = ids.slice(offset, offset + (page.limit ?? DEFAULT_PAGE));
    return { address: encodeAddress(address), total: ids.length, offset, tokens: slice.map((i) => tokenJson(world, i.collectionId, i.tokenId)!) };
  },
});

/** Result of nft_tokensIn. */
export interface TokensInView {
  readonly collectionId: number;
  readonly offset: number;
  readonly limit: number;
  readonly tokens: Json[];
}

/** nft_tokensIn. */
export const nftTokensIn = defineMethod({
  name: 'nft_tokensIn',
  summary: 'Tokens of one collection at the head in id order, paged (offset, limit up to 1000, default 100). -32001 for an unknown collection.',
  params: [param('collectionId', collectionIdParam(), 'collection id'), optionalParam('page', optionsParam<PageOptions>(pageFields, 'paging: {offset, limit}'), {}, 'paging: {offset, limit}')],
  result: { name: 'tokens', schema: objS({ collectionId: uintS, offset: uintS, limit: uintS, tokens: arrS(tokenS) }) },
  handler: (call, [collectionId, page]: [number, PageOptions]): TokensInView => {
    const world = call.services.ctx.chain.world;
    if (!getCollection(world, collectionId)) throw collectionNotFound(collectionId);
    const offset = page.offset ?? 0;
    const limit = page.limit ?? DEFAULT_PAGE;
    const ids = tokensIn(world, collectionId, { offset, limit });
    return { collectionId, offset, limit, tokens: ids.map((i) => tokenJson(world, i.collectionId, i.tokenId)!) };
  },
});

/** nft_metadata. */
export const nftMetadata = defineMethod({
  name: 'nft_metadata',
  summary:
    "A token's ERC-721 metadata JSON: name, description, attributes (the traits derived from its content hash: element, charge, colours, motion, tempo, scale, root, waveform; generation for mined tokens), content_hash and the audio format with the WAV's SHA-256. The node serves it with an absolute animation_url at GET /nft/<collection>/<token>/metadata.json and the music at .../audio.wav. -32001 when unknown; -32000 NFT_NO_CONTENT for a token without a content hash.",
  params: [param('collectionId', collectionIdParam(), 'collection id'), param('tokenId', tokenIdParam(), 'token id')],
  result: { name: 'metadata', schema: metadataS },
  handler: (call, [collectionId, tokenId]: [number, bigint]): Record<string, unknown> => {
    const world = call.services.ctx.chain.world;
    try {
      return tokenMetadata(world, collectionId, tokenId);
    } catch (e) {
      if (e instanceof CoinworksError && e.code === 'NFT_NOT_FOUND') throw getCollection(world, collectionId) ? tokenNotFound(collectionId, tokenId) : collectionNotFound(collectionId);
      throw e;
    }
  },
});
