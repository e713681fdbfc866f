/**
 * `asset_get`: one asset by id or symbol: its metadata and supply and, for a governed asset, its
 * governance (groups, auditors, margin, staleness limit, pause) and latest reserve attestation.
 */
import { getGovernance, latestAttestation } from '../../state/modules/stablecoin/method.js';
import { defineMethod, param } from '../method.js';
import { nullableS } from '../result-schemas.js';
import { assetRefParam, assetS, assetView, attestationS, attestationView, governanceS, governanceView, resolveAsset, type AssetView, type AttestationView, type GovernanceView } from '../views-issuance.js';

/** Result of asset_get. */
export type AssetGetView = AssetView & { governance: GovernanceView | null; attestation: AttestationView | null };

const resultS = {
  ...assetS,
  properties: { ...(assetS.properties as object), governance: nullableS(governanceS), attestation: nullableS(attestationS) },
  required: [...(assetS.required as string[]), 'governance', 'attestation'],
};

/** asset_get. */
export const assetGet = defineMethod({
  name: 'asset_get',
  summary: 'An asset by id or symbol: metadata, total supply, and for a governed asset its governance and latest reserve attestation (null otherwise); -32001 when unknown.',
  params: [param('asset', assetRefParam(), 'asset id (integer >= 1) or symbol, e.g. "USDKG"')],
  result: { name: 'asset', schema: resultS },
  handler: (call, [ref]: [number | string]): AssetGetView => {
    const state = call.services.ctx.chain.world;
    const a = resolveAsset(state, ref);
    const g = getGovernance(state, a.id);
    const att = g ? latestAttestation(state, a.id) : undefined;
    return { ...assetView(state, a), governance: g ? governanceView(g) : null, attestation: att ? attestationView(att) : null };
  },
});
