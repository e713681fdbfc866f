/**
 * Options shared by `node` and `devnet` that map onto NodeConfig settings, and their conversion to
 * the `flags` input of `resolveNodeConfig` (commander leaves unset options undefined).
 */
import { Option, type Command } from 'commander';
import type { ConfigInputs } from '../node/config.js';
import { collect, intArg } from './args.js';

/** Raw node options as commander returns them. */
export interface NodeFlagValues {
  network?: string;
  datadir?: string;
  config?: string;
  rpcHost?: string;
  rpcPort?: number;
  rpcAllowedOrigins?: string;
  mine?: boolean;
  threads?: number;
  stateCacheMb?: number;
  beneficiary?: string;
  logLevel?: string;
  logFormat?: string;
  dashboard?: boolean;
  stratumPort?: string;
  stratumHost?: string;
  stratumDifficulty?: string;
  miningPoolScheme?: string;
  miningPoolFee?: string;
  miningPoolMinPayout?: string;
  miningPoolPplnsN?: string;
  p2p?: boolean;
  p2pHost?: string;
  p2pPort?: number;
  bootstrap?: string[];
  maxPeers?: number;
}


/** Adds the node options (all but `--network`, `--datadir` and `--mine`, which differ per command). */
export function addNodeOptions(cmd: Command): Command {
  return cmd
    .option('--config <path>', 'JSON config file (default <datadir>/coinworks.json when it exists)')
    .option('--rpc-host <host>', 'JSON-RPC listen address (default 127.0.0.1)')
    .option('--rpc-port <port>', 'JSON-RPC port, 0 for any free port (default 8645)', intArg(0, 65535))
    .option('--rpc-allowed-origins <origins>', 'web origins allowed to call the JSON-RPC server from a browser, comma-separated, e.g. http://localhost:5173 (or *; default none)')
    .option('--threads <n>', 'mining threads (default 1)', intArg(1, 1024))
    .option('--state-cache-mb <mib>', 'memory for cached state records and pages (default 256)', intArg(1, 1 << 20))
    .option('--beneficiary <address>', 'address that receives mined block rewards')
    .addOption(new Option('--log-level <level>', 'log level (default info)').choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']))
    .addOption(new Option('--log-format <format>', 'log format (default auto: text on a terminal, else JSON)').choices(['auto', 'pretty', 'json']))
    .option('--stratum-port <port|off>', 'run the mining pool: Stratum v1 port for miners, 0 for any free port (default off; `coinworks devnet`: 3333)')
    .option('--stratum-host <host>', 'Stratum listen address (default 127.0.0.1)')
    .option('--stratum-difficulty <d>', 'start share difficulty of a miner (default 0.0009765625 = 2^-10: about a share a second for one CPU thread)')
    .addOption(new Option('--mining-pool-scheme <scheme>', 'payout scheme of the mining pool (default pplns)').choices(['pplns', 'pps']))
    .option('--mining-pool-fee <percent>', 'mining pool fee in percent (default 1)')
    .option('--mining-pool-min-payout <CWC>', 'smallest balance the mining pool pays out (default 0.1)')
    .option('--mining-pool-pplns-n <n>', 'PPLNS window: N x the network difficulty of shares (default 2)')
    .option('--p2p-host <host>', 'peer-to-peer listen address (default 127.0.0.1)')
    .option('--p2p-port <port>', 'peer-to-peer TCP port, 0 for any free port (default 8745)', intArg(0, 65535))
    .option('--bootstrap <multiaddr>', 'peer to connect to, e.g. /ip4/127.0.0.1/tcp/8745/p2p/<peer id> (repeatable)', collect)
    .option('--max-peers <n>', 'most peers kept (default 32)', intArg(1, 1000))
    .option('--no-p2p', 'run without the peer-to-peer network')
    .option('--no-dashboard', 'do not serve the web dashboard at the RPC port (default: served at http://<rpc-host>:<rpc-port>/)');
}

/** The `flags` input of `resolveNodeConfig`. */
export function nodeFlags(o: NodeFlagValues): NonNullable<ConfigInputs['flags']> {
  return {
    network: o.network,
    datadir: o.datadir,
    config: o.config,
    rpcHost: o.rpcHost,
    rpcPort: o.rpcPort,
    rpcAllowedOrigins: o.rpcAllowedOrigins,
    mine: o.mine,
    threads: o.threads,
    stateCacheMb: o.stateCacheMb,
    beneficiary: o.beneficiary,
    logLevel: o.logLevel,
    logFormat: o.logFormat,
    // commander sets `dashboard: true` when --no-dashboard is absent: only an explicit flag counts.
    dashboard: o.dashboard === false ? false : undefined,
    stratumPort: o.stratumPort,
    stratumHost: o.stratumHost,
    stratumDifficulty: o.stratumDifficulty,
    miningPoolScheme: o.miningPoolScheme,
    miningPoolFeeBps: o.miningPoolFee,
    miningPoolMinPayout: o.miningPoolMinPayout,
    miningPoolPplnsN: o.miningPoolPplnsN,
    // commander sets p2p to true unless --no-p2p was given: only the explicit "no" is a flag.
    p2p: o.p2p === false ? false : undefined,
    p2pHost: o.p2pHost,
    p2pPort: o.p2pPort,
    bootstrap: o.bootstrap,
    maxPeers: o.maxPeers,
  };
}
