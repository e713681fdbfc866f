/** The modules every Coinworks chain runs, in hook order. */
import type { StateModule } from '../module.js';
import { accountsModule } from './accounts/module.js';
import { supplyModule } from './supply/module.js';
import { rewardsModule } from './rewards/module.js';
import { feesModule } from './fees/module.js';
import { createBankModule } from './bank/module.js';
import { TransferChecks } from './bank/method.js';
import { createNftModule } from './nft/module.js';
import { createMarketModule } from './market/module.js';
import { multisigModule } from './multisig/module.js';
import { assetsModule } from './assets/module.js';
import { createStablecoinModule } from './stablecoin/module.js';

/**
 * A fresh list of the modules every chain runs, in hook order. The transfer checks are shared per
 * chain instance: modules that restrict transfers (compliance) register theirs on `checks`.
 */
export function coreModules(): StateModule[] {
  const checks = new TransferChecks();
  return [accountsModule, supplyModule, rewardsModule, feesModule, createBankModule(checks), multisigModule, assetsModule, createStablecoinModule(checks), createNftModule({ checks }), createMarketModule({ checks })];
}
