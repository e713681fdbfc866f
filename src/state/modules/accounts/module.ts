/** The accounts module: nonces and balances; genesis allocations are credited here. */
import { decodeAddress } from '../../../crypto/address.js';
import type { StateModule } from '../../module.js';
import { CreditedEvent } from './events.js';
import { credit } from './method.js';
import { accountStore, NATIVE_ASSET } from './stores.js';

/** The accounts module. */
export const accountsModule: StateModule = {
  name: 'accounts',
  events: [CreditedEvent],
  // Every sender pays a fee and the producer may be credited: their accounts are read by any block.
  blockKeys(block, txs) {
    return [accountStore.key(block.beneficiary), ...txs.map((t) => accountStore.key(t.sender))];
  },
  genesisKeys(allocations) {
    return allocations.map((a) => accountStore.key(decodeAddress(a.address)));
  },
  genesisAllocations({ state, allocations, events }) {
    for (const a of allocations) {
      const address = decodeAddress(a.address);
      credit(state, address, NATIVE_ASSET, a.amount);
      events.emit(CreditedEvent, { address, assetId: NATIVE_ASSET, amount: a.amount });
    }
  },
};
