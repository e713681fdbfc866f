/** In-process CLI runs for unit tests: captured stdout/stderr and a clean environment. */
import { runCli } from '../../src/cli/run.js';

/** Output and exit code of one in-process CLI run. */
export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process with `env` (no COINWORKS_* from the shell) and captures its output. */
export async function run(args: readonly string[], env: Record<string, string> = {}): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (s: string) => (stdout += s), isTTY: false }, stderr: { write: (s: string) => (stderr += s), isTTY: false } };
  const base: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('COINWORKS_')) base[k] = v;
  const code = await runCli(args, io, { ...base, ...env });
  return { code, stdout, stderr };
}
