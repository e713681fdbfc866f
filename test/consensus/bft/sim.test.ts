/**
 * The real engine in the seeded network simulator (`src/testing/bft-sim.ts`): finality, safety
 * under a Byzantine validator, liveness after partitions, validator-set changes, evidence and
 * restarts. The simulator itself checks every honest decision (agreement, validity, certificate
 * against the set of its height) and every evidence report (verifies, names a Byzantine node).
 *
 * The safety sweep over thousands of seeded runs is in test/sweeps/bft-safety.test.ts (tier
 * `sweep`); `scripts/bft-sweep.ts` runs longer sweeps.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSimulation, type SimConfig, type SimResult } from '../../../src/testing/bft-sim.js';
import { byzantineScenario } from '../../../src/testing/bft-sim-scenarios.js';
import { ValidatorSet, type ValidatorUpdate } from '../../../src/consensus/bft/validator-set.js';
import { installNativeHashing } from '../../../src/crypto/native.js';
import { testKey } from '../../../src/testing/keys.js';
import { bytesToHex } from '../../../src/encoding/hex.js';
import { verifyCommit } from '../../../src/consensus/bft/commit.js';

installNativeHashing();

function ok(r: SimResult, what: string): void {
  assert.deepEqual(r.violations, [], `${what} (seed ${r.seed})`);
}

/** Decisions of every honest node agree height by height; returns the hashes by height. */
function agreed(r: SimResult, nodes: number[]): Map<bigint, string> {
  const byHeight = new Map<bigint, string>();
  for (const i of nodes) {
    for (const d of r.decisions[i]) {
      const h = byHeight.get(d.height);
      if (h === undefined) byHeight.set(d.height, d.hash);
      else assert.equal(d.hash, h, `node ${i} height ${d.height}`);
    }
  }
  return byHeight;
}

test('all honest: every height is final in round 0 and carries a valid commit certificate', () => {
  const r = runSimulation({ seed: 7, powers: [1n, 1n, 1n, 1n], heights: 10, network: { minDelayMs: 1, maxDelayMs: 10 } });
  ok(r, 'honest run');
  assert.equal(r.live, true);
  for (const ds of r.decisions) {
    assert.equal(ds.length, 10);
    assert.deepEqual(ds.map((d) => d.round), new Array(10).fill(0), 'one round per height');
  }
  assert.equal(agreed(r, [0, 1, 2, 3]).size, 10);
  assert.equal(r.evidence.length, 0);
  assert.equal(r.stats.signRefused, 0);
  // Proposal, prevotes, precommits: three message delays (<= 10 ms each) plus the 10 ms commit wait.
  let prev = 0;
  for (const d of r.decisions[0]) {
    assert.ok(d.atMs - prev <= 3 * 10 + 10 + 2, `height ${d.height} took ${d.atMs - prev} ms of virtual time`);
    prev = d.atMs;
  }
});

test('the simulator is deterministic: one seed, one trace', () => {
  const cfg = byzantineScenario(42);
  const a = runSimulation(cfg);
  const b = runSimulation(cfg);
  assert.equal(a.trace, b.trace);
  assert.deepEqual(a.decisions, b.decisions);
  assert.notEqual(runSimulation(byzantineScenario(43)).trace, a.trace);
});

test('liveness: a 2|2 partition halts the network safely; once it heals every height is decided', () => {
  const cfg: SimConfig = {
    seed: 3,
    powers: [1n, 1n, 1n, 1n],
    heights: 5,
    network: { minDelayMs: 1, maxDelayMs: 15, dropRate: 0.1, gossipIntervalMs: 40 },
    partitions: [{ fromMs: 0, toMs: 3000, groups: [[0, 1], [2, 3]] }],
  };
  const r = runSimulation(cfg);
  ok(r, 'partition');
  assert.equal(r.live, true);
  for (const ds of r.decisions) assert.ok(ds[0].atMs >= 3000, 'no decision without a quorum');
  assert.ok(r.timeMs < 3000 + 2000, `recovered ${r.timeMs - 3000} ms after the heal`);
  agreed(r, [0, 1, 2, 3]);
});

test('liveness: a node cut off from the majority catches up after the heal', () => {
  const r = runSimulation({
    seed: 4,
    powers: [1n, 1n, 1n, 1n],
    heights: 8,
    network: { minDelayMs: 1, maxDelayMs: 10, gossipIntervalMs: 40 },
    partitions: [{ fromMs: 0, toMs: 1500, groups: [[0], [1, 2, 3]] }],
  });
  ok(r, 'minority partition');
  assert.equal(r.live, true);
  assert.ok(r.decisions[1].filter((d) => d.atMs < 1500).length >= 3, 'the majority kept committing');
  assert.equal(r.decisions[0].filter((d) => d.atMs < 1500).length, 0, 'the cut-off node decided nothing alone');
  agreed(r, [0, 1, 2, 3]);
});

test('validator set changes mid-run take effect two heights later; certificates follow the set', () => {
  const keys = Array.from({ length: 6 }, (_, i) => testKey(i, 'bft sim'));
  const updates = [
    { height: 2n, node: 4, power: 2n }, // node 4 joins (from height 4)
    { height: 4n, node: 0, power: 0n }, // node 0 leaves (from height 6)
    { height: 5n, node: 1, power: 3n }, // node 1 gains power and node 5 joins (from height 7)
    { height: 5n, node: 5, power: 1n },
  ];
  const heights = 12;
  const r = runSimulation({ seed: 11, powers: [1n, 1n, 1n, 1n, 0n, 0n], heights, updates, network: { minDelayMs: 1, maxDelayMs: 8 } });
  ok(r, 'set changes');
  assert.equal(r.live, true);
  agreed(r, [0, 1, 2, 3, 4, 5]);
  // The expected set of every height, computed independently: updates of h apply at h + 2.
  const sets = new Map<bigint, ValidatorSet>();
  sets.set(1n, ValidatorSet.genesis([0, 1, 2, 3].map((i) => ({ publicKey: keys[i].publicKey, power: 1n }))));
  sets.set(2n, sets.get(1n)!.next());
  for (let h = 1n; h <= BigInt(heights); h++) {
    const u: ValidatorUpdate[] = updates.filter((x) => x.height === h).map((x) => ({ publicKey: keys[x.node].publicKey, power: x.power }));
    sets.set(h + 2n, sets.get(h + 1n)!.next(u));
  }
  const member = (h: bigint, node: number) => sets.get(h)!.indexOf(keys[node].address) >= 0;
  assert.equal(member(3n, 4), false);
  assert.equal(member(4n, 4), true);
  assert.equal(member(5n, 0), true);
  assert.equal(member(6n, 0), false);
  assert.equal(sets.get(7n)!.totalPower, 3n + 1n + 1n + 2n + 1n, 'node 0 gone, node 1 at 3, nodes 4 and 5 in');
  // Every decided certificate verifies against the independently computed set of its height, and
  // its signers are members of that set: the new validators sign once they are in, the removed one
  // no longer does, and the new validator gets its turn to propose.
  const signersAt = new Map<bigint, number[]>();
  for (const d of r.decisions[1]) {
    const set = sets.get(d.height)!;
    verifyCommit(d.certificate, set.validators, 9001, { height: d.height });
    signersAt.set(d.height, d.certificate.signatures.map((s) => keys.findIndex((k) => bytesToHex(k.address) === bytesToHex(set.validators[s.validatorIndex].address))));
  }
  const signed = (node: number, from: bigint, to: bigint) => [...signersAt].some(([h, ns]) => h >= from && h <= to && ns.includes(node));
  assert.equal(signed(4, 1n, 3n), false, 'node 4 is not a validator before height 4');
  assert.equal(signed(4, 4n, 12n), true, 'node 4 signs from height 4');
  assert.equal(signed(0, 6n, 12n), false, 'node 0 signs nothing from height 6');
  assert.equal(signed(5, 1n, 6n), false);
  assert.equal(signed(5, 7n, 12n), true, 'node 5 signs from height 7');
  assert.ok(r.decisions[1].some((d) => d.height >= 4n && d.proposer === 4), 'node 4 proposed a decided block');
  // The removed validator keeps following as an observer and decides the same blocks.
  assert.equal(r.decisions[0].length, heights);
});

test('evidence: a double-voting Byzantine validator is reported, and the evidence verifies', () => {
  const r = runSimulation({
    seed: 5,
    powers: [1n, 1n, 1n, 1n],
    heights: 6,
    byzantine: { 2: { doublePrevote: true, doublePrecommit: true } },
    network: { minDelayMs: 1, maxDelayMs: 10, gossipIntervalMs: 30 },
  });
  ok(r, 'double voting');
  assert.equal(r.live, true);
  assert.ok(r.evidence.length > 0);
  assert.deepEqual([...new Set(r.evidence.map((e) => e.offender))], [2]);
  assert.deepEqual([...new Set(r.evidence.map((e) => e.type))].sort(), ['precommit', 'prevote']);
  assert.ok(new Set(r.evidence.map((e) => e.reporter)).size >= 2, 'several honest nodes caught it');
});

test('restarts: honest validators restarted at random moments never double-sign; without the sign state they do', () => {
  // Forty restarts, every node ten times, one every 23 ms: a restart every round or two.
  const restarts = Array.from({ length: 40 }, (_, i) => ({ node: i % 4, atMs: 5 + i * 23 }));
  const cfg: SimConfig = { seed: 9, powers: [1n, 1n, 1n, 1n], heights: 20, restarts, network: { minDelayMs: 1, maxDelayMs: 30, gossipIntervalMs: 100 } };
  const guarded = runSimulation(cfg);
  ok(guarded, 'restarts with the guard');
  assert.equal(guarded.live, true);
  assert.equal(guarded.stats.restarts, 40);
  assert.ok(guarded.stats.signRefused > 0, 'the guard refused to re-sign differently after some restarts');
  const amnesic = runSimulation({ ...cfg, restartLosesSignState: true });
  assert.ok(
    amnesic.violations.some((v) => v.startsWith('EVIDENCE: honest node')),
    'forgetting what was signed leads to equivocation',
  );
});
