/**
 * Records and parameters of the market module: one listing per token (Zora Asks: a new ask replaces
 * the old one), each stamped with the seller's counter (Seaport: bumping it cancels every older order).
 */
import { struct, u32, u64, type Infer } from '../../../encoding/codec.js';
import { address } from '../../../primitives/address-codec.js';

/** A listing of one token. */
export const Listing = struct('Listing', {
  seller: address,
  /** Price in base units of `assetId`. */
  price: u64,
  /** Currency: 0 = native coin, else any asset id. */
  assetId: u32,
  /** Block time (seconds) from which the listing can no longer be filled (Seaport endTime, exclusive). */
  expiresAt: u64,
  /** The seller's counter when listed; fillable only while it is still the seller's counter. */
  counter: u64,
  /** The token's serial and version when listed: any transfer or re-mint since makes the listing stale. */
  serial: u64,
  version: u64,
  /** Height of the block that listed it. */
  listedAt: u64,
});
/** A listing record. */
export type Listing = Infer<typeof Listing>;

/** market.list parameters. */
export const ListParams = struct('ListParams', { collectionId: u32, tokenId: u64, price: u64, assetId: u32, expiresAt: u64 });
/** market.list parameters. */
export type ListParams = Infer<typeof ListParams>;

/** market.cancel parameters. */
export const CancelParams = struct('CancelParams', { collectionId: u32, tokenId: u64 });
/** market.cancel parameters. */
export type CancelParams = Infer<typeof CancelParams>;

/** market.cancelAll parameters: none (bumps the sender's counter). */
export const CancelAllParams = struct('CancelAllParams', {});
/** market.cancelAll parameters. */
export type CancelAllParams = Infer<typeof CancelAllParams>;

/** market.buy parameters: the buyer restates price and currency, so a re-listing cannot surprise them. */
export const BuyParams = struct('BuyParams', { collectionId: u32, tokenId: u64, price: u64, assetId: u32 });
/** market.buy parameters. */
export type BuyParams = Infer<typeof BuyParams>;

/** market.claim parameters: withdraw the sender's claimable balance of one asset. */
export const ClaimParams = struct('ClaimParams', { assetId: u32 });
/** market.claim parameters. */
export type ClaimParams = Infer<typeof ClaimParams>;
