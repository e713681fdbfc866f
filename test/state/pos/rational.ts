/** Exact non-negative rationals in bigint for the naive references of the proof-of-stake property tests. */

/** n / d in lowest terms, d > 0. */
export interface Q {
  readonly n: bigint;
  readonly d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  while (b) [a, b] = [b, a % b];
  return a || 1n;
}

/** n / d reduced. */
export function q(n: bigint, d = 1n): Q {
  const g = gcd(n, d);
  return { n: n / g, d: d / g };
}
/** Zero. */
export const ZERO: Q = { n: 0n, d: 1n };
/** a + b. */
export const qadd = (a: Q, b: Q): Q => q(a.n * b.d + b.n * a.d, a.d * b.d);
/** a - b. */
export const qsub = (a: Q, b: Q): Q => q(a.n * b.d - b.n * a.d, a.d * b.d);
/** floor(a) for a >= 0. */
export const qfloor = (a: Q): bigint => a.n / a.d;
/** a - floor(a). */
export const qfrac = (a: Q): Q => q(a.n % a.d, a.d);
/** Whether a is a whole number. */
export const qwhole = (a: Q): boolean => a.n % a.d === 0n;
