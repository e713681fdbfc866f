/** RPC interface of the supply module (schema-only, browser-safe): `supply_get`. */
import { Type } from '@sinclair/typebox';
import { IntParam } from '../../../api/params.js';
import { defineSpec, optionalParam } from '../../../api/spec.js';
import { Dec, Obj, Uint } from '../../../api/wire.js';
import { SUPPLY_CAUSES, type SupplyCause } from './stores.js';

/** Amount per supply cause (decimal strings), one property per cause. */
export const SupplyByCause = Type.Object(
  Object.fromEntries(Object.keys(SUPPLY_CAUSES).map((c) => [c, Dec])) as Record<SupplyCause, typeof Dec>,
  { additionalProperties: false },
);

/** An asset's supply ledger by cause, mined by mining, burned by fees, and the total. */
export const Supply = Obj({ assetId: Uint, byCause: SupplyByCause, minedByMining: Dec, burnedByFees: Dec, total: Dec });

/** supply_get. */
export const supplyGet = defineSpec({
  name: 'supply_get',
  summary: 'Supply of an asset at the head: amount per cause (creating causes add, destroying causes subtract), mined by mining, burned by fees, and the total.',
  params: [optionalParam('assetId', IntParam(0, 0xffffffff), 0, 'asset id (0 = the native coin)')],
  result: { name: 'supply', schema: Supply },
});
