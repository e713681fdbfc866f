import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir, homedir } from 'node:os';
import { join } from 'node:path';
import {
  createWalletFile,
  defaultWalletDir,
  listWalletFiles,
  loadWalletFile,
  readWalletInfo,
  updateWalletFile,
  walletFilePath,
} from '../../src/wallet/wallet-store.js';
import { Wallet } from '../../src/wallet/wallet.js';
import { WalletError } from '../../src/wallet/errors.js';

const isCode = (code: string) => (e: unknown) => e instanceof WalletError && e.code === code;
const FAST = { n: 2 ** 10 };
const posix = process.platform !== 'win32';

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'coinworks-wallets-'));
}

test('default directory is ~/.coinworks/wallets', () => {
  assert.equal(defaultWalletDir(), join(homedir(), '.coinworks', 'wallets'));
});

test('create writes <name>.json with mode 0600, no temp files left, directory created', async (t) => {
  const root = await tempDir();
  t.after(() => rm(root, { recursive: true, force: true }));
  const dir = join(root, 'nested', 'wallets');
  const w = Wallet.create({ words: 12 });
  const file = await createWalletFile(dir, 'alice', w, 'pw', FAST);
  assert.equal(file.name, 'alice');
  assert.deepEqual(await readdir(dir), ['alice.json']);
  const onDisk = JSON.parse(await readFile(join(dir, 'alice.json'), 'utf8'));
  assert.deepEqual(onDisk, file);
  if (posix) {
    assert.equal((await stat(join(dir, 'alice.json'))).mode & 0o777, 0o600);
    assert.equal((await stat(dir)).mode & 0o077, 0);
  }
});

test('create refuses to overwrite, even under concurrent creation', async (t) => {
  const dir = await tempDir();
  t.after(() => rm(dir, { recursive: true, force: true }));
  const first = Wallet.create();
  await createWalletFile(dir, 'w', first, 'pw', FAST);
  const before = await readFile(join(dir, 'w.json'), 'utf8');
  await assert.rejects(createWalletFile(dir, 'w', Wallet.create(), 'pw', FAST), isCode('WALLET_EXISTS'));
  assert.equal(await readFile(join(dir, 'w.json'), 'utf8'), before);
  const results = await Promise.allSettled(
    Array.from({ length: 4 }, () => createWalletFile(dir, 'race', Wallet.create(), 'pw', FAST)),
  );
  assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
  for (const r of results) if (r.status === 'rejected') assert.ok(isCode('WALLET_EXISTS')(r.reason));
  assert.deepEqual((await readdir(dir)).sort(), ['race.json', 'w.json']);
});

test('list, load and readWalletInfo', async (t) => {
  const dir = await tempDir();
  t.after(() => rm(dir, { recursive: true, force: true }));
  assert.deepEqual(await listWalletFiles(join(dir, 'missing')), []);
  const w = Wallet.create();
  w.addAccount('savings');
  await createWalletFile(dir, 'bob', w, 'secret', FAST);
  await createWalletFile(dir, 'alice', Wallet.create(), 'pw', FAST);
  await writeFile(join(dir, 'notes.txt'), 'x');
  await writeFile(join(dir, '.bob.json.abc.tmp'), 'x');
  assert.deepEqual(await listWalletFiles(dir), ['alice', 'bob']);
  const info = await readWalletInfo(dir, 'bob');
  assert.deepEqual(info, { name: 'bob', accounts: w.accounts() });
  const loaded = await loadWalletFile(dir, 'bob', 'secret');
  assert.equal(loaded.mnemonic, w.mnemonic);
  assert.equal(loaded.name, 'bob');
  assert.deepEqual(loaded.accounts(), w.accounts());
  await assert.rejects(loadWalletFile(dir, 'bob', 'wrong'), isCode('WALLET_BAD_PASSWORD'));
  await assert.rejects(loadWalletFile(dir, 'carol', 'pw'), isCode('WALLET_NOT_FOUND'));
  await assert.rejects(readWalletInfo(dir, 'carol'), isCode('WALLET_NOT_FOUND'));
  await writeFile(join(dir, 'broken.json'), '{"version":');
  await assert.rejects(loadWalletFile(dir, 'broken', 'pw'), isCode('WALLET_CORRUPT'));
  await assert.rejects(readWalletInfo(dir, 'broken'), isCode('WALLET_CORRUPT'));
});

test('wallet names cannot escape the directory', async () => {
  for (const bad of ['../x', 'a/b', '.hidden', '', 'a\\b', 'x'.repeat(65)]) {
    assert.throws(() => walletFilePath('/tmp', bad), isCode('WALLET_BAD_NAME'));
    await assert.rejects(createWalletFile('/tmp', bad, Wallet.create(), 'pw', FAST), isCode('WALLET_BAD_NAME'));
  }
});

test('updateWalletFile adds an account atomically, keeping password, cost and mode', async (t) => {
  const dir = await tempDir();
  t.after(() => rm(dir, { recursive: true, force: true }));
  const w = Wallet.create();
  await createWalletFile(dir, 'main', w, 'pw', FAST);
  const updated = await updateWalletFile(dir, 'main', 'pw', (x) => {
    x.addAccount('savings');
  });
  assert.equal(updated.accounts().length, 2);
  const info = await readWalletInfo(dir, 'main');
  assert.deepEqual(info.accounts.map((a) => a.label), ['account-0', 'savings']);
  const reloaded = await loadWalletFile(dir, 'main', 'pw');
  assert.equal(reloaded.mnemonic, w.mnemonic);
  assert.equal(reloaded.account('savings').address, updated.account('savings').address);
  const onDisk = JSON.parse(await readFile(join(dir, 'main.json'), 'utf8'));
  assert.equal(onDisk.kdfparams.n, FAST.n);
  assert.deepEqual(await readdir(dir), ['main.json']);
  if (posix) assert.equal((await stat(join(dir, 'main.json'))).mode & 0o777, 0o600);
  await assert.rejects(updateWalletFile(dir, 'main', 'wrong', (x) => void x.addAccount()), isCode('WALLET_BAD_PASSWORD'));
  await assert.rejects(updateWalletFile(dir, 'nope', 'pw', (x) => void x.addAccount()), isCode('WALLET_NOT_FOUND'));
  assert.equal((await readWalletInfo(dir, 'main')).accounts.length, 2);
});
