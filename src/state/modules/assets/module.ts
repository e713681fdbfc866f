/**
 * The assets module: fungible assets with symbol, name, decimals and an issuance policy. Balances
 * are the accounts module's (by asset id) and move with bank.transfer / bank.multiSend; every
 * supply change is recorded by cause in the supply ledger.
 */
import type { StateModule } from '../../module.js';
import { burnCommand, configureMinterCommand, createAssetCommand, mintCommand, removeMinterCommand, setIssuerCommand } from './commands.js';
import { assetEvents } from './events.js';
import { ASSETS_ERRORS } from './errors.js';

/** The assets module. */
export const assetsModule: StateModule = {
  name: 'assets',
  commands: [createAssetCommand, configureMinterCommand, removeMinterCommand, mintCommand, burnCommand, setIssuerCommand],
  events: assetEvents,
  errors: ASSETS_ERRORS,
};
