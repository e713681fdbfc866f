/**
 * The fees module: charges every transaction through its `TxFeeHandler` hooks and, after the block's
 * transactions, records the burned base fees in the supply ledger.
 */
import type { StateModule } from '../../module.js';
import { NATIVE_ASSET } from '../accounts/method.js';
import { recordSupply } from '../supply/method.js';
import { feeHandler } from './tx-fees.js';

/** The fees module: the chain's fee and nonce hooks (`tx-fees.ts`), and the burn in the supply ledger. */
export const feesModule: StateModule = {
  name: 'fees',
  txFees: feeHandler,
  afterTransactions({ state, totals }) {
    recordSupply(state, NATIVE_ASSET, 'fee-burn', totals.burned);
  },
};
