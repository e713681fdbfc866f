/**
 * The devnet as a user drives it: each step is a separate `coinworks` process against a running
 * `coinworks devnet` (itself a separate process): create a wallet, send it coins from a dev account,
 * read the balance, look the transaction up, prove the balance against the block's state root, and
 * stop the devnet with Ctrl-C (SIGINT) and see it exit 0.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { background, cleanEnv, cli, requireBuiltCli, rpc, until } from '../cli/process-helpers.js';
import { E2E_STEP_TIMEOUT_MS, E2E_TEST_TIMEOUT_MS } from './limits.js';

test('devnet: wallet new, send, balance, tx, balance --prove, then SIGINT exits 0', { timeout: E2E_TEST_TIMEOUT_MS }, async (t) => {
  requireBuiltCli();
  const dir = await mkdtemp(join(tmpdir(), 'cw-devnet-cli-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const datadir = join(dir, 'devnet');
  const devWallets = join(datadir, 'wallets');
  const myWallets = join(dir, 'wallets');
  const pwFile = join(dir, 'pw.txt');
  await writeFile(pwFile, 'correct horse battery staple\n');
  const devPwFile = join(dir, 'devpw.txt');
  await writeFile(devPwFile, 'devnet\n');

  const devnet = background(['devnet', '--rpc-port', '0', '--datadir', datadir], { cwd: dir });
  t.after(() => devnet.stop('SIGKILL'));
  const [, url] = await devnet.waitFor(/^RPC: (http:\/\/127\.0\.0\.1:\d+)$/m);
  assert.match(devnet.output().stdout, /dev-0\s+cw1\w+\s+1000000\.00000000 CWC/);
  assert.match(devnet.output().stdout, /password "devnet"/);
  const env = cleanEnv({ COINWORKS_RPC: url });

  // A new wallet, password from a file; the mnemonic is shown once, with a warning on stderr.
  const created = await cli(['wallet', 'new', '--name', 'alice', '--password-file', pwFile, '--wallet-dir', myWallets, '--json'], { env, cwd: dir });
  assert.equal(created.code, 0, created.stderr);
  const wallet = JSON.parse(created.stdout) as { address: string; mnemonic: string; account: string };
  assert.match(wallet.address, /^cw1/);
  assert.equal(wallet.mnemonic.split(' ').length, 24);
  const listed = await cli(['wallet', 'list', '--wallet-dir', myWallets], { env, cwd: dir });
  assert.equal(listed.code, 0, listed.stderr);
  assert.match(listed.stdout, new RegExp(`alice\\s+alice\\s+${wallet.address}`));

  // Send 1.5 CWC from dev-0 (the devnet's "dev" wallet) and wait for it to be mined.
  const sent = await cli(['send', wallet.address, '1.5', '--from', 'dev-0', '--wallet-dir', devWallets, '--password-file', devPwFile, '--json'], { env, cwd: dir, timeoutMs: E2E_STEP_TIMEOUT_MS });
  assert.equal(sent.code, 0, sent.stderr);
  const receipt = JSON.parse(sent.stdout) as { id: string; status: string; height: number; amount: string };
  assert.equal(receipt.status, 'success');
  assert.equal(receipt.amount, '150000000');
  assert.match(receipt.id, /^[0-9a-f]{64}$/);

  // The balance, by address, human-readable.
  const bal = await cli(['balance', wallet.address], { env, cwd: dir });
  assert.equal(bal.code, 0, bal.stderr);
  assert.match(bal.stdout, /balance:\s+1\.50000000 CWC/);
  // ... and by account label, as JSON.
  const balJson = await cli(['balance', 'alice', '--wallet-dir', myWallets, '--json'], { env, cwd: dir });
  assert.equal(balJson.code, 0, balJson.stderr);
  assert.equal((JSON.parse(balJson.stdout) as { balance: string }).balance, '150000000');

  // The transaction: status success, in the block `send` reported.
  const tx = await cli(['tx', receipt.id], { env, cwd: dir });
  assert.equal(tx.code, 0, tx.stderr);
  assert.match(tx.stdout, /status:\s+success/);
  assert.match(tx.stdout, new RegExp(`block:\\s+${receipt.height} `));
  assert.match(tx.stdout, /amount:\s+1\.50000000 CWC/);

  // Mined and buried under another block, then proven offline against that block's state root.
  await until(async () => (await rpc<{ height: number }>(url, 'chain_getHead')).height > receipt.height);
  const proved = await cli(['balance', wallet.address, '--prove'], { env, cwd: dir });
  assert.equal(proved.code, 0, proved.stderr);
  assert.match(proved.stdout, /^proof: valid$/m);
  assert.match(proved.stdout, /balance:\s+1\.50000000 CWC/);

  // A block and the supply, for good measure.
  const block = await cli(['block', String(receipt.height), '--json'], { env, cwd: dir });
  assert.equal(block.code, 0, block.stderr);
  assert.ok((JSON.parse(block.stdout) as { txs: string[] }).txs.includes(receipt.id));
  const supply = await cli(['supply', '--json'], { env, cwd: dir });
  assert.equal(supply.code, 0, supply.stderr);
  assert.ok(BigInt((JSON.parse(supply.stdout) as { total: string }).total) >= 10n * 1_000_000n * 100_000_000n);

  // Ctrl-C: a clean shutdown, exit code 0.
  const exit = await devnet.stop('SIGINT');
  assert.deepEqual(exit, { code: 0, signal: null }, devnet.output().stderr);
  // Logs go to stderr (the banner alone on stdout, issue 14).
  assert.match(devnet.output().stderr, /node stopped/);
});

test('devnet reuses the chain and genesis (--keep is the default); --reset starts over; SIGTERM exits 0', { timeout: E2E_TEST_TIMEOUT_MS }, async (t) => {
  requireBuiltCli();
  const dir = await mkdtemp(join(tmpdir(), 'cw-devnet-keep-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const datadir = join(dir, 'chain');
  const start = async (extra: string[]) => {
    const d = background(['devnet', '--rpc-port', '0', '--datadir', datadir, ...extra], { cwd: dir });
    t.after(() => d.stop('SIGKILL'));
    const [, url] = await d.waitFor(/^RPC: (http:\/\/127\.0\.0\.1:\d+)$/m);
    return { d, url };
  };
  const first = await start([]);
  await until(async () => (await rpc<{ height: number }>(first.url, 'chain_getHead')).height >= 3);
  const genesis1 = await readFile(join(datadir, 'genesis.json'), 'utf8');
  assert.deepEqual(await first.d.stop('SIGTERM'), { code: 0, signal: null });

  const kept = await start(['--keep', '--no-mine']);
  const head = await rpc<{ height: number }>(kept.url, 'chain_getHead');
  assert.ok(head.height >= 3, `height ${head.height} kept`);
  assert.equal(await readFile(join(datadir, 'genesis.json'), 'utf8'), genesis1);
  // Mining can be started over RPC from the CLI, which reads the node's cookie from its data directory.
  const refused = await cli(['mine', '--threads', '1', '--rpc', kept.url], { cwd: dir });
  assert.equal(refused.code, 1, refused.stderr);
  assert.match(refused.stderr, /^error: the node at .* needs its auth cookie for this: no \.cookie in .*; pass --datadir <the node's data directory> \(CLI_UNAUTHORIZED\)\n$/);
  assert.match(await readFile(join(datadir, '.cookie'), 'utf8'), /^__cookie__:[0-9a-f]{64}$/);
  const mine = await cli(['mine', '--threads', '1', '--rpc', kept.url, '--datadir', datadir, '--json'], { cwd: dir });
  assert.equal(mine.code, 0, mine.stderr);
  assert.equal((JSON.parse(mine.stdout) as { running: boolean }).running, true);
  await until(async () => (await rpc<{ height: number }>(kept.url, 'chain_getHead')).height > head.height);
  const stopped = await cli(['mine', '--stop', '--rpc', kept.url], { cwd: dir, env: cleanEnv({ COINWORKS_DATADIR: datadir }) });
  assert.equal(stopped.code, 0, stopped.stderr);
  assert.match(stopped.stdout, /mining:\s+stopped/);
  assert.deepEqual(await kept.d.stop('SIGINT'), { code: 0, signal: null });

  const fresh = await start(['--reset', '--no-mine']);
  assert.equal((await rpc<{ height: number }>(fresh.url, 'chain_getHead')).height, 0);
  assert.deepEqual(await fresh.d.stop('SIGINT'), { code: 0, signal: null });
});

test('devnet refuses to wipe a directory that is not a devnet data directory', async (t) => {
  requireBuiltCli();
  const dir = await mkdtemp(join(tmpdir(), 'cw-devnet-refuse-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'precious.txt'), 'do not delete');
  const r = await cli(['devnet', '--rpc-port', '0', '--datadir', dir], { cwd: dir });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^error: .*has no devnet genesis\.json: a devnet will not start in it .* \(DATADIR_NOT_DEVNET\)\n$/);
  const reset = await cli(['devnet', '--rpc-port', '0', '--datadir', dir, '--reset'], { cwd: dir });
  assert.equal(reset.code, 1);
  assert.match(reset.stderr, /^error: .*refusing to wipe it.* \(DATADIR_NOT_DEVNET\)\n$/);
  assert.equal(await readFile(join(dir, 'precious.txt'), 'utf8'), 'do not delete');
});

test('usage and runtime errors: one line on stderr, exit 2 for usage, 1 otherwise', async () => {
  requireBuiltCli();
  const cases: Array<[string[], number, RegExp]> = [
    [['send', 'cw1x', 'abc', '--from', 'dev-0'], 2, /^error: invalid amount "abc": .* \(CLI_BAD_AMOUNT\)\n$/],
    [['send', 'cw1x', '1'], 2, /^error: required option '--from <account>' not specified \(USAGE\)\n$/],
    [['frobnicate'], 2, /^error: unknown command 'frobnicate' \(USAGE\)\n$/],
    [['mine', '--threads', 'lots'], 2, /^error: option '--threads <n>' argument 'lots' is invalid\. must be an integer from 1 to 256 \(USAGE\)\n$/],
    [['block', 'nope'], 2, /^error: expected a block height.* \(CLI_BAD_ARGUMENT\)\n$/],
    [['node', '--rpc-port', '99999'], 2, /\(USAGE\)\n$/],
    [['balance', 'cw1yq4me5s7nhnep87f9mw8afha5ek3rn4fmkf5hd', '--rpc', 'http://127.0.0.1:1'], 1, /^error: cannot reach a node at http:\/\/127\.0\.0\.1:1.*\(RPC_UNREACHABLE\)\n$/],
  ];
  for (const [args, code, re] of cases) {
    const r = await cli(args, { env: cleanEnv({ COINWORKS_WALLET_DIR: join(tmpdir(), 'cw-no-such-wallets') }) });
    assert.equal(r.code, code, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, re, args.join(' '));
  }
  const env = cleanEnv({ COINWORKS_RPC_PORT: 'abc', COINWORKS_DATADIR: join(tmpdir(), 'cw-never-created') });
  const bad = await cli(['node'], { env });
  assert.equal(bad.code, 1);
  assert.equal(bad.stderr, 'error: invalid COINWORKS_RPC_PORT "abc": must be an integer from 0 to 65535 (CONFIG_INVALID)\n');
});
