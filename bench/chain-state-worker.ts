/**
 * Child process of the node-level large-state benchmark: `CoinworksNode.start` on a copy of a
 * fixture's data directory (time, RSS), then `importBlock` of each fixture block (time, RSS after).
 * Prints one JSON line.
 *
 *   node --expose-gc --import tsx bench/chain-state-worker.ts <datadir copy> <blocksFile or ''> <stateCacheMb> [fill]
 *
 * With `fill`, the state cache is filled first (records and leaf pages read until the cache is
 * full or the state is exhausted), so the RSS after the import is the one of a full cache.
 */
import { readFileSync } from 'node:fs';
import { benchNode } from './chain-state.js';

const [datadir, blocksFile, cacheArg, fill] = process.argv.slice(2);
const rss = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return Math.round(process.memoryUsage().rss / 2 ** 20);
};
const node = benchNode(datadir, Number(cacheArg));
const rssBase = rss();
const t0 = performance.now();
await node.start();
const openSeconds = (performance.now() - t0) / 1000;
const rssOpen = rss();
const chain = node.chain;
let fillSeconds = 0;
if (fill === 'fill') {
  const tf = performance.now();
  const w = chain.world;
  const limit = Number(cacheArg) * 2 ** 20;
  for (let after: string | undefined; ; ) {
    const page = await w.iterate('', { limit: 10_000, ...(after !== undefined ? { after } : {}) });
    await w.fetchRecords(
      page.entries.map(([k]) => k),
      w.version,
    );
    const m = w.memory();
    if (!page.next || m.recordBytes + m.pageBytes >= limit * 0.999) break;
    after = page.next;
  }
  for (let i = 0; i < w.nextIndex; i += 16 * 10_000) {
    const idx: number[] = [];
    for (let j = i; j < Math.min(w.nextIndex, i + 16 * 10_000); j += 16) idx.push(j);
    await w.warmPages(idx);
  }
  fillSeconds = (performance.now() - tf) / 1000;
}
const rssFilled = fill === 'fill' ? rss() : undefined;
const loads = { ...chain.world.stats };
let txs = 0;
let seconds = 0;
if (blocksFile) {
  const raw = readFileSync(blocksFile);
  const offsets: number[] = [];
  for (let o = 0; o < raw.length; o += 4 + raw.readUInt32BE(o)) offsets.push(o);
  const t1 = performance.now();
  for (const o of offsets) {
    const bytes = new Uint8Array(raw.buffer, raw.byteOffset + o + 4, raw.readUInt32BE(o));
    const r = await chain.importBlock(bytes);
    if (r.status !== 'connected') throw new Error(`block not connected: ${r.status}`);
    txs += r.entry.txCount;
  }
  seconds = (performance.now() - t1) / 1000;
}
const st = chain.world.stats;
console.log(
  JSON.stringify({
    openSeconds: +openSeconds.toFixed(3),
    rssBase,
    rssOpen,
    ...(rssFilled !== undefined ? { rssFilled, fillSeconds: +fillSeconds.toFixed(1) } : {}),
    rssAfter: rss(),
    heapUsedMb: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
    txPerSecond: seconds > 0 ? Math.round(txs / seconds) : 0,
    seconds: +seconds.toFixed(2),
    records: chain.world.recordCount,
    recordLoads: st.recordLoads - loads.recordLoads,
    pageLoads: st.pageLoads - loads.pageLoads,
    memory: chain.world.memory(),
  }),
);
await node.stop();
