/**
 * The multisig module (Safe smart account, natively): accounts owned by several keys with a
 * threshold, proposals of any command as the multisig, approvals, sequential-nonce execution.
 */
import type { StateModule } from '../../module.js';
import { createCommand } from './commands/create.js';
import { addOwnerCommand, changeThresholdCommand, removeOwnerCommand } from './commands/owners.js';
import { approveCommand, cancelCommand, executeCommand, proposeCommand } from './commands/proposals.js';
import { multisigEvents } from './events.js';
import { MULTISIG_ERRORS } from './errors.js';

/** The multisig module. */
export const multisigModule: StateModule = {
  name: 'multisig',
  commands: [createCommand, proposeCommand, approveCommand, executeCommand, addOwnerCommand, removeOwnerCommand, changeThresholdCommand, cancelCommand],
  events: multisigEvents,
  errors: MULTISIG_ERRORS,
};
