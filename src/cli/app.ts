/**
 * What every command gets: the output streams, the environment, the global options (`--rpc`,
 * `--json`) and an RPC client for the node at `--rpc`; commands that drive the node (control
 * methods) get one that carries the node's auth cookie, read from its data directory.
 */
import type { Command } from 'commander';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { CoinworksClient } from '../client/client.js';
import { RpcError } from '../client/errors.js';
import { CliError } from './errors.js';
import { nodeFetch } from './http-fetch.js';
import type { CliIo } from './output.js';

/** Default RPC URL of a local node. */
export const DEFAULT_RPC_URL = 'http://127.0.0.1:8645';
/** Environment variable with the RPC URL. */
export const RPC_ENV = 'COINWORKS_RPC';

/** `url` if it is an http(s) URL with a host; CLI_BAD_RPC_URL (a usage error) naming `where` otherwise. */
export function checkRpcUrl(url: string, where: string): string {
  let u: URL | undefined;
  try {
    u = new URL(url);
  } catch {
    u = undefined;
  }
  if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:') || u.hostname === '') {
    const hint = /^[\w.-]+:\d+$/.test(url) || /^\[[\d:a-f]+\]:\d+$/i.test(url) ? `; did you mean http://${url}?` : ', e.g. http://127.0.0.1:8645';
    throw new CliError('CLI_BAD_RPC_URL', `${where} must be an http:// or https:// URL, got ${JSON.stringify(url)}${hint}`, { usage: true });
  }
  return url;
}

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
    return { rpc: o.rpc ?? (this.env[RPC_ENV] || undefined) ?? DEFAULT_RPC_URL, json: o.json === true };
  }

  /** The RPC URL in force, checked: an http(s) URL (`localhost:8645` without a scheme is refused with the fix, not taken for an unreachable node). */
  checkedRpcUrl(cmd: Command): string {
    const o = cmd.optsWithGlobals<{ rpc?: string }>();
    const url = this.globals(cmd).rpc;
    return checkRpcUrl(url, o.rpc !== undefined ? '--rpc' : this.env[RPC_ENV] ? RPC_ENV : 'the RPC URL');
  }

  /** A client for the node at `--rpc`. */
  client(cmd: Command): CoinworksClient {
    const url = this.checkedRpcUrl(cmd);
    this.rpcUrl = url;
    return new CoinworksClient(url, { fetch: nodeFetch });
  }

  /**
   * Data directories whose `.cookie` may hold the node's credentials, in order: `--datadir` (or
   * COINWORKS_DATADIR) alone when given, else the devnet command's `./.coinworks/devnet`, then the
   * node's default `~/.coinworks/<network>` (network from COINWORKS_NETWORK, default devnet).
   */
  cookieDirs(cmd: Command): string[] {
    const o = cmd.optsWithGlobals<{ datadir?: string }>();
    const given = o.datadir ?? (this.env.COINWORKS_DATADIR || undefined);
    if (given) return [resolve(given.replace(/^~(?=$|\/)/, homedir()))];
    const network = this.env.COINWORKS_NETWORK || 'devnet';
    return [resolve(join('.coinworks', 'devnet')), join(homedir(), '.coinworks', network)];
  }

  /**
   * Runs `fn` with a client that sends the node's auth cookie (for control methods such as
   * mining_start). A refusal becomes CLI_UNAUTHORIZED saying where the cookie was looked for.
   */
  async withControl<T>(cmd: Command, fn: (client: CoinworksClient) => Promise<T>): Promise<T> {
    const url = this.checkedRpcUrl(cmd);
    this.rpcUrl = url;
    const { readCookie } = await import('../node/cookie.js');
    const dirs = this.cookieDirs(cmd);
    let cookie: string | undefined;
    let from: string | undefined;
    for (const d of dirs) {
      cookie = await readCookie(d);
      if (cookie) {
        from = d;
        break;
      }
    }
    try {
      return await fn(new CoinworksClient(url, { fetch: nodeFetch, ...(cookie ? { auth: cookie } : {}) }));
    } catch (e) {
      if (!(e instanceof RpcError && e.code === 'RPC_UNAUTHORIZED')) throw e;
      const why = from ? `the cookie in ${join(from, '.cookie')} was refused (is that this node's data directory?)` : `no .cookie in ${dirs.join(' or ')}`;
      throw new CliError('CLI_UNAUTHORIZED', `the node at ${url} needs its auth cookie for this: ${why}; pass --datadir <the node's data directory>`);
    }
  }
}
