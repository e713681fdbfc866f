/**
 * The stablecoin module: governed assets (the USDKG model) with a mint group and a compliance
 * group that are multisigs, auditor attestations gating every mint (Chainlink Secure Mint),
 * holder redemptions, pause, and compliance freezes, blacklists and wipes.
 */
import type { StateModule } from '../../module.js';
import type { TransferChecks } from '../bank/method.js';
import { addAuditorCommand, removeAuditorCommand, setMaxAttestationAgeCommand, setReserveMarginCommand, setComplianceGroupCommand, setMintGroupCommand, stablecoinPauseCommand, stablecoinUnpauseCommand } from './commands/admin.js';
import { blacklistCommand, freezeCommand, unblacklistCommand, unfreezeCommand, wipeCommand } from './commands/compliance.js';
import { createCommand } from './commands/create.js';
import { attestCommand, mintCommand, redeemCommand } from './commands/reserve.js';
import { stablecoinEvents } from './events.js';
import { STABLECOIN_ERRORS } from './errors.js';
import { governedTransferCheck } from './method.js';

/** Builds the stablecoin module and registers its pause/freeze/blacklist check on the bank's `checks`. */
export function createStablecoinModule(checks: TransferChecks): StateModule {
  checks.add(governedTransferCheck);
  return {
    name: 'stablecoin',
    commands: [
      createCommand,
      attestCommand,
      mintCommand,
      redeemCommand,
      stablecoinPauseCommand,
      stablecoinUnpauseCommand,
      freezeCommand,
      unfreezeCommand,
      blacklistCommand,
      unblacklistCommand,
      wipeCommand,
      setMintGroupCommand,
      setComplianceGroupCommand,
      addAuditorCommand,
      removeAuditorCommand,
      setReserveMarginCommand,
      setMaxAttestationAgeCommand,
    ],
    events: stablecoinEvents,
    errors: STABLECOIN_ERRORS,
  };
}
