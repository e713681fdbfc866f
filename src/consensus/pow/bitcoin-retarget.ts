/**
 * Bitcoin's 2016-block retarget (Bitcoin Core src/pow.cpp, CalculateNextWorkRequired). Coinworks
 * retargets every block with ASERT (asert.ts); this exists only to prove the compact maths against
 * Bitcoin's published vectors (src/test/pow_tests.cpp).
 */
import { requireSafeInteger } from './guards.js';
import { targetFromBits, targetToCompact } from './compact.js';

/** Bitcoin's nPowTargetTimespan: two weeks in seconds (2016 blocks of 600 s). */
export const BITCOIN_TARGET_TIMESPAN = 14 * 24 * 60 * 60;

/**
 * New compact bits after a 2016-block period: old target x actual / 1209600, the actual timespan
 * (lastTime - firstTime) clamped to [timespan / 4, timespan x 4], the result capped at the pow limit.
 * Bitcoin's own limit is 2^224 - 1, which encodes to the same compact 0x1d00ffff as `powLimitBits`.
 */
export function bitcoinNextBits(firstTime: number, lastTime: number, oldBits: number, powLimitBits: number): number {
  requireSafeInteger('firstTime', firstTime);
  requireSafeInteger('lastTime', lastTime);
  let actual = lastTime - firstTime;
  // Limit the adjustment step to a factor of 4 either way (CalculateNextWorkRequired).
  if (actual < BITCOIN_TARGET_TIMESPAN / 4) actual = BITCOIN_TARGET_TIMESPAN / 4;
  if (actual > BITCOIN_TARGET_TIMESPAN * 4) actual = BITCOIN_TARGET_TIMESPAN * 4;
  const powLimit = targetFromBits(powLimitBits);
  let target = (targetFromBits(oldBits) * BigInt(actual)) / BigInt(BITCOIN_TARGET_TIMESPAN);
  if (target > powLimit) target = powLimit;
  return targetToCompact(target);
}
