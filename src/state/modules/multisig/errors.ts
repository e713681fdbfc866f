/**
 * Error codes the multisig module (Safe-style owners, threshold, proposals) owns: its code list,
 * each with its verdict for peer scoring. All are command rules (a failing command leaves the
 * transaction includable with a failed receipt, and what it checks is state the sender may not have
 * seen), so nobody is at fault. Generic codes (params, balance, not found, unauthorized, …) stay in
 * src/errors.ts.
 */
import { COMMAND_RULE, defineTxErrors } from '../../../errors.js';

/** The multisig module's codes and verdicts. */
export const MULTISIG_ERRORS = defineTxErrors('multisig', {
  TX_THRESHOLD_NOT_MET: COMMAND_RULE,
  TX_PROPOSAL_EXPIRED: COMMAND_RULE,
  TX_PROPOSAL_CLOSED: COMMAND_RULE,
  TX_PROPOSAL_NONCE: COMMAND_RULE,
});

/** A code of the multisig module. */
export type MultisigErrorCode = keyof typeof MULTISIG_ERRORS;

declare module '../../../errors.js' {
  /** The multisig module's codes are transaction codes. */
  interface TxErrorCodes extends Record<MultisigErrorCode, Verdict> {}
}
