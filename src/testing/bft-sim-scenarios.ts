/**
 * Seeded scenario generators for the BFT simulator, shared by the default test suite and the long
 * sweep script (`scripts/bft-sweep.ts`): from one seed, a network (delays, drops, gossip period),
 * partitions that heal, asynchronous validation, honest restarts and a Byzantine validator with a
 * random mix of behaviours. Test-only.
 */
import type { ByzantineConfig } from './bft-sim-byzantine.js';
import type { SimConfig, SimPartition, SimSlowLink } from './bft-sim.js';
import { mulberry32 } from './prng.js';

/** The scenario of the safety sweep: 4 validators of power 1, one of them Byzantine. */
export function byzantineScenario(seed: number, heights = 3): SimConfig {
  const rnd = mulberry32(seed ^ 0x5bd1e995);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const byz = int(0, 3);
  const behaviour: ByzantineConfig =
    rnd() < 0.08
      ? { silent: true }
      : {
          equivocateProposals: rnd() < 0.7,
          invalidProposals: rnd() < 0.2,
          doublePrevote: rnd() < 0.7,
          doublePrecommit: rnd() < 0.7,
          amnesia: rnd() < 0.5,
          withholdRate: rnd() < 0.5 ? rnd() * 0.8 : 0,
          selectivePrecommit: rnd() < 0.4,
        };
  const maxDelayMs = int(2, 60);
  const partitions: SimPartition[] = [];
  const nPartitions = rnd() < 0.5 ? int(1, 3) : 0;
  for (let i = 0; i < nPartitions; i++) {
    const fromMs = int(0, 1500);
    const groups = splitNodes(rnd, 4);
    partitions.push({ fromMs, toMs: fromMs + int(50, 1500), groups });
  }
  const slowLinks: SimSlowLink[] = [];
  const nSlow = rnd() < 0.6 ? int(1, 4) : 0;
  for (let i = 0; i < nSlow; i++) {
    const from = int(0, 3);
    const to = (from + int(1, 3)) % 4;
    const fromMs = int(0, 1500);
    slowLinks.push({ from, to, extraMs: int(10, 150), fromMs, toMs: fromMs + int(50, 2000) });
  }
  const honest = [0, 1, 2, 3].filter((i) => i !== byz);
  const restarts = rnd() < 0.3 ? Array.from({ length: int(1, 3) }, () => ({ node: honest[int(0, 2)], atMs: int(0, 2000) })) : [];
  // Mostly equal powers; sometimes uneven ones, the Byzantine validator still under 1/3 of the total.
  let powers = [1n, 1n, 1n, 1n];
  if (rnd() < 0.3) {
    powers = [0, 1, 2, 3].map(() => BigInt(int(1, 4)));
    const honestPower = powers.reduce((a, p, i) => (i === byz ? a : a + p), 0n);
    // 3 x byz < honest + byz  <=>  byz < honest / 2
    powers[byz] = BigInt(int(1, Math.max(1, Math.min(4, Math.ceil(Number(honestPower) / 2) - 1))));
  }
  return {
    seed,
    powers,
    heights,
    maxTimeMs: 60_000,
    network: { minDelayMs: 1, maxDelayMs, dropRate: rnd() < 0.6 ? rnd() * 0.35 : 0, gossipIntervalMs: int(20, 200) },
    partitions,
    slowLinks,
    byzantine: { [byz]: behaviour },
    asyncValidationRate: rnd() < 0.3 ? 0.5 : 0,
    restarts,
  };
}

/** Splits nodes 0..n-1 into 2 or 3 non-empty groups. */
function splitNodes(rnd: () => number, n: number): number[][] {
  for (;;) {
    const k = rnd() < 0.7 ? 2 : 3;
    const groups: number[][] = Array.from({ length: k }, () => []);
    for (let i = 0; i < n; i++) groups[Math.floor(rnd() * k)].push(i);
    if (groups.every((g) => g.length > 0)) return groups;
  }
}

/**
 * A harsher family for the same sweep: the Byzantine validator always tries to fork (precommits a
 * block to one peer and nil to the rest, proposes fresh values with no POL round, equivocates),
 * gossip is slow and some links are slow, so one honest node can decide while the others move on.
 */
export function forkScenario(seed: number, heights = 3): SimConfig {
  const rnd = mulberry32(seed ^ 0x27d4eb2f);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const byz = int(0, 3);
  const slowLinks: SimSlowLink[] = [];
  for (let i = int(0, 4); i > 0; i--) {
    const from = int(0, 3);
    const fromMs = int(0, 800);
    slowLinks.push({ from, to: (from + int(1, 3)) % 4, extraMs: int(10, 80), fromMs, toMs: fromMs + int(100, 1500) });
  }
  return {
    seed,
    powers: [1n, 1n, 1n, 1n],
    heights,
    maxTimeMs: 60_000,
    network: { minDelayMs: 1, maxDelayMs: int(5, 40), dropRate: rnd() < 0.5 ? rnd() * 0.2 : 0, gossipIntervalMs: int(60, 300) },
    slowLinks,
    byzantine: {
      [byz]: { selectivePrecommit: true, equivocateProposals: true, amnesia: true, doublePrevote: rnd() < 0.5, withholdRate: rnd() < 0.3 ? rnd() * 0.5 : 0 },
    },
  };
}
