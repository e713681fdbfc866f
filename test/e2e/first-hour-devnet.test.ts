/**
 * Issue 14, the devnet a new user meets (items 1, 9 and the devnet traps of item 10), each step a
 * real `coinworks` process: a second run keeps the chain and says so (bitcoind regtest's
 * behaviour); `--reset` starts over and says so; asking a kept devnet for other accounts is refused
 * with the way out, nothing wiped; 20 dev accounts by default; the banner's Try line runs as
 * printed without password flags; logs stay off stdout, so a redirected banner is clean; a second
 * devnet on a busy port says which port and how to choose another; a kept devnet of another store
 * version says how to start over.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { STORE_VERSION } from '../../src/chain/chain.js';
import { ChainStore } from '../../src/storage/chain-store.js';
import { KvBatch } from '../../src/storage/kv.js';
import { LevelKv } from '../../src/storage/level-kv.js';
import { background, cleanEnv, cli, CLI, requireBuiltCli, rpc, until } from '../cli/process-helpers.js';
import { E2E_STEP_TIMEOUT_MS, E2E_TEST_TIMEOUT_MS } from './limits.js';

test('devnet keeps its chain by default, --reset starts over, other accounts need --reset; banner, Try line, logs, busy port', { timeout: E2E_TEST_TIMEOUT_MS }, async (t) => {
  requireBuiltCli();
  const dir = await mkdtemp(join(tmpdir(), 'cw-first-devnet-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const datadir = join(dir, 'devnet');
  const start = async (extra: string[]) => {
    const d = background(['devnet', '--rpc-port', '0', '--datadir', datadir, ...extra], { cwd: dir });
    t.after(() => d.stop('SIGKILL'));
    const [, url] = await d.waitFor(/^RPC: (http:\/\/127\.0\.0\.1:\d+)$/m, E2E_STEP_TIMEOUT_MS);
    await d.waitFor(/^Press Ctrl-C to stop\.$/m, E2E_STEP_TIMEOUT_MS);
    return { d, url };
  };
  const env = (url: string) => cleanEnv({ COINWORKS_RPC: url });

  // First run: a new chain, said so; 20 accounts; logs on stderr only.
  const first = await start([]);
  let out = first.d.output().stdout;
  assert.match(out, /^Chain: new \(genesis created now\); the next run keeps it, `coinworks devnet --reset` starts over$/m);
  assert.match(out, /^\s+dev-19\s+cw1\w+\s+1000000\.00000000 CWC$/m, 'twenty dev accounts by default');
  assert.doesNotMatch(out, /"level":/, 'no JSON log line among the banner on stdout');
  await until(async () => /"msg":"block"/.test(first.d.output().stderr), 120_000);

  // The Try line runs as printed (sh, no password flag: the dev wallet's public password is beside it).
  const tryLine = /^Try: (coinworks send .*)$/m.exec(out)![1];
  assert.match(tryLine, /--from dev-0 --wallet-dir \S+ --rpc http:\/\/127\.0\.0\.1:\d+$/);
  const tried = spawnSync('sh', ['-c', tryLine.replace(/^coinworks /, `"${process.execPath}" "${CLI}" `) + ' --json'], { cwd: dir, env: cleanEnv(), encoding: 'utf8', timeout: E2E_STEP_TIMEOUT_MS });
  assert.equal(tried.status, 0, tried.stderr);
  const sent = JSON.parse(tried.stdout) as { status: string; height: number };
  assert.equal(sent.status, 'success');
  const dev1 = /^\s+dev-1\s+(cw1\w+)/m.exec(out)![1];
  assert.equal((await rpc<{ balances: Array<{ amount: string }> }>(first.url, 'account_get', [dev1])).balances[0].amount, '100000150000000');

  // A second devnet on the same port: which port, and how to choose another.
  const port = new URL(first.url).port;
  const busy = await cli(['devnet', '--rpc-port', port, '--datadir', join(dir, 'other')], { cwd: dir, timeoutMs: E2E_STEP_TIMEOUT_MS });
  assert.equal(busy.code, 1, busy.stderr);
  // Log lines (JSON, stderr) may come first; the error is the last line.
  assert.match(busy.stderr, new RegExp(`(^|\\n)error: RPC port ${port} on 127\\.0\\.0\\.1 is already in use \\(another devnet or node running\\?\\): stop it, or choose another port with --rpc-port <port> \\(0 picks a free one\\) \\(RPC_PORT_IN_USE\\)\\n$`));
  const heightBefore = (await rpc<{ height: number }>(first.url, 'chain_getHead')).height;
  assert.ok(heightBefore >= sent.height);
  assert.deepEqual(await first.d.stop('SIGINT'), { code: 0, signal: null });

  // Second run, no flags: the chain, the transfer and the genesis are kept, and the banner says so.
  const genesis = await readFile(join(datadir, 'genesis.json'), 'utf8');
  const kept = await start(['--no-mine']);
  out = kept.d.output().stdout;
  const m = /^Chain: kept from the last run \(height (\d+)\); `coinworks devnet --reset` starts over$/m.exec(out);
  assert.ok(m, out);
  assert.ok(Number(m[1]) >= heightBefore, `kept height ${m[1]} >= ${heightBefore}`);
  assert.equal(await readFile(join(datadir, 'genesis.json'), 'utf8'), genesis);
  const bal = await cli(['balance', dev1], { env: env(kept.url), cwd: dir });
  assert.match(bal.stdout, /^balance:\s+1000001\.50000000 CWC$/m, bal.stdout + bal.stderr);
  assert.deepEqual(await kept.d.stop('SIGINT'), { code: 0, signal: null });

  // Other accounts on a kept devnet: refused, with how; nothing wiped.
  const more = await cli(['devnet', '--rpc-port', '0', '--datadir', datadir, '--accounts', '25'], { cwd: dir, timeoutMs: E2E_STEP_TIMEOUT_MS });
  assert.equal(more.code, 1, more.stderr);
  assert.match(more.stderr, /^error: the devnet in \S+ was created with 20 dev accounts and its genesis funds only those; for 25, start over with `coinworks devnet --reset --accounts 25` \(wipes its chain\), or use another --datadir \(CLI_DEVNET_MISMATCH\)\n$/);
  assert.equal(await readFile(join(datadir, 'genesis.json'), 'utf8'), genesis, 'nothing was wiped');

  // --reset: a new genesis and an empty chain, said so.
  const fresh = await start(['--reset', '--no-mine', '--accounts', '3']);
  assert.match(fresh.d.output().stdout, /^Chain: new \(genesis created now\)/m);
  assert.doesNotMatch(fresh.d.output().stdout, /dev-3\s/);
  assert.equal((await rpc<{ height: number }>(fresh.url, 'chain_getHead')).height, 0);
  assert.deepEqual(await fresh.d.stop('SIGINT'), { code: 0, signal: null });

  // A kept devnet written by another Coinworks (another store version): how to start over, nothing wiped.
  const store = new ChainStore(await LevelKv.open(join(datadir, 'chain')));
  const meta = (await store.meta())!;
  const batch = new KvBatch();
  store.putMeta(batch, { ...meta, version: STORE_VERSION - 1 });
  await store.kv.write(batch, { sync: true });
  await store.kv.close();
  const older = await cli(['devnet', '--rpc-port', '0', '--datadir', datadir, '--no-mine'], { cwd: dir, timeoutMs: E2E_STEP_TIMEOUT_MS });
  assert.equal(older.code, 1, older.stderr);
  assert.match(older.stderr, new RegExp(`(^|\\n)error: the devnet in \\S+ was written by another Coinworks version \\(data directory has store version ${STORE_VERSION - 1}, this node writes version ${STORE_VERSION}\\): start over with \`coinworks devnet --reset\` \\(wipes its chain\\), or use another --datadir \\(CLI_DEVNET_MISMATCH\\)\\n$`));
  assert.ok(existsSync(join(datadir, 'genesis.json')), 'nothing was wiped');
});
