/** Runs the CLI on an argument list and returns the exit code (0 ok, 1 failure, 2 usage error). */
import { CliApp } from './app.js';
import { describeError } from './errors.js';
import { processIo, type CliIo } from './output.js';
import { loadProgram } from './program.js';

/** Parses `argv` (without node and script), runs the command, prints any error as one line; returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo = processIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const app = new CliApp(io, env);
  try {
    const program = await loadProgram(app, argv);
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (e) {
    const { line, exitCode } = describeError(e, app.rpcUrl);
    if (line) io.stderr.write(line + '\n');
    if (env.COINWORKS_DEBUG && e instanceof Error && e.stack) io.stderr.write(e.stack + '\n');
    return exitCode;
  }
}
