/**
 * RPC endpoints of the assets module (Lisk's endpoint.ts): `asset_list`, `asset_supply`, and the
 * asset lookup and view the governed-minting reports (stablecoin/endpoint.ts) build on.
 */
import type { Static } from '@sinclair/typebox';
import { encodeAddress } from '../../../crypto/address.js';
import { endpoint, notFound, type AnyEndpoint } from '../../endpoint.js';
import type { StateReader } from '../../state-view.js';
import { supplyOf } from '../supply/method.js';
import { byCauseView } from '../supply/endpoint.js';
import { ASSET_PAGE, Asset as AssetSchema, assetList, assetSupply } from './api.js';
import { assetIdBySymbol, getAsset } from './method.js';
import { assetStore, idKey, type Asset } from './stores.js';
import { decode } from '../../../encoding/codec.js';

/** The asset `ref` names (id or symbol); -32001 when there is none. */
export function resolveAsset(state: StateReader, ref: number | string): Asset {
  const id = typeof ref === 'number' ? ref : assetIdBySymbol(state, ref);
  const a = id === undefined ? undefined : getAsset(state, id);
  if (!a) throw notFound('asset', { asset: ref });
  return a;
}

/** View of an asset. */
export function assetView(state: StateReader, a: Asset): Static<typeof AssetSchema> {
  return {
    assetId: a.id,
    symbol: a.symbol,
    name: a.name,
    decimals: a.decimals,
    policy: a.policy,
    creator: encodeAddress(a.creator),
    issuer: a.issuer ? encodeAddress(a.issuer) : null,
    createdAt: Number(a.createdAt),
    supply: supplyOf(state, a.id).total.toString(),
  };
}

/** asset_list: a page of the asset store in key (= id) order. */
export const assetListEndpoint = endpoint(assetList, (ctx, [page]) => {
  const after = page.after === undefined ? undefined : assetStore.key(idKey(page.after));
  return ctx.page(assetStore.prefix, { ...(after !== undefined ? { after } : {}), limit: page.limit ?? ASSET_PAGE }, (p, state) =>
    p.entries.map(([, v]) => assetView(state, decode(assetStore.schema, v))),
  );
});

/** asset_supply. */
export const assetSupplyEndpoint = endpoint(assetSupply, (ctx, [ref]) =>
  ctx.view((state) => {
    const a = resolveAsset(state, ref);
    const s = supplyOf(state, a.id);
    return { assetId: a.id, symbol: a.symbol, decimals: a.decimals, byCause: byCauseView(s.byCause), total: s.total.toString() };
  }),
);

/** Every endpoint of the module, for the RPC registry. */
export const assetsEndpoints: readonly AnyEndpoint[] = [assetListEndpoint, assetSupplyEndpoint];
