#!/usr/bin/env -S node --import tsx
/**
 * The long BFT safety sweep: runs the seeded Byzantine scenarios of `src/testing/bft-sim-scenarios.ts`
 * (4 validators, 1 Byzantine, random network, partitions, restarts) and reports violations,
 * liveness, rounds and timings. The default test suite runs a shorter version of the same sweep.
 *
 *   node --import tsx scripts/bft-sweep.ts [--runs 20000] [--start 1] [--heights 3]
 *        [--crypto fast|secp256k1] [--scenario byzantine|fork] [--mutant ignore-lock|paper-prevote]
 *
 * `--mutant` runs a deliberately broken engine instead, to show the sweep catches it. Exits 1 on a
 * violation (or, with --mutant, when none was found).
 */
import { parseArgs } from 'node:util';
import { installNativeHashing } from '../src/crypto/native.js';
import { BftEngine, type BftEngineOptions } from '../src/consensus/bft/engine.js';
import { runSimulation } from '../src/testing/bft-sim.js';
import { byzantineScenario, forkScenario } from '../src/testing/bft-sim-scenarios.js';
import { sameBlock } from '../src/consensus/bft/messages.js';

/** Prevotes the valid proposal even when locked on another block. */
class IgnoresLock extends BftEngine {
  protected override prevoteChoice(validProposal: Uint8Array | null): Uint8Array | null {
    return validProposal;
  }
}

/** Algorithm 1's prevote rule (nil when locked on another block) mixed with CometBFT's nil-polka unlock: unsafe. */
class PaperPrevoteWithCometUnlock extends BftEngine {
  protected override prevoteChoice(validProposal: Uint8Array | null): Uint8Array | null {
    if (this.lockedHash === null) return validProposal;
    return validProposal !== null && sameBlock(validProposal, this.lockedHash) ? validProposal : null;
  }
}

const MUTANTS: Record<string, (o: BftEngineOptions) => BftEngine> = {
  'ignore-lock': (o) => new IgnoresLock(o),
  'paper-prevote': (o) => new PaperPrevoteWithCometUnlock(o),
};

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '20000' },
    start: { type: 'string', default: '1' },
    heights: { type: 'string', default: '3' },
    crypto: { type: 'string', default: 'fast' },
    mutant: { type: 'string' },
    scenario: { type: 'string', default: 'byzantine' },
  },
});
installNativeHashing();
const runs = Number(values.runs);
const start = Number(values.start);
const heights = Number(values.heights);
const crypto = values.crypto === 'secp256k1' ? 'secp256k1' : 'fast';
const mutant = values.mutant ? MUTANTS[values.mutant] : undefined;
if (values.mutant && !mutant) throw new Error(`unknown mutant ${values.mutant}; one of ${Object.keys(MUTANTS).join(', ')}`);

const t0 = performance.now();
const cpu0 = process.cpuUsage();
let violations = 0;
let notLive = 0;
let evidence = 0;
let maxRound = 0;
let virtualMs = 0;
const roundsHist = new Map<number, number>();
for (let seed = start; seed < start + runs; seed++) {
  const scenario = values.scenario === 'fork' ? forkScenario : byzantineScenario;
  const r = runSimulation({ ...scenario(seed, heights), crypto, engine: mutant });
  if (r.violations.length) {
    violations++;
    console.log(`seed ${seed}: ${r.violations.join('; ')}`);
  }
  if (!r.live) {
    notLive++;
    if (!mutant) console.log(`seed ${seed}: not live after ${r.timeMs} ms (decided ${r.decisions.map((d) => d.length).join('/')})`);
  }
  evidence += r.evidence.length;
  maxRound = Math.max(maxRound, r.stats.maxRound);
  virtualMs += r.timeMs;
  for (const ds of r.decisions) for (const d of ds) roundsHist.set(d.round, (roundsHist.get(d.round) ?? 0) + 1);
  if ((seed - start + 1) % 1000 === 0) console.error(`.. ${seed - start + 1} runs, ${violations} with violations`);
}
const cpu = process.cpuUsage(cpu0);
const summary = {
  runs,
  seeds: `${start}..${start + runs - 1}`,
  heights,
  crypto,
  scenario: values.scenario,
  mutant: values.mutant ?? null,
  runsWithViolations: violations,
  notLive,
  evidenceReports: evidence,
  maxRound,
  decisionsByRound: Object.fromEntries([...roundsHist].sort((a, b) => a[0] - b[0])),
  meanVirtualMsPerRun: Math.round(virtualMs / runs),
  wallSeconds: Math.round(performance.now() - t0) / 1000,
  cpuSeconds: Math.round((cpu.user + cpu.system) / 1000) / 1000,
};
console.log(JSON.stringify(summary, null, 2));
process.exit(mutant ? (violations > 0 ? 0 : 1) : violations > 0 || notLive > 0 ? 1 : 0);
