/**
 * Mined collections (POW NFT's Atoms), the consensus side: the 80-byte preimage a miner hashes, the
 * difficulty schedule, the token hash and the mint price. Shared with the off-chain miner
 * (src/nft/nft-miner.ts), so the node and the miner cannot disagree.
 *
 * Preimage (exactly 80 bytes, so the SHA-256d midstate kernel of src/miner scans it like a header,
 * nonce in the header's nonce slot):
 *   0..4    u32le collectionId
 *   4..36   prevHash: hash of the collection's last token (or its creation seed)
 *   36..56  miner address (the transaction sender: a nonce copied from the mempool is worthless)
 *   56..64  u64le extraNonce (rolled when the 2^32 nonces of one job run out)
 *   64..76  ASCII "cw-nft-pow/1" (domain tag: never a block header's merkle-root tail by design)
 *   76..80  u32le nonce
 * Valid when SHA-256d(preimage), read as a little-endian 256-bit integer (the kernel's reading),
 * is <= target(n) (POW NFT: keccak256(miner, prevHash, nonce) < difficulty).
 */
import { sha256, sha256d, taggedHash } from '../../../crypto/hash.js';
import type { PowParams } from './schemas.js';

/** Bytes of a mining preimage. */
export const POW_PREIMAGE_BYTES = 80;
/** The domain tag at bytes 64..76 of every preimage. */
export const POW_TAG = new TextEncoder().encode('cw-nft-pow/1');
/** POW NFT's Atoms schedule: BASE_DIFFICULTY = (2^256-1)/300, DIFFICULTY_RAMP = 3, linear past generation 13. */
export const DEFAULT_POW: PowParams = { divisor: 300n, ramp: 3, linearAfter: 13 };
/** 2^256 - 1. */
export const MAX_HASH = (1n << 256n) - 1n;

/** The 80-byte preimage for one nonce (layout in the file comment). */
export function powPreimage(collectionId: number, prevHash: Uint8Array, miner: Uint8Array, extraNonce: bigint, nonce: number): Uint8Array {
  const out = new Uint8Array(POW_PREIMAGE_BYTES);
  const v = new DataView(out.buffer);
  v.setUint32(0, collectionId, true);
  out.set(prevHash, 4);
  out.set(miner, 36);
  v.setBigUint64(56, extraNonce, true);
  out.set(POW_TAG, 64);
  v.setUint32(76, nonce >>> 0, true);
  return out;
}

/** A 32-byte hash read as a little-endian integer (Bitcoin's CheckProofOfWork reading). */
export function hashToBigIntLE(hash: Uint8Array): bigint {
  let v = 0n;
  for (let i = hash.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(hash[i]);
  return v;
}

/** POW NFT's generationOf(tokenId) = floor(log2(tokenId)), with tokenId = n + 1 for n tokens minted. */
export function generationOf(minted: bigint): number {
  return (minted + 1n).toString(2).length - 1;
}

/**
 * POW NFT's difficulty for the (n+1)-th token: ((2^256-1)/divisor) / ramp^g, and past generation
 * `linearAfter` further divided by tokenId - 2^(linearAfter+1) + 1 (POW NFT: tokenId - 2^14 + 1).
 */
export function powTarget(pow: PowParams, minted: bigint): bigint {
  const g = generationOf(minted);
  let t = MAX_HASH / pow.divisor / BigInt(pow.ramp) ** BigInt(g);
  if (g > pow.linearAfter) t /= minted + 1n - (1n << BigInt(pow.linearAfter + 1)) + 1n;
  return t;
}

/** Expected hashes to find one nonce at `target`: 2^256 / (target + 1), rounded up. */
export function expectedHashes(target: bigint): bigint {
  return ((1n << 256n) + target) / (target + 1n);
}

/** POW NFT's proof-of-work hash of a preimage: SHA-256d. */
export function powHash(preimage: Uint8Array): Uint8Array {
  return sha256d(preimage);
}

/** True when `hash` (little-endian reading) is <= target. */
export function meetsPowTarget(hash: Uint8Array, target: bigint): boolean {
  return hashToBigIntLE(hash) <= target;
}

/**
 * The stored token hash: SHA-256(powHash | parentHash | u64le(height)) of the including block (POW
 * NFT mixes in block.timestamp), so no one can compute a run of tokens before their blocks exist.
 */
export function tokenHashOf(pow: Uint8Array, parentHash: Uint8Array, height: bigint): Uint8Array {
  const buf = new Uint8Array(32 + parentHash.length + 8);
  buf.set(pow, 0);
  buf.set(parentHash, 32);
  new DataView(buf.buffer).setBigUint64(32 + parentHash.length, height, true);
  return sha256(buf);
}

/** prevHash of a new mined collection: seeded from its creation block, so no work can precede it. */
export function collectionSeed(collectionId: number, parentHash: Uint8Array, height: bigint): Uint8Array {
  const buf = new Uint8Array(4 + parentHash.length + 8);
  const v = new DataView(buf.buffer);
  v.setUint32(0, collectionId, true);
  buf.set(parentHash, 4);
  v.setBigUint64(4 + parentHash.length, height, true);
  return taggedHash('coinworks/nft-pow/seed', buf);
}

/** POW NFT's price of a generation-g token: (2^g - 1) * unit. */
export function minePrice(unit: bigint, generation: number): bigint {
  return ((1n << BigInt(generation)) - 1n) * unit;
}

/**
 * POW NFT's shares: each mint of generation G pays one unit to each of the 2^G - 1 earlier tokens
 * (ids 1 .. 2^G - 1, every token of a lower generation). So token `tokenId` (generation g) earns one
 * unit per token minted with id >= 2^(g+1); `paidUntil` is the count already paid out.
 */
export function shareOwed(unit: bigint, tokenId: bigint, minted: bigint, paidUntil: bigint): bigint {
  const g = generationOf(tokenId - 1n);
  const firstEarning = (1n << BigInt(g + 1)) - 1n; // tokens 1 .. 2^(g+1)-1 pay this one nothing
  const from = paidUntil > firstEarning ? paidUntil : firstEarning;
  return minted > from ? unit * (minted - from) : 0n;
}
