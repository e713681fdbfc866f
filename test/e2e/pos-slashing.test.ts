/**
 * Issue 10, end to end with real processes: punishment in the state.
 *
 * - A validator started with the test-only switch COINWORKS_TEST_DOUBLE_SIGN=1 signs a second,
 *   conflicting prevote beside each of its prevotes; the others catch the pair, gossip the
 *   evidence, a proposer includes it, and the state slashes the offender 5%, jails and tombstones
 *   it (staking_getValidator, staking_getEvidence). The other three go on committing.
 * - A validator left offline misses its blocks; with a 10-block window (a genesis override of the
 *   downtime rules) it is slashed 1% and jailed for 20 s; once back and past the jail, its
 *   operator's `staking.unjail` transaction returns it to the active set, and it signs again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeAddress } from '../../src/crypto/address.js';
import { parseDec } from '../../src/util/decimal.js';
import { UnjailParams } from '../../src/state/modules/staking/schemas.js';
import { requireBuiltCli, rpc, until } from '../cli/process-helpers.js';
import { E2E_STEP_TIMEOUT_MS, E2E_TEST_TIMEOUT_MS } from './limits.js';
import { txStatus } from './p2p-cluster.js';
import { PosCluster, SELF_STAKE } from './pos-cluster.js';

interface EvidenceRow {
  height: number;
  validator: string;
  kind: string;
  burned: string;
}

test('a validator made to double-sign is slashed 5%, jailed and tombstoned; the rest go on', { timeout: E2E_TEST_TIMEOUT_MS }, async (t) => {
  requireBuiltCli();
  const root = await mkdtemp(join(tmpdir(), 'cw-pos-double-'));
  const c = await PosCluster.create(root, 4);
  t.after(async () => {
    await c.stopAll();
    await rm(root, { recursive: true, force: true });
  });
  await c.startAll({ env: (i) => (i === 3 ? { COINWORKS_TEST_DOUBLE_SIGN: '1' } : undefined) });
  const v = await until(async () => {
    const x = await c.validator(0, 3);
    return x.validator.tombstoned ? x : undefined;
  }, E2E_STEP_TIMEOUT_MS, 500);
  assert.equal(v.validator.jailed, true);
  assert.equal(v.validator.jailedUntil, null, 'jailed for ever');
  assert.equal(BigInt(v.validator.tokens), SELF_STAKE - (SELF_STAKE * 5n) / 100n, 'slashed 5% of its tokens');
  const ev = await rpc<EvidenceRow[]>(c.cluster.node(1).url, 'staking_getEvidence');
  const row = ev.find((e) => e.kind === 'double-sign' && e.validator === c.validators[3]);
  assert.ok(row, 'the double sign is on record');
  assert.equal(BigInt(row.burned), (SELF_STAKE * 5n) / 100n);
  assert.match(c.log(0) + c.log(1) + c.log(2), /duplicate vote caught/);
  // The other three, 3 of 3 remaining power, keep committing without it.
  const h = await c.height(0);
  await Promise.all([0, 1, 2].map((i) => c.reach(i, h + 3)));
  const after = await c.validator(2, 3);
  assert.equal(after.inNextSet, false, 'a tombstoned validator never signs again');
  await c.assertOneChain([0, 1, 2, 3], h);
  for (const i of [0, 1, 2]) assert.equal((await c.validator(i, i)).validator.jailed, false, `honest validator ${i} is not punished`);
});

test('a validator left offline is jailed for downtime (1%), and unjails afterwards', { timeout: E2E_TEST_TIMEOUT_MS }, async (t) => {
  requireBuiltCli();
  const root = await mkdtemp(join(tmpdir(), 'cw-pos-downtime-'));
  const c = await PosCluster.create(root, 4, { slashing: { signedBlocksWindow: 10, minSignedPerWindow: parseDec('0.5'), downtimeJailDuration: 20 } });
  t.after(async () => {
    await c.stopAll();
    await rm(root, { recursive: true, force: true });
  });
  await c.startAll();
  await Promise.all([0, 1, 2, 3].map((i) => c.reach(i, 2)));
  await c.kill(3);
  const jailed = await until(async () => {
    const x = await c.validator(0, 3);
    return x.validator.jailed ? x : undefined;
  }, E2E_STEP_TIMEOUT_MS, 500);
  assert.equal(jailed.validator.tombstoned, false, 'downtime does not tombstone');
  assert.ok(jailed.validator.jailedUntil !== null, 'a downtime jail ends');
  assert.equal(BigInt(jailed.validator.tokens), SELF_STAKE - SELF_STAKE / 100n, 'slashed 1%');
  const ev = await rpc<EvidenceRow[]>(c.cluster.node(0).url, 'staking_getEvidence');
  assert.ok(ev.some((e) => e.kind === 'downtime' && e.validator === c.validators[3]), 'the downtime is on record');
  t.diagnostic(`validator 3 jailed until block time ${jailed.validator.jailedUntil}`);

  // Back online; once a block's time passes the jail, its operator (test key 3) unjails it.
  await c.start(3);
  await until(async () => {
    const head = await rpc<{ height: number; time: number }>(c.cluster.node(0).url, 'chain_getHead');
    return head.time > jailed.validator.jailedUntil! ? head : undefined;
  }, E2E_STEP_TIMEOUT_MS, 500);
  const unjail = c.tx(3, 'staking', 'unjail', UnjailParams, { validator: decodeAddress(c.validators[3]) }, 0n);
  await rpc(c.cluster.node(1).url, 'tx_send', [unjail.hex]);
  const st = await until(async () => {
    const s = await txStatus(c.cluster.node(1).url, unjail.id);
    return s?.status === 'included' ? s : undefined;
  }, E2E_STEP_TIMEOUT_MS, 500);
  t.diagnostic(`unjail included at height ${st.height}`);
  const back = await until(async () => {
    const x = await c.validator(0, 3);
    return !x.validator.jailed && x.inNextSet ? x : undefined;
  }, E2E_STEP_TIMEOUT_MS, 500);
  assert.equal(back.validator.tombstoned, false);
  // It follows the chain it was jailed on (a node that ran those blocks by other rules would not),
  // so its index below is its index in the set of the blocks it signs.
  await c.reach(3, await c.height(0));
  // It signs again: a later block's parent certificate carries its precommit.
  const status = await until(async () => {
    const s = await rpc<{ validator: { index: number } | null }>(c.cluster.node(3).url, 'consensus_getStatus');
    return s.validator && s.validator.index >= 0 ? s : undefined;
  }, E2E_STEP_TIMEOUT_MS, 500);
  const idx = status.validator!.index;
  await until(async () => {
    const h = await c.height(0);
    const b = await rpc<{ consensus: { parentCommit: { validatorIndexes: number[] } | null } }>(c.cluster.node(0).url, 'chain_getBlock', [h]);
    return b.consensus.parentCommit?.validatorIndexes.includes(idx) ? true : undefined;
  }, E2E_STEP_TIMEOUT_MS, 500);
  await c.assertOneChain([0, 1, 2, 3], Math.min(...(await Promise.all([0, 1, 2, 3].map((i) => c.height(i))))));
});
