/**
 * Error codes the market module (listings, royalty-first sales, Seaport counter) owns: its code
 * list, each with its verdict for peer scoring. All are command rules (a failing command leaves the
 * transaction includable with a failed receipt, and what it checks is state the sender may not have
 * seen), so nobody is at fault. Generic codes (params, balance, not found, unauthorized, …) stay in
 * src/errors.ts.
 */
import { COMMAND_RULE, defineTxErrors } from '../../../errors.js';

/** The market module's codes and verdicts. */
export const MARKET_ERRORS = defineTxErrors('market', {
  TX_LISTING_NOT_FOUND: COMMAND_RULE,
  TX_LISTING_STALE: COMMAND_RULE,
  TX_LISTING_EXPIRED: COMMAND_RULE,
  TX_LISTING_CANCELLED: COMMAND_RULE,
  TX_LISTING_MISMATCH: COMMAND_RULE,
});

/** A code of the market module. */
export type MarketErrorCode = keyof typeof MARKET_ERRORS;

declare module '../../../errors.js' {
  /** The market module's codes are transaction codes. */
  interface TxErrorCodes extends Record<MarketErrorCode, Verdict> {}
}
