import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEV_MNEMONIC, DEV_WALLET_NAME, DEV_WALLET_PASSWORD, devAccounts, writeDevWallet } from '../../src/cli/devnet-accounts.js';
import { findAccount, resolveAddress, unlockAccount } from '../../src/cli/wallets.js';
import { CliError } from '../../src/cli/errors.js';
import { loadWalletFile } from '../../src/wallet/wallet-store.js';
import { run } from './helpers.js';
import { readPublicPassword } from '../../src/wallet/wallet-store.js';

const isCode = (c: string) => (e: unknown) => e instanceof Error && (e as { code?: string }).code === c;

test('dev accounts are deterministic, distinct, labelled dev-<i>, and the dev wallet holds exactly them', async (t) => {
  const accounts = devAccounts();
  assert.equal(accounts.length, 20);
  assert.deepEqual(accounts.map((a) => a.label), Array.from({ length: 20 }, (_, i) => `dev-${i}`));
  assert.equal(new Set(accounts.map((a) => a.address)).size, 20);
  assert.equal(accounts[0].path, "m/44'/8645'/0'/0/0");
  assert.deepEqual(devAccounts(DEV_MNEMONIC, 3), accounts.slice(0, 3));
  const dir = await mkdtemp(join(tmpdir(), 'cw-devwallet-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeDevWallet(dir);
  const w = await loadWalletFile(dir, DEV_WALLET_NAME, DEV_WALLET_PASSWORD);
  // Its public password is kept beside it (so signing with dev accounts needs no password flag).
  assert.equal(await readPublicPassword(dir, DEV_WALLET_NAME), DEV_WALLET_PASSWORD);
  assert.deepEqual(w.accounts().map((a) => [a.label, a.address]), accounts.map((a) => [a.label, a.address]));
});

test('wallet new, list, show, show --add and import through the CLI', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'cw-wallet-cli-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const pw = join(dir, 'pw');
  await writeFile(pw, 'hunter2hunter2\nignored second line\n');
  const created = await run(['wallet', 'new', '--name', 'w1', '--words', '12', '--password-file', pw, '--wallet-dir', dir]);
  assert.equal(created.code, 0, created.stderr);
  assert.match(created.stderr, /^WARNING: the mnemonic below is the only backup/);
  const mnemonic = /^mnemonic: (.+)$/m.exec(created.stdout)![1];
  assert.equal(mnemonic.split(' ').length, 12);
  const address = /^address:\s+(cw1\w+)$/m.exec(created.stdout)![1];
  assert.equal((await stat(join(dir, 'w1.json'))).mode & 0o777, 0o600);
  assert.ok(!(await readFile(join(dir, 'w1.json'), 'utf8')).includes(mnemonic.split(' ')[0] + ' ' + mnemonic.split(' ')[1]), 'mnemonic is not stored in clear');

  const again = await run(['wallet', 'new', '--name', 'w1', '--password-file', pw, '--wallet-dir', dir]);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /^error: wallet "w1" already exists in .*: choose another --name \(`coinworks wallet add-account w1` adds an account to it\) \(WALLET_EXISTS\)\n$/);

  const added = await run(['wallet', 'show', 'w1', '--add', 'savings', '--wallet-dir', dir, '--json'], { COINWORKS_WALLET_PASSWORD: 'hunter2hunter2' });
  assert.equal(added.code, 0, added.stderr);
  const shown = JSON.parse(added.stdout) as { accounts: Array<{ index: number; label: string; address: string }> };
  // The first account is named after its wallet (never the "account-0" every wallet would share).
  assert.deepEqual(shown.accounts.map((a) => a.label), ['w1', 'savings']);
  assert.equal(shown.accounts[0].address, address);

  const wrong = await run(['wallet', 'show', 'w1', '--add', 'x', '--wallet-dir', dir], { COINWORKS_WALLET_PASSWORD: 'nope' });
  assert.equal(wrong.code, 1);
  assert.match(wrong.stderr, /\(WALLET_BAD_PASSWORD\)\n$/);

  const mfile = join(dir, 'words.txt');
  await writeFile(mfile, `  ${mnemonic.toUpperCase()}  \n`);
  const imported = await run(['wallet', 'import', '--name', 'w2', '--mnemonic-file', mfile, '--accounts', '2', '--password-file', pw, '--wallet-dir', dir, '--json']);
  assert.equal(imported.code, 0, imported.stderr);
  const imp = JSON.parse(imported.stdout) as { accounts: Array<{ label: string; address: string }> };
  assert.equal(imp.accounts[0].address, address);
  assert.equal(imp.accounts.length, 2);
  assert.equal(imp.accounts[1].address, shown.accounts[1].address, 'same key at index 1');

  const badWords = join(dir, 'bad.txt');
  await writeFile(badWords, 'abandon abandon abandon');
  const bad = await run(['wallet', 'import', '--name', 'w3', '--mnemonic-file', badWords, '--password-file', pw, '--wallet-dir', dir]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /^error: mnemonic must have 12, 15, 18, 21 or 24 words, got 3 \(WALLET_BAD_MNEMONIC\)\n$/);

  const listed = await run(['wallet', 'list', '--json'], { COINWORKS_WALLET_DIR: dir });
  assert.equal(listed.code, 0, listed.stderr);
  assert.deepEqual((JSON.parse(listed.stdout) as { wallets: Array<{ name: string }> }).wallets.map((w) => w.name), ['w1', 'w2']);

  // Label lookups: "savings" is only in w1; the first address is in both wallets (one mnemonic).
  assert.deepEqual(imp.accounts.map((a) => a.label), ['w2', 'w2-1']);
  assert.equal(await resolveAddress('savings', { walletDir: dir }), shown.accounts[1].address);
  await assert.rejects(findAccount(address, { walletDir: dir }), (e: unknown) => e instanceof CliError && e.code === 'CLI_AMBIGUOUS_ACCOUNT' && /--wallet/.test(e.message));
  assert.equal((await findAccount(address, { walletDir: dir, wallet: 'w2' })).wallet, 'w2');
  assert.equal((await findAccount('w1', { walletDir: dir })).account.address, address);

  // wallet add-account: the next index, labelled <wallet>-<index> unless --label.
  const more = await run(['wallet', 'add-account', 'w2', '--wallet-dir', dir, '--password-file', pw, '--json']);
  assert.equal(more.code, 0, more.stderr);
  assert.deepEqual((({ account, index }) => ({ account, index }))(JSON.parse(more.stdout) as { account: string; index: number }), { account: 'w2-2', index: 2 });
  const labelled = await run(['wallet', 'add-account', 'w2', '--label', 'rent', '--wallet-dir', dir, '--password-file', pw]);
  assert.equal(labelled.code, 0, labelled.stderr);
  assert.match(labelled.stdout, /^account:\s+rent \(index 3\)$/m);
  const missing = await run(['wallet', 'add-account', 'nope', '--wallet-dir', dir, '--password-file', pw]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /^error: no wallet "nope" in .* \(CLI_UNKNOWN_ACCOUNT\)\n$/);
  await assert.rejects(findAccount('nobody', { walletDir: dir }), isCode('CLI_UNKNOWN_ACCOUNT'));
  assert.equal(await resolveAddress(address.toUpperCase(), { walletDir: dir }), address);
  const unlocked = await unlockAccount('savings', { walletDir: dir }, { file: pw, env: {} });
  assert.equal(unlocked.account.label, 'savings');
  await assert.rejects(unlockAccount('savings', { walletDir: dir }, { env: {}, stdin: { isTTY: false } as NodeJS.ReadStream }), isCode('CLI_NO_PASSWORD'));

  const empty = await run(['wallet', 'list', '--wallet-dir', join(dir, 'none')]);
  assert.equal(empty.code, 0);
  assert.match(empty.stdout, /^no wallets in /);
});

test('init writes a genesis (with dev accounts and their wallet) once', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'cw-init-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const datadir = join(dir, 'd');
  const other = 'cw1rmqujnsjgkzxm7cmed8mdl7rtlfjd35898hjf5';
  const r = await run(['init', '--network', 'regtest', '--datadir', datadir, '--dev-accounts', '2', '--alloc', `${devAccounts()[5].address}=2.5`, '--time', '1800000000', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { time: number; allocations: Array<{ address: string; amount: string }> };
  assert.equal(out.time, 1_800_000_000);
  assert.deepEqual(out.allocations.map((a) => a.amount), ['250000000', '100000000000000', '100000000000000']);
  const g = JSON.parse(await readFile(join(datadir, 'genesis.json'), 'utf8')) as { network: string; time: number };
  assert.deepEqual([g.network, g.time], ['regtest', 1_800_000_000]);
  const w = await loadWalletFile(join(datadir, 'wallets'), 'dev', 'devnet');
  assert.deepEqual(w.accounts().map((a) => a.label), ['dev-0', 'dev-1']);
  const twice = await run(['init', '--network', 'regtest', '--datadir', datadir]);
  assert.equal(twice.code, 1);
  assert.match(twice.stderr, /already exists: this data directory is initialised \(GENESIS_MISMATCH\)\n$/);
  const human = await run(['init', '--datadir', join(dir, 'e'), '--alloc', `${other}=1`]);
  assert.equal(human.code, 0, human.stderr);
  assert.match(human.stdout, new RegExp(`${other}\\s+1\\.00000000 CWC`));
  assert.match(human.stdout, /start it with: coinworks node --network devnet --datadir /);
});
