/**
 * A double sign by a pool validator, end to end on the proof-of-stake devnet through the CLI.
 * Node 1 runs the genesis validator A; node 2 (connected over p2p) is a pool operator's node,
 * started with the TEST-only switch COINWORKS_TEST_DOUBLE_SIGN=1. Alice deposits 0.01 CWC,
 * `register-operator` sent to node 2 queues its key, Bob's 31.99 CWC fund validator P with it, and
 * P joins the active set and starts signing, twice. Node 1 catches the conflicting votes; the
 * evidence is included, P is slashed 5% of its 32 CWC at the infraction, tombstoned, and the
 * pool's exchange rate falls by exactly that: 1.6 CWC over 32 CWC of shares, rate 0.95 (plus
 * P's last few rewards, harvested as the pool exits it), Alice's 0.01 CWC worth 0.0095, and
 * `staking-pool show` says so. The pool then takes its stake back from
 * P (unbonding, still counted in the pool) and A goes on alone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateConsensusKey } from '../../src/validator/keys.js';
import { newGenesis, writeGenesisFile } from '../../src/node/genesis-file.js';
import { DEV_MNEMONIC, DEV_WALLET_PASSWORD, devAccounts, writeDevWallet } from '../../src/cli/devnet-accounts.js';
import { encodeAddress } from '../../src/crypto/address.js';
import { bytesToHex } from '../../src/encoding/hex.js';
import { ONE_COIN } from '../../src/params/networks.js';
import { POS_DEVNET_ECONOMICS } from '../../src/params/staking.js';
import { DEC_ONE } from '../../src/util/decimal.js';
import { background, cleanEnv, cli, requireBuiltCli, rpc, until, type Background } from '../cli/process-helpers.js';
import { E2E_STEP_TIMEOUT_MS, E2E_TEST_TIMEOUT_MS } from './limits.js';

const C = ONE_COIN;
const PCT = 10n ** 16n;

test('a pool validator that double-signs is slashed 5% and the pool exchange rate falls by exactly that', { timeout: E2E_TEST_TIMEOUT_MS }, async (t) => {
  requireBuiltCli();
  const dir = await mkdtemp(join(tmpdir(), 'cw-staking-slash-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const data1 = join(dir, 'node1');
  const data2 = join(dir, 'node2');
  const walletDir = join(dir, 'wallets');
  const keyA = (await loadOrCreateConsensusKey(data1)).key;
  const keyP = (await loadOrCreateConsensusKey(data2)).key;
  const acc = devAccounts(DEV_MNEMONIC, 5);
  const genesis = newGenesis('pos-devnet', {
    allocations: acc.map((a, i) => ({ address: a.address, amount: (i === 0 ? 1_000n : 100n) * C })),
    validators: [{ operator: acc[0].address, consensusPublicKey: bytesToHex(keyA.publicKey), selfStake: 600n * C, commission: { rate: 5n * PCT, maxRate: 20n * PCT, maxChangeRate: PCT } }],
  });
  await writeGenesisFile(data1, genesis);
  await writeGenesisFile(data2, genesis);
  await writeDevWallet(walletDir, DEV_MNEMONIC, 5);
  const P = encodeAddress(keyP.address);

  const nodes: Background[] = [];
  t.after(async () => {
    for (const n of nodes) await n.stop('SIGKILL');
  });
  const startNode = async (datadir: string, bootstrap: string[], extraEnv: Record<string, string> = {}): Promise<{ rpc: string; p2p: string }> => {
    const n = background(['--json', 'node', '--network', 'pos-devnet', '--datadir', datadir, '--rpc-port', '0', '--p2p-port', '0', '--log-level', 'warn', ...bootstrap.flatMap((b) => ['--bootstrap', b])], {
      cwd: dir,
      env: cleanEnv({ COINWORKS_P2P_DENY_FILE: join(datadir, 'deny.txt'), ...extraEnv }),
    });
    nodes.push(n);
    await n.waitFor(/^\}$/m, E2E_STEP_TIMEOUT_MS);
    const info = JSON.parse(n.output().stdout) as { rpc: string; p2p: string[] };
    return { rpc: info.rpc, p2p: info.p2p[0] };
  };
  const node1 = await startNode(data1, []);
  const node2 = await startNode(data2, [node1.p2p], { COINWORKS_TEST_DOUBLE_SIGN: '1' });
  const url = node1.rpc;
  const env = cleanEnv({ COINWORKS_RPC: url, COINWORKS_WALLET_DIR: walletDir, COINWORKS_WALLET_PASSWORD: DEV_WALLET_PASSWORD });
  const run = async (args: string[]) => {
    const r = await cli(args, { env, cwd: dir, timeoutMs: E2E_STEP_TIMEOUT_MS });
    assert.equal(r.code, 0, `coinworks ${args.join(' ')}\n${r.stderr}`);
    return r.stdout;
  };
  const runJson = async (args: string[]) => JSON.parse(await run(['--json', ...args]));
  await until(async () => (await rpc<{ height: number }>(url, 'chain_getHead')).height >= 2, E2E_STEP_TIMEOUT_MS);

  const alice = await runJson(['staking-pool', 'deposit', '0.01', '--from', 'dev-3']);
  assert.equal(alice.shares, '1000000');
  const queued = await runJson(['--rpc', node2.rpc, 'staking-pool', 'register-operator', '--from', 'dev-4']);
  assert.equal(queued.consensusKey, bytesToHex(keyP.publicKey), "node 2's own key");
  const bob = await runJson(['staking-pool', 'deposit', '31.99', '--from', 'dev-2']);
  assert.deepEqual(bob.validatorsFunded.map((v: { validator: string }) => v.validator), [P]);

  // P signs, twice: the evidence reaches a block and the state punishes it.
  const row = await until(
    async () => (await rpc<Array<{ validator: string; kind: string; height: number; burned: string }>>(url, 'staking_getEvidence')).find((e) => e.validator === P && e.kind === 'double-sign'),
    E2E_STEP_TIMEOUT_MS,
    1000,
  );
  const block = await rpc<{ blockEvents: Array<{ module: string; name: string; data: Record<string, string> }> }>(url, 'chain_getBlock', [row.height]);
  const slashed = block.blockEvents.find((e) => e.module === 'staking' && e.name === 'slashed' && e.data.validator === P)!;
  const lowered = block.blockEvents.find((e) => e.module === 'staking-pool' && e.name === 'rateLowered' && e.data.validator === P)!;
  assert.ok(slashed && lowered, 'the slash and the rate change are block events');
  const expected = (32n * C * POS_DEVNET_ECONOMICS.slashing.slashFractionDoubleSign) / DEC_ONE;
  assert.equal(BigInt(slashed.data.tokensAtInfraction), 32n * C);
  assert.equal(BigInt(slashed.data.slashAmount), expected, '5% of 32 CWC');
  assert.equal(BigInt(lowered.data.pooledBefore), 32n * C);
  assert.equal(BigInt(lowered.data.pooledBefore) - BigInt(lowered.data.pooledAfter), expected, 'the pool lost exactly the slash');
  const v = await runJson(['validator', 'show', P]);
  assert.equal(v.validator.tombstoned, true);

  // The slash alone: 30.4 CWC over 32 CWC of shares, 0.95.
  assert.equal(BigInt(lowered.data.pooledAfter) * 100n, BigInt(lowered.data.totalShares) * 95n, 'rate 0.95 right after the slash');
  // The same block's exit harvested P's last rewards into the pool (the only harvest with any), so
  // pooled = what the slash left + the rewards kept.
  const pool = await runJson(['staking-pool', 'show', 'dev-3']);
  assert.equal(BigInt(pool.pooled), BigInt(lowered.data.pooledAfter) + BigInt(pool.totals.rewardsKept));
  assert.ok(BigInt(pool.totals.rewardsKept) < 10_000n, 'a few blocks of a 32 CWC validator');
  assert.match(pool.rate, /^0\.95/);
  assert.equal(pool.position.value, '950000', "Alice's 0.01 CWC lost 5% with everyone's");
  const human = await run(['staking-pool', 'show', 'dev-3']);
  assert.match(human, /exchange rate:\s+1 STCWC = 0\.95\d* CWC/);
  assert.match(human, /0\.01000000 STCWC worth 0\.00950000 CWC/);
  // The pool takes its stake back from the tombstoned validator; the rate holds, the chain goes on.
  await until(async () => (await runJson(['staking-pool', 'show'])).exiting.includes(P), E2E_STEP_TIMEOUT_MS, 1000);
  const later = await runJson(['staking-pool', 'show', 'dev-3']);
  assert.equal(later.rate, pool.rate, 'the rate holds');
  assert.equal(BigInt(later.unbonding), 32n * C - expected);
  const h = (await rpc<{ height: number }>(url, 'chain_getHead')).height;
  await until(async () => (await rpc<{ height: number }>(url, 'chain_getHead')).height >= h + 3, E2E_STEP_TIMEOUT_MS);
  t.diagnostic(`double sign punished at height ${row.height}: pooled ${lowered.data.pooledBefore} -> ${lowered.data.pooledAfter}, rate ${pool.rate}`);
});
