/** The supply module: records genesis allocations; other modules record minting and burning. */
import type { StateModule } from '../../module.js';
import { NATIVE_ASSET } from '../accounts/method.js';
import { recordSupply } from './method.js';

/** The supply module. */
export const supplyModule: StateModule = {
  name: 'supply',
  // Called per chunk of allocations: the ledger entry accumulates (recordSupply adds).
  genesisAllocations({ state, allocations }) {
    let sum = 0n;
    for (const a of allocations) sum += a.amount;
    recordSupply(state, NATIVE_ASSET, 'genesis', sum);
  },
};
