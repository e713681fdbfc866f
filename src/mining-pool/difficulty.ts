/**
 * Share difficulty, exactly. The pool hands out only powers of two (difficulty 2^exp), so that
 * - `mining.set_difficulty` sends a number JSON and every miner's double arithmetic represent
 *   exactly (cpuminer computes its target as diff1 / diff: exact for a power of two);
 * - the share target is diff1 shifted by `exp` bits, an exact bigint;
 * - a share's credit is an exact integer: its *weight*, difficulty x 2^32, the expected number of
 *   hashes behind it (mining.md: hashrate ~ sum(shareDiff) x 2^32 / seconds), so payouts are
 *   computed to the base unit with bigints only.
 * diff1 = 0xFFFF x 2^208 (nBits 0x1d00ffff); a hash meets a target when, read as a little-endian
 * 256-bit integer, it is <= the target.
 */
import { DIFF1_TARGET } from '../consensus/pow/work.js';
import { compactToTarget } from '../consensus/pow/compact.js';
import { MiningPoolError } from './errors.js';

/** Smallest share difficulty exponent: difficulty 2^-32, weight 1 (one expected hash). */
export const MIN_DIFF_EXP = -32;
/** Largest share difficulty exponent: difficulty 2^40. */
export const MAX_DIFF_EXP = 40;
/** Weight units per difficulty 1 (2^32 expected hashes). */
export const WEIGHT_PER_DIFF1 = 1n << 32n;

/** Checks an exponent is an integer in [MIN_DIFF_EXP, MAX_DIFF_EXP]. */
export function checkDiffExp(exp: number): number {
  if (!Number.isInteger(exp) || exp < MIN_DIFF_EXP || exp > MAX_DIFF_EXP) {
    throw new MiningPoolError('MINING_POOL_BAD_DIFFICULTY', `share difficulty exponent ${exp} is outside [${MIN_DIFF_EXP}, ${MAX_DIFF_EXP}]`, { exp });
  }
  return exp;
}

/** The difficulty 2^exp as a number (exact: a power of two), as `mining.set_difficulty` sends it. */
export function diffValue(exp: number): number {
  return 2 ** checkDiffExp(exp);
}

/** Share target of difficulty 2^exp: diff1 / 2^exp. */
export function shareTarget(exp: number): bigint {
  checkDiffExp(exp);
  return exp >= 0 ? DIFF1_TARGET >> BigInt(exp) : DIFF1_TARGET << BigInt(-exp);
}

/** Weight (credit) of one share of difficulty 2^exp: 2^(exp + 32). */
export function shareWeight(exp: number): bigint {
  checkDiffExp(exp);
  return 1n << BigInt(exp + 32);
}

/**
 * The largest exponent whose difficulty is at most `diff` (a miner's mining.suggest_difficulty,
 * an operator's setting), clamped to [min, max]; non-finite or non-positive values give `min`.
 */
export function expAtMost(diff: number, min = MIN_DIFF_EXP, max = MAX_DIFF_EXP): number {
  if (!Number.isFinite(diff) || diff <= 0) return min;
  let e = Math.floor(Math.log2(diff));
  // log2 of a value just below a power of two may round up: step back until 2^e <= diff.
  while (2 ** e > diff) e--;
  while (2 ** (e + 1) <= diff) e++;
  return Math.min(max, Math.max(min, e));
}

/** Weight of the network's difficulty for `bits`: floor(diff1 x 2^32 / target) (the expected hashes of a block, in share weight). */
export function networkWeight(bits: number): bigint {
  const { target, negative, overflow } = compactToTarget(bits);
  if (negative || overflow || target === 0n) throw new MiningPoolError('MINING_POOL_BAD_DIFFICULTY', `bits 0x${bits.toString(16)} are not a valid target`, { bits });
  return (DIFF1_TARGET * WEIGHT_PER_DIFF1) / target;
}

/** Network target of `bits` (bigint). */
export function networkTarget(bits: number): bigint {
  return compactToTarget(bits).target;
}

/** The largest exponent whose share target is not below the network target (a share harder than a block is pointless). */
export function maxExpForBits(bits: number): number {
  const t = networkTarget(bits);
  let e = MAX_DIFF_EXP;
  while (e > MIN_DIFF_EXP && shareTarget(e) < t) e--;
  return e;
}

/** Difficulty of a 32-byte hash (internal order, read little-endian): diff1 / hash, for display only. */
export function hashDifficulty(hash: Uint8Array): number {
  let v = 0n;
  for (let i = 31; i >= 0; i--) v = (v << 8n) | BigInt(hash[i]);
  if (v === 0n) return Number.POSITIVE_INFINITY;
  // Scale to keep precision in the division of two big integers.
  return Number((DIFF1_TARGET << 64n) / v) / 2 ** 64;
}
