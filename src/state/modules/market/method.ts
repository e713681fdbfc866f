/**
 * What the RPC and other modules may call on the market: listings, counters, claimable balances,
 * a listing's status and a sale's split (royalty, fee, proceeds) exactly as market.buy pays it.
 */
import { CoinworksError, TxError } from '../../../errors.js';
import { bytesEqual } from '../../../encoding/hex.js';
import type { EventSink } from '../../module.js';
import type { StateReader, StateWriter } from '../../state-view.js';
import { MAX_AMOUNT } from '../accounts/method.js';
import { TransferChecks } from '../bank/method.js';
import { BPS_DENOMINATOR, getCollection, getToken, royaltyInfo, tokenKey } from '../nft/method.js';
import { CreditedClaimEvent } from './events.js';
import type { Listing } from './schemas.js';
import { claimableKey, claimableStore, counterStore, listingStore, sellerIndexStore, sellerListingKey } from './stores.js';

/** Default market fee: 1% (100 bps) of every sale. */
export const DEFAULT_MARKET_FEE_BPS = 100;
/** Highest market fee (10%); with royalties capped at 50% the seller always keeps at least 40%. */
export const MAX_MARKET_FEE_BPS = 1_000;

/** Market configuration (module config: the same on every node of a network). */
export interface MarketConfig {
  /** Fee in basis points of the price (default DEFAULT_MARKET_FEE_BPS). */
  readonly feeBps: number;
  /** Address credited with fees; null = the beneficiary of the block that includes the sale. */
  readonly feeRecipient: Uint8Array | null;
  /** The chain's transfer checks (shared with the bank). */
  readonly checks: TransferChecks;
}

/** Fills in and checks a market configuration (MARKET_BAD_CONFIG on a fee out of range). */
export function marketConfig(o: Partial<MarketConfig> = {}): MarketConfig {
  const feeBps = o.feeBps ?? DEFAULT_MARKET_FEE_BPS;
  if (!Number.isInteger(feeBps) || feeBps < 0 || feeBps > MAX_MARKET_FEE_BPS) throw new CoinworksError('MARKET_BAD_CONFIG', `market fee must be 0..${MAX_MARKET_FEE_BPS} bps`, { feeBps });
  if (o.feeRecipient && o.feeRecipient.length !== 20) throw new CoinworksError('MARKET_BAD_CONFIG', 'fee recipient must be a 20-byte address');
  return { feeBps, feeRecipient: o.feeRecipient ?? null, checks: o.checks ?? new TransferChecks() };
}

/** The listing of a token, if any (it may be stale, expired or cancelled: see listingStatus). */
export function getListing(state: StateReader, collectionId: number, tokenId: bigint): Listing | undefined {
  return listingStore.get(state, tokenKey(collectionId, tokenId));
}

/** Writes a token's listing and keeps the seller index in step (a listing by a new seller replaces the old one's entry). */
export function setListing(state: StateWriter, collectionId: number, tokenId: bigint, listing: Listing): void {
  const prev = getListing(state, collectionId, tokenId);
  if (prev && !bytesEqual(prev.seller, listing.seller)) sellerIndexStore.del(state, sellerListingKey(prev.seller, collectionId, tokenId));
  listingStore.set(state, tokenKey(collectionId, tokenId), listing);
  sellerIndexStore.set(state, sellerListingKey(listing.seller, collectionId, tokenId), true);
}

/** Deletes a token's listing (made by `seller`) and its seller-index entry. */
export function removeListing(state: StateWriter, collectionId: number, tokenId: bigint, seller: Uint8Array): void {
  listingStore.del(state, tokenKey(collectionId, tokenId));
  sellerIndexStore.del(state, sellerListingKey(seller, collectionId, tokenId));
}

/** A seller's current counter (Seaport's getCounter). */
export function counterOf(state: StateReader, seller: Uint8Array): bigint {
  return counterStore.get(state, seller) ?? 0n;
}

/** Royalties and fees `owner` can withdraw in `assetId`. */
export function claimableOf(state: StateReader, owner: Uint8Array, assetId: number): bigint {
  return claimableStore.get(state, claimableKey(owner, assetId)) ?? 0n;
}

/** Adds to a claimable balance (the coins are already in the market escrow) and emits `credited`. */
export function addClaimable(state: StateWriter, events: EventSink, owner: Uint8Array, assetId: number, amount: bigint): void {
  if (amount === 0n) return;
  const next = claimableOf(state, owner, assetId) + amount;
  if (next > MAX_AMOUNT) throw new TxError('TX_AMOUNT_OVERFLOW', `claimable balance would exceed ${MAX_AMOUNT}`);
  claimableStore.set(state, claimableKey(owner, assetId), next);
  events.emit(CreditedClaimEvent, { owner, assetId, amount });
}

/** Whether a listing can be filled at block time `time`, and if not, why (the TxError code buy raises). */
export type ListingStatus = 'active' | 'TX_LISTING_CANCELLED' | 'TX_LISTING_EXPIRED' | 'TX_LISTING_STALE';

/** A listing's status: cancelled by the counter, expired (time >= expiresAt), or stale (token moved). */
export function listingStatus(state: StateReader, collectionId: number, tokenId: bigint, l: Listing, time: number): ListingStatus {
  if (l.counter !== counterOf(state, l.seller)) return 'TX_LISTING_CANCELLED';
  if (BigInt(time) >= l.expiresAt) return 'TX_LISTING_EXPIRED';
  const t = getToken(state, collectionId, tokenId);
  if (!t || !bytesEqual(t.owner, l.seller) || t.serial !== l.serial || t.version !== l.version) return 'TX_LISTING_STALE';
  return 'active';
}

/** How a sale at `price` splits: royalty (ERC-2981, floor), market fee (floor), and the seller's rest. */
export interface SaleSplit {
  readonly royaltyReceiver: Uint8Array | null;
  readonly royalty: bigint;
  readonly fee: bigint;
  readonly proceeds: bigint;
}

/** The split market.buy pays for a token at `price` (royalty: token override, else collection default). */
export function saleSplit(state: StateReader, collectionId: number, tokenId: bigint, price: bigint, feeBps: number): SaleSplit {
  const c = getCollection(state, collectionId);
  const t = getToken(state, collectionId, tokenId);
  const r = c && t ? royaltyInfo(c, t, price) : null;
  const royalty = r?.amount ?? 0n;
  const fee = (price * BigInt(feeBps)) / BPS_DENOMINATOR;
  return { royaltyReceiver: r?.receiver ?? null, royalty, fee, proceeds: price - royalty - fee };
}
