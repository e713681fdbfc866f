/**
 * mempool.dat: pooled transactions written on shutdown come back on start through admission (one
 * mined meanwhile is refused quietly), a missing file is an empty pool, a damaged file is ignored.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestChain, mineBlock, transfer } from '../../src/testing/chain.js';
import { Mempool } from '../../src/mempool/mempool.js';
import { loadMempool, saveMempool } from '../../src/mempool/mempool-file.js';

test('saved transactions are reloaded; a mined one is refused; missing or damaged files load nothing', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'cw-mempool-file-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const path = join(dir, 'mempool.dat');
  const tc = await createTestChain();
  const pool = new Mempool(tc.chain);
  const txs = [0n, 1n, 2n].map((n) => transfer(tc.chain, tc.keys[0], tc.keys[1].address, 10n, n));
  const other = transfer(tc.chain, tc.keys[2], tc.keys[1].address, 10n, 0n);
  for (const x of [...txs, other]) await pool.add(x.bytes);
  assert.equal(await saveMempool(pool, path), 4);
  pool.dispose();
  // Meanwhile `other` is mined.
  await mineBlock(tc, { txs: [other] });
  const fresh = new Mempool(tc.chain);
  assert.deepEqual(await loadMempool(fresh, path), { admitted: 3, refused: 1 });
  for (const x of txs) assert.ok(fresh.has(x.key));
  fresh.dispose();
  const empty = new Mempool(tc.chain);
  assert.deepEqual(await loadMempool(empty, join(dir, 'none.dat')), { admitted: 0, refused: 0 });
  await writeFile(path, new Uint8Array([1, 2, 3]));
  assert.deepEqual(await loadMempool(empty, path), { admitted: 0, refused: 0 });
  empty.dispose();
});
