#!/usr/bin/env node
/** The `coinworks` executable: runs the CLI and exits with its code once output is flushed. */
import { runCli } from './run.js';

// A closed pipe (`coinworks devnet | head`) must not crash the process: output is simply dropped.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
}

const code = await runCli(process.argv.slice(2));
// Worker threads, sockets or timers must not keep a finished command alive.
process.stdout.write('', () => process.exit(code));
