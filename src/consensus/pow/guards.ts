/**
 * Argument guards shared by the proof-of-work maths. Consensus inputs are integers only (no floats,
 * ARCHITECTURE.md); a value outside a function's domain is a caller bug or a malformed block, so it
 * is rejected with a typed `BlockError` (code `BLOCK_MALFORMED`, `data.reason` names the argument).
 */
import { BlockError } from '../../errors.js';

/** Throws `BlockError(BLOCK_MALFORMED)` unless `v` is a safe integer (optionally >= `min`). */
export function requireSafeInteger(name: string, v: number, min = Number.MIN_SAFE_INTEGER): void {
  if (!Number.isSafeInteger(v) || v < min) {
    throw new BlockError('BLOCK_MALFORMED', `${name} must be a safe integer >= ${min}, got ${String(v)}`, { reason: name, value: String(v) });
  }
}

/** Throws `BlockError(BLOCK_MALFORMED)` unless `v` is a bigint >= `min`. */
export function requireBigIntAtLeast(name: string, v: bigint, min: bigint): void {
  if (typeof v !== 'bigint' || v < min) {
    throw new BlockError('BLOCK_MALFORMED', `${name} must be a bigint >= ${min}, got ${String(v)}`, { reason: name, value: String(v) });
  }
}
