/**
 * `asset_collateralHistory`: the collateral ratio of a governed asset after every attestation,
 * mint, redemption and wipe, from the committed events (stablecoin/reports.ts), with running totals
 * by cause.
 */
import { collateralTimeline } from '../../state/modules/stablecoin/reports.js';
import { issuanceIndex, timelineBlocks } from '../issuance-index.js';
import { defineMethod, optionalParam, param } from '../method.js';
import { arrS, nullableS, objS, uintS } from '../result-schemas.js';
import {
  assetRefParam,
  collateralPointS,
  collateralPointView,
  requireGoverned,
  resolveAsset,
  trailDefaults,
  trailOptionsParam,
  type CollateralPointView,
  type TrailOptions,
} from '../views-issuance.js';

/** Result of asset_collateralHistory. */
export interface CollateralHistoryView {
  readonly assetId: number;
  readonly points: CollateralPointView[];
  readonly nextFromHeight: number | null;
}

/** asset_collateralHistory. */
export const assetCollateralHistory = defineMethod({
  name: 'asset_collateralHistory',
  summary:
    'Collateral ratio of a governed asset over time: one point after every attestation, mint, redemption and wipe (height, time, cause, amount, reserve, supply, ratioBps, running minted / redeemed / wiped), oldest first, from `fromHeight`, at most `limit` points per page (blocks are not split).',
  params: [param('asset', assetRefParam(), 'governed asset id or symbol'), optionalParam('options', trailOptionsParam(false), trailDefaults(false), '{fromHeight?, limit?}')],
  result: { name: 'history', schema: objS({ assetId: uintS, points: arrS(collateralPointS), nextFromHeight: nullableS(uintS) }) },
  handler: async (call, [ref, o]: [number | string, TrailOptions]): Promise<CollateralHistoryView> => {
    const { chain } = call.services.ctx;
    const a = resolveAsset(chain.world, ref);
    requireGoverned(chain.world, a);
    const events = (await issuanceIndex(chain).events()).filter((e) => e.module === 'stablecoin' && e.assetId === a.id);
    const points = collateralTimeline(timelineBlocks(events), a.id);
    const out: CollateralPointView[] = [];
    let last = -1;
    for (const p of points) {
      if (p.height < o.fromHeight) continue;
      if (out.length >= o.limit && p.height !== last) return { assetId: a.id, points: out, nextFromHeight: p.height };
      last = p.height;
      out.push(collateralPointView(p));
    }
    return { assetId: a.id, points: out, nextFromHeight: null };
  },
});
