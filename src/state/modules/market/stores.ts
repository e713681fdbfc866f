/** Stores of the market module. */
import { bool, u64 } from '../../../encoding/codec.js';
import { Store } from '../../store.js';
import { Listing } from './schemas.js';

/** Name of the module (key prefix `market/`). */
export const MARKET_MODULE = 'market';

/** Listings keyed by u32be(collectionId) | u64be(tokenId) (nft's tokenKey): one per token. */
export const listingStore = new Store(MARKET_MODULE, 'listing', Listing);
/** Seaport's per-seller counter, keyed by address (absent = 0). */
export const counterStore = new Store(MARKET_MODULE, 'counter', u64);
/** Claimable royalties and fees keyed by address | u32be(assetId); the coins sit in the market escrow. */
export const claimableStore = new Store(MARKET_MODULE, 'claimable', u64);

/**
 * Seller index of the listings, keyed by seller | u32be(collectionId) | u64be(tokenId); only `true`
 * is stored, exactly while that seller's listing of the token exists (`setListing` /
 * `removeListing`), so `market_listings` of one seller reads a key range, not every listing.
 */
export const sellerIndexStore = new Store(MARKET_MODULE, 'bySeller', bool);

/** Key suffix of a seller-index entry (the seller alone is the prefix of all its listings). */
export function sellerListingKey(seller: Uint8Array, collectionId?: number, tokenId?: bigint): Uint8Array {
  const tail = collectionId === undefined ? 0 : tokenId === undefined ? 4 : 12;
  const out = new Uint8Array(seller.length + tail);
  out.set(seller, 0);
  const v = new DataView(out.buffer);
  if (collectionId !== undefined) v.setUint32(seller.length, collectionId, false);
  if (tokenId !== undefined) v.setBigUint64(seller.length + 4, tokenId, false);
  return out;
}

/** Key suffix of a claimable balance. */
export function claimableKey(owner: Uint8Array, assetId: number): Uint8Array {
  const out = new Uint8Array(owner.length + 4);
  out.set(owner, 0);
  new DataView(out.buffer).setUint32(owner.length, assetId, false);
  return out;
}
