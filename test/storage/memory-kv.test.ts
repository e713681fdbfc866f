import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryKv } from '../../src/storage/memory-kv.js';
import { KvBatch } from '../../src/storage/kv.js';
import { kvContract } from './kv-contract.js';

kvContract('MemoryKv', async () => new MemoryKv());

test('MemoryKv: stored bytes are not aliased by callers', async () => {
  const kv = new MemoryKv();
  const key = new Uint8Array([1]);
  const value = new Uint8Array([9]);
  await kv.write(new KvBatch().put(key, value));
  value[0] = 0;
  key[0] = 2;
  const got = await kv.get(new Uint8Array([1]));
  assert.deepEqual(got, new Uint8Array([9]));
  got![0] = 7;
  assert.deepEqual(await kv.get(new Uint8Array([1])), new Uint8Array([9]));
});
