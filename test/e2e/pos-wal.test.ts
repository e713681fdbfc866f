/**
 * Issue 10: a validator process SIGKILLed at random points of a round, many times, never signs two
 * different messages for one height, round and step after it restarts (its fsynced sign state and
 * locked block are the write-ahead log of what it signed).
 *
 * Set-up that makes every kill matter: four validators, one (node 2) kept down, so nothing commits
 * without node 3. Each cycle kills node 3 (seeded choice) either at a random moment, or the instant
 * its log says it sent a proposal, a prevote or a precommit (node 3 logs at debug level), so the
 * chain halts mid-height with node 3's signed messages of that height already in nodes 0 and 1;
 * node 3 restarts at the same height. Had it forgotten a vote and signed another, nodes 0 and 1
 * would hold both and report the duplicate (and slash it). The test checks: the chain resumes
 * after every restart; no node caught a duplicate vote; no double-sign evidence or tombstone is in
 * the state; one chain everywhere; and at least one restart resumed a height it had signed in.
 * (Checked by hand that the test can fail: with node 3's sign state and locked block deleted
 * before each restart, the chain stopped resuming at the 7th kill of this seed.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mulberry32 } from '../../src/testing/prng.js';
import { requireBuiltCli, rpc } from '../cli/process-helpers.js';
import { E2E_TEST_TIMEOUT_MS } from './limits.js';
import { PosCluster } from './pos-cluster.js';

const KILLS = Number(process.env.COINWORKS_POS_KILLS ?? 10);
const SEED = Number(process.env.COINWORKS_POS_SEED ?? 20261201);

test(`a validator SIGKILLed at random points ${KILLS} times never double-signs after restart`, { timeout: E2E_TEST_TIMEOUT_MS }, async (t) => {
  requireBuiltCli();
  const root = await mkdtemp(join(tmpdir(), 'cw-pos-wal-'));
  const c = await PosCluster.create(root, 4);
  t.after(async () => {
    await c.stopAll();
    await rm(root, { recursive: true, force: true });
  });
  for (let i = 0; i < 4; i++) await c.start(i, i === 3 ? { logLevel: 'debug' } : {});
  await Promise.all([0, 1, 2, 3].map((i) => c.reach(i, 2)));
  await c.kill(2);
  const rnd = mulberry32(SEED);
  const logs3: string[] = [];
  for (let k = 0; k < KILLS; k++) {
    const before = await c.height(0);
    // Half the kills at a random point (anywhere in the next few rounds: 1 s blocks, a round
    // 1-4 s); the others right after a signature of a chosen kind left the node.
    const pick = rnd();
    const target = pick < 0.5 ? null : pick < 0.7 ? /proposal sent/ : pick < 0.85 ? /"type":"prevote"[^\n]*vote sent/ : /"type":"precommit"[^\n]*vote sent/;
    let what: string;
    if (target === null) {
      const delay = Math.floor(rnd() * 4000);
      await new Promise((r) => setTimeout(r, delay));
      await c.kill(3);
      what = `after ${delay} ms`;
    } else {
      what = `${await c.killWhen(3, target, 15_000)} ${target.source.includes('proposal') ? 'proposal' : target.source.includes('prevote') ? 'prevote' : 'precommit'}`;
    }
    logs3.push(c.log(3));
    const halted = await c.height(0);
    await c.start(3, { logLevel: 'debug' });
    // Resumes: nothing commits without node 3, so a new block proves it signs again.
    await c.reach(0, Math.max(before, halted) + 1);
    t.diagnostic(`kill ${k + 1}: ${what}, chain at ${halted}, resumed`);
  }
  logs3.push(c.log(3));
  for (const i of [0, 1]) assert.doesNotMatch(c.log(i), /duplicate vote caught/, `node ${i} caught no duplicate vote`);
  const ev = await rpc<Array<{ kind: string; validator: string }>>(c.cluster.node(0).url, 'staking_getEvidence');
  assert.ok(!ev.some((e) => e.kind === 'double-sign'), 'no double-sign evidence in the state');
  assert.equal((await c.validator(0, 3)).validator.tombstoned, false);
  const resumed = logs3.filter((l) => /resuming a height signed before a restart/.test(l)).length;
  const refused = logs3.join('').match(/signature refused/g)?.length ?? 0;
  t.diagnostic(`${resumed} of ${KILLS + 1} runs resumed a height they had signed in; ${refused} signatures refused by the guard`);
  assert.ok(resumed >= 1, 'at least one restart resumed a height it had signed in');
  const tip = Math.min(await c.height(0), await c.height(1), await c.height(3));
  await c.assertOneChain([0, 1, 3], tip);
});
