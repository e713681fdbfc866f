/**
 * Per-block ASERT difficulty: the aserti3-2d algorithm of the Bitcoin Cash November 2020 upgrade
 * ("ASERT Difficulty Adjustment Algorithm (aserti3-2d)" spec; BCHN CalculateASERT in src/pow.cpp):
 *
 *   next_target = anchor_target * 2^((time_delta - spacing * (height_delta + 1)) / half_life)
 *
 * evaluated in 16.16 fixed point with the spec's cubic approximation of 2^x, integers only.
 * Coinworks anchors at genesis (height 0, bits = genesisBits) and, as the spec does for its anchor,
 * measures time from the anchor's parent, taken to be genesis time - targetSpacing.
 */
import { BlockError } from '../../errors.js';
import type { PowParams } from '../../params/networks.js';
import { requireBigIntAtLeast, requireSafeInteger } from './guards.js';
import { MAX_UINT256, targetFromBits, targetToCompact } from './compact.js';

/** Fixed-point radix of the exponent: 16 fractional bits (aserti3-2d). */
const RADIX_BITS = 16n;
const RADIX = 1n << RADIX_BITS;

/** Inputs of one ASERT evaluation; `eval*` describe the parent of the block whose target is computed (BCHN's pindexPrev). */
export interface AsertInput {
  /** Target of the anchor block (Coinworks: the genesis target). */
  readonly anchorTarget: bigint;
  /** Timestamp of the anchor's parent (Coinworks: genesis time - targetSpacing). */
  readonly anchorParentTime: number;
  /** Height of the anchor block (Coinworks: 0). */
  readonly anchorHeight: bigint;
  /** Timestamp of the parent of the block being computed. */
  readonly evalTime: number;
  /** Height of the parent of the block being computed (>= anchorHeight). */
  readonly evalHeight: bigint;
  /** Ideal seconds between blocks. */
  readonly targetSpacing: number;
  /** Seconds of lateness that double the target (and of earliness that halve it). */
  readonly halfLife: number;
  /** Easiest allowed target: the result is clamped to it. */
  readonly powLimit: bigint;
}

/**
 * 2^16 * 2^(frac / 2^16) for 0 <= frac < 2^16, by the aserti3-2d cubic:
 * 2^16 + ((195766423245049 f + 971821376 f^2 + 5127 f^3 + 2^47) >> 48); error below 0.013%.
 */
export function asertFactor(frac: bigint): bigint {
  if (typeof frac !== 'bigint' || frac < 0n || frac >= RADIX) {
    throw new BlockError('BLOCK_MALFORMED', `ASERT fraction must be in [0, 65536), got ${String(frac)}`, { reason: 'frac', value: String(frac) });
  }
  return RADIX + ((195766423245049n * frac + 971821376n * frac * frac + 5127n * frac * frac * frac + (1n << 47n)) >> 48n);
}

/** Target of the block after (evalHeight, evalTime) by aserti3-2d, clamped to [1, powLimit]. */
export function asertNextTarget(p: AsertInput): bigint {
  requireBigIntAtLeast('anchorHeight', p.anchorHeight, 0n);
  requireBigIntAtLeast('evalHeight', p.evalHeight, p.anchorHeight); // BCHN asserts nHeightDiff >= 0
  requireSafeInteger('anchorParentTime', p.anchorParentTime);
  requireSafeInteger('evalTime', p.evalTime);
  requireSafeInteger('targetSpacing', p.targetSpacing, 1);
  requireSafeInteger('halfLife', p.halfLife, 1);
  requireBigIntAtLeast('powLimit', p.powLimit, 1n);
  if (p.powLimit > MAX_UINT256) {
    throw new BlockError('BLOCK_MALFORMED', 'powLimit must fit in 256 bits', { reason: 'powLimit', value: String(p.powLimit) });
  }
  if (typeof p.anchorTarget !== 'bigint' || p.anchorTarget < 1n || p.anchorTarget > p.powLimit) {
    // BCHN asserts refTarget > 0 && refTarget <= powLimit.
    throw new BlockError('BLOCK_BAD_DIFFICULTY', 'ASERT anchor target must be in [1, powLimit]', { reason: 'anchorTarget', value: String(p.anchorTarget) });
  }

  const timeDelta = BigInt(p.evalTime) - BigInt(p.anchorParentTime);
  const heightDelta = p.evalHeight - p.anchorHeight;
  const lateness = timeDelta - BigInt(p.targetSpacing) * (heightDelta + 1n);
  // Fixed-point exponent. BigInt division truncates toward zero, as the C++ `/` of the reference does.
  const exponent = (lateness * RADIX) / BigInt(p.halfLife);
  // Integer part by arithmetic shift (floor, unlike the division above), fraction in [0, 2^16).
  const shifts = exponent >> RADIX_BITS;
  const frac = exponent - (shifts << RADIX_BITS);

  let next = p.anchorTarget * asertFactor(frac); // target * 2^16 * 2^frac
  const shift = shifts - RADIX_BITS; // then * 2^shifts / 2^16
  if (shift <= 0n) {
    // next < 2^273, so any right shift of 273 or more bits leaves 0; avoid shifting by huge counts.
    next = -shift >= 512n ? 0n : next >> -shift;
  } else {
    // next >= 2^16 before shifting, so a left shift of 256+ bits exceeds any 256-bit powLimit.
    if (shift >= 256n) return p.powLimit;
    next <<= shift;
  }
  // 0 is not a valid target but 1 is; never easier than the pow limit (CalculateASERT).
  if (next === 0n) return 1n;
  if (next > p.powLimit) return p.powLimit;
  return next;
}

/** Network fields ASERT needs (NetworkParams.pow). */
export type AsertPowParams = Pick<PowParams, 'powLimitBits' | 'asertHalfLife' | 'genesisBits'> & { readonly targetSpacing: number };

/**
 * Compact bits required of the block after (evalHeight, evalTime) on a network, anchored at its
 * genesis block (height 0, bits genesisBits, anchor parent time = genesisTime - targetSpacing).
 */
export function asertNextBits(p: { pow: AsertPowParams; genesisTime: number; evalTime: number; evalHeight: bigint }): number {
  requireSafeInteger('genesisTime', p.genesisTime);
  requireSafeInteger('targetSpacing', p.pow.targetSpacing, 1);
  return targetToCompact(
    asertNextTarget({
      anchorTarget: targetFromBits(p.pow.genesisBits),
      anchorParentTime: p.genesisTime - p.pow.targetSpacing,
      anchorHeight: 0n,
      evalTime: p.evalTime,
      evalHeight: p.evalHeight,
      targetSpacing: p.pow.targetSpacing,
      halfLife: p.pow.asertHalfLife,
      powLimit: targetFromBits(p.pow.powLimitBits),
    }),
  );
}
