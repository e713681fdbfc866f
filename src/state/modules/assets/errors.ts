/**
 * Error codes the assets module (fixed and issuer-with-minters assets) owns: its code list, each
 * with its verdict for peer scoring. All are command rules (a failing command leaves the
 * transaction includable with a failed receipt, and what it checks is state the sender may not have
 * seen), so nobody is at fault. Generic codes (params, balance, not found, unauthorized, …) stay in
 * src/errors.ts.
 */
import { COMMAND_RULE, defineTxErrors } from '../../../errors.js';

/** The assets module's codes and verdicts. */
export const ASSETS_ERRORS = defineTxErrors('assets', {
  TX_ALLOWANCE_EXCEEDED: COMMAND_RULE,
});

/** A code of the assets module. */
export type AssetsErrorCode = keyof typeof ASSETS_ERRORS;

declare module '../../../errors.js' {
  /** The assets module's codes are transaction codes. */
  interface TxErrorCodes extends Record<AssetsErrorCode, Verdict> {}
}
