/**
 * Runs a node in the foreground until SIGINT or SIGTERM, then stops it gracefully (miner, RPC,
 * the block import in progress, database). Under `npm run` or `npx`, one Ctrl-C arrives twice (from
 * the terminal to the whole process group, and forwarded by npm), so repeats within a second are
 * ignored; a second Ctrl-C after that exits at once with 130. Signals after the stop are ignored.
 */
import type { CoinworksNode, NodeInfo } from '../node/node.js';

/** Exit code after a second Ctrl-C. */
export const EXIT_INTERRUPTED = 130;
/** Repeats of the stop signal within this many ms count as the same request. */
export const SIGNAL_REPEAT_MS = 1000;

/** Starts `node`, calls `onStarted`, waits for a signal, stops the node; resolves once it is stopped. */
export async function runUntilSignal(node: CoinworksNode, onStarted: (info: NodeInfo) => void): Promise<void> {
  let signalled: (sig: NodeJS.Signals) => void = () => undefined;
  const stopRequested = new Promise<NodeJS.Signals>((resolve) => {
    signalled = resolve;
  });
  let first = 0;
  let stopped = false;
  const onSignal = (sig: NodeJS.Signals) => {
    if (stopped) return;
    const now = Date.now();
    if (first === 0) {
      first = now;
      signalled(sig);
    } else if (now - first >= SIGNAL_REPEAT_MS) {
      process.stderr.write(`${sig} again: exiting without a clean shutdown\n`);
      process.exit(EXIT_INTERRUPTED);
    }
  };
  // Installed for the rest of the process: a late duplicate signal must not kill it by default.
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    // A signal during startup stops the node as soon as it is up.
    const info = await node.start();
    onStarted(info);
    const sig = await stopRequested;
    node.log.info({ signal: sig }, 'shutting down');
    await node.stop();
  } finally {
    stopped = true;
  }
}
