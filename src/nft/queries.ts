/**
 * Read side for the RPC and CLI (nft_* and market_*): JSON views of collections, tokens and
 * listings with the derived facts a client needs (effective URI and royalty, the next mined token's
 * target and price, a listing's status and split), the key prefixes lists page through (owner index,
 * a collection's tokens, collections, listings and the seller index), and the token's metadata JSON
 * and WAV. Reads a state view; lists read pages of keys (`EndpointContext.page`).
 */
import { CoinworksError } from '../errors.js';
import type { Json } from '../encoding/codec.js';
import { address } from '../primitives/address-codec.js';
import { stringToKey } from '../state/keys.js';
import type { StateReader } from '../state/state-view.js';
import { getCollection, getToken, owedTo, royaltyOf, tokenUri } from '../state/modules/nft/method.js';
import { expectedHashes, generationOf, minePrice, powTarget } from '../state/modules/nft/pow.js';
import { Collection, Royalty, Token } from '../state/modules/nft/schemas.js';
import { collectionKey, collectionStore, ownedStore, tokenStore } from '../state/modules/nft/stores.js';
import { claimableOf, counterOf, getListing, listingStatus, saleSplit } from '../state/modules/market/method.js';
import { Listing } from '../state/modules/market/schemas.js';
import { listingStore, sellerIndexStore, sellerListingKey } from '../state/modules/market/stores.js';
import { buildMetadata } from './metadata.js';
import { renderWav } from './music.js';

/** A token's place: collection and id. */
export interface TokenId {
  readonly collectionId: number;
  readonly tokenId: bigint;
}

function idsOf(keyTail: Uint8Array): TokenId {
  const v = new DataView(keyTail.buffer, keyTail.byteOffset, keyTail.byteLength);
  return { collectionId: v.getUint32(0, false), tokenId: v.getBigUint64(4, false) };
}

/** JSON of a collection, plus for a mined one the next token's id, generation, target, expected hashes and price. */
export function collectionJson(state: StateReader, collectionId: number): Json | null {
  const c = getCollection(state, collectionId);
  if (!c) return null;
  const out: Record<string, Json> = { collectionId, ...(Collection.toJson(c) as Record<string, Json>) };
  if (c.mintRule === 'mined' && c.pow) {
    const target = powTarget(c.pow, c.minted);
    const g = generationOf(c.minted);
    out.next = { tokenId: (c.minted + 1n).toString(), generation: g, target: target.toString(16).padStart(64, '0'), expectedHashes: expectedHashes(target).toString(), price: minePrice(c.mintPrice, g).toString() };
  }
  return out;
}

/** JSON of a token with its effective URI and royalty and, for a mined token, its owed share. */
export function tokenJson(state: StateReader, collectionId: number, tokenId: bigint): Json | null {
  const c = getCollection(state, collectionId);
  const t = getToken(state, collectionId, tokenId);
  if (!c || !t) return null;
  const royalty = royaltyOf(c, t);
  return {
    collectionId,
    tokenId: tokenId.toString(),
    ...(Token.toJson(t) as Record<string, Json>),
    tokenUri: tokenUri(c, t, tokenId),
    effectiveRoyalty: royalty ? Royalty.toJson(royalty) : null,
    owedShare: owedTo(c, tokenId, t).toString(),
  };
}

/**
 * Key prefixes of the lists (`EndpointContext.page` reads them in key order): each entry's key,
 * after `prefix`, ends in the token's u32be(collectionId) | u64be(tokenId) (`tokenIdOfKey`).
 */
export const lists = {
  /** An owner's tokens (nft's owner index): (collection, id) order. */
  owned: (owner: Uint8Array): string => ownedStore.key(owner),
  /** A collection's tokens: id order. */
  collectionTokens: (collectionId: number): string => tokenStore.key(collectionKey(collectionId)),
  /** Every collection (key tail: u32be id). */
  collections: (): string => collectionStore.prefix,
  /**
   * Listings, optionally of one seller (the market's seller index) and/or one collection:
   * (collection, id) order.
   */
  listings: (o: { seller?: Uint8Array; collectionId?: number } = {}): string =>
    o.seller ? sellerIndexStore.key(sellerListingKey(o.seller, o.collectionId)) : o.collectionId !== undefined ? listingStore.key(collectionKey(o.collectionId)) : listingStore.prefix,
};

/** The token a list entry's key names: its last 12 bytes are u32be(collectionId) | u64be(tokenId). */
export function tokenIdOfKey(key: string): TokenId {
  return idsOf(stringToKey(key.slice(key.length - 12)));
}

/** The collection id a `lists.collections()` entry's key names. */
export function collectionIdOfKey(key: string): number {
  const tail = stringToKey(key.slice(collectionStore.prefix.length));
  return new DataView(tail.buffer, tail.byteOffset, tail.byteLength).getUint32(0, false);
}

/** JSON of a listing with its status at block time `time` and the split a buy would pay. */
export function listingJson(state: StateReader, collectionId: number, tokenId: bigint, time: number, feeBps: number): Json | null {
  const l = getListing(state, collectionId, tokenId);
  if (!l) return null;
  const split = saleSplit(state, collectionId, tokenId, l.price, feeBps);
  return {
    collectionId,
    tokenId: tokenId.toString(),
    ...(Listing.toJson(l) as Record<string, Json>),
    status: listingStatus(state, collectionId, tokenId, l, time),
    royaltyReceiver: split.royaltyReceiver ? address.toJson(split.royaltyReceiver) : null,
    royalty: split.royalty.toString(),
    fee: split.fee.toString(),
    proceeds: split.proceeds.toString(),
  };
}

/** A seller's counter and an address's claimable balance of an asset (market_counter, market_claimable). */
export function marketAccountJson(state: StateReader, address: Uint8Array, assetId: number): Json {
  return { counter: counterOf(state, address).toString(), claimable: claimableOf(state, address, assetId).toString() };
}

function contentOf(state: StateReader, collectionId: number, tokenId: bigint): { c: Collection; t: Token } {
  const c = getCollection(state, collectionId);
  const t = getToken(state, collectionId, tokenId);
  if (!c || !t) throw new CoinworksError('NFT_NOT_FOUND', `token ${tokenId} of collection ${collectionId} does not exist`, { collectionId, tokenId: tokenId.toString() });
  if (t.contentHash.every((b) => b === 0)) throw new CoinworksError('NFT_NO_CONTENT', 'token has no content hash to derive traits and music from', { collectionId, tokenId: tokenId.toString() });
  return { c, t };
}

/** The metadata JSON object of a token (traits from its content hash; generation for mined tokens). */
export function tokenMetadata(state: StateReader, collectionId: number, tokenId: bigint, o: { audioUrl?: string } = {}): Record<string, unknown> {
  const { c, t } = contentOf(state, collectionId, tokenId);
  const generation = c.mintRule === 'mined' ? generationOf(tokenId - 1n) : undefined;
  return buildMetadata({ collectionId, collectionName: c.name, symbol: c.symbol, tokenId, contentHash: t.contentHash, generation, audioUrl: o.audioUrl, withAudioHash: true });
}

/** The WAV bytes of a token (same content hash, same bytes). */
export function tokenWav(state: StateReader, collectionId: number, tokenId: bigint): Uint8Array {
  return renderWav(contentOf(state, collectionId, tokenId).t.contentHash);
}
