/**
 * Node configuration. Every setting comes from the first place that sets it, in this order:
 * command-line flags, environment variables, a JSON config file (`--config <path>`, else
 * `<datadir>/coinworks.json` when it exists), then built-in defaults. docs/configuration.md has
 * the table. Every value is checked; a bad one is a NodeError `CONFIG_INVALID` naming the setting,
 * the value and where it came from.
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { isAddress } from '../crypto/address.js';
import { NodeError } from './errors.js';

/** Networks a node can run. */
export type NetworkName = 'devnet' | 'testnet' | 'regtest' | 'pos-devnet';

/** pino log levels accepted by `logLevel`. */
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Everything a node needs to start. */
export interface NodeConfig {
  /** Network to run. */
  network: NetworkName;
  /** Absolute data directory (chain database, genesis.json, config file). */
  datadir: string;
  /** Interface the JSON-RPC server listens on. */
  rpcHost: string;
  /** Web origins allowed to call the JSON-RPC server from a browser (`*`: any); none by default. */
  rpcAllowedOrigins: string[];
  /** JSON-RPC port; 0 picks a free one. */
  rpcPort: number;
  /** Start mining at once. */
  mine: boolean;
  /** Mining threads. */
  threads: number;
  /** Memory for the state's record and leaf-page caches, in MiB (the state itself is on disk). */
  stateCacheMb: number;
  /** bech32m address that receives block rewards (required to mine). */
  beneficiary: string | undefined;
  /** Log level. */
  logLevel: LogLevel;
  /** Log lines as text for people (`pretty`), JSON (`json`), or text only on a terminal (`auto`). */
  logFormat: LogFormat;
  /** Serve the web dashboard at the RPC port's root (`GET /`); absent or true: served (resolveNodeConfig always sets it). */
  dashboard?: boolean;
  /** Stratum port of the mining pool (`off` or absent: no pool; 0 picks a free port). The pool settings below are optional: absent ones take their defaults. */
  stratumPort?: number | 'off';
  /** Interface the Stratum server listens on. */
  stratumHost?: string;
  /** Start share difficulty of a new miner connection (rounded down to a power of two). */
  stratumDifficulty?: number;
  /** Payout scheme of the mining pool. */
  miningPoolScheme?: 'pplns' | 'pps';
  /** Pool fee in basis points (from a percent setting: 1.5 -> 150). */
  miningPoolFeeBps?: number;
  /** Smallest balance the pool pays out, in base units (from a coin amount). */
  miningPoolMinPayout?: bigint;
  /** PPLNS window: N x the network difficulty of shares. */
  miningPoolPplnsN?: number;
  /** Run the peer-to-peer network (`--no-p2p`: a node alone). */
  p2p: boolean;
  /** Interface the p2p listener binds. */
  p2pHost: string;
  /** p2p TCP port; 0 picks a free one. */
  p2pPort: number;
  /** Peers to dial at start and whenever disconnected: multiaddrs ending in `/p2p/<peer id>`. */
  bootstrap: string[];
  /** Most peers kept. */
  maxPeers: number;
}

/** Log output formats. */
export type LogFormat = 'auto' | 'pretty' | 'json';

/** A NodeConfig key. */
export type ConfigKey = keyof NodeConfig;

/** Where a setting came from. */
export type ConfigSource = 'flag' | 'env' | 'file' | 'default';

/** A resolved configuration with the source of every setting and the config file read, if any. */
export interface ResolvedConfig {
  /** The configuration. */
  config: NodeConfig;
  /** Which source set each setting. */
  sources: Record<ConfigKey, ConfigSource>;
  /** Path of the config file that was read, if one was. */
  configFile: string | undefined;
}

/** Inputs of `resolveNodeConfig`. */
export interface ConfigInputs {
  /** Command-line values (strings, numbers or booleans; undefined = not given). */
  flags?: Partial<Record<ConfigKey | 'config', unknown>>;
  /** Environment (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /** Base for relative paths (default `process.cwd()`). */
  cwd?: string;
  /** Home directory for `~` and the default data directory (default `os.homedir()`). */
  home?: string;
  /** Defaults that replace the built-in ones (the `devnet` command uses its own data directory). */
  defaults?: Partial<NodeConfig>;
}

/** Networks by name, for validation. */
export const NETWORK_NAMES: readonly NetworkName[] = ['devnet', 'testnet', 'regtest', 'pos-devnet'];
/** Log levels, for validation. */
export const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
/** Log formats, for validation. */
export const LOG_FORMATS: readonly LogFormat[] = ['auto', 'pretty', 'json'];
/** Default JSON-RPC port. */
export const DEFAULT_RPC_PORT = 8645;
/** Default JSON-RPC interface. */
export const DEFAULT_RPC_HOST = '127.0.0.1';
/** Name of the optional config file inside a data directory. */
export const CONFIG_FILE_NAME = 'coinworks.json';
/** Most mining threads accepted. */
export const MAX_THREADS = 1024;
/**
 * Default state cache (MiB). Measured with 1,000,000 accounts (bench/chain-state.ts, `state.rss_mb`
 * "default cache filled"): the node held 826 MB resident with a full 128 MiB cache after 50 blocks,
 * and 1,206 MB with 256 MiB, over the 1 GB aim (both include what filling the cache left on the heap).
 */
export const DEFAULT_STATE_CACHE_MB = 128;
/** Default p2p port. */
export const DEFAULT_P2P_PORT = 8745;
/** Default p2p interface. */
export const DEFAULT_P2P_HOST = '127.0.0.1';
/** Default most peers. */
export const DEFAULT_MAX_PEERS = 32;
/** Most peers accepted by `maxPeers`. */
export const MAX_MAX_PEERS = 1000;

/** Environment variable of each setting. */
export const ENV_VARS: Readonly<Record<ConfigKey | 'config', string>> = {
  network: 'COINWORKS_NETWORK',
  datadir: 'COINWORKS_DATADIR',
  rpcHost: 'COINWORKS_RPC_HOST',
  rpcAllowedOrigins: 'COINWORKS_RPC_ALLOWED_ORIGINS',
  rpcPort: 'COINWORKS_RPC_PORT',
  mine: 'COINWORKS_MINE',
  threads: 'COINWORKS_THREADS',
  stateCacheMb: 'COINWORKS_STATE_CACHE_MB',
  beneficiary: 'COINWORKS_BENEFICIARY',
  logLevel: 'COINWORKS_LOG_LEVEL',
  logFormat: 'COINWORKS_LOG_FORMAT',
  dashboard: 'COINWORKS_DASHBOARD',
  stratumPort: 'COINWORKS_STRATUM_PORT',
  stratumHost: 'COINWORKS_STRATUM_HOST',
  stratumDifficulty: 'COINWORKS_STRATUM_DIFFICULTY',
  miningPoolScheme: 'COINWORKS_MINING_POOL_SCHEME',
  miningPoolFeeBps: 'COINWORKS_MINING_POOL_FEE',
  miningPoolMinPayout: 'COINWORKS_MINING_POOL_MIN_PAYOUT',
  miningPoolPplnsN: 'COINWORKS_MINING_POOL_PPLNS_N',
  p2p: 'COINWORKS_P2P',
  p2pHost: 'COINWORKS_P2P_HOST',
  p2pPort: 'COINWORKS_P2P_PORT',
  bootstrap: 'COINWORKS_BOOTSTRAP',
  maxPeers: 'COINWORKS_MAX_PEERS',
  config: 'COINWORKS_CONFIG',
};

/** Command-line flag of each setting (for messages). */
export const FLAGS: Readonly<Record<ConfigKey | 'config', string>> = {
  network: '--network',
  datadir: '--datadir',
  rpcHost: '--rpc-host',
  rpcAllowedOrigins: '--rpc-allowed-origins',
  rpcPort: '--rpc-port',
  mine: '--mine',
  threads: '--threads',
  stateCacheMb: '--state-cache-mb',
  beneficiary: '--beneficiary',
  logLevel: '--log-level',
  logFormat: '--log-format',
  stratumPort: '--stratum-port',
  stratumHost: '--stratum-host',
  stratumDifficulty: '--stratum-difficulty',
  miningPoolScheme: '--mining-pool-scheme',
  miningPoolFeeBps: '--mining-pool-fee',
  miningPoolMinPayout: '--mining-pool-min-payout',
  miningPoolPplnsN: '--mining-pool-pplns-n',
  p2p: '--no-p2p',
  p2pHost: '--p2p-host',
  p2pPort: '--p2p-port',
  bootstrap: '--bootstrap',
  maxPeers: '--max-peers',
  dashboard: '--no-dashboard',
  config: '--config',
};

const KEYS: readonly ConfigKey[] = [
  'network',
  'datadir',
  'rpcHost',
  'rpcAllowedOrigins',
  'rpcPort',
  'mine',
  'threads',
  'beneficiary',
  'logLevel',
  'logFormat',
  'p2p',
  'p2pHost',
  'p2pPort',
  'bootstrap',
  'maxPeers',
  'stratumPort',
  'stratumHost',
  'stratumDifficulty',
  'miningPoolScheme',
  'miningPoolFeeBps',
  'miningPoolMinPayout',
  'miningPoolPplnsN',
  'dashboard',
];

/** Default Stratum port of `coinworks devnet` (a plain node runs no pool unless asked). */
export const DEVNET_STRATUM_PORT = 3333;

/** A bootstrap multiaddr: IPv4 or DNS, TCP, and the peer id (`/ip4/127.0.0.1/tcp/8745/p2p/12D3…`). */
const BOOTSTRAP_RE = /^\/(ip4|ip6|dns4|dns6|dns)\/[^/\s]+\/tcp\/\d{1,5}\/p2p\/[1-9A-HJ-NP-Za-km-z]{20,}$/;

/** `~/.coinworks/<network>`: the default data directory of a network. */
export function defaultDatadir(network: NetworkName, home = homedir()): string {
  return join(home, '.coinworks', network);
}

/** Expands a leading `~` and makes a path absolute against `cwd`. */
export function expandPath(p: string, cwd = process.cwd(), home = homedir()): string {
  const expanded = p === '~' ? home : p.startsWith('~/') ? join(home, p.slice(2)) : p;
  return isAbsolute(expanded) ? expanded : resolve(cwd, expanded);
}

function where(key: ConfigKey | 'config', source: ConfigSource, file?: string): string {
  if (source === 'flag') return FLAGS[key];
  if (source === 'env') return ENV_VARS[key];
  if (source === 'file') return `${key} in ${file ?? 'the config file'}`;
  return `default ${key}`;
}

function invalid(key: ConfigKey | 'config', value: unknown, source: ConfigSource, rule: string, file?: string): NodeError {
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return new NodeError('CONFIG_INVALID', `invalid ${where(key, source, file)} ${shown}: ${rule}`, { key, source });
}

function parseBool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v !== 'string') return undefined;
  const s = v.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(s)) return true;
  if (['0', 'false', 'no', 'off', ''].includes(s)) return false;
  return undefined;
}

function parseInteger(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? v : undefined;
  if (typeof v !== 'string' || !/^\s*\d+\s*$/.test(v)) return undefined;
  const n = Number(v.trim());
  return Number.isSafeInteger(n) ? n : undefined;
}

/** Checks one raw value and returns it typed; throws CONFIG_INVALID. */
function parseValue<K extends ConfigKey>(key: K, raw: unknown, source: ConfigSource, ctx: { cwd: string; home: string; file?: string }): NodeConfig[K] {
  const bad = (rule: string) => invalid(key, raw, source, rule, ctx.file);
  switch (key) {
    case 'network': {
      if (typeof raw !== 'string' || !NETWORK_NAMES.includes(raw as NetworkName)) throw bad(`must be one of ${NETWORK_NAMES.join(', ')}`);
      return raw as NodeConfig[K];
    }
    case 'datadir': {
      if (typeof raw !== 'string' || raw.trim() === '') throw bad('must be a non-empty path');
      return expandPath(raw, ctx.cwd, ctx.home) as NodeConfig[K];
    }
    case 'rpcHost':
    case 'p2pHost': {
      if (typeof raw !== 'string' || raw.trim() === '' || /\s/.test(raw.trim())) throw bad('must be a host name or IP address');
      return raw.trim() as NodeConfig[K];
    }
    case 'rpcAllowedOrigins': {
      // A list (config file) or comma-separated text (flag, environment); each `*` or scheme://host[:port].
      const items = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : undefined;
      if (!items || items.some((o) => typeof o !== 'string')) throw bad('must be a list of origins like http://localhost:5173, or *');
      const out: string[] = [];
      for (const item of items as string[]) {
        const o = item.trim();
        if (o === '') continue;
        if (o !== '*' && !/^https?:\/\/(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/.test(o)) throw bad(`${JSON.stringify(o)} is not an origin (scheme://host[:port], no path), nor *`);
        out.push(o.toLowerCase());
      }
      return out as NodeConfig[K];
    }
    case 'rpcPort':
    case 'p2pPort': {
      const n = parseInteger(raw);
      if (n === undefined || n < 0 || n > 65535) throw bad('must be an integer from 0 to 65535');
      return n as NodeConfig[K];
    }
    case 'threads': {
      const n = parseInteger(raw);
      if (n === undefined || n < 1 || n > MAX_THREADS) throw bad(`must be an integer from 1 to ${MAX_THREADS}`);
      return n as NodeConfig[K];
    }
    case 'stateCacheMb': {
      const n = parseInteger(raw);
      if (n === undefined || n < 1 || n > 1 << 20) throw bad('must be an integer number of MiB from 1 to 1048576');
      return n as NodeConfig[K];
    }
    case 'maxPeers': {
      const n = parseInteger(raw);
      if (n === undefined || n < 1 || n > MAX_MAX_PEERS) throw bad(`must be an integer from 1 to ${MAX_MAX_PEERS}`);
      return n as NodeConfig[K];
    }
    case 'bootstrap': {
      // Flags and files give a list; the environment a comma-separated string.
      const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : undefined;
      if (!list || !list.every((a) => typeof a === 'string')) throw bad('must be a list of multiaddrs');
      const addrs = (list as string[]).map((a) => a.trim()).filter((a) => a !== '');
      for (const a of addrs) if (!BOOTSTRAP_RE.test(a)) throw invalid(key, a, source, 'must be a multiaddr like /ip4/127.0.0.1/tcp/8745/p2p/<peer id>', ctx.file);
      return addrs as NodeConfig[K];
    }
    case 'p2p':
    case 'dashboard':
    case 'mine': {
      const b = parseBool(raw);
      if (b === undefined) throw bad('must be true or false');
      return b as NodeConfig[K];
    }
    case 'beneficiary': {
      if (typeof raw !== 'string' || !isAddress(raw.trim())) throw bad('must be a bech32m address (cw1...)');
      return raw.trim().toLowerCase() as NodeConfig[K];
    }
    case 'logLevel': {
      if (typeof raw !== 'string' || !LOG_LEVELS.includes(raw.trim().toLowerCase() as LogLevel)) throw bad(`must be one of ${LOG_LEVELS.join(', ')}`);
      return raw.trim().toLowerCase() as NodeConfig[K];
    }
    case 'logFormat': {
      if (typeof raw !== 'string' || !LOG_FORMATS.includes(raw.trim().toLowerCase() as LogFormat)) throw bad(`must be one of ${LOG_FORMATS.join(', ')}`);
      return raw.trim().toLowerCase() as NodeConfig[K];
    }
    case 'stratumPort': {
      if (typeof raw === 'string' && ['off', 'false', 'no', 'none'].includes(raw.trim().toLowerCase())) return 'off' as NodeConfig[K];
      if (raw === false) return 'off' as NodeConfig[K];
      const n = parseInteger(raw);
      if (n === undefined || n < 0 || n > 65535) throw bad('must be an integer from 0 to 65535, or off');
      return n as NodeConfig[K];
    }
    case 'stratumHost': {
      if (typeof raw !== 'string' || raw.trim() === '' || /\s/.test(raw.trim())) throw bad('must be a host name or IP address');
      return raw.trim() as NodeConfig[K];
    }
    case 'stratumDifficulty': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\d+(\.\d+)?(e-?\d+)?\s*$/i.test(raw) ? Number(raw) : NaN;
      if (!Number.isFinite(n) || n < 2 ** -32 || n > 2 ** 40) throw bad('must be a number from 0.0000000003 (2^-32) to 2^40');
      return n as NodeConfig[K];
    }
    case 'miningPoolScheme': {
      const v = typeof raw === 'string' ? raw.trim().toLowerCase() : raw;
      if (v !== 'pplns' && v !== 'pps') throw bad('must be pplns or pps');
      return v as NodeConfig[K];
    }
    case 'miningPoolFeeBps': {
      // A percent with up to two decimals: 1.5 -> 150 basis points.
      const text = typeof raw === 'number' ? String(raw) : raw;
      const m = typeof text === 'string' ? /^\s*(\d{1,3})(?:\.(\d{1,2}))?\s*%?\s*$/.exec(text) : null;
      const bps = m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : NaN;
      if (!Number.isInteger(bps) || bps > 10_000) throw bad('must be a percent from 0 to 100 with at most two decimals');
      return bps as NodeConfig[K];
    }
    case 'miningPoolMinPayout': {
      const text = typeof raw === 'number' ? String(raw) : raw;
      const m = typeof text === 'string' ? /^\s*(\d{1,11})(?:\.(\d{1,8}))?\s*$/.exec(text) : null;
      if (!m) throw bad('must be an amount of coins with at most 8 decimals');
      return (BigInt(m[1]) * 100_000_000n + BigInt((m[2] ?? '').padEnd(8, '0'))) as NodeConfig[K];
    }
    case 'miningPoolPplnsN': {
      const n = parseInteger(raw);
      if (n === undefined || n < 1 || n > 1000) throw bad('must be an integer from 1 to 1000');
      return n as NodeConfig[K];
    }
    default:
      throw bad('unknown setting');
  }
}

function present(v: unknown): boolean {
  return v !== undefined && v !== null;
}

/** Reads and checks a config file; `required` makes a missing file an error. */
export async function readConfigFile(path: string, required: boolean): Promise<Record<string, unknown> | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' && !required) return undefined;
    throw new NodeError('CONFIG_FILE_INVALID', `cannot read config file ${path}: ${(e as Error).message}`, { path });
  }
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch (e) {
    throw new NodeError('CONFIG_FILE_INVALID', `config file ${path} is not valid JSON: ${(e as Error).message}`, { path });
  }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
    throw new NodeError('CONFIG_FILE_INVALID', `config file ${path} must hold a JSON object`, { path });
  }
  for (const k of Object.keys(obj)) {
    if (!KEYS.includes(k as ConfigKey)) {
      throw new NodeError('CONFIG_FILE_INVALID', `config file ${path} has an unknown setting "${k}" (known: ${KEYS.join(', ')})`, { path, key: k });
    }
  }
  return obj as Record<string, unknown>;
}

/** Resolves the node configuration from flags, environment, config file and defaults (in that order). */
export async function resolveNodeConfig(inputs: ConfigInputs = {}): Promise<ResolvedConfig> {
  const flags = inputs.flags ?? {};
  const env = inputs.env ?? process.env;
  const cwd = inputs.cwd ?? process.cwd();
  const home = inputs.home ?? homedir();
  const ctx = { cwd, home };
  const envOf = (k: ConfigKey | 'config'): string | undefined => {
    const v = env[ENV_VARS[k]];
    return v === undefined || v === '' ? undefined : v;
  };

  // The config file lives in the data directory, which may depend on the network: find both first
  // from flags, environment and defaults only.
  const preNetwork = present(flags.network)
    ? parseValue('network', flags.network, 'flag', ctx)
    : envOf('network') !== undefined
      ? parseValue('network', envOf('network'), 'env', ctx)
      : inputs.defaults?.network ?? 'devnet';
  const preDatadir = present(flags.datadir)
    ? parseValue('datadir', flags.datadir, 'flag', ctx)
    : envOf('datadir') !== undefined
      ? parseValue('datadir', envOf('datadir'), 'env', ctx)
      : inputs.defaults?.datadir ?? defaultDatadir(preNetwork, home);
  let configFile: string | undefined;
  let file: Record<string, unknown> | undefined;
  if (present(flags.config)) {
    if (typeof flags.config !== 'string' || flags.config === '') throw invalid('config', flags.config, 'flag', 'must be a path');
    configFile = expandPath(flags.config, cwd, home);
    file = await readConfigFile(configFile, true);
  } else if (envOf('config') !== undefined) {
    configFile = expandPath(envOf('config')!, cwd, home);
    file = await readConfigFile(configFile, true);
  } else {
    configFile = join(preDatadir, CONFIG_FILE_NAME);
    file = await readConfigFile(configFile, false);
    if (!file) configFile = undefined;
  }
  // Relative paths in a config file are relative to the file's folder.
  const fileCtx = { cwd: configFile ? resolve(configFile, '..') : cwd, home, file: configFile };

  const sources = {} as Record<ConfigKey, ConfigSource>;
  const pick = <K extends ConfigKey>(key: K, fallback: () => NodeConfig[K]): NodeConfig[K] => {
    if (present(flags[key])) {
      sources[key] = 'flag';
      return parseValue(key, flags[key], 'flag', ctx);
    }
    const e = envOf(key);
    if (e !== undefined) {
      sources[key] = 'env';
      return parseValue(key, e, 'env', ctx);
    }
    if (file && present(file[key])) {
      sources[key] = 'file';
      return parseValue(key, file[key], 'file', fileCtx);
    }
    sources[key] = 'default';
    const d = inputs.defaults?.[key];
    return d !== undefined ? (d as NodeConfig[K]) : fallback();
  };

  const network = pick('network', () => 'devnet');
  const config: NodeConfig = {
    network,
    datadir: pick('datadir', () => defaultDatadir(network, home)),
    rpcHost: pick('rpcHost', () => DEFAULT_RPC_HOST),
    rpcAllowedOrigins: pick('rpcAllowedOrigins', () => []),
    rpcPort: pick('rpcPort', () => DEFAULT_RPC_PORT),
    mine: pick('mine', () => false),
    threads: pick('threads', () => 1),
    stateCacheMb: pick('stateCacheMb', () => DEFAULT_STATE_CACHE_MB),
    beneficiary: pick('beneficiary', () => undefined),
    logLevel: pick('logLevel', () => 'info'),
    logFormat: pick('logFormat', () => 'auto'),
    dashboard: pick('dashboard', () => true),
    stratumPort: pick('stratumPort', () => 'off'),
    stratumHost: pick('stratumHost', () => '127.0.0.1'),
    stratumDifficulty: pick('stratumDifficulty', () => 2 ** -10),
    miningPoolScheme: pick('miningPoolScheme', () => 'pplns'),
    miningPoolFeeBps: pick('miningPoolFeeBps', () => 100),
    miningPoolMinPayout: pick('miningPoolMinPayout', () => 10_000_000n),
    miningPoolPplnsN: pick('miningPoolPplnsN', () => 2),
    p2p: pick('p2p', () => true),
    p2pHost: pick('p2pHost', () => DEFAULT_P2P_HOST),
    p2pPort: pick('p2pPort', () => DEFAULT_P2P_PORT),
    bootstrap: pick('bootstrap', () => []),
    maxPeers: pick('maxPeers', () => DEFAULT_MAX_PEERS),
  };
  if (config.mine && !config.beneficiary) {
    throw new NodeError('CONFIG_INVALID', `mining needs a beneficiary address: set ${FLAGS.beneficiary} or ${ENV_VARS.beneficiary}`, { key: 'beneficiary' });
  }
  return { config, sources, configFile };
}
