/**
 * Child process of the chain-level large-state benchmark: `Chain.open` on a copy of a fixture's
 * directory (time, RSS), then `importBlock` of each fixture block (time, RSS after). One JSON line.
 *
 *   node --expose-gc --import tsx bench/chain-state-worker.ts <chainDir copy> <blocksFile> <spec json> [cacheBytes]
 */
import { readFileSync } from 'node:fs';
import { genesisDigest } from '../src/chain/genesis.js';
import { hexToBytes } from '../src/encoding/hex.js';
import { fixtureChain } from './chain-state.js';

const [dir, blocksFile, specJson, cacheArg] = process.argv.slice(2);
const spec = JSON.parse(specJson);
const rss = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return Math.round(process.memoryUsage().rss / 2 ** 20);
};
const chain = await fixtureChain(spec, dir, {
  ...(cacheArg ? { stateCacheBytes: Number(cacheArg) } : {}),
  ...(spec.genesisDigest ? { genesisDigest: hexToBytes(spec.genesisDigest) } : {}),
});
const rssBase = rss();
const td = performance.now();
genesisDigest(chain.params);
const digestSeconds = (performance.now() - td) / 1000;
const t0 = performance.now();
await chain.open();
const openSeconds = (performance.now() - t0) / 1000;
const rssOpen = rss();
const raw = readFileSync(blocksFile);
const offsets: number[] = [];
for (let o = 0; o < raw.length; o += 4 + raw.readUInt32BE(o)) offsets.push(o);
const loads = { ...chain.world.stats };
let txs = 0;
const t1 = performance.now();
for (const o of offsets) {
  const bytes = new Uint8Array(raw.buffer, raw.byteOffset + o + 4, raw.readUInt32BE(o));
  const r = await chain.importBlock(bytes);
  if (r.status !== 'connected') throw new Error(`block not connected: ${r.status}`);
  txs += r.entry.txCount;
}
const seconds = (performance.now() - t1) / 1000;
const st = chain.world.stats;
console.log(
  JSON.stringify({
    openSeconds: +openSeconds.toFixed(3),
    digestSeconds: +digestSeconds.toFixed(3),
    rssBase,
    rssOpen,
    rssAfter: rss(),
    heapTotalMb: Math.round(process.memoryUsage().heapTotal / 2 ** 20),
    heapUsedMb: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
    externalMb: Math.round(process.memoryUsage().external / 2 ** 20),
    txPerSecond: Math.round(txs / seconds),
    seconds: +seconds.toFixed(2),
    records: chain.world.recordCount,
    recordLoads: st.recordLoads - loads.recordLoads,
    pageLoads: st.pageLoads - loads.pageLoads,
    memory: chain.world.memory(),
  }),
);
await chain.close();
