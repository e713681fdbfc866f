/** The modules every Coinworks chain runs, in hook order. */
import type { StateModule } from '../module.js';
import { accountsModule } from './accounts/module.js';
import { supplyModule } from './supply/module.js';
import { feesModule } from './fees/module.js';
import { createBankModule } from './bank/module.js';
import { TransferChecks } from './bank/method.js';
import { createNftModule } from './nft/module.js';
import { createMarketModule } from './market/module.js';
import { multisigModule } from './multisig/module.js';
import { assetsModule } from './assets/module.js';
import { createStablecoinModule } from './stablecoin/module.js';

/**
 * A fresh list of the modules every chain runs, in hook order, with the consensus engine's own
 * modules (`ConsensusEngine.modules()`: proof of work's maturity-locked reward, BFT's staking) right
 * after the ledger. The transfer checks are shared per chain instance: modules that restrict
 * transfers (compliance) register theirs on `checks`.
 */
export function coreModules(engineModules: readonly StateModule[]): StateModule[] {
  const checks = new TransferChecks();
  return [accountsModule, supplyModule, ...engineModules, feesModule, createBankModule(checks), multisigModule, assetsModule, createStablecoinModule(checks), createNftModule({ checks }), createMarketModule({ checks })];
}
