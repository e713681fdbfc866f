/**
 * CLI errors and how every failure reaches the user: one line on stderr, `error: <message> (<CODE>)`,
 * exit code 2 for usage errors (bad flags, arguments or amounts) and 1 for everything else.
 */
import { CommanderError } from 'commander';
import { CoinworksError } from '../errors.js';

/** Stable codes of CLI failures. */
export type CliErrorCode =
  | 'USAGE'
  | 'CLI_BAD_AMOUNT'
  | 'CLI_BAD_ARGUMENT'
  | 'CLI_NO_PASSWORD'
  | 'CLI_PASSWORD_MISMATCH'
  | 'CLI_UNKNOWN_ACCOUNT'
  | 'CLI_AMBIGUOUS_ACCOUNT'
  | 'CLI_TIMEOUT'
  | 'CLI_TX_FAILED'
  | 'CLI_PROOF_INVALID'
  | 'CLI_NOT_FOUND'
  | 'CLI_UNAUTHORIZED'
  | 'RPC_UNREACHABLE'
  | 'DEVNET_FAILED';

/** A CLI failure; `usage` marks errors in what the user typed (exit code 2). */
export class CliError extends CoinworksError<CliErrorCode> {
  /** True when the command line itself is wrong. */
  readonly usage: boolean;

  constructor(code: CliErrorCode, message: string, o: { usage?: boolean; data?: Record<string, unknown> } = {}) {
    super(code, message, o.data ?? {});
    this.usage = o.usage ?? code === 'USAGE';
  }
}

/** Exit code for usage errors. */
export const EXIT_USAGE = 2;
/** Exit code for every other failure. */
export const EXIT_FAILURE = 1;

/** Commander codes that are not failures (help and version output). */
const COMMANDER_OK = new Set(['commander.helpDisplayed', 'commander.version', 'commander.executeSubCommandAsync']);

function unreachable(e: unknown): string | undefined {
  // fetch() fails with TypeError('fetch failed') and the socket error as `cause`.
  const err = e as { message?: unknown; cause?: { code?: unknown; message?: unknown } } | null;
  const code = err?.cause?.code;
  if (typeof code === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'EAI_AGAIN'].includes(code)) return code;
  return undefined;
}

/** Collapses a message onto one line. */
function oneLine(s: string): string {
  return s.trim().replace(/\s*\n\s*/g, ' ');
}

/** The one-line message and exit code for any error (`undefined` line: nothing to print, e.g. after --help). */
export function describeError(e: unknown, rpcUrl?: string): { line: string | undefined; exitCode: number } {
  if (e instanceof CommanderError) {
    if (COMMANDER_OK.has(e.code)) return { line: undefined, exitCode: 0 };
    if (e.code === 'commander.help') return { line: undefined, exitCode: EXIT_USAGE };
    const msg = oneLine(e.message.replace(/^error:\s*/i, ''));
    return { line: `error: ${msg} (USAGE)`, exitCode: EXIT_USAGE };
  }
  if (e instanceof CoinworksError && e.code === 'CLIENT_HTTP' && /fetch failed/.test(e.message)) {
    return { line: `error: cannot reach a node at ${rpcUrl ?? 'the RPC URL'}; is it running? (set --rpc or COINWORKS_RPC) (RPC_UNREACHABLE)`, exitCode: EXIT_FAILURE };
  }
  if (e instanceof CliError) return { line: `error: ${oneLine(e.message)} (${e.code})`, exitCode: e.usage ? EXIT_USAGE : EXIT_FAILURE };
  if (e instanceof CoinworksError) return { line: `error: ${oneLine(e.message)} (${e.code})`, exitCode: EXIT_FAILURE };
  const sock = unreachable(e);
  if (sock) {
    return { line: `error: cannot reach a node at ${rpcUrl ?? 'the RPC URL'} (${sock}); is it running? (set --rpc or COINWORKS_RPC) (RPC_UNREACHABLE)`, exitCode: EXIT_FAILURE };
  }
  const code = (e as { code?: unknown } | null)?.code;
  const msg = e instanceof Error ? e.message : String(e);
  return { line: `error: ${oneLine(msg)} (${typeof code === 'string' && /^[A-Z0-9_]+$/.test(code) ? code : 'INTERNAL'})`, exitCode: EXIT_FAILURE };
}
