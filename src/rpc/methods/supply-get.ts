/** `supply_get`: an asset's supply ledger by cause and its total. */
import { supplyOf } from '../../state/modules/supply/method.js';
import { SUPPLY_CAUSES } from '../../state/modules/supply/stores.js';
import { defineMethod, optionalParam } from '../method.js';
import { intParam } from '../params.js';
import { decS, objS, uintS } from '../result-schemas.js';

/** Result of supply_get. */
export interface SupplyView {
  readonly assetId: number;
  readonly byCause: Record<string, string>;
  readonly minedByMining: string;
  readonly burnedByFees: string;
  readonly total: string;
}

/** supply_get. */
export const supplyGet = defineMethod({
  name: 'supply_get',
  summary: 'Supply of an asset at the head: amount per cause (creating causes add, destroying causes subtract), mined by mining, burned by fees, and the total.',
  params: [optionalParam('assetId', intParam(0, 0xffffffff), 0, 'asset id (0 = the native coin)')],
  result: {
    name: 'supply',
    schema: objS({
      assetId: uintS,
      byCause: objS(Object.fromEntries(Object.keys(SUPPLY_CAUSES).map((c) => [c, decS]))),
      minedByMining: decS,
      burnedByFees: decS,
      total: decS,
    }),
  },
  handler: (call, [assetId]: [number]): SupplyView => {
    const s = supplyOf(call.services.ctx.chain.world, assetId);
    const byCause = Object.fromEntries(Object.entries(s.byCause).map(([k, v]) => [k, v.toString()]));
    return { assetId, byCause, minedByMining: s.byCause.mining.toString(), burnedByFees: s.byCause['fee-burn'].toString(), total: s.total.toString() };
  },
});
