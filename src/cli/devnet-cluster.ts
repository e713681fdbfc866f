/**
 * `coinworks devnet --nodes N`: N node processes on one machine, all on one devnet. One genesis
 * (with the dev accounts) is written to every node's data directory (`<datadir>/node-<i>`), each
 * node's peer key is made first so its peer id is known, and the nodes start one after another:
 * node i listens on its own p2p port, serves RPC on `--rpc-port + i`, and dials every node before
 * it, so all are connected. The first K (`--miners`, default 1) mine, each to its own dev account.
 * The parent prints each node's RPC URL and process id, then one line whenever the nodes' tips
 * change (so one sees them agree), and on Ctrl-C or SIGTERM stops every node and waits for them.
 * Each node's log goes to `<datadir>/node-<i>/node.log`.
 *
 * On proof of stake (`devnet --consensus pos --validators N`) the nodes run `pos-devnet`: each
 * node's consensus key is made first too, and the genesis names the N nodes as its validators,
 * node i operated by dev account i, which bonds `posDevnetSelfStake` at genesis (together 60% of the
 * supply). Nothing mines.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CoinworksClient } from '../client/index.js';
import { wipeDevnetDir } from '../node/datadir.js';
import { loadOrCreateGenesis, readGenesisFile, writeGenesisFile, type GenesisSpec } from '../node/genesis-file.js';
import type { GenesisValidator } from '../params/staking.js';
import { bytesToHex } from '../encoding/hex.js';
import { parseDec } from '../util/decimal.js';
import { loadOrCreateConsensusKey } from '../validator/keys.js';
import { peerIdAt } from '../p2p/identity.js';
import { P2P_DIR_NAME } from '../p2p/network.js';
import { PEER_KEY_FILE } from '../p2p/identity.js';
import { CliError } from './errors.js';
import type { CliIo } from './output.js';

/** One node of the cluster, once started. */
export interface ClusterNode {
  readonly index: number;
  readonly datadir: string;
  readonly rpc: string;
  readonly pid: number;
  readonly peerId: string;
  readonly p2p: string;
  readonly mining: boolean;
  readonly beneficiary: string | undefined;
  /** Address of the node's consensus key (proof of stake). */
  readonly validator: string | undefined;
  readonly child: ChildProcess;
}

/**
 * Self-stake of each of `validators` genesis validators of a proof-of-stake devnet whose dev accounts
 * hold `devFunds` in all: together they bond 60% of the supply (B / (devFunds + B) = 3/5, so
 * B = 1.5 x devFunds), inside the 50-70% band where the devnet's economics put the APR at 4-20%
 * (params/staking.ts). Each operator receives its stake at genesis on top of its dev funds; whole CWC.
 */
export function posDevnetSelfStake(devFunds: bigint, validators: number): bigint {
  const coin = 100_000_000n;
  return ((devFunds * 3n) / (2n * BigInt(validators)) / coin) * coin;
}

/** What the cluster needs. */
export interface ClusterOptions {
  readonly root: string;
  readonly nodes: number;
  readonly miners: number;
  /** Proof of work (`devnet`) or proof of stake (`pos-devnet`, every node a genesis validator); default pow. */
  readonly consensus?: 'pow' | 'pos';
  readonly keep: boolean;
  /** First RPC port (node i gets base + i; 0 = any free port for every node). */
  readonly rpcPort: number;
  /** First p2p port (node i gets base + i); 0 = any free port. */
  readonly p2pPort: number;
  readonly rpcHost: string;
  readonly threads: number;
  readonly logLevel: string;
  /** Dev account addresses (node i mines to account i). */
  readonly accounts: ReadonlyArray<{ address: string; amount: bigint }>;
  readonly env: NodeJS.ProcessEnv;
  readonly io: CliIo;
}

/** The CLI entry script and the node flags that load it (tsx when run from source). */
function cliCommand(): { execPath: string; args: string[] } {
  const main = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? './main.ts' : './main.js', import.meta.url));
  return { execPath: process.execPath, args: [...process.execArgv, main] };
}

/** Data directory of node i. */
export function nodeDir(root: string, i: number): string {
  return join(root, `node-${i}`);
}

/** Writes the shared genesis and each node's peer key; returns the genesis and the peer ids. */
export async function prepareCluster(o: Pick<ClusterOptions, 'root' | 'nodes' | 'keep' | 'accounts' | 'consensus'>): Promise<{ genesis: GenesisSpec; peerIds: string[] }> {
  if (!o.keep) {
    for (let i = 0; i < o.nodes; i++) await wipeDevnetDir(nodeDir(o.root, i));
    await wipeDevnetDir(o.root);
  }
  const pos = o.consensus === 'pos';
  const validators: GenesisValidator[] = [];
  const allocations = o.accounts.map((a) => ({ ...a }));
  if (pos) {
    const selfStake = posDevnetSelfStake(o.accounts.reduce((t, a) => t + a.amount, 0n), o.nodes);
    for (let i = 0; i < o.nodes; i++) {
      const dir = nodeDir(o.root, i);
      await mkdir(dir, { recursive: true });
      const { key } = await loadOrCreateConsensusKey(dir);
      const operator = o.accounts[i % o.accounts.length].address;
      allocations[i % allocations.length].amount += selfStake;
      validators.push({ operator, consensusPublicKey: bytesToHex(key.publicKey), selfStake, commission: { rate: parseDec('0.05'), maxRate: parseDec('0.2'), maxChangeRate: parseDec('0.01') } });
    }
  }
  const { genesis } = await loadOrCreateGenesis(o.root, pos ? 'pos-devnet' : 'devnet', { allocations, ...(pos ? { validators } : {}) });
  const peerIds: string[] = [];
  for (let i = 0; i < o.nodes; i++) {
    const dir = nodeDir(o.root, i);
    await mkdir(dir, { recursive: true });
    if (!(await readGenesisFile(dir))) await writeGenesisFile(dir, genesis);
    peerIds.push(await peerIdAt(join(dir, P2P_DIR_NAME, PEER_KEY_FILE)));
  }
  return { genesis, peerIds };
}

/** Starts node i and resolves with what it printed (its `--json` start line). */
function startNode(o: ClusterOptions, i: number, bootstrap: readonly string[]): Promise<ClusterNode> {
  const dir = nodeDir(o.root, i);
  const mining = i < o.miners;
  const beneficiary = o.accounts[i % o.accounts.length]?.address;
  const args = [
    '--json',
    'node',
    '--network',
    o.consensus === 'pos' ? 'pos-devnet' : 'devnet',
    '--datadir',
    dir,
    '--rpc-host',
    o.rpcHost,
    '--rpc-port',
    String(o.rpcPort === 0 ? 0 : o.rpcPort + i),
    '--p2p-port',
    String(o.p2pPort === 0 ? 0 : o.p2pPort + i),
    '--log-level',
    o.logLevel,
    '--log-format',
    'json',
    ...bootstrap.flatMap((b) => ['--bootstrap', b]),
    ...(mining && beneficiary ? ['--mine', '--beneficiary', beneficiary, '--threads', String(o.threads)] : beneficiary ? ['--beneficiary', beneficiary] : []),
  ];
  const cmd = cliCommand();
  const child = spawn(cmd.execPath, [...cmd.args, ...args], { env: o.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = createWriteStream(join(dir, 'node.log'), { flags: 'a' });
  child.stderr!.pipe(log);
  return new Promise((resolve, reject) => {
    let out = '';
    // The start line is `--json` output: one (indented) JSON object.
    const onData = (d: Buffer) => {
      out += d.toString('utf8');
      if (!out.trimEnd().endsWith('}')) return;
      let info: { rpc: string; peerId: string; p2p: string[]; validator?: string };
      try {
        info = JSON.parse(out) as typeof info;
      } catch {
        return;
      }
      child.stdout!.off('data', onData);
      child.stdout!.resume();
      resolve({ index: i, datadir: dir, rpc: info.rpc, pid: child.pid!, peerId: info.peerId, p2p: info.p2p[0], mining, beneficiary, validator: info.validator, child });
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code, signal) => reject(new CliError('DEVNET_FAILED', `node ${i} exited during start (code ${code}, signal ${signal}); see ${join(dir, 'node.log')}`)));
  });
}

/** Sends SIGINT to every node still running and waits for all to exit (SIGKILL after 30 s). */
async function stopAll(nodes: readonly ChildProcess[]): Promise<void> {
  await Promise.all(
    nodes.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          const t = setTimeout(() => c.kill('SIGKILL'), 30_000);
          c.once('exit', () => {
            clearTimeout(t);
            resolve();
          });
          c.kill('SIGINT');
        }),
    ),
  );
}

/** Runs the cluster until SIGINT/SIGTERM; `onStarted` prints the table. */
export async function runCluster(o: ClusterOptions, onStarted: (nodes: readonly ClusterNode[]) => void | Promise<void>): Promise<void> {
  const { peerIds } = await prepareCluster(o);
  const children: ChildProcess[] = [];
  let stopping = false;
  let wake: () => void = () => undefined;
  const stopRequested = new Promise<void>((r) => (wake = r));
  const onSignal = () => {
    if (stopping) return;
    stopping = true;
    wake();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const nodes: ClusterNode[] = [];
  try {
    for (let i = 0; i < o.nodes && !stopping; i++) {
      const bootstrap = nodes.map((n) => n.p2p);
      const started = startNode(o, i, bootstrap);
      started.then((n) => children.push(n.child)).catch(() => undefined);
      const n = await started;
      if (n.peerId !== peerIds[i]) throw new CliError('DEVNET_FAILED', `node ${i} came up with peer id ${n.peerId}, expected ${peerIds[i]}`);
      nodes.push(n);
      // A node that dies while the others run stops the whole devnet.
      n.child.once('exit', (code, signal) => {
        if (stopping) return;
        o.io.stderr.write(`node ${i} (pid ${n.pid}) exited (code ${code}, signal ${signal}); stopping the devnet\n`);
        onSignal();
      });
    }
    if (stopping) return;
    await onStarted(nodes);
    const watch = watchTips(nodes, o.io);
    await stopRequested;
    watch.stop();
    o.io.stdout.write('stopping every node...\n');
  } finally {
    await stopAll(children);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  o.io.stdout.write('devnet stopped\n');
}

/** Prints the nodes' tip heights whenever they change, and whether they agree. */
function watchTips(nodes: readonly ClusterNode[], io: CliIo): { stop(): void } {
  const clients = nodes.map((n) => new CoinworksClient(n.rpc));
  let last = '';
  let busy = false;
  const t = setInterval(async () => {
    if (busy) return;
    busy = true;
    try {
      const heads = await Promise.all(clients.map((c) => c.getHead().catch(() => undefined)));
      const line = heads.map((h, i) => `node-${i} ${h ? `${h.height} ${h.hash.slice(0, 12)}` : 'down'}`).join(' | ');
      const agree = heads.every((h) => h && h.hash === heads[0]?.hash);
      const text = `${line}${agree ? '  (all agree)' : ''}`;
      if (text !== last) io.stdout.write(text + '\n');
      last = text;
    } finally {
      busy = false;
    }
  }, 2000);
  t.unref();
  return { stop: () => clearInterval(t) };
}
