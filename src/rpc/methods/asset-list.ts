/** `asset_list`: every issued asset (ids from 1; the native coin is not an asset here) with its supply. */
import { listAssets } from '../../state/modules/assets/method.js';
import { defineMethod } from '../method.js';
import { arrS } from '../result-schemas.js';
import { assetS, assetView, type AssetView } from '../views-issuance.js';

/** asset_list. */
export const assetList = defineMethod({
  name: 'asset_list',
  summary: 'Every issued asset at the head, by id: symbol, name, decimals, policy (fixed, issuer, governed), creator, issuer and total supply.',
  params: [],
  result: { name: 'assets', schema: arrS(assetS) },
  handler: (call, _: []): AssetView[] => {
    const state = call.services.ctx.chain.world;
    return listAssets(state).map((a) => assetView(state, a));
  },
});
