/**
 * Error codes the stablecoin module (reserve-attested, governed minting and compliance) owns: its
 * code list, each with its verdict for peer scoring. All are command rules (a failing command
 * leaves the transaction includable with a failed receipt, and what it checks is state the sender
 * may not have seen), so nobody is at fault. Generic codes (params, balance, not found,
 * unauthorized, …) stay in src/errors.ts.
 */
import { COMMAND_RULE, defineTxErrors } from '../../../errors.js';

/** The stablecoin module's codes and verdicts. */
export const STABLECOIN_ERRORS = defineTxErrors('stablecoin', {
  TX_PAUSED: COMMAND_RULE,
  TX_FROZEN: COMMAND_RULE,
  TX_BLACKLISTED: COMMAND_RULE,
  TX_NOT_FROZEN: COMMAND_RULE,
  TX_STALE_ATTESTATION: COMMAND_RULE,
  TX_RESERVE_EXCEEDED: COMMAND_RULE,
});

/** A code of the stablecoin module. */
export type StablecoinErrorCode = keyof typeof STABLECOIN_ERRORS;

declare module '../../../errors.js' {
  /** The stablecoin module's codes are transaction codes. */
  interface TxErrorCodes extends Record<StablecoinErrorCode, Verdict> {}
}
