/**
 * Node-level large-state benchmarks (`npm run bench -- state`, part of the default run): a regtest
 * data directory whose genesis FILE funds N accounts (default 1,000,000; `COINWORKS_BENCH_ACCOUNTS`),
 * built once by starting a `CoinworksNode` on it (the node parses the genesis file and builds the
 * genesis state in chunks: this is where a 1,000,000-allocation genesis is built and a node starts
 * from it), and 50 blocks of 1,000 transfers from 1,000 senders to accounts drawn at random from all
 * N, assembled once by a builder node on a copy. Both are cached under the temp folder, keyed by
 * their parameters and the store version. Each measurement runs in a child process
 * (`chain-state-worker.ts`) on a fresh copy of the directory: `CoinworksNode.start` time and RSS,
 * then the import of the 50 blocks through `Chain.importBlock` (decode, signatures, execution,
 * roots, one synced batch each) and RSS again, with the node's default state cache.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { STORE_VERSION } from '../src/chain/chain.js';
import { CoinworksNode } from '../src/node/node.js';
import { DEFAULT_STATE_CACHE_MB, type NodeConfig } from '../src/node/config.js';
import { createLogger } from '../src/node/logger.js';
import { writeGenesisFile } from '../src/node/genesis-file.js';
import { encodeBlock } from '../src/primitives/block.js';
import { makeBlock, transfer } from '../src/testing/chain.js';
import { testKeys } from '../src/testing/keys.js';
import { mulberry32 } from '../src/testing/prng.js';
import { regtest } from '../src/params/networks.js';
import { fixtureAddress, fixtureAllocations, type StateFixtureSpec } from './state-fixture.js';
import type { BenchResult } from './result.js';

/** n2: the remembered genesis keeps its rules (an n1 fixture's digest file would make every start parse the genesis file). */
const FIXTURE_VERSION = 'n2';
/** Local clock of every node in the benchmark: past every block time (only the future-drift rule reads it). */
export const BENCH_NOW = 4_000_000_000;

/** A built node fixture. */
export interface NodeFixture extends StateFixtureSpec {
  readonly dir: string;
  /** The node's data directory (genesis file, remembered digest, chain). */
  readonly datadir: string;
  readonly blocksFile: string;
  /** Writing the genesis file (allocations as JSON). */
  readonly fileSeconds: number;
  /** The first node start: parsing the file and building the genesis state. */
  readonly genesisSeconds: number;
  /** The whole fixture, blocks included. */
  readonly buildSeconds: number;
}

/** The configuration of a benchmark node over `datadir` (regtest, no mining, RPC on a free port). */
export function benchNodeConfig(datadir: string, stateCacheMb = DEFAULT_STATE_CACHE_MB): NodeConfig {
  return {
    network: 'regtest',
    datadir,
    rpcHost: '127.0.0.1',
    rpcAllowedOrigins: [],
    rpcPort: 0,
    mine: false,
    threads: 1,
    stateCacheMb,
    beneficiary: undefined,
    logLevel: 'silent',
    logFormat: 'json',
    p2p: false,
    p2pHost: '127.0.0.1',
    p2pPort: 0,
    bootstrap: [],
    maxPeers: 8,
  };
}

/** A node over `datadir` with the benchmark's clock. */
export function benchNode(datadir: string, stateCacheMb?: number): CoinworksNode {
  return new CoinworksNode(benchNodeConfig(datadir, stateCacheMb), { log: createLogger({ level: 'silent', format: 'json' }), now: () => BENCH_NOW });
}

/** Builds (or finds cached) a node fixture. */
export async function nodeFixture(spec: StateFixtureSpec, log: (m: string) => void = () => undefined): Promise<NodeFixture> {
  const dir = join(tmpdir(), `cw-bench-node-${FIXTURE_VERSION}-s${STORE_VERSION}-${spec.accounts}-${spec.senders}-${spec.blocks}x${spec.txs}`);
  const meta = join(dir, 'fixture.json');
  const paths = { dir, datadir: join(dir, 'node'), blocksFile: join(dir, 'blocks.bin') };
  if (existsSync(meta)) return { ...JSON.parse(readFileSync(meta, 'utf8')), ...paths };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const t0 = performance.now();
  const keys = testKeys(spec.senders);
  log(`node fixture: genesis file of ${spec.accounts} allocations in ${paths.datadir} (built once, then cached; at 1,000,000 accounts this takes several minutes)`);
  await writeGenesisFile(paths.datadir, {
    network: 'regtest',
    time: regtest.genesis.time,
    allocations: fixtureAllocations(
      spec,
      keys.map((k) => k.addressText),
    ),
  });
  const fileSeconds = +((performance.now() - t0) / 1000).toFixed(1);
  const t1 = performance.now();
  const first = benchNode(paths.datadir);
  await first.start();
  await first.stop();
  const genesisSeconds = +((performance.now() - t1) / 1000).toFixed(1);
  log(`node fixture: genesis built by the node in ${genesisSeconds} s; assembling ${spec.blocks} blocks`);
  // A builder node on a copy assembles the blocks (so the fixture's chain stays at genesis).
  const builderDir = join(dir, 'builder');
  cpSync(paths.datadir, builderDir, { recursive: true });
  const builder = benchNode(builderDir);
  await builder.start();
  const chain = builder.chain;
  const rnd = mulberry32(42);
  const parts: Buffer[] = [];
  for (let b = 0; b < spec.blocks; b++) {
    const txs = [];
    for (let s = 0; s < spec.txs; s++) {
      const r = Math.floor(rnd() * spec.accounts);
      txs.push(transfer(chain, keys[s % spec.senders], r < spec.senders ? keys[r].address : fixtureAddress(r), 1000n + BigInt(b), BigInt(b)));
    }
    const block = await makeBlock(chain, { txs, beneficiary: keys[0].address, time: chain.tip.header.time + 2 });
    const res = await chain.importBlock(block);
    if (res.status !== 'connected' || block.txs.length !== spec.txs) throw new Error(`builder block ${b}: ${res.status}, ${block.txs.length} txs`);
    const bytes = encodeBlock(block);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(bytes.length);
    parts.push(len, Buffer.from(bytes));
  }
  await builder.stop();
  rmSync(builderDir, { recursive: true, force: true });
  writeFileSync(paths.blocksFile, Buffer.concat(parts));
  const out = { ...spec, fileSeconds, genesisSeconds, buildSeconds: +((performance.now() - t0) / 1000).toFixed(1) };
  writeFileSync(meta, JSON.stringify(out));
  log(`node fixture: built in ${out.buildSeconds} s`);
  return { ...out, ...paths };
}

/** What the worker measures. */
export interface NodeWorkerResult {
  openSeconds: number;
  rssBase: number;
  rssOpen: number;
  rssAfter: number;
  /** After filling the cache (`fillCache`). */
  rssFilled?: number;
  fillSeconds?: number;
  txPerSecond: number;
  seconds: number;
  records: number;
  recordLoads: number;
  pageLoads: number;
  heapUsedMb: number;
  memory: Record<string, number>;
}

/** Options of one measurement. */
export interface MeasureOptions {
  /** State cache (MiB; default the node's default). */
  readonly stateCacheMb?: number;
  /** Forget the remembered genesis digest: the node parses and hashes the genesis file at start. */
  readonly parseGenesis?: boolean;
  /** Only start the node (no import). */
  readonly openOnly?: boolean;
  /** Fill the state cache before the import (RSS with a full cache). */
  readonly fillCache?: boolean;
  /** Extra node flags for the child (e.g. `--cpu-prof`). */
  readonly execArgv?: readonly string[];
}

/** Starts a node and imports the blocks in a child process, on a fresh copy of the fixture. */
export function measureNode(f: NodeFixture, o: MeasureOptions = {}): NodeWorkerResult {
  const tmp = mkdtempSync(join(tmpdir(), 'cw-bench-node-run-'));
  try {
    const datadir = join(tmp, 'node');
    cpSync(f.datadir, datadir, { recursive: true });
    if (o.parseGenesis) rmSync(join(datadir, 'genesis.digest.json'), { force: true });
    // Write the copy out first: otherwise the kernel's writeback of a 165 MB copy runs during the
    // measurement and is counted against the import (the first of two runs was 10% slower).
    spawnSync('sync');
    const worker = new URL('./chain-state-worker.ts', import.meta.url).pathname;
    const args = [...(o.execArgv ?? []), '--expose-gc', '--import', 'tsx', worker, datadir, o.openOnly ? '' : f.blocksFile, String(o.stateCacheMb ?? DEFAULT_STATE_CACHE_MB), o.fillCache ? 'fill' : ''];
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (r.status !== 0) throw new Error(`node worker failed (${r.status}): ${r.stderr}`);
    return JSON.parse(r.stdout.trim().split('\n').pop()!) as NodeWorkerResult;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * state.open_s, state.rss_mb (after start-up, after 50 blocks) and chain.import_tx_per_s_<size>
 * at node level for `accounts` accounts, beside the same import on a 2,000-account state.
 */
export async function benchNodeState(accounts: number, log: (m: string) => void): Promise<BenchResult[]> {
  const tag = accounts === 1_000_000 ? '1m' : accounts === 10_000_000 ? '10m' : String(accounts);
  const big = await nodeFixture({ accounts, senders: 1000, blocks: 50, txs: 1000 }, log);
  const small = await nodeFixture({ accounts: 2000, senders: 1000, blocks: 50, txs: 1000 }, log);
  log(`state: measuring node start-up and import at ${accounts} and 2,000 accounts`);
  const b = measureNode(big);
  const s = measureNode(small);
  // A start that parses the genesis file and hashes its allocations again (no remembered digest).
  const parsed = measureNode(big, { parseGenesis: true, openOnly: true });
  // The default cache filled with records and pages first: the resident memory the default allows.
  const full = measureNode(big, { fillCache: true });
  const cacheMb = DEFAULT_STATE_CACHE_MB;
  return [
    { name: 'state.open_s', value: b.openSeconds, unit: 's', accounts, level: 'CoinworksNode.start', stateCacheMb: cacheMb, fixtureGenesisSeconds: big.genesisSeconds, fixtureBuildSeconds: big.buildSeconds },
    { name: 'state.rss_mb', value: b.rssOpen, unit: 'MB', accounts, when: 'after node start-up', processBeforeStartMb: b.rssBase, stateCacheMb: cacheMb },
    { name: 'state.rss_mb', value: b.rssAfter, unit: 'MB', accounts, when: 'after importing 50 blocks', stateCacheMb: cacheMb, heapUsedMb: b.heapUsedMb, memory: b.memory },
    { name: `chain.import_tx_per_s_${tag}`, value: b.txPerSecond, unit: 'tx/s', accounts, level: 'node chain', seconds: b.seconds, recordLoads: b.recordLoads, pageLoads: b.pageLoads },
    { name: 'chain.import_tx_per_s_small_state', value: s.txPerSecond, unit: 'tx/s', accounts: small.accounts, level: 'node chain', seconds: s.seconds },
    { name: 'state.rss_mb', value: full.rssAfter, unit: 'MB', accounts, when: 'default cache filled, then 50 blocks imported', stateCacheMb: cacheMb, rssFilledMb: full.rssFilled, fillSeconds: full.fillSeconds, txPerSecondWarm: full.txPerSecond, memory: full.memory },
    { name: 'state.open_s_parse_genesis', value: parsed.openSeconds, unit: 's', accounts, rssOpenMb: parsed.rssOpen, note: 'start-up that parses the genesis file and hashes every allocation (no remembered digest)' },
  ];
}
