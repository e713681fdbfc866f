/**
 * Chain work, difficulty and the hash-versus-target check. Work follows Bitcoin Core's
 * GetBlockProof (src/chain.cpp); difficulty is Bitcoin's diff1 / target (diff1 = nBits 0x1d00ffff);
 * the proof-of-work check is CheckProofOfWork's final comparison (src/pow.cpp): hash <= target.
 */
import { DecodeError } from '../../errors.js';
import { hashToBigInt } from '../../primitives/header.js';
import { compactToTarget, targetFromBits } from './compact.js';

/** The difficulty-1 target, 0xffff * 2^208 (compact 0x1d00ffff), as in Bitcoin's GetDifficulty. */
export const DIFF1_TARGET = 0xffffn << 208n;

/** Expected number of hashes to meet the target of `bits`: floor(2^256 / (target + 1)); 0 for negative, overflowing or zero bits (GetBlockProof). */
export function workForBits(bits: number): bigint {
  const { target, negative, overflow } = compactToTarget(bits);
  if (negative || overflow || target === 0n) return 0n;
  // GetBlockProof computes (~target / (target + 1)) + 1, which equals floor(2^256 / (target + 1)).
  return (1n << 256n) / (target + 1n);
}

/** Exact difficulty of `bits` as a reduced fraction DIFF1_TARGET / target; throws BlockError for invalid bits (targetFromBits). */
export function difficultyOf(bits: number): { numerator: bigint; denominator: bigint } {
  const target = targetFromBits(bits);
  const g = gcd(DIFF1_TARGET, target);
  return { numerator: DIFF1_TARGET / g, denominator: target / g };
}

/** Difficulty of `bits` as a decimal string truncated (not rounded) to `decimals` places, e.g. "1.00000000" for 0x1d00ffff. */
export function formatDifficulty(bits: number, decimals = 8): string {
  if (!Number.isSafeInteger(decimals) || decimals < 0 || decimals > 100) {
    throw new DecodeError('DECODE_INVALID', `decimals must be an integer in [0, 100], got ${String(decimals)}`, { decimals: String(decimals) });
  }
  const { numerator, denominator } = difficultyOf(bits);
  const whole = numerator / denominator;
  if (decimals === 0) return whole.toString();
  const frac = ((numerator % denominator) * 10n ** BigInt(decimals)) / denominator;
  return `${whole}.${frac.toString().padStart(decimals, '0')}`;
}

/** Difficulty of `bits` as a floating-point number, for display (RPC, logs, charts) ONLY: never use it in consensus. */
export function difficultyNumber(bits: number): number {
  const { numerator, denominator } = difficultyOf(bits);
  return Number(numerator) / Number(denominator);
}

/** True when a 32-byte hash, read as a little-endian 256-bit integer, is <= target (CheckProofOfWork). */
export function hashMeetsTarget(hashLE: Uint8Array, target: bigint): boolean {
  if (!(hashLE instanceof Uint8Array) || hashLE.length !== 32) {
    throw new DecodeError('DECODE_INVALID', `hash must be 32 bytes, got ${hashLE?.length}`, { length: hashLE?.length });
  }
  return hashToBigInt(hashLE) <= target;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}
