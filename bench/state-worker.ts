/**
 * Child process of the large-state benchmark (so its resident memory is the state's, not the
 * fixture builder's): opens a copy of a fixture's state directory, reports the open time and RSS,
 * executes and commits the fixture's blocks (prefetch, execution with re-runs on misses, state
 * root, one synced LevelDB batch per block), and reports the rate and RSS again. One JSON line.
 *
 *   node --import tsx bench/state-worker.ts <stateDir copy> <txFile> <txsPerBlock> <cacheBytes> <mode>
 *
 * mode: `prefetch` (the default design), `noprefetch` (every read misses once and re-runs), or
 * `async` (Lisk's way, measured on the same data: see `asyncTransfer` below).
 */
import { readFileSync } from 'node:fs';
import { installNativeHashing } from '../src/crypto/native.js';
import { regtest } from '../src/params/networks.js';
import { decodeTx, prepareTx, type PreparedTx } from '../src/primitives/tx.js';
import { coreModules } from '../src/state/modules/index.js';
import { PowEngine } from '../src/consensus/pow/engine.js';
import { StateMachine } from '../src/state/state-machine.js';
import { DiskWorldState } from '../src/state/disk-world.js';
import { executeOnDisk } from '../src/state/disk-execute.js';
import { NO_CONSENSUS_FACTS, type BlockInfo } from '../src/state/module.js';
import { KvStateBackend, putStateCommit } from '../src/storage/state-store.js';
import { LevelKv } from '../src/storage/level-kv.js';
import { KvBatch } from '../src/storage/kv.js';
import { asyncExecuteTransfers } from './state-async.js';

const [dir, txFile, perBlockArg, cacheArg, mode = 'prefetch'] = process.argv.slice(2);
const perBlock = Number(perBlockArg);
installNativeHashing();
/** Resident memory in MB, after a full garbage collection when the process allows it (--expose-gc). */
const rss = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return Math.round(process.memoryUsage().rss / 2 ** 20);
};
const rssStart = rss();

const t0 = performance.now();
const kv = await LevelKv.open(dir);
const world = await DiskWorldState.open(new KvStateBackend(kv), { cacheBytes: Number(cacheArg) });
const openSeconds = (performance.now() - t0) / 1000;
const rssOpen = rss();

// Raw transactions, decoded per block inside the timed loop (as a node decodes the blocks it gets).
const raw = readFileSync(txFile);
const offsets: number[] = [];
for (let o = 0; o < raw.length; o += 4 + raw.readUInt32BE(o)) offsets.push(o);
const decodeRange = (from: number, to: number): PreparedTx[] => {
  const out: PreparedTx[] = [];
  for (let i = from; i < to; i++) {
    const o = offsets[i];
    const bytes = new Uint8Array(raw.buffer, raw.byteOffset + o + 4, raw.readUInt32BE(o)).slice();
    out.push(prepareTx(decodeTx(bytes), bytes));
  }
  return out;
};
const rssTxs = rss();
// Execution reads no allocation: the regtest parameters without them run the same modules.
const sm = new StateMachine(regtest, coreModules(new PowEngine(regtest, regtest.genesis.time).modules()));
const blocks = offsets.length / perBlock;
const stats = { ...world.stats };
const t1 = performance.now();
for (let b = 0; b < blocks; b++) {
  const info: BlockInfo = {
    height: BigInt(b + 1),
    parentHash: new Uint8Array(32).fill(b & 255),
    time: regtest.genesis.time + 2 * (b + 1),
    chainId: regtest.chainId,
    beneficiary: new Uint8Array(20).fill(0xee),
    baseFeePerGas: regtest.fees.initialBaseFee,
    reward: 50n * 10n ** 8n,
    rewardCause: 'mining',
    params: regtest,
    consensusData: new Uint8Array(0),
    consensus: NO_CONSENSUS_FACTS,
  };
  const blockTxs = decodeRange(b * perBlock, (b + 1) * perBlock);
  const { exec, commit } =
    mode === 'async' ? await asyncExecuteTransfers(sm, world, info, blockTxs) : await executeOnDisk(sm, world, info, blockTxs, { prefetch: mode !== 'noprefetch' });
  if (exec.receipts.some((r) => r.status !== 'success')) throw new Error(`block ${b}: a transfer failed`);
  await world.commit(commit, async () => {
    const batch = new KvBatch();
    putStateCommit(batch, commit);
    await kv.write(batch, { sync: true });
  });
}
const secs = (performance.now() - t1) / 1000;
const txCount = offsets.length;
const s = world.stats;
console.log(
  JSON.stringify({
    openSeconds: +openSeconds.toFixed(3),
    rssStart,
    rssOpen,
    rssTxs,
    rssAfter: rss(),
    heapTotalMb: Math.round(process.memoryUsage().heapTotal / 2 ** 20),
    heapAfterMb: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
    externalMb: Math.round(process.memoryUsage().external / 2 ** 20),
    arrayBuffersMb: Math.round(process.memoryUsage().arrayBuffers / 2 ** 20),
    txPerSecond: Math.round(txCount / secs),
    seconds: +secs.toFixed(2),
    blocks,
    records: world.recordCount,
    recordLoads: s.recordLoads - stats.recordLoads,
    recordHits: s.recordHits - stats.recordHits,
    pageLoads: s.pageLoads - stats.pageLoads,
    memory: world.memory(),
    heapMb: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
  }),
);
await kv.close();
