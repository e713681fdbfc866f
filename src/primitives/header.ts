/**
 * The proof-of-work header: Bitcoin's 80-byte layout, so unmodified SHA-256d miner software can
 * hash it. LE32(version) | prevHash | merkleRoot | LE32(time) | LE32(bits) | LE32(nonce).
 * Everything else a block commits to (height, state root, fees) lives in the coinbase, leaf 0 of
 * the merkle tree, exactly where Stratum v1 expects the pool's data.
 */
import { decode, encode, hash256, struct, u32, type Infer } from '../encoding/codec.js';
import { sha256d } from '../crypto/hash.js';

/** Header schema (80 bytes). */
export const Header = struct('Header', {
  version: u32,
  prevHash: hash256,
  merkleRoot: hash256,
  time: u32,
  bits: u32,
  nonce: u32,
});
/** A block header. */
export type Header = Infer<typeof Header>;

/** Encoded header size in bytes. */
export const HEADER_BYTES = 80;

/** Canonical 80 header bytes. */
export function encodeHeader(h: Header): Uint8Array {
  return encode(Header, h);
}

/** Decodes exactly 80 bytes. */
export function decodeHeader(b: Uint8Array): Header {
  return decode(Header, b, HEADER_BYTES);
}

/** Block hash: sha256d of the 80 header bytes, internal byte order (read as a little-endian number for PoW). */
export function headerHash(h: Header): Uint8Array {
  return sha256d(encodeHeader(h));
}

/** The hash as a 256-bit little-endian integer, for comparison with the target. */
export function hashToBigInt(hash: Uint8Array): bigint {
  let v = 0n;
  for (let i = 31; i >= 0; i--) v = (v << 8n) | BigInt(hash[i]);
  return v;
}
