/**
 * What every command gets: the output streams, the environment, the global options (`--rpc`,
 * `--json`) and an RPC client for the node at `--rpc`.
 */
import type { Command } from 'commander';
import { CoinworksClient } from '../client/index.js';
import type { CliIo } from './output.js';

/** Default RPC URL of a local node. */
export const DEFAULT_RPC_URL = 'http://127.0.0.1:8645';
/** Environment variable with the RPC URL. */
export const RPC_ENV = 'COINWORKS_RPC';

/** Options every command accepts. */
export interface GlobalOptions {
  /** Node JSON-RPC URL. */
  readonly rpc: string;
  /** Machine-readable output. */
  readonly json: boolean;
}

/** Shared state of one CLI run. */
export class CliApp {
  /** RPC URL of the last command that asked for a client (for error messages). */
  rpcUrl: string | undefined;

  constructor(
    /** Output streams. */
    readonly io: CliIo,
    /** Environment. */
    readonly env: NodeJS.ProcessEnv,
  ) {}

  /** Global options as seen by `cmd`. */
  globals(cmd: Command): GlobalOptions {
    const o = cmd.optsWithGlobals<{ rpc?: string; json?: boolean }>();
    return { rpc: o.rpc ?? this.env[RPC_ENV] ?? DEFAULT_RPC_URL, json: o.json === true };
  }

  /** A client for the node at `--rpc`. */
  client(cmd: Command): CoinworksClient {
    const url = this.globals(cmd).rpc;
    this.rpcUrl = url;
    return new CoinworksClient(url);
  }
}
