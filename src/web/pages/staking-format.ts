/** Rates on the staking pages. */

/** A rate as a percent: 2 decimals, more significant digits when tiny, exponent when huge (a devnet's APR at a tiny bonded ratio). */
export function pct(r: string): string {
  const v = Number(r) * 100;
  if (v !== 0 && Math.abs(v) < 0.01) return `${v.toPrecision(3)} %`;
  if (Math.abs(v) >= 1e6) return `${v.toExponential(2)} %`;
  return `${v.toFixed(2)} %`;
}
