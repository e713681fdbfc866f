/** The fees module: after the block's transactions, records the burned base fees in the supply ledger. */
import type { StateModule } from '../../module.js';
import { NATIVE_ASSET } from '../accounts/stores.js';
import { recordSupply } from '../supply/method.js';

/** The fees module (the per-transaction charge itself is applied by the state machine). */
export const feesModule: StateModule = {
  name: 'fees',
  afterTransactions({ state, totals }) {
    recordSupply(state, NATIVE_ASSET, 'fee-burn', totals.burned);
  },
};
