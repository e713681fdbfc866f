/** The modules every Coinworks chain runs, in hook order. */
import type { StateModule } from '../module.js';
import { accountsModule } from './accounts/module.js';
import { supplyModule } from './supply/module.js';
import { rewardsModule } from './rewards/module.js';
import { feesModule } from './fees/module.js';
import { createBankModule } from './bank/module.js';

/** A fresh list of the core modules (the bank's transfer checks are per chain instance). */
export function coreModules(): StateModule[] {
  return [accountsModule, supplyModule, rewardsModule, feesModule, createBankModule()];
}
