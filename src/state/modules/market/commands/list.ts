/**
 * market.list, market.cancel, market.cancelAll. Only the token's owner lists (Zora Asks: a new ask
 * replaces the old one); the seller, the current owner or its operator cancels one listing; cancelAll
 * bumps the seller's counter so every older listing is void (Seaport's incrementCounter).
 */
import { TxError } from '../../../../errors.js';
import { bytesEqual } from '../../../../encoding/hex.js';
import type { Command } from '../../../module.js';
import { getToken, isOperator, requireToken } from '../../nft/method.js';
import { CounterIncrementedEvent, ListedEvent, ListingCancelledEvent } from '../events.js';
import { counterOf, getListing, removeListing, setListing } from '../method.js';
import { CancelAllParams, CancelParams, ListParams, type Listing } from '../schemas.js';
import { counterStore } from '../stores.js';

/** Gas of market.list. */
export const LIST_GAS = 10_000n;
/** Gas of market.cancel and market.cancelAll. */
export const CANCEL_GAS = 5_000n;

/** Lists a token the sender owns at a price in one asset until `expiresAt` (block time, exclusive). */
export function listCommand(): Command<ListParams> {
  return {
    name: 'list',
    schema: ListParams,
    gas: () => LIST_GAS,
    verify({ params: p, sender, state, block }) {
      const token = requireToken(state, p.collectionId, p.tokenId);
      if (!bytesEqual(token.owner, sender)) throw new TxError('TX_NOT_OWNER', 'only the owner lists a token');
      if (p.price === 0n) throw new TxError('TX_INVALID_PARAMS', 'price must be positive');
      if (p.expiresAt <= BigInt(block.time)) throw new TxError('TX_LISTING_EXPIRED', `expiry ${p.expiresAt} is not after block time ${block.time}`);
    },
    execute({ params: p, sender, state, events, block }) {
      const token = requireToken(state, p.collectionId, p.tokenId);
      const counter = counterOf(state, sender);
      const listing: Listing = {
        seller: sender,
        price: p.price,
        assetId: p.assetId,
        expiresAt: p.expiresAt,
        counter,
        serial: token.serial,
        version: token.version,
        listedAt: block.height,
      };
      setListing(state, p.collectionId, p.tokenId, listing);
      events.emit(ListedEvent, { collectionId: p.collectionId, tokenId: p.tokenId, seller: sender, price: p.price, assetId: p.assetId, expiresAt: p.expiresAt, counter });
    },
  };
}

/** Cancels one listing: by its seller, or the token's current owner or an operator of that owner. */
export function cancelCommand(): Command<CancelParams> {
  return {
    name: 'cancel',
    schema: CancelParams,
    gas: () => CANCEL_GAS,
    verify({ params: p, sender, state }) {
      const l = getListing(state, p.collectionId, p.tokenId);
      if (!l) throw new TxError('TX_LISTING_NOT_FOUND', `token ${p.tokenId} of collection ${p.collectionId} is not listed`);
      if (bytesEqual(l.seller, sender)) return;
      const t = getToken(state, p.collectionId, p.tokenId);
      if (t && (bytesEqual(t.owner, sender) || isOperator(state, p.collectionId, t.owner, sender))) return;
      throw new TxError('TX_NOT_OWNER', 'only the seller, the owner or an operator cancels a listing');
    },
    execute({ params: p, state, events }) {
      const l = getListing(state, p.collectionId, p.tokenId) as Listing;
      removeListing(state, p.collectionId, p.tokenId, l.seller);
      events.emit(ListingCancelledEvent, { collectionId: p.collectionId, tokenId: p.tokenId, seller: l.seller });
    },
  };
}

/** Seaport's incrementCounter: voids every listing the sender made so far. */
export function cancelAllCommand(): Command<CancelAllParams> {
  return {
    name: 'cancelAll',
    schema: CancelAllParams,
    gas: () => CANCEL_GAS,
    execute({ sender, state, events }) {
      const counter = counterOf(state, sender) + 1n;
      counterStore.set(state, sender, counter);
      events.emit(CounterIncrementedEvent, { seller: sender, counter });
    },
  };
}
