/** `multisig_nextAddress`: the address the next multisig.create by an account will get (it is deterministic). */
import { encodeAddress } from '../../crypto/address.js';
import { nextMultisigAddress } from '../../state/modules/multisig/method.js';
import { createdStore } from '../../state/modules/multisig/stores.js';
import { defineMethod, param } from '../method.js';
import { addressParam } from '../params.js';
import { addressS, decS, objS } from '../result-schemas.js';

/** multisig_nextAddress. */
export const multisigNextAddress = defineMethod({
  name: 'multisig_nextAddress',
  summary:
    "Address of the next multisig `creator` creates, as of the head: sha256('multisig' | creator | u64be(index))[0:20] where index counts the multisigs it created before (each of its multisig.create transactions still pending takes the next index).",
  params: [param('creator', addressParam(), 'creating account (cw1...)')],
  result: { name: 'next', schema: objS({ creator: addressS, index: decS, address: addressS }) },
  handler: (call, [creator]: [Uint8Array]): { creator: string; index: string; address: string } => {
    const state = call.services.ctx.chain.world;
    return { creator: encodeAddress(creator), index: (createdStore.get(state, creator) ?? 0n).toString(), address: encodeAddress(nextMultisigAddress(state, creator)) };
  },
});
