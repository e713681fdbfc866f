/**
 * Errors of the mining pool (Stratum server, ledger, payouts, alarms). Callers switch on `code`;
 * none is a consensus failure, so every code carries the default local verdict.
 */
import { CoinworksError } from '../errors.js';

/** Stable codes of mining-pool failures. */
export type MiningPoolErrorCode =
  | 'MINING_POOL_BAD_DIFFICULTY'
  | 'MINING_POOL_BAD_CONFIG'
  | 'MINING_POOL_NOT_RUNNING'
  | 'MINING_POOL_LEDGER_CORRUPT'
  | 'MINING_POOL_LEDGER_CLOSED'
  | 'MINING_POOL_KEY_INVALID'
  | 'MINING_POOL_BAD_ALARM'
  | 'MINING_POOL_UNKNOWN_ALARM'
  | 'MINING_POOL_LISTEN_FAILED';

/** A mining-pool failure; `code` says which. */
export class MiningPoolError extends CoinworksError<MiningPoolErrorCode> {}
