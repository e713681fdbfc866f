/**
 * The disk-backed world state against a reference model (a Map of records with the same index
 * rules and the reference `StateTree`): free-index reuse, undo (reorg) of records and free list,
 * reopening from the store, proofs, cache eviction and ordered iteration with cursors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StateTree } from '../../src/state/merkle-tree.js';
import { stateLeafHash, verifyStateProof } from '../../src/state/proof.js';
import { stringToKey } from '../../src/state/keys.js';
import { DiskWorldState, readState } from '../../src/state/disk-world.js';
import type { PreparedCommit, UndoRecord } from '../../src/state/state-backend.js';
import { KvStateBackend, putStateCommit } from '../../src/storage/state-store.js';
import { MemoryKv } from '../../src/storage/memory-kv.js';
import { KvBatch, type KvStore } from '../../src/storage/kv.js';
import { mulberry32 } from '../../src/testing/prng.js';
import { bytesToHex } from '../../src/encoding/hex.js';

const enc = new TextEncoder();
const val = (s: string) => enc.encode(s);

/** The rules, written plainly: stable indexes, deletes free them, new keys in byte order take the smallest free first. */
class Model {
  readonly records = new Map<string, { index: number; value: Uint8Array }>();
  free: number[] = [];
  next = 0;
  apply(changes: Map<string, Uint8Array | null>): void {
    const freed: number[] = [];
    const creates: string[] = [];
    for (const [k, v] of changes) {
      const r = this.records.get(k);
      if (r && v === null) {
        this.records.delete(k);
        freed.push(r.index);
      } else if (r && v) this.records.set(k, { index: r.index, value: v });
      else if (!r && v) creates.push(k);
    }
    creates.sort();
    for (const k of creates) this.records.set(k, { index: this.free.length ? this.free.shift()! : this.next++, value: changes.get(k)! });
    this.free = [...this.free, ...freed].sort((a, b) => a - b);
  }
  root(): Uint8Array {
    const t = new StateTree();
    t.setLeaves([...this.records].map(([k, r]) => ({ index: r.index, leaf: stateLeafHash(stringToKey(k), r.value) })));
    return t.root();
  }
}

async function commit(kv: KvStore, w: DiskWorldState, c: PreparedCommit): Promise<void> {
  await w.commit(c, async () => {
    const b = new KvBatch();
    putStateCommit(b, c);
    await kv.write(b);
  });
}

async function step(kv: KvStore, w: DiskWorldState, changes: Map<string, Uint8Array | null>): Promise<UndoRecord> {
  const c = await w.prepare(changes);
  await commit(kv, w, c);
  return c.undo!;
}

function randomChanges(rnd: () => number, keys: number, n: number, round: number): Map<string, Uint8Array | null> {
  const m = new Map<string, Uint8Array | null>();
  for (let i = 0; i < n; i++) {
    const k = `t/k/${String(Math.floor(rnd() * keys)).padStart(5, '0')}`;
    m.set(k, rnd() < 0.3 ? null : val(`${round}:${i}:${rnd()}`));
  }
  return m;
}

test('random blocks: roots and indexes equal the reference model; deletes leave no records behind', async () => {
  const kv = new MemoryKv();
  const w = await DiskWorldState.open(new KvStateBackend(kv));
  const model = new Model();
  const rnd = mulberry32(5);
  for (let round = 0; round < 40; round++) {
    const ch = randomChanges(rnd, 600, 80, round);
    await step(kv, w, ch);
    model.apply(ch);
    assert.deepEqual(w.root(), model.root(), `root after round ${round}`);
    assert.equal(w.recordCount, model.records.size);
    assert.equal(w.freeCount, model.free.length);
  }
  // The store holds exactly the live records (no tombstones) with the model's indexes.
  const stored = new Map<string, number>();
  for await (const [k, r] of new KvStateBackend(kv).scan('')) stored.set(k, r.index);
  assert.deepEqual(stored, new Map([...model.records].map(([k, r]) => [k, r.index])));
});

test('free indexes are reused smallest first by new keys in byte order, from the next block on', async () => {
  const kv = new MemoryKv();
  const w = await DiskWorldState.open(new KvStateBackend(kv));
  await step(kv, w, new Map(['a', 'b', 'c', 'd', 'e'].map((k) => [`x/${k}`, val(k)])));
  // Block 2 deletes b (1) and d (3) and creates y: y may not take a just-freed index.
  await step(kv, w, new Map<string, Uint8Array | null>([['x/b', null], ['x/d', null], ['x/y', val('y')]]));
  const idx = async (k: string) => (await w.proof(k)).proof?.index;
  assert.equal(await idx('x/y'), 5);
  assert.equal(w.freeCount, 2);
  // Block 3: new keys z, a2, q in byte order (a2 < q < z) take 1, 3, then the fresh 6.
  await step(kv, w, new Map([['x/z', val('z')], ['x/q', val('q')], ['x/a2', val('a2')]]));
  assert.deepEqual([await idx('x/a2'), await idx('x/q'), await idx('x/z')], [1, 3, 6]);
  assert.equal(w.freeCount, 0);
  // A second node fed the same blocks with a tiny cache assigns the same indexes and root.
  const kv2 = new MemoryKv();
  const w2 = await DiskWorldState.open(new KvStateBackend(kv2), { cacheBytes: 1 });
  await step(kv2, w2, new Map(['a', 'b', 'c', 'd', 'e'].map((k) => [`x/${k}`, val(k)])));
  await step(kv2, w2, new Map<string, Uint8Array | null>([['x/b', null], ['x/d', null], ['x/y', val('y')]]));
  await step(kv2, w2, new Map([['x/z', val('z')], ['x/q', val('q')], ['x/a2', val('a2')]]));
  assert.deepEqual(w2.root(), w.root());
});

test('undo (a reorg) restores records, free list, next index and root, in memory and on disk', async () => {
  const kv = new MemoryKv();
  const w = await DiskWorldState.open(new KvStateBackend(kv));
  const rnd = mulberry32(9);
  const model = new Model();
  for (let r = 0; r < 5; r++) {
    const ch = randomChanges(rnd, 300, 60, r);
    await step(kv, w, ch);
    model.apply(ch);
  }
  const snapshot = async () => {
    const recs: string[] = [];
    for await (const [k, r] of new KvStateBackend(kv).scan('')) recs.push(`${k}=${r.index}:${bytesToHex(r.value)}`);
    const free: number[] = [];
    for await (const i of new KvStateBackend(kv).freeIndexes()) free.push(i);
    return { root: bytesToHex(w.root()), next: w.nextIndex, free, recs };
  };
  const before = await snapshot();
  assert.deepEqual(w.root(), model.root());
  // Three more blocks with deletes and reuse, then roll all three back.
  const undos: UndoRecord[] = [];
  for (let r = 5; r < 8; r++) undos.push(await step(kv, w, randomChanges(rnd, 400, 60, r)));
  assert.notEqual(bytesToHex(w.root()), before.root);
  for (const u of undos.reverse()) await commit(kv, w, await w.prepareUndo(u));
  assert.deepEqual(await snapshot(), before);
  // The same blocks applied again after the undo give the same result as the first time.
  const reopened = await DiskWorldState.open(new KvStateBackend(kv));
  assert.deepEqual(reopened.root(), w.root());
  assert.equal(reopened.freeCount, w.freeCount);
  assert.equal(reopened.nextIndex, w.nextIndex);
});

test('open reads page roots, free list and metadata only, and rebuilds the same root', async () => {
  const kv = new MemoryKv();
  const w = await DiskWorldState.open(new KvStateBackend(kv));
  const rnd = mulberry32(3);
  for (let r = 0; r < 10; r++) await step(kv, w, randomChanges(rnd, 2000, 300, r));
  let recordReads = 0;
  let pageReads = 0;
  let scans = 0;
  const backend = new KvStateBackend(kv);
  const counting = Object.assign(Object.create(backend) as KvStateBackend, {
    getRecords: (keys: readonly string[]) => ((recordReads += keys.length), backend.getRecords(keys)),
    getPages: (pages: readonly number[]) => ((pageReads += pages.length), backend.getPages(pages)),
    scan: (prefix: string, o?: object) => (scans++, backend.scan(prefix, o)),
  });
  const w2 = await DiskWorldState.open(counting);
  assert.deepEqual(w2.root(), w.root());
  // Opening reads no record, no leaf page and scans no record prefix, however small the state.
  assert.equal(recordReads + pageReads + scans, 0);
  assert.equal(w2.freeCount, w.freeCount);
  // The first read of a key loads it (one batch), absent keys included.
  assert.equal(await readState(w2, (st) => st.get('t/k/none')), undefined);
  assert.equal(recordReads, 1);
});

test('proofs: siblings from the page and the upper levels verify offline against the root', async () => {
  const kv = new MemoryKv();
  const w = await DiskWorldState.open(new KvStateBackend(kv), { cacheBytes: 1 });
  const model = new Model();
  const rnd = mulberry32(21);
  for (let r = 0; r < 6; r++) {
    const ch = randomChanges(rnd, 500, 120, r);
    await step(kv, w, ch);
    model.apply(ch);
  }
  const ref = new StateTree();
  ref.setLeaves([...model.records].map(([k, r]) => ({ index: r.index, leaf: stateLeafHash(stringToKey(k), r.value) })));
  let n = 0;
  for (const [k, r] of [...model.records].slice(0, 60)) {
    const got = await w.proof(k);
    assert.deepEqual(got.root, w.root());
    const p = got.proof!;
    assert.equal(p.index, r.index);
    assert.deepEqual(p.siblings, ref.proof(r.index));
    assert.ok(verifyStateProof({ root: w.root(), key: stringToKey(k), value: p.value, index: p.index, siblings: p.siblings }));
    // A wrong value does not verify.
    assert.ok(!verifyStateProof({ root: w.root(), key: stringToKey(k), value: val('forged'), index: p.index, siblings: p.siblings }));
    n++;
  }
  assert.ok(n > 30);
  assert.equal((await w.proof('t/k/none')).proof, undefined);
});

test('a tiny cache evicts but never changes a result: reads, roots and misses reloaded', async () => {
  const kvA = new MemoryKv();
  const kvB = new MemoryKv();
  const big = await DiskWorldState.open(new KvStateBackend(kvA));
  const tiny = await DiskWorldState.open(new KvStateBackend(kvB), { cacheBytes: 1 });
  const rnd = mulberry32(77);
  for (let r = 0; r < 15; r++) {
    const ch = randomChanges(rnd, 3000, 400, r);
    await step(kvA, big, ch);
    await step(kvB, tiny, ch);
    assert.deepEqual(tiny.root(), big.root());
  }
  // A cache that holds some records evicts the least recently used and stays within its bound.
  const kvC = new MemoryKv();
  const smallW = await DiskWorldState.open(new KvStateBackend(kvC), { cacheBytes: 200_000 });
  const rnd2 = mulberry32(77);
  for (let r = 0; r < 15; r++) await step(kvC, smallW, randomChanges(rnd2, 3000, 400, r));
  assert.deepEqual(smallW.root(), big.root());
  const sm = smallW.memory();
  assert.ok(sm.recordBytes <= 150_000 && sm.records > 100 && sm.records < smallW.recordCount, `${sm.records} records, ${sm.recordBytes} bytes`);

  // The tiny cache stayed within its bound while holding far fewer records than exist.
  const m = tiny.memory();
  assert.ok(m.recordBytes <= 1, `record cache ${m.recordBytes} bytes`);
  assert.ok(m.records < tiny.recordCount / 4);
  // Every key reads the same through a loading reader.
  const keys = Array.from({ length: 3000 }, (_, i) => `t/k/${String(i).padStart(5, '0')}`);
  const read = (w: DiskWorldState) => readState(w, (s) => keys.map((k) => (s.get(k) ? bytesToHex(s.get(k)!) : '-')));
  assert.deepEqual(await read(tiny), await read(big));
  assert.ok(tiny.stats.recordLoads > big.stats.recordLoads);
  // Without loading, a cold key is refused rather than reported absent.
  assert.throws(() => tiny.session({ strict: true }).get('t/k/never-cached'), /not loaded/);
});

test('iterate: ordered prefix pages with cursors, merged with pending changes', async () => {
  const kv = new MemoryKv();
  const w = await DiskWorldState.open(new KvStateBackend(kv));
  const keys = Array.from({ length: 57 }, (_, i) => `nft/token/${String(i * 2).padStart(3, '0')}`);
  await step(kv, w, new Map([...keys.map((k) => [k, val(k)] as [string, Uint8Array]), ['nfu/x', val('outside')], ['nfs/x', val('outside')]]));
  // Page through all of them, 10 at a time.
  const seen: string[] = [];
  let after: string | undefined;
  for (;;) {
    const p = await w.iterate('nft/token/', { limit: 10, ...(after ? { after } : {}) });
    seen.push(...p.entries.map(([k]) => k));
    if (!p.next) break;
    after = p.next;
  }
  assert.deepEqual(seen, keys);
  // Pending: delete 3 of the first 12, insert 2 between; a page of 10 still has 10.
  const pending = new Map<string, Uint8Array | null>([
    [keys[1], null],
    [keys[2], null],
    [keys[5], null],
    ['nft/token/001', val('new')],
    ['nft/token/013', val('new')],
    ['nft/token/zzz', val('last')],
  ]);
  const p = await w.iterate('nft/token/', { limit: 10, pending });
  const expect = [...keys.filter((k) => !pending.has(k) || pending.get(k) !== null), 'nft/token/001', 'nft/token/013', 'nft/token/zzz'].sort();
  assert.deepEqual(
    p.entries.map(([k]) => k),
    expect.slice(0, 10),
  );
  const all: string[] = [];
  after = undefined;
  for (;;) {
    const q = await w.iterate('nft/token/', { limit: 7, pending, ...(after ? { after } : {}) });
    all.push(...q.entries.map(([k]) => k));
    if (!q.next) break;
    after = q.next;
  }
  assert.deepEqual(all, expect);
});
