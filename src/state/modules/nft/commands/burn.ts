/**
 * nft.burn (ERC-721 _burn: by the owner, approved address or an operator) and nft.claimShare (POW
 * NFT's withdraw: a mined token's owner takes the units later mints paid it).
 */
import { TxError } from '../../../../errors.js';
import { bytesEqual } from '../../../../encoding/hex.js';
import type { Command, EventSink } from '../../../module.js';
import type { StateWriter } from '../../../state-view.js';
import { moveCoins, type TransferChecks } from '../../bank/method.js';
import { NftTransferEvent, ShareClaimedEvent } from '../events.js';
import { canMove, deleteToken, escrowAddress, owedTo, putToken, requireCollection, requireToken, ZERO_ADDRESS } from '../method.js';
import { TokenRef, type Collection, type Token } from '../schemas.js';
import { collectionKey, collectionStore, NFT_MODULE } from '../stores.js';

/** Gas of nft.burn and nft.claimShare. */
export const BURN_GAS = 10_000n;

/** Pays a token's owed share from escrow to its owner; returns the token with the payout recorded. */
function payShare(state: StateWriter, events: EventSink, checks: TransferChecks, ref: TokenRef, c: Collection, token: Token, owed: bigint): Token {
  moveCoins(state, events, checks, escrowAddress(NFT_MODULE, c.mintAsset), token.owner, c.mintAsset, owed);
  events.emit(ShareClaimedEvent, { collectionId: ref.collectionId, tokenId: ref.tokenId, owner: token.owner, assetId: c.mintAsset, amount: owed });
  return { ...token, sharesPaidUntil: c.minted };
}

/** Destroys a token; a mined token's owed share is paid to its owner first (later shares stay in escrow). */
export function burnCommand(checks: TransferChecks): Command<TokenRef> {
  return {
    name: 'burn',
    schema: TokenRef,
    gas: () => BURN_GAS,
    verify({ params: p, sender, state }) {
      const token = requireToken(state, p.collectionId, p.tokenId);
      if (!canMove(state, p.collectionId, token, sender)) throw new TxError('TX_NOT_OWNER', 'sender is not the owner, the approved address or an operator (ERC-721)');
    },
    execute({ params: p, state, events }) {
      const c = requireCollection(state, p.collectionId);
      let token = requireToken(state, p.collectionId, p.tokenId);
      const owed = owedTo(c, p.tokenId, token);
      if (owed > 0n) token = payShare(state, events, checks, p, c, token, owed);
      deleteToken(state, p.collectionId, p.tokenId, token);
      collectionStore.set(state, collectionKey(p.collectionId), { ...c, burned: c.burned + 1n });
      events.emit(NftTransferEvent, { collectionId: p.collectionId, tokenId: p.tokenId, from: token.owner, to: ZERO_ADDRESS });
    },
  };
}

/** Pays the owner of a mined token the units owed to it (POW NFT's withdraw). */
export function claimShareCommand(checks: TransferChecks): Command<TokenRef> {
  return {
    name: 'claimShare',
    schema: TokenRef,
    gas: () => BURN_GAS,
    verify({ params: p, sender, state }) {
      const c = requireCollection(state, p.collectionId);
      const token = requireToken(state, p.collectionId, p.tokenId);
      if (!bytesEqual(token.owner, sender)) throw new TxError('TX_NOT_OWNER', 'only the owner claims a token share');
      if (owedTo(c, p.tokenId, token) === 0n) throw new TxError('TX_NOTHING_TO_CLAIM', `token ${p.tokenId} is owed nothing`);
    },
    execute({ params: p, state, events }) {
      const c = requireCollection(state, p.collectionId);
      const token = requireToken(state, p.collectionId, p.tokenId);
      const next = payShare(state, events, checks, p, c, token, owedTo(c, p.tokenId, token));
      putToken(state, p.collectionId, p.tokenId, next);
    },
  };
}
