/**
 * Median time past and the block timestamp window (Bitcoin Core: CBlockIndex::GetMedianTimePast in
 * src/chain.h, and the time-too-old / time-too-new checks of ContextualCheckBlockHeader in
 * src/validation.cpp). `now` is passed in: consensus code never reads the wall clock.
 */
import { BlockError } from '../../errors.js';
import { requireSafeInteger } from './guards.js';

/** Bitcoin's nMedianTimeSpan: the median is taken over the last 11 blocks. */
export const MEDIAN_TIME_SPAN = 11;

/** Result of a timestamp check: 'too-old' when time <= MTP, 'too-new' when time > now + maxFutureDrift. */
export type BlockTimeCheck = 'ok' | 'too-old' | 'too-new';

/**
 * Median of the last (up to) `window` timestamps, `times` ordered oldest to newest (the parent last):
 * sort them and take index floor(n / 2), as GetMedianTimePast does (for even n, the upper middle).
 */
export function medianTimePast(times: readonly number[], window: number = MEDIAN_TIME_SPAN): number {
  requireSafeInteger('window', window, 1);
  if (!Array.isArray(times) || times.length === 0) {
    throw new BlockError('BLOCK_MALFORMED', 'median time past needs at least one timestamp', { reason: 'times' });
  }
  const last = times.slice(-window);
  for (const t of last) requireSafeInteger('time', t);
  const sorted = [...last].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Checks a block time against the median time past and the local clock plus the allowed future drift. */
export function checkBlockTime(time: number, mtp: number, now: number, maxFutureDrift: number): BlockTimeCheck {
  requireSafeInteger('time', time);
  requireSafeInteger('mtp', mtp);
  requireSafeInteger('now', now);
  requireSafeInteger('maxFutureDrift', maxFutureDrift, 0);
  if (time <= mtp) return 'too-old'; // ContextualCheckBlockHeader: "time-too-old"
  if (time > now + maxFutureDrift) return 'too-new'; // "time-too-new" (Bitcoin: 2 hours)
  return 'ok';
}
