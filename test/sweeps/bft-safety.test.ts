/**
 * Safety of the real engine in the seeded network simulator (`src/testing/bft-sim.ts`) over
 * thousands of runs with 1 of 4 validators Byzantine, and a check that the sweep catches a broken
 * engine. Tier `sweep` of scripts/run-tests.mjs (run by `npm test`, not by `npm run test:unit`).
 *
 * Run counts: COINWORKS_BFT_SEEDS (default 1500) mixed Byzantine scenarios and two thirds as many
 * fork-attempt scenarios with the fast signature stand-in, plus a tenth with real secp256k1;
 * `scripts/bft-sweep.ts` runs longer sweeps.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSimulation, type SimConfig, type SimResult } from '../../src/testing/bft-sim.js';
import { byzantineScenario, forkScenario } from '../../src/testing/bft-sim-scenarios.js';
import { BftEngine } from '../../src/consensus/bft/engine.js';
import { installNativeHashing } from '../../src/crypto/native.js';

installNativeHashing();
const SEEDS = Number(process.env.COINWORKS_BFT_SEEDS ?? 1500);
const FORK_SEEDS = Math.floor((SEEDS * 2) / 3);
const REAL_SEEDS = Math.max(20, Math.floor(SEEDS / 10));

function ok(r: SimResult, what: string): void {
  assert.deepEqual(r.violations, [], `${what} (seed ${r.seed})`);
}

test(`safety: ${SEEDS + FORK_SEEDS + REAL_SEEDS} seeded runs with 1 of 4 validators Byzantine, no two honest nodes decide differently`, (t) => {
  const start = process.cpuUsage();
  let runs = 0;
  let notLive = 0;
  let evidence = 0;
  let maxRound = 0;
  let restarts = 0;
  const sweep = (scenario: (seed: number) => SimConfig, seeds: number, crypto: 'fast' | 'secp256k1', from: number) => {
    for (let seed = from; seed < from + seeds; seed++) {
      const r = runSimulation({ ...scenario(seed), crypto });
      ok(r, `${crypto} sweep`);
      runs++;
      if (!r.live) notLive++;
      evidence += r.evidence.length;
      maxRound = Math.max(maxRound, r.stats.maxRound);
      restarts += r.stats.restarts;
    }
  };
  sweep(byzantineScenario, SEEDS, 'fast', 1);
  sweep(forkScenario, FORK_SEEDS, 'fast', 1);
  sweep(byzantineScenario, REAL_SEEDS, 'secp256k1', 1_000_001);
  const cpu = process.cpuUsage(start);
  t.diagnostic(`${runs} runs (${REAL_SEEDS} with secp256k1), ${(cpu.user + cpu.system) / 1e6} s CPU; evidence ${evidence}, max round ${maxRound}, restarts ${restarts}, not live ${notLive}`);
  // Every scenario heals its partitions and has 3 honest validators of 4: all must finish.
  assert.equal(notLive, 0);
  assert.ok(evidence > 0, 'the Byzantine validators were caught equivocating');
  assert.ok(maxRound >= 3, 'the scenarios exercised later rounds');
});

test('the sweep has teeth: an engine that ignores its lock when prevoting is caught by the fork-attempt scenarios', () => {
  class IgnoresLock extends BftEngine {
    protected override prevoteChoice(validProposal: Uint8Array | null): Uint8Array | null {
      return validProposal;
    }
  }
  let found: SimResult | null = null;
  for (let seed = 1; seed <= 3000 && !found; seed++) {
    const r = runSimulation({ ...forkScenario(seed), crypto: 'fast', engine: (o) => new IgnoresLock(o) });
    if (r.violations.some((v) => v.startsWith('SAFETY'))) found = r;
  }
  assert.ok(found, 'a safety violation was found');
});
