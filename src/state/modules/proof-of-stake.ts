/**
 * The proof-of-stake modules of a chain, wired together (what the BFT engine's `modules()`
 * returns): mint, distribution, slashing, the staking pool and staking, in this hook order. Before
 * a block's transactions: mint mints the provision, distribution allocates it (and the previous
 * block's tips) to the parent's signers, slashing punishes evidence and downtime, staking completes
 * matured unbondings. After them: distribution collects the tips, the pool pays tickets and funds
 * validators, and staking computes the active set that takes effect at h + 2 (last, so it sees
 * every change of the block).
 *
 * Staking reaches the others only through its hooks (distribution pays pending rewards before a
 * delegation changes and ends a period at a slash; slashing restarts a window when a validator is
 * bonded; the pool reports a slash of its validators), so the import graph stays one-way.
 *
 * What the engine adapter needs: `modules()`, `blockReward(parentState)` (the mint provision,
 * cause `staking`), and `activeSet(state, height)` (consensus keys and powers in set order; after
 * block h the state answers for h and h + 1, which is the parent certificate's set and the
 * proposer's).
 */
import type { ProofOfStakeParams } from '../../params/staking.js';
import type { StateModule } from '../module.js';
import type { StateReader } from '../state-view.js';
import { createDistribution, type DistributionMethods } from './distribution/method.js';
import { createDistributionModule } from './distribution/module.js';
import { blockProvision } from './mint/method.js';
import { createMintModule } from './mint/module.js';
import { createSlashingModule, slashingHooks } from './slashing/module.js';
import { activeSetAt, createStakingMethods, type ActiveSetView, type StakingMethods } from './staking/method.js';
import { createStakingModule } from './staking/module.js';
import { createStakingPoolModule, StakingPool, stakingPoolHooks } from './staking-pool/module.js';

/** One chain's proof-of-stake wiring. */
export interface ProofOfStake {
  readonly params: ProofOfStakeParams;
  readonly staking: StakingMethods;
  readonly distribution: DistributionMethods;
  readonly pool: StakingPool;
  /** The state modules, in hook order (pass them to `coreModules`). */
  modules(): StateModule[];
  /** The reward of the block after `parentState` (its mint provision; supply cause `staking`). */
  blockReward(parentState: StateReader): bigint;
  /** The active set that signs `height`, in set order with consensus keys and powers. */
  activeSet(state: StateReader, height: bigint): ActiveSetView;
}

/** Wires the proof-of-stake modules for economics `p`. */
export function proofOfStake(p: ProofOfStakeParams): ProofOfStake {
  const distribution = createDistribution(p);
  const staking = createStakingMethods(p, [distribution.hooks, slashingHooks(p), stakingPoolHooks()]);
  const pool = new StakingPool(p, staking, distribution);
  const modules = [createMintModule(p), createDistributionModule(distribution), createSlashingModule(p, staking), createStakingPoolModule(pool), createStakingModule(staking)];
  return {
    params: p,
    staking,
    distribution,
    pool,
    modules: () => [...modules],
    blockReward: (state) => blockProvision(state, p.mint),
    activeSet: (state, height) => activeSetAt(state, height),
  };
}
