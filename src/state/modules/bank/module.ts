/** The bank module: transfers of the native coin and of any asset. */
import type { StateModule } from '../../module.js';
import { multiSendCommand, transferCommand } from './commands.js';
import { TransferEvent } from './events.js';
import { TransferChecks } from './hooks.js';

/** Builds the bank module around a set of transfer checks (compliance modules add theirs). */
export function createBankModule(checks: TransferChecks = new TransferChecks()): StateModule & { checks: TransferChecks } {
  return {
    name: 'bank',
    checks,
    commands: [transferCommand(checks), multiSendCommand(checks)],
    events: [TransferEvent],
  };
}
