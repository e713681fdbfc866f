/**
 * Read side for the RPC and CLI (nft_* and market_*): JSON views of collections, tokens and
 * listings with the derived facts a client needs (effective URI and royalty, the next mined token's
 * target and price, a listing's status and split), owner and collection scans, and the token's
 * metadata JSON and WAV. Reads a state view; scans need `entries(prefix)` (WorldState has it).
 */
import { CoinworksError } from '../errors.js';
import type { Json } from '../encoding/codec.js';
import { bytesEqual } from '../encoding/hex.js';
import { address } from '../primitives/address-codec.js';
import { stringToKey } from '../state/keys.js';
import type { StateReader } from '../state/state-view.js';
import { getCollection, getToken, owedTo, royaltyOf, tokenUri } from '../state/modules/nft/method.js';
import { expectedHashes, generationOf, minePrice, powTarget } from '../state/modules/nft/pow.js';
import { Collection, Royalty, Token } from '../state/modules/nft/schemas.js';
import { collectionKey, collectionStore, ownedStore, tokenStore } from '../state/modules/nft/stores.js';
import { claimableOf, counterOf, getListing, listingStatus, saleSplit } from '../state/modules/market/method.js';
import { Listing } from '../state/modules/market/schemas.js';
import { listingStore } from '../state/modules/market/stores.js';
import { buildMetadata } from './metadata.js';
import { renderWav } from './music.js';

/** A state view that can also list keys by prefix (WorldState). */
export interface ScannableState extends StateReader {
  entries(prefix?: string): Iterable<[string, Uint8Array]>;
}

/** A token's place: collection and id. */
export interface TokenId {
  readonly collectionId: number;
  readonly tokenId: bigint;
}

function idsOf(keyTail: Uint8Array): TokenId {
  const v = new DataView(keyTail.buffer, keyTail.byteOffset, keyTail.byteLength);
  return { collectionId: v.getUint32(0, false), tokenId: v.getBigUint64(4, false) };
}

function byId(a: TokenId, b: TokenId): number {
  return a.collectionId - b.collectionId || (a.tokenId < b.tokenId ? -1 : a.tokenId > b.tokenId ? 1 : 0);
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

/** Tokens an address owns, in (collection, id) order. */
export function tokensOf(state: ScannableState, owner: Uint8Array): TokenId[] {
  const prefix = ownedStore.key(owner);
  const out: TokenId[] = [];
  for (const [k] of state.entries(prefix)) out.push(idsOf(stringToKey(k.slice(prefix.length))));
  return out.sort(byId);
}

/** Tokens of one collection in id order, `offset`/`limit` paged. */
export function tokensIn(state: ScannableState, collectionId: number, o: { offset?: number; limit?: number } = {}): TokenId[] {
  const prefix = tokenStore.key(collectionKey(collectionId));
  const out: TokenId[] = [];
  for (const [k] of state.entries(prefix)) out.push(idsOf(stringToKey(k.slice(tokenStore.prefix.length))));
  out.sort(byId);
  return out.slice(o.offset ?? 0, (o.offset ?? 0) + (o.limit ?? 100));
}

/** Ids of every collection, ascending. */
export function collectionIds(state: ScannableState): number[] {
  const out: number[] = [];
  for (const [k] of state.entries(collectionStore.prefix)) {
    const tail = stringToKey(k.slice(collectionStore.prefix.length));
    out.push(new DataView(tail.buffer).getUint32(0, false));
  }
  return out.sort((a, b) => a - b);
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

/** Every listing (optionally of one seller or collection), in (collection, id) order; status not checked. */
export function listings(state: ScannableState, o: { seller?: Uint8Array; collectionId?: number } = {}): TokenId[] {
  const out: TokenId[] = [];
  for (const [k, v] of state.entries(listingStore.prefix)) {
    const id = idsOf(stringToKey(k.slice(listingStore.prefix.length)));
    if (o.collectionId !== undefined && id.collectionId !== o.collectionId) continue;
    // The seller is a listing's first field: compare its 20 bytes without decoding the rest.
    if (o.seller && !bytesEqual(v.subarray(0, 20), o.seller)) continue;
    out.push(id);
  }
  return out.sort(byId);
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
