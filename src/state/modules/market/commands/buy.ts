/**
 * market.buy and market.claim. A buy is one atomic step (Zora Asks' fill order): the royalty first
 * (ERC-2981: floor(price * bps / 10000), token override else collection default), then the market
 * fee, then the seller gets the rest, then the token moves to the buyer with its approval cleared.
 *
 * No third party can block a sale: the royalty and the fee are not pushed to their receivers but
 * credited to claimable balances held in the market's escrow account (one per asset). A frozen or
 * blacklisted receiver, or one whose account is full, cannot make a sale revert; the transfer checks
 * still apply when that receiver claims (market.claim), so compliance is not bypassed. Only the
 * parties themselves (buyer paying, seller being paid) go through the checks during the sale.
 */
import { TxError } from '../../../../errors.js';
import { bytesEqual } from '../../../../encoding/hex.js';
import type { Command } from '../../../module.js';
import { balanceOf, getAccount } from '../../accounts/method.js';
import { moveCoins } from '../../bank/method.js';
import { escrowAddress, moveToken } from '../../nft/method.js';
import { ClaimedEvent, SoldEvent } from '../events.js';
import { addClaimable, claimableOf, getListing, listingStatus, removeListing, saleSplit, type MarketConfig } from '../method.js';
import { BuyParams, ClaimParams, type Listing } from '../schemas.js';
import { claimableKey, claimableStore, MARKET_MODULE } from '../stores.js';

/** Gas of market.buy. */
export const BUY_GAS = 40_000n;
/** Gas of market.claim. */
export const CLAIM_GAS = 10_000n;

/** Buys a listed token at its listed price and currency. */
export function buyCommand(config: MarketConfig): Command<BuyParams> {
  return {
    name: 'buy',
    schema: BuyParams,
    gas: () => BUY_GAS,
    verify({ params: p, sender, state, block }) {
      const l = getListing(state, p.collectionId, p.tokenId);
      if (!l) throw new TxError('TX_LISTING_NOT_FOUND', `token ${p.tokenId} of collection ${p.collectionId} is not listed`);
      if (l.price !== p.price || l.assetId !== p.assetId) {
        throw new TxError('TX_LISTING_MISMATCH', `listing is ${l.price} of asset ${l.assetId}, buyer offered ${p.price} of asset ${p.assetId}`);
      }
      const status = listingStatus(state, p.collectionId, p.tokenId, l, block.time);
      if (status === 'TX_LISTING_CANCELLED') throw new TxError(status, 'the seller cancelled this listing (counter bumped since)');
      if (status === 'TX_LISTING_EXPIRED') throw new TxError(status, `listing expired at ${l.expiresAt}, block time is ${block.time}`);
      if (status === 'TX_LISTING_STALE') throw new TxError(status, 'the token moved since it was listed (seller no longer owns it as listed)');
      if (bytesEqual(l.seller, sender)) throw new TxError('TX_INVALID_PARAMS', 'the seller cannot buy their own listing');
      const have = balanceOf(getAccount(state, sender), l.assetId);
      if (have < l.price) throw new TxError('TX_INSUFFICIENT_BALANCE', `balance ${have} of asset ${l.assetId} is below the price ${l.price}`, { assetId: l.assetId, balance: have.toString(), amount: l.price.toString(), what: 'price' });
    },
    execute({ params: p, sender, state, events, block }) {
      const l = getListing(state, p.collectionId, p.tokenId) as Listing;
      const split = saleSplit(state, p.collectionId, p.tokenId, l.price, config.feeBps);
      const feeRecipient = config.feeRecipient ?? block.beneficiary;
      // 1 + 2: royalty and fee go to the escrow at once, then to each receiver's claimable balance.
      const held = split.royalty + split.fee;
      if (held > 0n) moveCoins(state, events, config.checks, sender, escrowAddress(MARKET_MODULE, l.assetId), l.assetId, held);
      if (split.royaltyReceiver) addClaimable(state, events, split.royaltyReceiver, l.assetId, split.royalty);
      addClaimable(state, events, feeRecipient, l.assetId, split.fee);
      // 3: the seller's proceeds; 4: the token (approval cleared, version bumped).
      if (split.proceeds > 0n) moveCoins(state, events, config.checks, sender, l.seller, l.assetId, split.proceeds);
      moveToken(state, events, p.collectionId, p.tokenId, sender);
      removeListing(state, p.collectionId, p.tokenId, l.seller);
      events.emit(SoldEvent, {
        collectionId: p.collectionId,
        tokenId: p.tokenId,
        seller: l.seller,
        buyer: sender,
        assetId: l.assetId,
        price: l.price,
        royaltyReceiver: split.royaltyReceiver,
        royalty: split.royalty,
        feeRecipient,
        fee: split.fee,
        proceeds: split.proceeds,
      });
    },
  };
}

/** Withdraws the sender's claimable royalties and fees in one asset (transfer checks apply here). */
export function claimCommand(config: MarketConfig): Command<ClaimParams> {
  return {
    name: 'claim',
    schema: ClaimParams,
    gas: () => CLAIM_GAS,
    verify({ params: p, sender, state }) {
      if (claimableOf(state, sender, p.assetId) === 0n) throw new TxError('TX_NOTHING_TO_CLAIM', `nothing claimable in asset ${p.assetId}`);
    },
    execute({ params: p, sender, state, events }) {
      const amount = claimableOf(state, sender, p.assetId);
      claimableStore.del(state, claimableKey(sender, p.assetId));
      moveCoins(state, events, config.checks, escrowAddress(MARKET_MODULE, p.assetId), sender, p.assetId, amount);
      events.emit(ClaimedEvent, { owner: sender, assetId: p.assetId, amount });
    },
  };
}
