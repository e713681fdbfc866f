/**
 * `coinworks mine`: starts (or with --stop stops, with --status shows) mining on a running node
 * through JSON-RPC; `--local` instead runs the CPU miner here, on dummy work, to measure the
 * hash rate of this machine.
 */
import type { Command } from 'commander';
import { randomBytes } from 'node:crypto';
import type { MiningStatusJson } from '../../client/types.js';
import type { CliApp } from '../app.js';
import { examples, intArg } from '../args.js';
import { CliError } from '../errors.js';
import { emit, fields } from '../output.js';

/** Hashes per second for people: `812.4 kH/s`. */
export function formatHashrate(hps: number): string {
  const units = ['H/s', 'kH/s', 'MH/s', 'GH/s', 'TH/s'];
  let v = hps;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${i === 0 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}

function statusLines(s: MiningStatusJson): string[] {
  return fields([
    ['mining', s.running ? 'running' : 'stopped'],
    ['threads', s.threads],
    ['hashrate', s.running && s.hashrate === 0 ? 'measuring (see `coinworks mine --status` in a few seconds)' : formatHashrate(s.hashrate)],
    ['kernel', s.running && s.kernel === 'none' ? 'starting' : s.kernel],
    ['difficulty', s.difficulty],
  ]);
}

/** Runs the CPU miner on unsolvable dummy work for `seconds` (or until SIGINT); returns the measured rate. */
async function benchLocal(app: CliApp, threads: number, seconds: number | undefined, json: boolean): Promise<{ threads: number; kernel: string; hashrate: number; hashes: number; seconds: number }> {
  // The miner (worker threads, the native kernel) loads only for --local: the RPC paths never need it.
  const [{ CpuMiner }, { kernelName }] = await Promise.all([import('../../miner/cpu-miner.js'), import('../../miner/kernel.js')]);
  const miner = new CpuMiner({ threads, hashrateWindowMs: 5_000 });
  let jobs = 0;
  // An all-zero target is never met, so the workers hash without stopping.
  const newJob = () => miner.setJob({ id: String(++jobs), header: randomBytes(80), target: new Uint8Array(32) });
  miner.on('exhausted', newJob);
  let failed: Error | undefined;
  miner.on('error', (e) => (failed = e));
  newJob();
  const t0 = performance.now();
  miner.start();
  const tty = app.io.stderr.isTTY === true && !json;
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      if (failed) return finish();
      const line = `${formatHashrate(miner.hashrate().total)} on ${threads} thread${threads === 1 ? '' : 's'} (${miner.workerKernels()[0] ?? kernelName()})`;
      if (!json) app.io.stderr.write(tty ? `\r\x1b[2K${line}` : `${line}\n`);
    }, 1000);
    const stopTimer = seconds !== undefined ? setTimeout(() => finish(), seconds * 1000) : undefined;
    const onSig = () => finish();
    process.once('SIGINT', onSig);
    process.once('SIGTERM', onSig);
    function finish() {
      clearInterval(tick);
      if (stopTimer) clearTimeout(stopTimer);
      process.off('SIGINT', onSig);
      process.off('SIGTERM', onSig);
      if (tty) app.io.stderr.write('\r\x1b[2K');
      resolve();
    }
  });
  const elapsed = (performance.now() - t0) / 1000;
  const hashes = miner.totalHashes();
  const kernel = miner.workerKernels()[0] ?? kernelName();
  await miner.stop();
  if (failed) throw failed;
  return { threads, kernel, hashrate: Math.round(hashes / elapsed), hashes, seconds: Math.round(elapsed * 10) / 10 };
}

/** Registers `mine`. */
export function registerMine(program: Command, app: CliApp): void {
  program
    .command('mine')
    .description('start or stop mining on the node (or measure this machine with --local)')
    .option('--threads <n>', 'mining threads (default: the node\'s setting; 1 with --local)', intArg(1, 256))
    .option('--stop', 'stop mining')
    .option('--status', 'show the miner status without changing it')
    .option('--local', 'run the CPU miner here on dummy work and report the hash rate (no node needed)')
    .option('--duration <seconds>', 'with --local: stop after this many seconds (default: until Ctrl-C)', intArg(1, 86_400))
    .option('--datadir <dir>', "the node's data directory, whose .cookie authorises starting and stopping (default ./.coinworks/devnet, then ~/.coinworks/<network>; env COINWORKS_DATADIR)")
    .addHelpText(
      'after',
      examples(['coinworks mine --threads 2', 'coinworks mine --status', 'coinworks mine --stop', 'coinworks mine --threads 1 --datadir ~/mychain', 'coinworks mine --local --threads 2 --duration 10']),
    )
    .action(async (o: { threads?: number; stop?: boolean; status?: boolean; local?: boolean; duration?: number; datadir?: string }, c: Command) => {
      const { json } = app.globals(c);
      if ([o.stop, o.status, o.local].filter(Boolean).length > 1) throw new CliError('USAGE', 'choose one of --stop, --status and --local');
      if (o.duration !== undefined && !o.local) throw new CliError('USAGE', '--duration only applies with --local');
      if (o.local) {
        const r = await benchLocal(app, o.threads ?? 1, o.duration, json);
        emit(app.io, json, r, () =>
          fields([
            ['hashrate', formatHashrate(r.hashrate)],
            ['threads', r.threads],
            ['kernel', r.kernel],
            ['hashes', `${r.hashes} in ${r.seconds} s`],
          ]),
        );
        return;
      }
      // Starting and stopping change what the node does: they need its cookie (status does not).
      let s = o.status ? await app.client(c).getMiningStatus() : await app.withControl(c, (client) => (o.stop ? client.stopMining() : client.startMining(o.threads)));
      if (!o.status && !o.stop && s.running && (s.hashrate === 0 || s.kernel === 'none')) {
        // Just started: the workers report their first rate within seconds; show that, not "0 H/s, kernel none".
        const client = app.client(c);
        for (let i = 0; i < 20 && (s.hashrate === 0 || s.kernel === 'none'); i++) {
          await new Promise((r) => setTimeout(r, 250));
          s = await client.getMiningStatus();
        }
      }
      emit(app.io, json, s, () => statusLines(s));
    });
}
