/**
 * Stores of the nft module. Keys are big-endian so a prefix scan lists a collection's tokens, or an
 * owner's tokens, in id order (what the RPC's nft_tokensOf reads).
 */
import { bool, u32 } from '../../../encoding/codec.js';
import { Store } from '../../store.js';
import { Collection, Token } from './schemas.js';

/** Name of the module (key prefix `nft/`). */
export const NFT_MODULE = 'nft';

/** Id the next collection gets (ids start at 1); key suffix ''. */
export const nextCollectionStore = new Store(NFT_MODULE, 'next', u32);
/** Collections keyed by u32be(collectionId). */
export const collectionStore = new Store(NFT_MODULE, 'collection', Collection);
/** Tokens keyed by u32be(collectionId) | u64be(tokenId). */
export const tokenStore = new Store(NFT_MODULE, 'token', Token);
/** ERC-721 operators (approval for all), keyed by u32be(collectionId) | owner | operator; only `true` is stored. */
export const operatorStore = new Store(NFT_MODULE, 'operator', bool);
/** Owner index keyed by owner | u32be(collectionId) | u64be(tokenId); only `true` is stored. */
export const ownedStore = new Store(NFT_MODULE, 'owned', bool);

/** Key suffix of a collection. */
export function collectionKey(collectionId: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, collectionId, false);
  return out;
}

/** Key suffix of a token. */
export function tokenKey(collectionId: number, tokenId: bigint): Uint8Array {
  const out = new Uint8Array(12);
  const v = new DataView(out.buffer);
  v.setUint32(0, collectionId, false);
  v.setBigUint64(4, tokenId, false);
  return out;
}

/** Key suffix of an operator approval. */
export function operatorKey(collectionId: number, owner: Uint8Array, operator: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + owner.length + operator.length);
  out.set(collectionKey(collectionId), 0);
  out.set(owner, 4);
  out.set(operator, 4 + owner.length);
  return out;
}

/** Key suffix of an owner-index entry (the owner alone is the prefix of all their tokens). */
export function ownedKey(owner: Uint8Array, collectionId: number, tokenId: bigint): Uint8Array {
  const out = new Uint8Array(owner.length + 12);
  out.set(owner, 0);
  out.set(tokenKey(collectionId, tokenId), owner.length);
  return out;
}
