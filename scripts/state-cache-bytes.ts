/**
 * Measures what one cached state record really costs (`RECORD_OVERHEAD_BYTES` in
 * state/disk-world.ts): loads N records of a chain directory into an unbounded cache and prints the
 * growth of heap + external memory and of RSS per record, beside what the cache counts.
 *
 *   node --expose-gc --import tsx scripts/state-cache-bytes.ts <chain dir (copied first)> [records]
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LevelKv } from '../src/storage/level-kv.js';
import { KvStateBackend } from '../src/storage/state-store.js';
import { DiskWorldState } from '../src/state/disk-world.js';

const [src, countArg] = process.argv.slice(2);
const want = Number(countArg ?? 300_000);
const tmp = mkdtempSync(join(tmpdir(), 'cw-cache-bytes-'));
cpSync(src, join(tmp, 'chain'), { recursive: true });
const kv = await LevelKv.open(join(tmp, 'chain'));
const w = await DiskWorldState.open(new KvStateBackend(kv), { cacheBytes: 4 * 2 ** 30 });
const mem = () => {
  (globalThis as { gc?: () => void }).gc?.();
  const u = process.memoryUsage();
  return { rss: u.rss, heapExt: u.heapUsed + u.external + u.arrayBuffers };
};
const keys: string[] = [];
for (let after: string | undefined; keys.length < want; ) {
  const p = await w.iterate('', { limit: 10_000, ...(after !== undefined ? { after } : {}) });
  for (const [k] of p.entries) keys.push(k);
  if (!p.next) break;
  after = p.next;
}
const a = mem();
for (let i = 0; i < keys.length; i += 10_000) await w.fetchRecords(keys.slice(i, i + 10_000), w.version);
const b = mem();
console.log(
  JSON.stringify({
    records: keys.length,
    heapExtBytesPerRecord: Math.round((b.heapExt - a.heapExt) / keys.length),
    rssBytesPerRecord: Math.round((b.rss - a.rss) / keys.length),
    countedBytesPerRecord: Math.round(w.memory().recordBytes / keys.length),
  }),
);
await kv.close();
rmSync(tmp, { recursive: true, force: true });
