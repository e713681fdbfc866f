/**
 * What other modules (the marketplace) and the RPC may call on the nft module: read collections and
 * tokens, check ERC-721 authority, move a token, and compute ERC-2981 royalties.
 */
import { TxError } from '../../../errors.js';
import { bytesEqual } from '../../../encoding/hex.js';
import { sha256 } from '../../../crypto/hash.js';
import type { EventSink } from '../../module.js';
import type { StateReader, StateWriter } from '../../state-view.js';
import { NftApprovalEvent, NftTransferEvent } from './events.js';
import { shareOwed } from './pow.js';
import { BPS_DENOMINATOR, type Collection, type Royalty, type Token } from './schemas.js';
import { collectionKey, collectionStore, operatorKey, operatorStore, ownedKey, ownedStore, tokenKey, tokenStore } from './stores.js';

/** The key of one token (u32be collection | u64be token), which the market keys its listings by. */
export { tokenKey } from './stores.js';
/** Basis points in a whole (royalty and fee rates), and the record shapes other modules read. */
export { BPS_DENOMINATOR, type Collection, type Royalty, type Token } from './schemas.js';

/** The zero address: ERC-721 never mints or transfers to it. */
export const ZERO_ADDRESS = new Uint8Array(20);

/** True for the all-zero address. */
export function isZeroAddress(a: Uint8Array): boolean {
  for (const b of a) if (b !== 0) return false;
  return true;
}

/** A collection, or undefined. */
export function getCollection(state: StateReader, collectionId: number): Collection | undefined {
  return collectionStore.get(state, collectionKey(collectionId));
}

/** A collection; TX_COLLECTION_NOT_FOUND if absent. */
export function requireCollection(state: StateReader, collectionId: number): Collection {
  const c = getCollection(state, collectionId);
  if (!c) throw new TxError('TX_COLLECTION_NOT_FOUND', `collection ${collectionId} does not exist`, { collectionId });
  return c;
}

/** A token, or undefined. */
export function getToken(state: StateReader, collectionId: number, tokenId: bigint): Token | undefined {
  return tokenStore.get(state, tokenKey(collectionId, tokenId));
}

/** A token; TX_NFT_NOT_FOUND if absent (never minted, or burned). */
export function requireToken(state: StateReader, collectionId: number, tokenId: bigint): Token {
  const t = getToken(state, collectionId, tokenId);
  if (!t) throw new TxError('TX_NFT_NOT_FOUND', `token ${tokenId} of collection ${collectionId} does not exist`, { collectionId, tokenId: tokenId.toString() });
  return t;
}

/** ERC-721 isApprovedForAll, per collection. */
export function isOperator(state: StateReader, collectionId: number, owner: Uint8Array, operator: Uint8Array): boolean {
  return operatorStore.get(state, operatorKey(collectionId, owner, operator)) === true;
}

/** Sets or clears an operator approval (only `true` is stored). */
export function setOperator(state: StateWriter, collectionId: number, owner: Uint8Array, operator: Uint8Array, approved: boolean): void {
  if (approved) operatorStore.set(state, operatorKey(collectionId, owner, operator), true);
  else operatorStore.del(state, operatorKey(collectionId, owner, operator));
}

/** ERC-721 _isApprovedOrOwner: the owner, the token's approved address, or an operator of the owner. */
export function canMove(state: StateReader, collectionId: number, token: Token, who: Uint8Array): boolean {
  if (bytesEqual(token.owner, who)) return true;
  if (token.approved && bytesEqual(token.approved, who)) return true;
  return isOperator(state, collectionId, token.owner, who);
}

/** Writes a token (new or changed) and keeps the owner index in step. */
export function putToken(state: StateWriter, collectionId: number, tokenId: bigint, token: Token, prevOwner?: Uint8Array): void {
  if (prevOwner && !bytesEqual(prevOwner, token.owner)) ownedStore.del(state, ownedKey(prevOwner, collectionId, tokenId));
  tokenStore.set(state, tokenKey(collectionId, tokenId), token);
  ownedStore.set(state, ownedKey(token.owner, collectionId, tokenId), true);
}

/** Deletes a token and its owner-index entry. */
export function deleteToken(state: StateWriter, collectionId: number, tokenId: bigint, token: Token): void {
  tokenStore.del(state, tokenKey(collectionId, tokenId));
  ownedStore.del(state, ownedKey(token.owner, collectionId, tokenId));
}

/**
 * ERC-721 _transfer: moves a token to `to` (never the zero address), clears its approval and bumps
 * its version (stale listings), emitting Approval(cleared) when one was set, then Transfer.
 * Authority is the caller's business (commands check `canMove`, the market its listing).
 */
export function moveToken(state: StateWriter, events: EventSink, collectionId: number, tokenId: bigint, to: Uint8Array): Token {
  if (isZeroAddress(to)) throw new TxError('TX_NFT_ZERO_ADDRESS', 'cannot transfer to the zero address (ERC-721)');
  const token = requireToken(state, collectionId, tokenId);
  const next: Token = { ...token, owner: to, approved: null, version: token.version + 1n };
  putToken(state, collectionId, tokenId, next, token.owner);
  if (token.approved) events.emit(NftApprovalEvent, { collectionId, tokenId, owner: token.owner, approved: null });
  events.emit(NftTransferEvent, { collectionId, tokenId, from: token.owner, to });
  return next;
}

/** The royalty that applies to a token: its own, else the collection default (ERC-2981). */
export function royaltyOf(collection: Collection, token: Token): Royalty | null {
  return token.royalty ?? collection.royalty ?? null;
}

/** ERC-2981 royaltyInfo: receiver and floor(price * bps / 10000), or null when no royalty applies. */
export function royaltyInfo(collection: Collection, token: Token, price: bigint): { receiver: Uint8Array; amount: bigint } | null {
  const r = royaltyOf(collection, token);
  if (!r) return null;
  return { receiver: r.receiver, amount: (price * BigInt(r.bps)) / BPS_DENOMINATOR };
}

/** ERC-721 tokenURI: the token's own URI, else the collection base followed by the decimal id. */
export function tokenUri(collection: Collection, token: Token, tokenId: bigint): string {
  return token.uri !== '' ? token.uri : collection.baseUri === '' ? '' : `${collection.baseUri}${tokenId}`;
}

/**
 * The account a module holds coins of one asset in (mint-price shares, royalties awaiting a claim):
 * first 20 bytes of SHA-256("coinworks/escrow/<module>/<assetId>"), an address no key controls. One
 * account per asset, so the 256-assets-per-account limit can never fill it.
 */
export function escrowAddress(module: string, assetId: number): Uint8Array {
  return sha256(new TextEncoder().encode(`coinworks/escrow/${module}/${assetId}`)).slice(0, 20);
}

/** What a token is owed now from later mint prices (0 unless it is a mined token of a priced collection). */
export function owedTo(c: Collection, tokenId: bigint, token: Token): bigint {
  if (c.mintRule !== 'mined' || c.mintPrice === 0n) return 0n;
  return shareOwed(c.mintPrice, tokenId, c.minted, token.sharesPaidUntil);
}
