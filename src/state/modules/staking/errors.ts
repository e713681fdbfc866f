/**
 * Error codes the staking module (validators, delegation, unbonding, redelegation, jail) owns,
 * with their verdicts. All are command rules: a failing command leaves the transaction includable
 * with a failed receipt, and what it checks (stake, jail, entries, commission) is state the sender
 * may not have seen, so nobody is at fault. Generic codes (params, not found, unauthorized,
 * duplicate, balance) stay in src/errors.ts.
 */
import { COMMAND_RULE, defineTxErrors } from '../../../errors.js';

/** The staking module's codes and verdicts. */
export const STAKING_ERRORS = defineTxErrors('staking', {
  /** A self-stake below the network minimum (register, unjail). */
  TX_BELOW_MIN_SELF_STAKE: COMMAND_RULE,
  /** The validator is jailed (cancel an unbonding into it) or its jail has not expired (unjail). */
  TX_VALIDATOR_JAILED: COMMAND_RULE,
  /** unjail of a validator that is not jailed. */
  TX_NOT_JAILED: COMMAND_RULE,
  /** The validator was tombstoned for a duplicate vote: jailed for ever, no new stake. */
  TX_VALIDATOR_TOMBSTONED: COMMAND_RULE,
  /** A commission above its cap, a change above the daily limit, or a second change within 24 h. */
  TX_COMMISSION_INVALID: COMMAND_RULE,
  /** The pair already has the most unbonding (or redelegation) entries allowed (7). */
  TX_ENTRIES_FULL: COMMAND_RULE,
  /** Redelegating away from a validator this delegator redelegated into and that has not matured. */
  TX_REDELEGATION_HOP: COMMAND_RULE,
  /** An amount above what the delegation is worth. */
  TX_INSUFFICIENT_STAKE: COMMAND_RULE,
});

/** A code of the staking module. */
export type StakingErrorCode = keyof typeof STAKING_ERRORS;

declare module '../../../errors.js' {
  /** The staking module's codes are transaction codes. */
  interface TxErrorCodes extends Record<StakingErrorCode, Verdict> {}
}
