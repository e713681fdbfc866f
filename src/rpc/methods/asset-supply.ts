/** `asset_supply`: an asset's supply ledger by cause (mint, burn, redeem, wipe, ...) and its total. */
import { defineMethod, param } from '../method.js';
import { assetRefParam, assetSupplyS, assetSupplyView, resolveAsset, type AssetSupplyView } from '../views-issuance.js';

/** asset_supply. */
export const assetSupply = defineMethod({
  name: 'asset_supply',
  summary: "An asset's supply at the head by cause (mint adds; burn, redeem and wipe subtract; the other causes stay 0 for issued assets) and the total.",
  params: [param('asset', assetRefParam(), 'asset id (integer >= 1) or symbol')],
  result: { name: 'supply', schema: assetSupplyS },
  handler: (call, [ref]: [number | string]): AssetSupplyView => {
    const state = call.services.ctx.chain.world;
    return assetSupplyView(state, resolveAsset(state, ref));
  },
});
