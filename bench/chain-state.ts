/**
 * Chain-level large-state benchmarks (`npm run bench -- state`, with state.ts): a LevelDB chain
 * whose genesis funds N accounts (built once through `Chain.open`, cached under the temp folder
 * keyed by its parameters, with its build time) and 50 blocks of 1,000 transfers from 1,000
 * senders to accounts drawn at random from all N, assembled once by a builder node. Each
 * measurement runs in a child process (`chain-state-worker.ts`) on a fresh copy of the directory:
 * `Chain.open` time and RSS, then the import of the 50 blocks through `Chain.importBlock` (decode,
 * signatures, execution, roots, one synced batch each) and RSS again.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { installNativeHashing } from '../src/crypto/native.js';
import { Chain } from '../src/chain/chain.js';
import { PowEngine } from '../src/consensus/pow/engine.js';
import { encodeBlock } from '../src/primitives/block.js';
import { coreModules } from '../src/state/modules/index.js';
import { StateMachine } from '../src/state/state-machine.js';
import { ChainStore } from '../src/storage/chain-store.js';
import { LevelKv } from '../src/storage/level-kv.js';
import { makeBlock, transfer } from '../src/testing/chain.js';
import { testKeys } from '../src/testing/keys.js';
import { mulberry32 } from '../src/testing/prng.js';
import { bytesToHex } from '../src/encoding/hex.js';
import { regtest } from '../src/params/networks.js';
import { fixtureAddress, fixtureParams, type StateFixtureSpec } from './state-fixture.js';
import type { BenchResult } from './result.js';

const FIXTURE_VERSION = 'c1';
/** Local clock of every node in the benchmark: past every block time (only the future-drift rule reads it). */
export const BENCH_NOW = 4_000_000_000;

/** A built chain fixture. */
export interface ChainFixture extends StateFixtureSpec {
  readonly dir: string;
  readonly chainDir: string;
  readonly blocksFile: string;
  readonly genesisSeconds: number;
  readonly buildSeconds: number;
  /** Hex genesis digest stored in the chain's metadata. */
  readonly genesisDigest: string;
}

/** A chain over `dir` for a fixture's parameters. */
export async function fixtureChain(spec: StateFixtureSpec, dir: string, o: { stateCacheBytes?: number; genesisDigest?: Uint8Array } = {}): Promise<Chain> {
  installNativeHashing();
  const keys = testKeys(spec.senders);
  // With the genesis digest known, the node needs no allocation: the directory holds its genesis.
  const params = o.genesisDigest
    ? { ...regtest, genesis: { ...regtest.genesis, allocations: [] } }
    : fixtureParams(
        spec,
        keys.map((k) => k.addressText),
      );
  const kv = await LevelKv.open(dir);
  return new Chain({
    params,
    store: new ChainStore(kv),
    engine: new PowEngine(params, params.genesis.time),
    stateMachine: new StateMachine(params, coreModules(new PowEngine(params, params.genesis.time).modules())),
    now: () => BENCH_NOW,
    ...(o.stateCacheBytes !== undefined ? { stateCacheBytes: o.stateCacheBytes } : {}),
    ...(o.genesisDigest ? { genesisDigest: o.genesisDigest } : {}),
  });
}

/** Builds (or finds cached) a chain fixture. */
export async function chainFixture(spec: StateFixtureSpec, log: (m: string) => void = () => undefined): Promise<ChainFixture> {
  const dir = join(tmpdir(), `cw-bench-chain-${FIXTURE_VERSION}-${spec.accounts}-${spec.senders}-${spec.blocks}x${spec.txs}`);
  const meta = join(dir, 'fixture.json');
  const paths = { dir, chainDir: join(dir, 'chain'), blocksFile: join(dir, 'blocks.bin') };
  if (existsSync(meta)) return { ...JSON.parse(readFileSync(meta, 'utf8')), ...paths };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const t0 = performance.now();
  log(`chain fixture: genesis of ${spec.accounts} accounts in ${dir}`);
  const chain = await fixtureChain(spec, paths.chainDir);
  await chain.open();
  const digest = bytesToHex((await chain.store.meta())!.genesisDigest);
  await chain.close();
  const genesisSeconds = +((performance.now() - t0) / 1000).toFixed(1);
  log(`chain fixture: genesis built in ${genesisSeconds} s; assembling ${spec.blocks} blocks`);
  // A builder node on a copy assembles the blocks (so the fixture's chain stays at genesis).
  const builderDir = join(dir, 'builder');
  cpSync(paths.chainDir, builderDir, { recursive: true });
  const builder = await fixtureChain(spec, builderDir);
  await builder.open();
  const keys = testKeys(spec.senders);
  const rnd = mulberry32(42);
  const parts: Buffer[] = [];
  for (let b = 0; b < spec.blocks; b++) {
    const txs = [];
    for (let s = 0; s < spec.txs; s++) {
      const r = Math.floor(rnd() * spec.accounts);
      txs.push(transfer(builder, keys[s % spec.senders], r < spec.senders ? keys[r].address : fixtureAddress(r), 1000n + BigInt(b), BigInt(b)));
    }
    const block = await makeBlock(builder, { txs, beneficiary: keys[0].address, time: builder.tip.header.time + 2 });
    const res = await builder.importBlock(block);
    if (res.status !== 'connected' || block.txs.length !== spec.txs) throw new Error(`builder block ${b}: ${res.status}, ${block.txs.length} txs`);
    const bytes = encodeBlock(block);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(bytes.length);
    parts.push(len, Buffer.from(bytes));
  }
  await builder.close();
  rmSync(builderDir, { recursive: true, force: true });
  writeFileSync(paths.blocksFile, Buffer.concat(parts));
  const out = { ...spec, genesisSeconds, buildSeconds: +((performance.now() - t0) / 1000).toFixed(1), genesisDigest: digest };
  writeFileSync(meta, JSON.stringify(out));
  return { ...out, ...paths };
}

interface ChainWorkerResult {
  openSeconds: number;
  rssBase: number;
  rssOpen: number;
  rssAfter: number;
  txPerSecond: number;
  seconds: number;
  records: number;
  recordLoads: number;
  pageLoads: number;
  digestSeconds: number;
  memory: Record<string, number>;
}

/** Opens and imports in a child process on a fresh copy. */
export function measureChain(f: ChainFixture, cacheBytes?: number, withAllocations = false): ChainWorkerResult {
  const tmp = mkdtempSync(join(tmpdir(), 'cw-bench-chain-run-'));
  try {
    cpSync(f.chainDir, join(tmp, 'chain'), { recursive: true });
    const worker = new URL('./chain-state-worker.ts', import.meta.url).pathname;
    const spec = JSON.stringify({ accounts: f.accounts, senders: f.senders, blocks: f.blocks, txs: f.txs, ...(withAllocations ? {} : { genesisDigest: f.genesisDigest }) });
    const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', worker, join(tmp, 'chain'), f.blocksFile, spec, String(cacheBytes ?? '')], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (r.status !== 0) throw new Error(`chain worker failed (${r.status}): ${r.stderr}`);
    return JSON.parse(r.stdout.trim().split('\n').pop()!) as ChainWorkerResult;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** chain.import_tx_per_s_<size>, state.open_s and state.rss_mb at chain level. */
export async function benchChainState(accounts: number, log: (m: string) => void): Promise<BenchResult[]> {
  const tag = accounts === 1_000_000 ? '1m' : accounts === 10_000_000 ? '10m' : String(accounts);
  const big = await chainFixture({ accounts, senders: 1000, blocks: 50, txs: 1000 }, log);
  const small = await chainFixture({ accounts: 2000, senders: 1000, blocks: 50, txs: 1000 }, log);
  const b = measureChain(big);
  const s = measureChain(small);
  // The same open with the allocations in the parameters, as the node builds them from its genesis file today.
  const withAlloc = measureChain(big, undefined, true);
  return [
    { name: 'state.open_s', value: b.openSeconds, unit: 's', accounts, level: 'Chain.open', genesisDigestSeconds: b.digestSeconds, fixtureGenesisSeconds: big.genesisSeconds, fixtureBuildSeconds: big.buildSeconds },
    { name: 'state.rss_mb', value: b.rssOpen, unit: 'MB', accounts, when: 'after Chain.open', processBeforeOpenMb: b.rssBase },
    { name: 'state.open_s_with_allocations', value: withAlloc.openSeconds, unit: 's', accounts, genesisDigestSeconds: withAlloc.digestSeconds, rssOpenMb: withAlloc.rssOpen, note: 'parameters holding every allocation, digest computed from them' },
    { name: 'state.rss_mb', value: b.rssAfter, unit: 'MB', accounts, when: 'after importing 50 blocks', memory: b.memory },
    { name: `chain.import_tx_per_s_${tag}`, value: b.txPerSecond, unit: 'tx/s', accounts, seconds: b.seconds, recordLoads: b.recordLoads, pageLoads: b.pageLoads },
    { name: 'chain.import_tx_per_s_small_state', value: s.txPerSecond, unit: 'tx/s', accounts: small.accounts, seconds: s.seconds },
  ];
}
