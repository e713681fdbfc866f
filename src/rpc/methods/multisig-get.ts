/** `multisig_get`: a multisig account: owners, threshold, nonce, pending proposal ids, and the governed assets it is a group of. */
import { bytesEqual } from '../../encoding/hex.js';
import { encodeAddress } from '../../crypto/address.js';
import { listAssets } from '../../state/modules/assets/method.js';
import { getMultisig } from '../../state/modules/multisig/method.js';
import { getGovernance } from '../../state/modules/stablecoin/method.js';
import type { StateReader } from '../../state/state-view.js';
import { notFound } from '../errors.js';
import { defineMethod, param } from '../method.js';
import { addressParam } from '../params.js';
import { multisigS, multisigView, type GroupRoleView, type MultisigView } from '../views-issuance.js';

/** Governed assets whose mint or compliance group `addr` is. */
export function groupRoles(state: StateReader, addr: Uint8Array): GroupRoleView[] {
  const out: GroupRoleView[] = [];
  for (const a of listAssets(state)) {
    if (a.policy !== 'governed') continue;
    const g = getGovernance(state, a.id);
    if (!g) continue;
    if (bytesEqual(g.mintGroup, addr)) out.push({ assetId: a.id, symbol: a.symbol, role: 'mint' });
    if (bytesEqual(g.complianceGroup, addr)) out.push({ assetId: a.id, symbol: a.symbol, role: 'compliance' });
  }
  return out;
}

/** multisig_get. */
export const multisigGet = defineMethod({
  name: 'multisig_get',
  summary: 'A multisig account at the head: owners, threshold, nonce (the one the next executed proposal must target), next proposal id, pending proposal ids, creator, and the governed assets it is the mint or compliance group of; -32001 if the address is not a multisig.',
  params: [param('address', addressParam(), 'multisig address (cw1...)')],
  result: { name: 'multisig', schema: multisigS },
  handler: (call, [address]: [Uint8Array]): MultisigView => {
    const state = call.services.ctx.chain.world;
    const m = getMultisig(state, address);
    if (!m) throw notFound('multisig', { address: encodeAddress(address) });
    return multisigView(address, m, groupRoles(state, address));
  },
});
