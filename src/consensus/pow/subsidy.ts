/**
 * Block subsidy with Bitcoin's halving schedule (Bitcoin Core src/validation.cpp GetBlockSubsidy):
 * initial >> floor(height / halvingInterval), and zero once 64 halvings have passed (a right shift
 * by 64 or more is undefined in C++, so Bitcoin returns 0 explicitly; bigint would give 0 anyway for
 * any initial below 2^64).
 */
import { requireBigIntAtLeast, requireSafeInteger } from './guards.js';

/** Halvings after which the subsidy is zero (GetBlockSubsidy). */
export const MAX_HALVINGS = 64n;

/** Subsidy of the block at `height` in base units: initial >> floor(height / halvingInterval), 0 after 64 halvings. */
export function blockSubsidy(height: bigint, initial: bigint, halvingInterval: number): bigint {
  requireBigIntAtLeast('height', height, 0n);
  requireBigIntAtLeast('initial', initial, 0n);
  requireSafeInteger('halvingInterval', halvingInterval, 1);
  const halvings = height / BigInt(halvingInterval);
  if (halvings >= MAX_HALVINGS) return 0n;
  return initial >> halvings;
}

/**
 * Sum of the subsidies of blocks 1..height inclusive: everything block rewards have minted once
 * `height` is the tip. Genesis (height 0) mints no subsidy (its supply is its allocations), so
 * totalSubsidyUpTo(0n, ...) is 0n. Closed form per halving era, at most 64 steps.
 */
export function totalSubsidyUpTo(height: bigint, initial: bigint, halvingInterval: number): bigint {
  requireBigIntAtLeast('height', height, 0n);
  requireBigIntAtLeast('initial', initial, 0n);
  requireSafeInteger('halvingInterval', halvingInterval, 1);
  const interval = BigInt(halvingInterval);
  let total = 0n;
  for (let era = 0n; era < MAX_HALVINGS; era++) {
    const start = era * interval;
    if (start > height) break;
    const first = start === 0n ? 1n : start; // genesis excluded
    const end = start + interval - 1n;
    const last = end < height ? end : height;
    if (first <= last) total += (last - first + 1n) * (initial >> era);
  }
  return total;
}
