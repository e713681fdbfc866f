/**
 * Helpers for end-to-end tests that drive the built CLI (`dist/cli/main.js`) as separate processes,
 * the way a user would: run a command to completion, or start a long-running one and read its output.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** Repository root. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The built CLI (COINWORKS_TEST_CLI runs the tests against another build, e.g. to see a test fail before its fix). */
export const CLI = process.env.COINWORKS_TEST_CLI || join(ROOT, 'dist', 'cli', 'main.js');

/** Fails clearly when the CLI has not been built. */
export function requireBuiltCli(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does)`);
}

/** Result of a finished command. */
export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Environment without any COINWORKS_* settings from the caller's shell, plus `extra`. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('COINWORKS_')) env[k] = v;
  return { ...env, ...extra };
}

/** Runs `coinworks <args>` to completion. */
export function cli(args: readonly string[], o: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: o.cwd ?? ROOT, env: o.env ?? cleanEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`coinworks ${args.join(' ')} timed out\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, o.timeoutMs ?? 5 * 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.end(o.input ?? '');
  });
}

/** A long-running process whose output is collected. */
export interface Background {
  readonly child: ChildProcess;
  /** Everything written so far. */
  output(): { stdout: string; stderr: string };
  /** Resolves with the first stdout match of `re` (rejects on exit or after `timeoutMs`). */
  waitFor(re: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves when the process has exited and its output pipes are closed. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends a signal and waits for the exit (SIGKILL after `timeoutMs`). */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts a command in the background (`command` defaults to node running the CLI). */
export function background(args: readonly string[], o: { cwd?: string; env?: NodeJS.ProcessEnv; command?: string; detached?: boolean } = {}): Background {
  const child = o.command
    ? spawn(o.command, [...args], { cwd: o.cwd ?? ROOT, env: o.env ?? cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: o.detached })
    : spawn(process.execPath, [CLI, ...args], { cwd: o.cwd ?? ROOT, env: o.env ?? cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: o.detached });
  let stdout = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
    for (const w of waiters) w();
  });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  // 'close', not 'exit': output keeps coming from grandchildren (npm, npx, sh) until the pipes close.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  let done = false;
  void exited.then(() => {
    done = true;
    for (const w of waiters) w();
  });
  return {
    child,
    output: () => ({ stdout, stderr }),
    exited,
    waitFor(re, timeoutMs = 5 * 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = stdout.match(re);
          if (m) {
            cleanup();
            resolve(m);
          } else if (done) {
            cleanup();
            reject(new Error(`process exited before printing ${re}\nstdout: ${stdout}\nstderr: ${stderr}`));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`timed out waiting for ${re}\nstdout: ${stdout.slice(-4000)}\nstderr: ${stderr.slice(-4000)}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    async stop(signal = 'SIGINT', timeoutMs = 30_000) {
      if (!done) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** Calls a JSON-RPC method over HTTP and returns its result (throws on an error answer). */
export async function rpc<T = unknown>(url: string, method: string, params: unknown[] = []): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
  const body = (await res.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
}

/** Polls `f` until it returns a truthy value (or throws after `timeoutMs`). */
export async function until<T>(f: () => Promise<T | undefined | false>, timeoutMs = 60_000, pollMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastErr: unknown;
  for (;;) {
    try {
      const v = await f();
      if (v) return v;
    } catch (e) {
      lastErr = e;
    }
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms${lastErr ? `: ${String(lastErr)}` : ''}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
