/**
 * The coinbase record: leaf 0 of the block's merkle tree, carrying everything the 80-byte header
 * cannot: chain id, height, beneficiary, the state and receipts roots after the block, gas used and
 * the base fee. Its encoding is laid out so the extranonce sits between a prefix and a suffix:
 * coinbase = coinb1 | extranonce1 | extranonce2 | coinb2, as Stratum v1 builds it.
 */
import { bytes, decode, encode, struct, u32, u64, varBytes, type Infer } from '../encoding/codec.js';
import { sha256d } from '../crypto/hash.js';
import { address } from './address-codec.js';
import { concatBytes } from '../encoding/hex.js';

/** Largest extranonce (extranonce1 + extranonce2) in bytes. */
export const MAX_EXTRANONCE_BYTES = 32;
/** Largest free-form coinbase data (pool tag) in bytes. */
export const MAX_EXTRA_DATA_BYTES = 64;

/** Largest engine data (`consensus`) a coinbase may carry: a BFT commit certificate and evidence. */
export const MAX_CONSENSUS_BYTES = 256 * 1024;
/** Largest encoded coinbase accepted by the decoder. */
export const MAX_COINBASE_BYTES = MAX_CONSENSUS_BYTES + 1024;

/**
 * Coinbase schema. `consensus` carries the engine's committed block data (empty for proof of work;
 * proposer, round, the parent's commit certificate and evidence for BFT). `extraNonce` must stay
 * second to last and `extraData` last (see `splitCoinbase`).
 */
export const Coinbase = struct('Coinbase', {
  chainId: u32,
  height: u64,
  beneficiary: address,
  stateRoot: bytes(32),
  receiptsRoot: bytes(32),
  gasUsed: u64,
  baseFeePerGas: u64,
  consensus: varBytes(MAX_CONSENSUS_BYTES),
  extraNonce: varBytes(MAX_EXTRANONCE_BYTES),
  extraData: varBytes(MAX_EXTRA_DATA_BYTES),
});
/** A coinbase record. */
export type Coinbase = Infer<typeof Coinbase>;

/** Canonical bytes of a coinbase. */
export function encodeCoinbase(c: Coinbase): Uint8Array {
  return encode(Coinbase, c);
}

/** Decodes a coinbase. */
export function decodeCoinbase(b: Uint8Array): Coinbase {
  return decode(Coinbase, b, MAX_COINBASE_BYTES);
}

/** Leaf 0 of the merkle tree: sha256d of the coinbase bytes. */
export function coinbaseHash(c: Coinbase): Uint8Array {
  return sha256d(encodeCoinbase(c));
}

/**
 * Splits a coinbase into Stratum's coinb1 and coinb2 around an extranonce of the given sizes.
 * The extranonce in `c` is ignored; coinb1 ends with the extranonce's length prefix, coinb2 is
 * the encoded extraData (never empty: it carries its own length prefix).
 */
export function splitCoinbase(c: Coinbase, extranonce1Size: number, extranonce2Size: number): { coinb1: Uint8Array; coinb2: Uint8Array } {
  const size = extranonce1Size + extranonce2Size;
  const full = encodeCoinbase({ ...c, extraNonce: new Uint8Array(size) });
  const suffix = encode(varBytes(MAX_EXTRA_DATA_BYTES), c.extraData);
  const prefixLen = full.length - suffix.length - size;
  return { coinb1: full.slice(0, prefixLen), coinb2: full.slice(prefixLen + size) };
}

/** Rebuilds coinbase bytes from Stratum parts. */
export function joinCoinbase(coinb1: Uint8Array, extranonce1: Uint8Array, extranonce2: Uint8Array, coinb2: Uint8Array): Uint8Array {
  return concatBytes(coinb1, extranonce1, extranonce2, coinb2);
}
