/** Stores of the market module. */
import { u64 } from '../../../encoding/codec.js';
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

/** Key suffix of a claimable balance. */
export function claimableKey(owner: Uint8Array, assetId: number): Uint8Array {
  const out = new Uint8Array(owner.length + 4);
  out.set(owner, 0);
  new DataView(out.buffer).setUint32(owner.length, assetId, false);
  return out;
}
