/**
 * `asset_collateral`: the collateral position of a governed asset at the head: supply, latest
 * attested reserve, the exact ratio and its floor in basis points, the mint limit (reserve less
 * the margin), the headroom left, and whether the attestation is stale or the asset paused.
 */
import { defineMethod, param } from '../method.js';
import { assetRefParam, collateralS, collateralView, requireGoverned, resolveAsset, type CollateralView } from '../views-issuance.js';

/** asset_collateral. */
export const assetCollateral = defineMethod({
  name: 'asset_collateral',
  summary:
    "Collateral of a governed asset as of the head block's time: supply, reserve, exact ratio {num, den}, ratioBps (floor, null at zero supply), mintLimit = floor(reserve x (10000 - margin) / 10000), headroom (0 when stale or paused), the latest attestation and its age, stale (+ reason) and paused. -32602 for an asset that is not governed.",
  params: [param('asset', assetRefParam(), 'governed asset id or symbol')],
  result: { name: 'collateral', schema: collateralS },
  handler: (call, [ref]: [number | string]): CollateralView => {
    const { chain } = call.services.ctx;
    const a = resolveAsset(chain.world, ref);
    return collateralView(chain, a, requireGoverned(chain.world, a));
  },
});
