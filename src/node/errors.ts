/**
 * Errors raised while configuring and running a node: bad settings, a data directory that is not
 * what it should be, a genesis file that does not parse. Callers switch on `code`.
 */
import { CoinworksError } from '../errors.js';

/** Stable codes of node failures. */
export type NodeErrorCode =
  | 'CONFIG_INVALID'
  | 'CONFIG_FILE_INVALID'
  | 'GENESIS_INVALID'
  | 'GENESIS_MISMATCH'
  | 'DATADIR_NOT_DEVNET'
  | 'NODE_NOT_RUNNING'
  | 'NODE_ALREADY_RUNNING'
  | 'RPC_PORT_IN_USE';

/** A node could not be configured or run; `code` says why. */
export class NodeError extends CoinworksError<NodeErrorCode> {}
