/**
 * RPC interface of the market module (schema-only, browser-safe): `market_listings`,
 * `market_getListing`, `market_account`. The handlers are the read side in
 * src/nft/market-endpoint.ts.
 */
import { AddressParam, OptionsParam } from '../../../api/params.js';
import { defineSpec, optionalParam, param } from '../../../api/spec.js';
import { Address, Arr, Dec, Nullable, Obj, StrEnum, Uint } from '../../../api/wire.js';
import { AssetIdParam, CollectionIdParam, NextCursor, pageFields, TokenIdParam } from '../nft/api.js';
import * as S from './schemas.js';

/** A listing's status: active, or the error a buy would fail with now. */
export const ListingStatus = StrEnum(['active', 'TX_LISTING_CANCELLED', 'TX_LISTING_EXPIRED', 'TX_LISTING_STALE']);

/** A listing with its status and split (market_getListing, market_listings). */
export const Listing = Obj({
  collectionId: Uint,
  tokenId: Dec,
  seller: Address,
  price: Dec,
  assetId: Uint,
  expiresAt: Dec,
  counter: Dec,
  serial: Dec,
  version: Dec,
  listedAt: Dec,
  status: ListingStatus,
  royaltyReceiver: Nullable(Address),
  royalty: Dec,
  fee: Dec,
  proceeds: Dec,
  feeBps: Uint,
  /** Block time the status was checked at (the head's). */
  checkedAt: Uint,
});

/** A page of listings. */
export const ListingList = Obj({ total: Uint, offset: Uint, listings: Arr(Listing), next: NextCursor });

/** An address's market account (market_account). */
export const MarketAccount = Obj({ address: Address, assetId: Uint, counter: Dec, claimable: Dec });

/** market_getListing. */
export const marketGetListing = defineSpec({
  name: 'market_getListing',
  summary:
    "A token's listing: seller, price, asset, expiry, counter, the token serial and version it was made for, its status at the head block's time (active, or the error a buy would fail with: TX_LISTING_CANCELLED, TX_LISTING_EXPIRED, TX_LISTING_STALE), and the split of the price: royalty (floor(price x bps / 10000)) and its receiver, market fee, seller proceeds. -32001 when the token is not listed.",
  params: [param('collectionId', CollectionIdParam(), 'collection id'), param('tokenId', TokenIdParam(), 'token id')],
  result: { name: 'listing', schema: Listing },
});

/** market_listings. */
export const marketListings = defineSpec({
  name: 'market_listings',
  summary:
    'Listings at the head in (collection, token id) order, optionally of one seller (read from the seller index) and/or one collection, and how many match; paged with a cursor (`next` of the previous page, same filter), limit up to 1000 (default 100); offset also works, O(offset). Each has its status and split as market_getListing gives them; stale, expired and cancelled listings are included (filter on status).',
  params: [
    optionalParam(
      'filter',
      OptionsParam({ seller: AddressParam('seller address'), collectionId: CollectionIdParam(), ...pageFields }, 'filter and paging: {seller, collectionId, cursor, offset, limit}'),
      {},
      'filter and paging: {seller?, collectionId?, cursor?, offset?, limit?}',
    ),
  ],
  result: { name: 'listings', schema: ListingList },
});

/** market_account. */
export const marketAccount = defineSpec({
  name: 'market_account',
  summary:
    "An address's market account at the head: its Seaport counter (listings made under a lower one are cancelled) and the royalties and fees credited to it in one asset, withdrawable with market.claim.",
  params: [param('address', AddressParam(), 'bech32m address (cw1...)'), optionalParam('assetId', AssetIdParam(), 0, 'asset of the claimable balance (default 0, the native coin)')],
  result: { name: 'account', schema: MarketAccount },
});

/** Params codec of each market command (the same objects its commands declare; test/state/command-params.test.ts holds them equal). */
export const commandParams = { list: S.ListParams, cancel: S.CancelParams, cancelAll: S.CancelAllParams, buy: S.BuyParams, claim: S.ClaimParams } as const;
