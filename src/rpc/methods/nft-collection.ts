/**
 * `nft_getCollection`, `nft_listCollections` and `nft_miningJob`: collections at the head (a mined
 * one with its next token's target, expected hashes and price) and the work unit of a mined
 * collection's next token for one miner address.
 */
import { encodeAddress } from '../../crypto/address.js';
import type { Json } from '../../encoding/codec.js';
import { bytesToHex, hashToDisplay } from '../../encoding/hex.js';
import { CoinworksError } from '../../errors.js';
import { jobPreimage, nftMiningJob } from '../../nft/nft-miner.js';
import { collectionIds, collectionJson } from '../../nft/queries.js';
import { POW_PREIMAGE_BYTES, POW_TAG } from '../../state/modules/nft/pow.js';
import { defineMethod, optionalParam, param } from '../method.js';
import { addressParam } from '../params.js';
import { addressS, arrS, bytes32S, decS, hashS, hexS, objS, strS, uintS } from '../result-schemas.js';
import { collectionIdParam, collectionNotFound, collectionS, DEFAULT_PAGE, optionsParam, pageFields, target256S, type PageOptions } from './nft-common.js';

/** nft_getCollection. */
export const nftGetCollection = defineMethod({
  name: 'nft_getCollection',
  summary:
    'A collection at the head: creator, name, symbol, supply counts, default royalty, base URI, mint rule and price; a mined collection also has its schedule, prevHash and `next` (token id, generation, target, expected hashes, price). -32001 when unknown.',
  params: [param('collectionId', collectionIdParam(), 'collection id')],
  result: { name: 'collection', schema: collectionS },
  handler: (call, [collectionId]: [number]): Json => {
    const c = collectionJson(call.services.ctx.chain.world, collectionId);
    if (!c) throw collectionNotFound(collectionId);
    return c;
  },
});

/** Result of nft_listCollections. */
export interface CollectionListView {
  readonly total: number;
  readonly offset: number;
  readonly collections: Json[];
}

/** nft_listCollections. */
export const nftListCollections = defineMethod({
  name: 'nft_listCollections',
  summary: 'Collections at the head in id order (paged: offset, limit up to 1000, default 100) and how many exist.',
  params: [optionalParam('page', optionsParam<PageOptions>(pageFields, 'paging: {offset, limit}'), {}, 'paging: {offset, limit}')],
  result: { name: 'collections', schema: objS({ total: uintS, offset: uintS, collections: arrS(collectionS) }) },
  handler: (call, [page]: [PageOptions]): CollectionListView => {
    const world = call.services.ctx.chain.world;
    const ids = collectionIds(world);
    const offset = page.offset ?? 0;
    const slice = ids.slice(offset, offset + (page.limit ?? DEFAULT_PAGE));
    return { total: ids.length, offset, collections: slice.map((id) => collectionJson(world, id)!) };
  },
});

/** Result of nft_miningJob. */
export interface MiningJobView {
  readonly collectionId: number;
  readonly miner: string;
  readonly height: number;
  readonly tipHash: string;
  readonly prevHash: string;
  readonly minerBytes: string;
  readonly tag: string;
  readonly preimage: string;
  readonly minted: string;
  readonly tokenId: string;
  readonly generation: number;
  readonly target: string;
  readonly expectedHashes: string;
  readonly price: string;
  readonly assetId: number;
}

/** nft_miningJob. */
export const nftMiningJobMethod = defineMethod({
  name: 'nft_miningJob',
  summary:
    "The work unit of a mined collection's next token for one miner address, as of the head: the 80-byte preimage (u32le collectionId | prevHash | miner address | u64le extraNonce | \"cw-nft-pow/1\" | u32le nonce; given with extraNonce 0 and nonce 0) and its fields, the target (SHA-256d of the preimage read little-endian must be <= it; 64 hex digits, big-endian), generation, expected hashes and mint price. The job is void once prevHash changes (any mint). -32001 for an unknown collection; -32000 NFT_NOT_MINED, NFT_SOLD_OUT.",
  params: [param('collectionId', collectionIdParam(), 'collection id'), param('minerAddress', addressParam(), 'address that will send nft.mine (the preimage binds it)')],
  result: {
    name: 'job',
    schema: objS({
      collectionId: uintS,
      miner: addressS,
      height: uintS,
      tipHash: hashS,
      prevHash: bytes32S,
      minerBytes: { type: 'string', pattern: '^[0-9a-f]{40}$' },
      tag: strS,
      preimage: { ...hexS, pattern: `^[0-9a-f]{${2 * POW_PREIMAGE_BYTES}}$` },
      minted: decS,
      tokenId: decS,
      generation: uintS,
      target: target256S,
      expectedHashes: decS,
      price: decS,
      assetId: uintS,
    }),
  },
  handler: (call, [collectionId, miner]: [number, Uint8Array]): MiningJobView => {
    const { chain } = call.services.ctx;
    let job;
    try {
      job = nftMiningJob(chain.world, collectionId, miner);
    } catch (e) {
      if (e instanceof CoinworksError && e.code === 'NFT_NOT_FOUND') throw collectionNotFound(collectionId);
      throw e;
    }
    return {
      collectionId,
      miner: encodeAddress(miner),
      height: chain.tip.height,
      tipHash: hashToDisplay(chain.tip.hash),
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
  },
});
