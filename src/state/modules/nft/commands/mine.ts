/**
 * nft.mine (POW NFT's mine(nonce)): mints the next token of a mined collection to the sender when
 * SHA-256d of the 80-byte preimage built with the SENDER's address meets target(n). The stored
 * token hash mixes in the including block and becomes the collection's prevHash, so each mint
 * invalidates everyone's work in progress. A priced collection takes (2^g - 1) units into escrow,
 * one unit owed to each earlier-generation token (nft.claimShare pays it out).
 */
import { TxError } from '../../../../errors.js';
import type { Command } from '../../../module.js';
import { balanceOf, getAccount, MAX_AMOUNT } from '../../accounts/method.js';
import { moveCoins, type TransferChecks } from '../../bank/method.js';
import { MinedEvent, NftTransferEvent } from '../events.js';
import { escrowAddress, putToken, requireCollection, ZERO_ADDRESS } from '../method.js';
import { generationOf, hashToBigIntLE, meetsPowTarget, minePrice, powHash, powPreimage, powTarget, tokenHashOf } from '../pow.js';
import { MineParams, type Collection, type PowParams } from '../schemas.js';
import { collectionKey, collectionStore, NFT_MODULE } from '../stores.js';
import { checkSupply } from './mint.js';

/** Gas of nft.mine. */
export const MINE_GAS = 40_000n;

/** The collection, its schedule and the checked proof-of-work hash of this attempt. */
function checkWork(c: Collection, p: MineParams, sender: Uint8Array): { pow: PowParams; hash: Uint8Array; generation: number; price: bigint } {
  if (c.mintRule !== 'mined' || !c.pow) throw new TxError('TX_NFT_MINT_CLOSED', `collection ${p.collectionId} is not mined`);
  checkSupply(c);
  const target = powTarget(c.pow, c.minted);
  // POW NFT: the hash binds the miner's address; a nonce found for another address fails here.
  const hash = powHash(powPreimage(p.collectionId, c.prevHash, sender, p.extraNonce, p.nonce));
  if (!meetsPowTarget(hash, target)) {
    throw new TxError('TX_BAD_POW_NONCE', `hash of nonce ${p.nonce} (extraNonce ${p.extraNonce}) is above the target for token ${c.minted + 1n}`, {
      hash: hashToBigIntLE(hash).toString(16),
      target: target.toString(16),
    });
  }
  const generation = generationOf(c.minted);
  const price = minePrice(c.mintPrice, generation);
  if (price > MAX_AMOUNT) throw new TxError('TX_AMOUNT_OVERFLOW', `mint price ${price} exceeds ${MAX_AMOUNT}`);
  return { pow: c.pow, hash, generation, price };
}

/** Mints the next token of a mined collection for a valid nonce. */
export function mineCommand(checks: TransferChecks): Command<MineParams> {
  return {
    name: 'mine',
    schema: MineParams,
    gas: () => MINE_GAS,
    verify({ params: p, sender, state }) {
      const c = requireCollection(state, p.collectionId);
      const { price } = checkWork(c, p, sender);
      const have = balanceOf(getAccount(state, sender), c.mintAsset);
      if (have < price) throw new TxError('TX_INSUFFICIENT_BALANCE', `balance ${have} of asset ${c.mintAsset} is below the mint price ${price}`, { assetId: c.mintAsset, balance: have.toString(), amount: price.toString(), what: 'mint price' });
    },
    execute({ params: p, sender, state, events, block }) {
      const c = requireCollection(state, p.collectionId);
      const { hash, generation, price } = checkWork(c, p, sender);
      if (price > 0n) moveCoins(state, events, checks, sender, escrowAddress(NFT_MODULE, c.mintAsset), c.mintAsset, price);
      const tokenId = c.minted + 1n; // POW NFT: tokenId = number minted + 1
      const tokenHash = tokenHashOf(hash, block.parentHash, block.height);
      putToken(state, p.collectionId, tokenId, {
        owner: sender,
        approved: null,
        contentHash: tokenHash,
        uri: '',
        royalty: null,
        serial: c.minted,
        version: 0n,
        mintedAt: block.height,
        sharesPaidUntil: 0n,
      });
      collectionStore.set(state, collectionKey(p.collectionId), { ...c, minted: tokenId, prevHash: tokenHash });
      events.emit(NftTransferEvent, { collectionId: p.collectionId, tokenId, from: ZERO_ADDRESS, to: sender });
      events.emit(MinedEvent, { collectionId: p.collectionId, tokenId, miner: sender, powHash: hash, tokenHash, generation, price });
    },
  };
}
