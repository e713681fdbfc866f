/**
 * nft.mint: the creator mints any free id (ERC-721 _safeMint); in an open-mint collection anyone
 * mints a free id by paying the price to the creator. Mined collections mint only through nft.mine.
 */
import { TxError } from '../../../../errors.js';
import { bytesEqual } from '../../../../encoding/hex.js';
import type { Command } from '../../../module.js';
import { balanceOf, getAccount } from '../../accounts/method.js';
import { moveCoins, type TransferChecks } from '../../bank/method.js';
import { NftTransferEvent } from '../events.js';
import { getToken, isZeroAddress, putToken, requireCollection, ZERO_ADDRESS } from '../method.js';
import { MintParams, type Collection } from '../schemas.js';
import { collectionKey, collectionStore } from '../stores.js';
import { checkRoyalty } from './create-collection.js';

/** Gas of nft.mint. */
export const MINT_GAS = 30_000n;

/** TX_NFT_SOLD_OUT when the collection has minted its maximum supply. */
export function checkSupply(c: Collection): void {
  if (c.maxSupply !== 0n && c.minted >= c.maxSupply) throw new TxError('TX_NFT_SOLD_OUT', `collection has minted its maximum supply of ${c.maxSupply}`);
}

/** True when an open mint by `sender` must pay the price (the creator mints free). */
function pays(c: Collection, sender: Uint8Array): boolean {
  return c.mintRule === 'open' && c.mintPrice > 0n && !bytesEqual(sender, c.creator);
}

/** Mints one token (creator-only or open-mint collections). */
export function mintCommand(checks: TransferChecks): Command<MintParams> {
  return {
    name: 'mint',
    schema: MintParams,
    gas: () => MINT_GAS,
    verify({ params: p, sender, state }) {
      const c = requireCollection(state, p.collectionId);
      if (c.mintRule === 'mined') throw new TxError('TX_NFT_MINT_CLOSED', 'a mined collection mints only through nft.mine');
      const isCreator = bytesEqual(sender, c.creator);
      if (c.mintRule === 'creator' && !isCreator) throw new TxError('TX_NOT_CREATOR', 'only the creator mints in this collection');
      // Content and royalty are the creator's: an open minter gets the collection's (base URI + id).
      if (!isCreator && (!isZeroAddress(p.contentHash) || p.uri !== '' || p.royalty !== null)) {
        throw new TxError('TX_NOT_CREATOR', 'only the creator sets a token content hash, URI or royalty');
      }
      checkRoyalty(p.royalty);
      // ERC-721: no mint to the zero address, no mint of an existing id.
      if (isZeroAddress(p.to)) throw new TxError('TX_NFT_ZERO_ADDRESS', 'cannot mint to the zero address (ERC-721)');
      checkSupply(c);
      if (getToken(state, p.collectionId, p.tokenId)) throw new TxError('TX_NFT_EXISTS', `token ${p.tokenId} already exists`, { tokenId: p.tokenId.toString() });
      if (pays(c, sender)) {
        const have = balanceOf(getAccount(state, sender), c.mintAsset);
        if (have < c.mintPrice) throw new TxError('TX_INSUFFICIENT_BALANCE', `balance ${have} of asset ${c.mintAsset} is below the mint price ${c.mintPrice}`, { assetId: c.mintAsset, balance: have.toString(), amount: c.mintPrice.toString(), what: 'mint price' });
      }
    },
    execute({ params: p, sender, state, events, block }) {
      const c = requireCollection(state, p.collectionId);
      if (pays(c, sender)) moveCoins(state, events, checks, sender, c.creator, c.mintAsset, c.mintPrice);
      putToken(state, p.collectionId, p.tokenId, {
        owner: p.to,
        approved: null,
        contentHash: p.contentHash,
        uri: p.uri,
        royalty: p.royalty,
        serial: c.minted,
        version: 0n,
        mintedAt: block.height,
        sharesPaidUntil: 0n,
      });
      collectionStore.set(state, collectionKey(p.collectionId), { ...c, minted: c.minted + 1n });
      events.emit(NftTransferEvent, { collectionId: p.collectionId, tokenId: p.tokenId, from: ZERO_ADDRESS, to: p.to });
    },
  };
}
