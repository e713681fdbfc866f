/** Shared behaviour tests every `KvStore` backend must pass (run by level-kv and memory-kv tests). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KvBatch, type KvStore } from '../../src/storage/kv.js';
import { StorageError } from '../../src/errors.js';

const b = (...xs: number[]): Uint8Array => new Uint8Array(xs);

async function collect(it: AsyncIterable<[Uint8Array, Uint8Array]>): Promise<Array<[Uint8Array, Uint8Array]>> {
  const out: Array<[Uint8Array, Uint8Array]> = [];
  for await (const e of it) out.push(e);
  return out;
}

function isClosed(e: unknown): boolean {
  return e instanceof StorageError && e.code === 'STORAGE_CLOSED';
}

/** Registers the contract tests for a backend; `open` returns a fresh, empty store. */
export function kvContract(name: string, open: () => Promise<KvStore>): void {
  test(`${name}: get, getMany, put and delete through batches`, async () => {
    const kv = await open();
    try {
      assert.equal(await kv.get(b(1)), undefined);
      await kv.write(new KvBatch().put(b(1), b(10)).put(b(2), b(20)).put(b(3), new Uint8Array(0)));
      assert.deepEqual(await kv.get(b(1)), b(10));
      assert.deepEqual(await kv.get(b(3)), new Uint8Array(0));
      assert.deepEqual(await kv.getMany([b(2), b(9), b(1)]), [b(20), undefined, b(10)]);
      assert.deepEqual(await kv.getMany([]), []);
      await kv.write(new KvBatch().del(b(1)).put(b(2), b(21)), { sync: true });
      assert.equal(await kv.get(b(1)), undefined);
      assert.deepEqual(await kv.get(b(2)), b(21));
    } finally {
      await kv.close();
    }
  });

  test(`${name}: last write per key wins inside a batch`, async () => {
    const kv = await open();
    try {
      const batch = new KvBatch().put(b(1), b(1)).del(b(1)).put(b(1), b(3)).put(b(2), b(2)).del(b(2));
      assert.equal(batch.size, 2);
      assert.deepEqual(batch.ops(), [
        { type: 'put', key: b(1), value: b(3) },
        { type: 'del', key: b(2) },
      ]);
      await kv.write(batch);
      assert.deepEqual(await kv.get(b(1)), b(3));
      assert.equal(await kv.get(b(2)), undefined);
    } finally {
      await kv.close();
    }
  });

  test(`${name}: a failing batch applies nothing`, async () => {
    const kv = await open();
    try {
      await kv.write(new KvBatch().put(b(5), b(5)));
      const bad = new KvBatch()
        .put(b(1), b(1))
        .del(b(5))
        .put(b(2), null as unknown as Uint8Array) // invalid value: the whole batch must be rejected
        .put(b(3), b(3));
      await assert.rejects(kv.write(bad));
      assert.deepEqual(await kv.getMany([b(1), b(3), b(5)]), [undefined, undefined, b(5)]);
    } finally {
      await kv.close();
    }
  });

  test(`${name}: concurrent readers see a batch entirely or not at all`, async () => {
    const kv = await open();
    try {
      const n = 2000;
      const batch = new KvBatch();
      for (let i = 0; i < n; i++) batch.put(b(7, i >> 8, i & 0xff), b(i & 0xff));
      const counts: number[] = [];
      const readers = Array.from({ length: 8 }, async (_, r) => {
        await new Promise((res) => setTimeout(res, r));
        counts.push((await collect(kv.iterate(b(7)))).length);
      });
      await Promise.all([kv.write(batch), ...readers]);
      counts.push((await collect(kv.iterate(b(7)))).length);
      for (const c of counts) assert.ok(c === 0 || c === n, `reader saw ${c} of ${n} entries`);
      assert.equal(counts[counts.length - 1], n);
    } finally {
      await kv.close();
    }
  });

  test(`${name}: iterate by prefix in byte order, reverse and limit`, async () => {
    const kv = await open();
    try {
      const batch = new KvBatch();
      // Inserted out of order, with neighbours just outside the prefix on both sides.
      for (const k of [b(1, 0xff), b(1, 2), b(1), b(0, 0xff), b(2), b(1, 0, 5), b(1, 0x80), b(0xff, 0xff), b(0xff)]) batch.put(k, b(k.length));
      await kv.write(batch);
      const keys = async (p: Uint8Array, o?: { reverse?: boolean; limit?: number }) => (await collect(kv.iterate(p, o))).map(([k]) => [...k]);
      assert.deepEqual(await keys(b(1)), [[1], [1, 0, 5], [1, 2], [1, 0x80], [1, 0xff]]);
      assert.deepEqual(await keys(b(1), { reverse: true }), [[1, 0xff], [1, 0x80], [1, 2], [1, 0, 5], [1]]);
      assert.deepEqual(await keys(b(1), { limit: 2 }), [[1], [1, 0, 5]]);
      assert.deepEqual(await keys(b(1), { reverse: true, limit: 2 }), [[1, 0xff], [1, 0x80]]);
      assert.deepEqual(await keys(b(1), { limit: 0 }), []);
      // Cursors: strictly after (before, in reverse) a key, inside or outside the prefix range.
      const after = async (p: Uint8Array, a: Uint8Array, o: { reverse?: boolean; limit?: number } = {}) => (await collect(kv.iterate(p, { ...o, after: a }))).map(([k]) => [...k]);
      assert.deepEqual(await after(b(1), b(1, 0, 5)), [[1, 2], [1, 0x80], [1, 0xff]]);
      assert.deepEqual(await after(b(1), b(1, 0, 5), { limit: 1 }), [[1, 2]]);
      assert.deepEqual(await after(b(1), b(1, 0x80), { reverse: true }), [[1, 2], [1, 0, 5], [1]]);
      assert.deepEqual(await after(b(1), b(0, 9)), await keys(b(1)));
      assert.deepEqual(await after(b(1), b(2), { reverse: true }), await keys(b(1), { reverse: true }));
      assert.deepEqual(await after(b(1), b(1, 0xff)), []);
      assert.deepEqual(await keys(b(0xff)), [[0xff], [0xff, 0xff]]);
      assert.deepEqual(await keys(b(3)), []);
      assert.equal((await keys(new Uint8Array(0))).length, 9);
      const [[k, v]] = await collect(kv.iterate(b(1, 0), { limit: 1 }));
      assert.deepEqual(k, b(1, 0, 5));
      assert.deepEqual(v, b(3));
    } finally {
      await kv.close();
    }
  });

  test(`${name}: every operation fails with STORAGE_CLOSED after close`, async () => {
    const kv = await open();
    await kv.write(new KvBatch().put(b(1), b(1)));
    await kv.close();
    await kv.close(); // idempotent
    await assert.rejects(kv.get(b(1)), isClosed);
    await assert.rejects(kv.getMany([b(1)]), isClosed);
    await assert.rejects(kv.write(new KvBatch().put(b(2), b(2))), isClosed);
    await assert.rejects(collect(kv.iterate(b(1))), isClosed);
  });
}
