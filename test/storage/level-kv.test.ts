import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LevelKv } from '../../src/storage/level-kv.js';
import { KvBatch } from '../../src/storage/kv.js';
import { StorageError } from '../../src/errors.js';
import { kvContract } from './kv-contract.js';

const root = await mkdtemp(join(tmpdir(), 'coinworks-level-kv-'));
after(() => rm(root, { recursive: true, force: true }));
let n = 0;
const freshDir = (): string => join(root, `db${n++}`, 'nested'); // nested: open() must create parents

kvContract('LevelKv', () => LevelKv.open(freshDir()));

function isLocked(e: unknown): boolean {
  return e instanceof StorageError && e.code === 'STORAGE_CLOSED' && /data directory is in use by another process/.test(e.message);
}

test('LevelKv: data survives close and reopen', async () => {
  const dir = freshDir();
  const kv = await LevelKv.open(dir);
  await kv.write(new KvBatch().put(new Uint8Array([1, 2]), new Uint8Array([3])).put(new Uint8Array([1, 3]), new Uint8Array([4])), { sync: true });
  await kv.close();
  const again = await LevelKv.open(dir);
  try {
    assert.deepEqual(await again.get(new Uint8Array([1, 2])), new Uint8Array([3]));
    const keys: number[][] = [];
    for await (const [k] of again.iterate(new Uint8Array([1]), { reverse: true })) keys.push([...k]);
    assert.deepEqual(keys, [[1, 3], [1, 2]]);
  } finally {
    await again.close();
  }
});

test('LevelKv: a second open of the same directory fails with a typed error', async () => {
  const dir = freshDir();
  const kv = await LevelKv.open(dir);
  try {
    await assert.rejects(LevelKv.open(dir), isLocked);
  } finally {
    await kv.close();
  }
  // Once released, the directory opens again.
  await (await LevelKv.open(dir)).close();
});

test('LevelKv: a directory locked by another process is reported clearly', async () => {
  const dir = freshDir();
  await (await LevelKv.open(dir)).close();
  const script = `import { ClassicLevel } from 'classic-level';
const db = new ClassicLevel(${JSON.stringify(dir)});
await db.open();
process.stdout.write('ready\\n');
process.stdin.on('data', () => {}); process.stdin.on('end', async () => { await db.close(); process.exit(0); });`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: process.cwd(), stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise((res) => child.once('exit', res));
  try {
    await new Promise<void>((res, rej) => {
      child.stdout.once('data', () => res());
      child.once('exit', (code) => rej(new Error(`lock holder exited early (${code})`)));
    });
    await assert.rejects(LevelKv.open(dir), isLocked);
  } finally {
    child.stdin.end();
    await exited;
  }
  await (await LevelKv.open(dir)).close();
});
