/** `multisig_events`: every event of one multisig (created, proposed, approved, executed, voided, expired, owner and threshold changes). */
import { encodeAddress } from '../../crypto/address.js';
import { issuanceIndex } from '../issuance-index.js';
import { defineMethod, optionalParam, param } from '../method.js';
import { addressParam } from '../params.js';
import { trailDefaults, trailOptionsParam, trailPage, trailPageS, type TrailOptions, type TrailPage } from '../views-issuance.js';

/** multisig_events. */
export const multisigEvents = defineMethod({
  name: 'multisig_events',
  summary:
    'The event trail of a multisig, oldest first: created, proposed, approved (counting approvals), executed (ok / error), voided, expired, ownerAdded, ownerRemoved, thresholdChanged, with height, time, block hash, tx id and event JSON. Paged like asset_events. An address that never was a multisig has an empty trail.',
  params: [param('address', addressParam(), 'multisig address (cw1...)'), optionalParam('options', trailOptionsParam(false), trailDefaults(false), '{fromHeight?, limit?}')],
  result: { name: 'trail', schema: trailPageS },
  handler: async (call, [address, o]: [Uint8Array, TrailOptions]): Promise<TrailPage> => {
    const text = encodeAddress(address);
    const events = await issuanceIndex(call.services.ctx.chain).events();
    return trailPage(events, o, (e) => e.module === 'multisig' && e.multisig === text);
  },
});
