/**
 * `market_listings`, `market_getListing` and `market_account`: listings with their status at the
 * head block's time and the split a buy would pay now (royalty first, then the market fee, then the
 * seller), and an address's Seaport counter and claimable royalties and fees.
 */
import { encodeAddress } from '../../crypto/address.js';
import type { Json } from '../../encoding/codec.js';
import { listingJson, listings, marketAccountJson } from '../../nft/queries.js';
import { defineMethod, optionalParam, param } from '../method.js';
import { addressParam } from '../params.js';
import { addressS, arrS, decS, objS, uintS } from '../result-schemas.js';
import type { RpcServices } from '../services.js';
import { assetIdParam, collectionIdParam, DEFAULT_PAGE, listingNotFound, listingS, marketFeeBps, optionsParam, pageFields, tokenIdParam } from './nft-common.js';

function listingView(services: RpcServices, collectionId: number, tokenId: bigint): Json | null {
  const { chain } = services.ctx;
  const time = chain.tip.header.time;
  const feeBps = marketFeeBps(chain);
  const l = listingJson(chain.world, collectionId, tokenId, time, feeBps);
  return l && { ...(l as Record<string, Json>), feeBps, checkedAt: time };
}

/** market_getListing. */
export const marketGetListing = defineMethod({
  name: 'market_getListing',
  summary:
    "A token's listing: seller, price, asset, expiry, counter, the token serial and version it was made for, its status at the head block's time (active, or the error a buy would fail with: TX_LISTING_CANCELLED, TX_LISTING_EXPIRED, TX_LISTING_STALE), and the split of the price: royalty (floor(price x bps / 10000)) and its receiver, market fee, seller proceeds. -32001 when the token is not listed.",
  params: [param('collectionId', collectionIdParam(), 'collection id'), param('tokenId', tokenIdParam(), 'token id')],
  result: { name: 'listing', schema: listingS },
  handler: (call, [collectionId, tokenId]: [number, bigint]): Json => {
    const l = listingView(call.services, collectionId, tokenId);
    if (!l) throw listingNotFound(collectionId, tokenId);
    return l;
  },
});

/** Filter of market_listings. */
interface ListingFilter {
  readonly seller?: Uint8Array;
  readonly collectionId?: number;
  readonly offset?: number;
  readonly limit?: number;
}

/** Result of market_listings. */
export interface ListingsView {
  readonly total: number;
  readonly offset: number;
  readonly listings: Json[];
}

/** market_listings. */
export const marketListings = defineMethod({
  name: 'market_listings',
  summary:
    'Listings at the head in (collection, token id) order, optionally of one seller and/or one collection (paged: offset, limit up to 1000, default 100), each with its status and split as market_getListing gives them; stale, expired and cancelled listings are included (filter on status).',
  params: [
    optionalParam(
      'filter',
      optionsParam<ListingFilter>({ seller: addressParam('seller address'), collectionId: collectionIdParam(), ...pageFields }, 'filter and paging: {seller, collectionId, offset, limit}'),
      {},
      'filter and paging: {seller?, collectionId?, offset?, limit?}',
    ),
  ],
  result: { name: 'listings', schema: objS({ total: uintS, offset: uintS, listings: arrS(listingS) }) },
  handler: (call, [f]: [ListingFilter]): ListingsView => {
    const ids = listings(call.services.ctx.chain.world, { ...(f.seller ? { seller: f.seller } : {}), ...(f.collectionId !== undefined ? { collectionId: f.collectionId } : {}) });
    const offset = f.offset ?? 0;
    const slice = ids.slice(offset, offset + (f.limit ?? DEFAULT_PAGE));
    return { total: ids.length, offset, listings: slice.map((i) => listingView(call.services, i.collectionId, i.tokenId)!) };
  },
});

/** Result of market_account. */
export interface MarketAccountView {
  readonly address: string;
  readonly assetId: number;
  readonly counter: string;
  readonly claimable: string;
}

/** market_account. */
export const marketAccount = defineMethod({
  name: 'market_account',
  summary:
    "An address's market account at the head: its Seaport counter (listings made under a lower one are cancelled) and the royalties and fees credited to it in one asset, withdrawable with market.claim.",
  params: [param('address', addressParam(), 'bech32m address (cw1...)'), optionalParam('assetId', assetIdParam(), 0, 'asset of the claimable balance (default 0, the native coin)')],
  result: { name: 'account', schema: objS({ address: addressS, assetId: uintS, counter: decS, claimable: decS }) },
  handler: (call, [address, assetId]: [Uint8Array, number]): MarketAccountView => {
    const a = marketAccountJson(call.services.ctx.chain.world, address, assetId) as { counter: string; claimable: string };
    return { address: encodeAddress(address), assetId, counter: a.counter, claimable: a.claimable };
  },
});
