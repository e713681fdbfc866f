/**
 * Compact "nBits" target encoding, exactly as Bitcoin Core's arith_uint256::SetCompact / GetCompact
 * (src/arith_uint256.cpp): a base-256 float with an 8-bit exponent (byte length) and a 23-bit
 * mantissa; 0x00800000 is a sign bit. Targets are unsigned 256-bit integers held in bigint.
 */
import { BlockError, DecodeError, EncodeError } from '../../errors.js';

/** Largest 256-bit unsigned integer (2^256 - 1): the width of a target, as arith_uint256. */
export const MAX_UINT256 = (1n << 256n) - 1n;

/** A decoded compact value with Bitcoin's negative and overflow flags (SetCompact's pfNegative/pfOverflow). */
export interface DecodedCompact {
  /** Magnitude, truncated to 256 bits as arith_uint256 would hold it. */
  readonly target: bigint;
  /** Sign bit set with a non-zero mantissa: never a valid target. */
  readonly negative: boolean;
  /** The value does not fit in 256 bits: never a valid target. */
  readonly overflow: boolean;
}

function requireUint32(bits: number): void {
  if (!Number.isInteger(bits) || bits < 0 || bits > 0xffffffff) {
    throw new DecodeError('DECODE_INVALID', `compact bits must be a uint32, got ${String(bits)}`, { bits: String(bits) });
  }
}

/** Decodes compact bits to a target with Bitcoin's negative/overflow flags (arith_uint256::SetCompact); never throws for a uint32. */
export function compactToTarget(bits: number): DecodedCompact {
  requireUint32(bits);
  const size = bits >>> 24;
  let word = bits & 0x007fffff;
  let target: bigint;
  if (size <= 3) {
    // SetCompact: the mantissa is shifted right when the exponent is below 3 bytes.
    word >>>= 8 * (3 - size);
    target = BigInt(word);
  } else {
    target = BigInt(word) << BigInt(8 * (size - 3));
  }
  // SetCompact: negative and overflow are only reported for a non-zero (post-shift) mantissa.
  const negative = word !== 0 && (bits & 0x00800000) !== 0;
  const overflow = word !== 0 && (size > 34 || (word > 0xff && size > 33) || (word > 0xffff && size > 32));
  return { target: target & MAX_UINT256, negative, overflow };
}

/** Encodes a non-negative 256-bit target as canonical compact bits (arith_uint256::GetCompact with fNegative = false). */
export function targetToCompact(target: bigint): number {
  if (typeof target !== 'bigint' || target < 0n || target > MAX_UINT256) {
    throw new EncodeError('ENCODE_INVALID', `target must be an unsigned 256-bit integer, got ${String(target)}`, { target: String(target) });
  }
  if (target === 0n) return 0;
  let size = (target.toString(16).length + 1) >> 1; // byte length, as (bits() + 7) / 8
  // Keep the top three bytes (shifting left when the target is shorter): always below 2^24.
  let compact = size <= 3 ? Number(target) << (8 * (3 - size)) : Number(target >> BigInt(8 * (size - 3)));
  // GetCompact: a mantissa with its top bit set would read as negative, so move one byte into the exponent.
  if (compact & 0x00800000) {
    compact >>>= 8;
    size += 1;
  }
  return ((size << 24) | compact) >>> 0;
}

/**
 * Target of compact bits for consensus: throws `BlockError(BLOCK_BAD_DIFFICULTY)` when the bits are
 * negative, zero or overflowing (the first checks of Bitcoin Core's CheckProofOfWork / DeriveTarget).
 */
export function targetFromBits(bits: number): bigint {
  const { target, negative, overflow } = compactToTarget(bits);
  const reason = negative ? 'negative' : overflow ? 'overflow' : target === 0n ? 'zero' : null;
  if (reason !== null) {
    throw new BlockError('BLOCK_BAD_DIFFICULTY', `compact bits 0x${bits.toString(16).padStart(8, '0')} are ${reason}`, { bits, reason });
  }
  return target;
}
