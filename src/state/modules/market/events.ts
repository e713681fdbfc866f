/** Events of the market module. */
import { optional, struct, u32, u64 } from '../../../encoding/codec.js';
import { address } from '../../../primitives/address-codec.js';
import { EventType } from '../../events.js';

/** A token was listed (replacing any earlier listing of it). */
export const ListedEvent = new EventType(
  'market',
  'listed',
  struct('Listed', { collectionId: u32, tokenId: u64, seller: address, price: u64, assetId: u32, expiresAt: u64, counter: u64 }),
);
/** A listing was cancelled. */
export const ListingCancelledEvent = new EventType('market', 'cancelled', struct('ListingCancelled', { collectionId: u32, tokenId: u64, seller: address }));
/** Seaport's CounterIncremented: every listing of `seller` made under a lower counter is void. */
export const CounterIncrementedEvent = new EventType('market', 'counterIncremented', struct('CounterIncremented', { seller: address, counter: u64 }));
/** A sale: royalty first, then the market fee, then the seller's proceeds; the token moved to the buyer. */
export const SoldEvent = new EventType(
  'market',
  'sold',
  struct('Sold', {
    collectionId: u32,
    tokenId: u64,
    seller: address,
    buyer: address,
    assetId: u32,
    price: u64,
    royaltyReceiver: optional(address),
    royalty: u64,
    feeRecipient: address,
    fee: u64,
    proceeds: u64,
  }),
);
/** A claimable balance grew (royalty or fee credited to the market escrow). */
export const CreditedClaimEvent = new EventType('market', 'credited', struct('CreditedClaim', { owner: address, assetId: u32, amount: u64 }));
/** A claimable balance was withdrawn. */
export const ClaimedEvent = new EventType('market', 'claimed', struct('Claimed', { owner: address, assetId: u32, amount: u64 }));

/** Every event type of the module. */
export const MARKET_EVENTS = [ListedEvent, ListingCancelledEvent, CounterIncrementedEvent, SoldEvent, CreditedClaimEvent, ClaimedEvent];
