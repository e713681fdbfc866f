/** Error codes the staking pool owns, with their verdicts (command rules: nobody is at fault). */
import { COMMAND_RULE, defineTxErrors } from '../../../errors.js';

/** The staking pool's codes and verdicts. */
export const STAKING_POOL_ERRORS = defineTxErrors('staking-pool', {
  /** A deposit below the pool's minimum (0.01 CWC). */
  TX_BELOW_MIN_DEPOSIT: COMMAND_RULE,
  /** The pool has shares but nothing pooled (slashed to zero): shares have no price. */
  TX_POOL_INSOLVENT: COMMAND_RULE,
});

/** A code of the staking pool. */
export type StakingPoolErrorCode = keyof typeof STAKING_POOL_ERRORS;

declare module '../../../errors.js' {
  /** The staking pool's codes are transaction codes. */
  interface TxErrorCodes extends Record<StakingPoolErrorCode, Verdict> {}
}
