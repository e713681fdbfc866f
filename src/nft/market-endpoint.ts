/**
 * RPC endpoints of the market module (Lisk's endpoint.ts, interfaces in
 * state/modules/market/api.ts): listings with their status at the head block's time and the split a
 * buy would pay now (royalty first, then the market fee, then the seller), and an address's Seaport
 * counter and claimable royalties and fees.
 */
import type { Static } from '@sinclair/typebox';
import { encodeAddress } from '../crypto/address.js';
import { cursorKey, endpoint, nextCursor, notFound, type AnyEndpoint, type EndpointContext, type EndpointError, type HeadInfo, type HeadState } from '../state/endpoint.js';
import { Listing, marketAccount, marketGetListing, marketListings } from '../state/modules/market/api.js';
import { DEFAULT_MARKET_FEE_BPS, type MarketConfig } from '../state/modules/market/method.js';
import { MARKET_MODULE } from '../state/modules/market/stores.js';
import { DEFAULT_PAGE } from '../state/modules/nft/api.js';
import { listingJson, lists, marketAccountJson, tokenIdOfKey } from './queries.js';

type ListingView = Static<typeof Listing>;

/** -32001 for a token that is not listed (data.code LISTING_NOT_FOUND). */
export function listingNotFound(collectionId: number, tokenId: bigint): EndpointError {
  return notFound(`listing of token ${tokenId} of collection ${collectionId}`, { code: 'LISTING_NOT_FOUND', collectionId, tokenId: tokenId.toString() });
}

/** The market fee of the chain's market module, in basis points. */
export function marketFeeBps(ctx: Pick<EndpointContext, 'modules'>): number {
  const m = ctx.modules.find((x) => x.name === MARKET_MODULE) as { config?: MarketConfig } | undefined;
  return m?.config?.feeBps ?? DEFAULT_MARKET_FEE_BPS;
}

function listingView(state: HeadState, head: HeadInfo, feeBps: number, collectionId: number, tokenId: bigint): ListingView | null {
  const l = listingJson(state, collectionId, tokenId, head.time, feeBps);
  return l === null ? null : ({ ...(l as object), feeBps, checkedAt: head.time } as ListingView);
}

/** market_getListing. */
export const marketGetListingEndpoint = endpoint(marketGetListing, (ctx, [collectionId, tokenId]) => {
  const feeBps = marketFeeBps(ctx);
  return ctx.view((state, head) => {
    const l = listingView(state, head, feeBps, collectionId, tokenId);
    if (!l) throw listingNotFound(collectionId, tokenId);
    return l;
  });
});

/** market_listings. */
export const marketListingsEndpoint = endpoint(marketListings, (ctx, [f]) => {
  const feeBps = marketFeeBps(ctx);
  const prefix = lists.listings({ ...(f.seller ? { seller: f.seller } : {}), ...(f.collectionId !== undefined ? { collectionId: f.collectionId } : {}) });
  const after = cursorKey(prefix, f.cursor);
  const o = { ...(after !== undefined ? { after } : {}), skip: f.offset ?? 0, limit: f.limit ?? DEFAULT_PAGE, count: true };
  return ctx.page(prefix, o, (p, state, head) => ({
    total: p.total ?? 0,
    offset: o.skip,
    listings: p.entries.map(([k]) => {
      const i = tokenIdOfKey(k);
      return listingView(state, head, feeBps, i.collectionId, i.tokenId)!;
    }),
    next: nextCursor(prefix, p.next),
  }));
});

/** market_account. */
export const marketAccountEndpoint = endpoint(marketAccount, (ctx, [address, assetId]) =>
  ctx.view((state) => {
    const a = marketAccountJson(state, address, assetId) as { counter: string; claimable: string };
    return { address: encodeAddress(address), assetId, counter: a.counter, claimable: a.claimable };
  }),
);

/** Every endpoint of the market module, for the RPC registry. */
export const marketEndpoints: readonly AnyEndpoint[] = [marketListingsEndpoint, marketGetListingEndpoint, marketAccountEndpoint];
