/**
 * `asset_events`: the audit trail of an asset: every assets and stablecoin event about it
 * (created, minted, burned, attested, redeemed, compliance, wiped, pause, role changes...) and,
 * unless `groups: false`, every event of the multisigs that are or were its mint and compliance
 * groups (created, proposed, approved, executed, voided, expired, owner changes), with the block
 * height and time, the transaction id and the event JSON.
 */
import { getGovernance } from '../../state/modules/stablecoin/method.js';
import { encodeAddress } from '../../crypto/address.js';
import { issuanceIndex } from '../issuance-index.js';
import { defineMethod, optionalParam, param } from '../method.js';
import { assetRefParam, resolveAsset, trailDefaults, trailOptionsParam, trailPage, trailPageS, type TrailOptions, type TrailPage } from '../views-issuance.js';

/** asset_events. */
export const assetEvents = defineMethod({
  name: 'asset_events',
  summary:
    "The event trail of an asset, oldest first: every assets / stablecoin event about it and (unless groups is false) every event of its current and former mint and compliance group multisigs, with height, time, block hash, tx id and the event JSON. Paged: from `fromHeight`, at most `limit` events unless one block holds more (blocks are not split); `nextFromHeight` starts the next page.",
  params: [param('asset', assetRefParam(), 'asset id or symbol'), optionalParam('options', trailOptionsParam(true), trailDefaults(true), '{fromHeight?, limit?, groups?}')],
  result: { name: 'trail', schema: trailPageS },
  handler: async (call, [ref, o]: [number | string, TrailOptions]): Promise<TrailPage> => {
    const { chain } = call.services.ctx;
    const a = resolveAsset(chain.world, ref);
    const events = await issuanceIndex(chain).events();
    const groups = new Set<string>();
    const g = getGovernance(chain.world, a.id);
    if (g && o.groups !== false) {
      groups.add(encodeAddress(g.mintGroup));
      groups.add(encodeAddress(g.complianceGroup));
      // Former groups, from the creation and role-change events.
      for (const e of events) {
        if (e.module !== 'stablecoin' || e.assetId !== a.id) continue;
        const d = e.data as Record<string, unknown>;
        if (e.name === 'created') for (const k of ['mintGroup', 'complianceGroup']) groups.add(d[k] as string);
        if (e.name === 'role' && (d.role === 'mintGroup' || d.role === 'complianceGroup')) groups.add(d.account as string);
      }
    }
    return trailPage(events, o, (e) => (e.module === 'multisig' ? e.multisig !== null && groups.has(e.multisig) : e.assetId === a.id));
  },
});
