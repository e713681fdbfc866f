/**
 * `coinworks devnet --consensus pos` as a newcomer runs it: four validator processes (the default)
 * on a fresh proof-of-stake devnet, each bonded at genesis from a dev account; the parent prints
 * each node's RPC URL, pid and validator address, then the tips as they agree; the four commit
 * blocks; `coinworks validator list` shows the four bonded; at these defaults (60% of the supply
 * bonded at genesis) `staking_getApr` reports an APR inside the seeds' 4-20% band; `--validators`
 * without pos is refused; Ctrl-C stops them all.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { background, cli, requireBuiltCli, rpc } from '../cli/process-helpers.js';
import { E2E_STEP_TIMEOUT_MS, E2E_TEST_TIMEOUT_MS } from './limits.js';
import { parseDec } from '../../src/util/decimal.js';

test('devnet --consensus pos: four validators commit and agree; validator list shows them; Ctrl-C stops all', { timeout: E2E_TEST_TIMEOUT_MS }, async (t) => {
  requireBuiltCli();
  const dir = await mkdtemp(join(tmpdir(), 'cw-pos-devnet-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const refused = await cli(['devnet', '--validators', '3', '--datadir', join(dir, 'x')], { cwd: dir });
  assert.notEqual(refused.code, 0);
  assert.match(refused.stderr, /--validators needs --consensus pos/);

  const devnet = background(['devnet', '--consensus', 'pos', '--rpc-port', '0', '--datadir', join(dir, 'devnet')], { cwd: dir });
  t.after(() => devnet.stop('SIGKILL'));
  await devnet.waitFor(/^Coinworks proof-of-stake devnet: 4 validators/m, E2E_STEP_TIMEOUT_MS);
  await devnet.waitFor(/Press Ctrl-C/, E2E_STEP_TIMEOUT_MS);
  const rows = [...devnet.output().stdout.matchAll(/^\s+node-(\d)\s+(http:\/\/127\.0\.0\.1:\d+)\s+(\d+)\s+(cw1\w+)\s+(\/ip4\/127\.0\.0\.1\/tcp\/\d+\/p2p\/\w+)$/gm)];
  assert.equal(rows.length, 4, devnet.output().stdout);
  for (const r of rows) assert.doesNotThrow(() => process.kill(Number(r[3]), 0), `node pid ${r[3]} runs`);
  await devnet.waitFor(/node-0 ([3-9]|\d\d+) \w+ \| node-1 \1 \w+ \| node-2 \1 \w+ \| node-3 \1 \w+\s+\(all agree\)/, E2E_STEP_TIMEOUT_MS);
  const status = await rpc<{ engine: string; validator: { address: string; index: number } }>(rows[1][2], 'consensus_getStatus');
  assert.equal(status.engine, 'bft');
  assert.equal(status.validator.address, rows[1][4]);
  const list = await cli(['validator', 'list', '--rpc', rows[0][2]], { cwd: dir });
  assert.equal(list.code, 0, list.stderr);
  for (const r of rows) assert.ok(list.stdout.includes(r[4]), `validator list names ${r[4]}\n${list.stdout}`);
  // The default devnet bonds 60% of the supply: the APR a newcomer reads is the seeds' 4-20%.
  assert.match(devnet.output().stdout, /each bonded 7500000(\.0+)? CWC at genesis by dev-0 \.\.\. dev-3: 60% of the supply/);
  const yieldNow = await rpc<{ apr: string; bondedRatio: string }>(rows[0][2], 'staking_getApr');
  const pct = 10n ** 16n;
  assert.ok(parseDec(yieldNow.bondedRatio) >= 59n * pct && parseDec(yieldNow.bondedRatio) <= 61n * pct, `bonded ${yieldNow.bondedRatio}`);
  assert.ok(parseDec(yieldNow.apr) >= 4n * pct && parseDec(yieldNow.apr) <= 20n * pct, `APR ${yieldNow.apr} inside 4-20%`);
  const exit = await devnet.stop('SIGINT', 60_000);
  assert.deepEqual(exit, { code: 0, signal: null }, devnet.output().stderr);
  assert.match(devnet.output().stdout, /devnet stopped/);
});
