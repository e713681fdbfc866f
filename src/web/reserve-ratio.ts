/** The assets page's reserve-ratio series, pure. */

/** A point of asset_collateralHistory as far as the ratio goes. */
export interface CollateralPoint {
  readonly height: number;
  readonly ratioBps: string | null;
}

/**
 * The reserve ratio (attested reserve / supply, in %) over height as its own chart: one point after
 * every attestation, mint, redemption and wipe (asset_collateralHistory), carried to the head with
 * today's ratio (asset_collateral); no value while the supply is zero.
 */
export function ratioSeries(points: readonly CollateralPoint[], head?: number, now: string | null = null): { x: number[]; y: Array<number | null> } {
  const x = points.map((p) => p.height);
  const y = points.map((p) => (p.ratioBps === null ? null : Number(p.ratioBps) / 100));
  if (head !== undefined && x.length > 0 && head > x[x.length - 1]) {
    x.push(head);
    y.push(now === null ? null : Number(now) / 100);
  }
  return { x, y };
}

