/**
 * Real devnet blocks through the pool (issue 12, first "done when"): a `coinworks devnet` process
 * (no solo miner: every block comes through Stratum) and several test miners in this process that
 * follow the Stratum wire format byte for byte (src/testing/stratum-miner.ts). Checks: no wire
 * violation, every worker's shares accepted, vardiff moving each worker's difficulty from the
 * start value, blocks found by the pool on the devnet chain, matured, credited by PPLNS and paid
 * by a multi-send that reaches the miners' addresses; and the CLI reads it all (`mining-pool
 * status|workers|payouts|chart --json`, `alarm set|list|remove`, `calc mining`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { background, cleanEnv, cli, requireBuiltCli, rpc, until } from '../cli/process-helpers.js';
import { StratumMiner } from '../../src/testing/stratum-miner.js';
import { E2E_STEP_TIMEOUT_MS, E2E_TEST_TIMEOUT_MS } from './limits.js';

const DEV = {
  dev1: 'cw1rmqujnsjgkzxm7cmed8mdl7rtlfjd35898hjf5',
  dev2: 'cw1c62u2j5syxqe2hznqlrfm970h8m3xlxhdjnd70',
  dev3: 'cw1kmftpyjagvmvgqpqfdeuacywegragm0x5jmv3j',
};

test('devnet: several Stratum workers mine real blocks through the pool; vardiff moves; blocks mature, are credited and paid', { timeout: E2E_TEST_TIMEOUT_MS }, async (t) => {
  requireBuiltCli();
  const dir = await mkdtemp(join(tmpdir(), 'cw-pool-devnet-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const datadir = join(dir, 'devnet');
  const devnet = background(['devnet', '--no-mine', '--rpc-port', '0', '--stratum-port', '0', '--datadir', datadir, '--mining-pool-min-payout', '0.001', '--json'], { cwd: dir });
  t.after(() => devnet.stop('SIGKILL'));
  const [, json] = await devnet.waitFor(/^(\{[\s\S]*?\n\})$/m);
  const info = JSON.parse(json) as { rpc: string; stratum: string; mining: boolean };
  assert.equal(info.mining, false);
  const m = /^stratum\+tcp:\/\/127\.0\.0\.1:(\d+)$/.exec(info.stratum);
  assert.ok(m, info.stratum);
  const port = Number(m[1]);
  const url = info.rpc;
  const env = cleanEnv({ COINWORKS_RPC: url });

  // Three addresses, four workers (dev-1 runs two rigs).
  const miners = [`${DEV.dev1}.rig1`, `${DEV.dev1}.rig2`, `${DEV.dev2}.cpu`, `${DEV.dev3}.laptop`].map((user) => new StratumMiner({ port, user, chunk: 1 << 15 }));
  t.after(() => miners.forEach((x) => x.stop()));
  for (const x of miners) assert.equal(await x.start(), true, x.o.user);

  // Blocks: devnet coinbase maturity is 10, so a block found at h is credited once the tip is h + 10.
  await until(async () => (await rpc<{ height: number }>(url, 'chain_getHead')).height >= 14, E2E_STEP_TIMEOUT_MS);
  await until(async () => {
    const p = await rpc<{ payouts: Array<{ status: string }> }>(url, 'miningPool_getPayouts');
    return p.payouts.some((x) => x.status === 'confirmed');
  }, E2E_STEP_TIMEOUT_MS);
  // Vardiff retargets after 20 shares or 60 s per worker, aiming at a share every 10 s.
  await until(async () => miners.every((x) => new Set(x.difficulties).size > 1), E2E_STEP_TIMEOUT_MS);
  for (const x of miners) x.stop();

  for (const x of miners) {
    assert.deepEqual(x.violations, [], x.o.user);
    assert.ok(x.accepted > 0, `${x.o.user} has accepted shares`);
    // Only shares in flight across a new block may be stale (21).
    assert.ok(x.rejectCodes.every((c) => c === 21), `${x.o.user} rejects: ${x.rejectCodes}`);
    assert.equal(x.difficulties[0], 2 ** -10, 'start difficulty');
  }
  // Vardiff raised every worker's difficulty (the start one gives a native kernel several shares a second).
  for (const x of miners) assert.ok(x.difficulties[x.difficulties.length - 1] > 2 ** -10, `${x.o.user}: ${x.difficulties.join(',')}`);

  const stats = await rpc<any>(url, 'miningPool_getStats');
  assert.equal(stats.running, true);
  assert.ok(stats.blocks.found >= 14, `found ${stats.blocks.found}`);
  assert.ok(stats.blocks.confirmed >= 1);
  // Every block of the chain above genesis is the pool's (no solo miner runs).
  const head = await rpc<{ height: number }>(url, 'chain_getHead');
  for (let h = 1; h <= Math.min(head.height, 5); h++) {
    const b = await rpc<any>(url, 'chain_getBlock', [h]);
    assert.equal(b.coinbase.beneficiary, stats.poolAddress, `block ${h} pays the pool`);
  }
  // Credited and paid: the confirmed payouts reach the miners' addresses.
  const payouts = await rpc<any>(url, 'miningPool_getPayouts');
  const confirmed = payouts.payouts.filter((p: any) => p.status === 'confirmed');
  assert.ok(confirmed.length >= 1);
  const paidTo = new Set(confirmed.flatMap((p: any) => p.outputs.map((o: any) => o.address)));
  for (const a of Object.values(DEV)) {
    const bal = payouts.balances.find((b: any) => b.address === a);
    assert.ok(bal && BigInt(bal.credited) > 0n, `${a} credited`);
  }
  assert.ok(paidTo.size >= 1);
  const tx = await rpc<any>(url, 'tx_get', [confirmed[0].txId]);
  assert.equal(tx.status, 'included');
  assert.equal(tx.tx.body.module, 'bank');
  assert.equal(tx.tx.body.command, 'multiSend');
  assert.equal(tx.tx.sender, stats.poolAddress, 'paid from the pool key');
  assert.equal(tx.receipt.status, 'success');

  // The CLI.
  const st = await cli(['mining-pool', 'status', '--json'], { env, cwd: dir });
  assert.equal(st.code, 0, st.stderr);
  assert.equal(JSON.parse(st.stdout).poolAddress, stats.poolAddress);
  const human = await cli(['mining-pool', 'status'], { env, cwd: dir });
  assert.match(human.stdout, /mining pool:\s+running, stratum\+tcp:\/\/127\.0\.0\.1:\d+/);
  assert.match(human.stdout, /Pool hashrate, last hour:/);
  const ws = await cli(['mining-pool', 'workers', '--json'], { env, cwd: dir });
  assert.deepEqual(JSON.parse(ws.stdout).map((w: any) => w.name).sort(), miners.map((x) => x.o.user).sort());
  const po = await cli(['mining-pool', 'payouts', DEV.dev1], { env, cwd: dir });
  assert.equal(po.code, 0, po.stderr);
  assert.match(po.stdout, /CWC/);
  const ch = await cli(['mining-pool', 'chart', '--address', DEV.dev1, '--worker', 'rig1'], { env, cwd: dir });
  assert.equal(ch.code, 0, ch.stderr);
  assert.match(ch.stdout, /H\/s │/);
  const calc = await cli(['calc', 'mining', '--hashrate', '14MH/s', '--watts', '65', '--kwh-price', '0.30', '--coin-price', '0.05'], { env, cwd: dir });
  assert.equal(calc.code, 0, calc.stderr);
  assert.match(calc.stdout, /per day/);
  assert.match(calc.stdout, /per month \(30 d\)/);
  const alarm = await cli(['mining-pool', 'alarm', 'set', '--address', DEV.dev2, '--workers-offline', '1', '--datadir', datadir, '--json'], { env, cwd: dir });
  assert.equal(alarm.code, 0, alarm.stderr);
  const rule = JSON.parse(alarm.stdout) as { id: number; kind: string };
  assert.equal(rule.kind, 'workers-offline');
  const listed = await cli(['mining-pool', 'alarm', 'list', DEV.dev2, '--json'], { env, cwd: dir });
  assert.equal(listed.code, 0, listed.stderr);
  assert.deepEqual(JSON.parse(listed.stdout).map((r: any) => [r.id, r.kind, r.threshold]), [[rule.id, 'workers-offline', 1]]);
  const human2 = await cli(['mining-pool', 'alarm', 'list'], { env, cwd: dir });
  assert.match(human2.stdout, /1 offline \(600 s\)/);
  const noCookie = await cli(['mining-pool', 'alarm', 'set', '--address', DEV.dev2, '--workers-offline', '1', '--datadir', dir], { env, cwd: dir });
  assert.equal(noCookie.code, 1);
  assert.match(noCookie.stderr, /CLI_UNAUTHORIZED/);
  const removed = await cli(['mining-pool', 'alarm', 'remove', String(rule.id), '--datadir', datadir], { env, cwd: dir });
  assert.equal(removed.code, 0, removed.stderr);
  assert.match(removed.stdout, new RegExp(`alarm ${rule.id} removed`));
  const again = await cli(['mining-pool', 'alarm', 'remove', String(rule.id), '--datadir', datadir], { env, cwd: dir });
  assert.equal(again.code, 1);
  assert.match(again.stderr, /CLI_NOT_FOUND/);
  assert.deepEqual(JSON.parse((await cli(['mining-pool', 'alarm', 'list', '--json'], { env, cwd: dir })).stdout), []);
});
