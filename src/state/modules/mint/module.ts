/**
 * The mint module (Cosmos x/mint): before every block's transactions it steps the inflation
 * towards the bonded-ratio goal, mints the block provision into the distribution account and
 * records it under the supply ledger's `staking` cause. The engine's block reward must be that same
 * provision (`blockProvision` on the parent state); a mismatch means the engine is wired wrong and
 * the block cannot execute.
 */
import { CoinworksError } from '../../../errors.js';
import type { ProofOfStakeParams } from '../../../params/staking.js';
import type { StateModule } from '../../module.js';
import { credit, NATIVE_ASSET } from '../accounts/method.js';
import { recordSupply } from '../supply/method.js';
import { DISTRIBUTION_ACCOUNT } from '../staking/method.js';
import { MintedEvent } from './events.js';
import { minterOf, nextMint } from './method-core.js';
import { MINT, minterStore } from './stores.js';

/** The mint module with `p`'s inflation parameters. */
export function createMintModule(p: ProofOfStakeParams): StateModule {
  return {
    name: MINT,
    events: [MintedEvent],
    genesis({ state }) {
      minterStore.set(state, 'm', minterOf(state, p.mint));
    },
    beforeTransactions({ block, state, events }) {
      const step = nextMint(state, p.mint);
      if (block.reward !== step.provision || (step.provision > 0n && block.rewardCause !== 'staking')) {
        throw new CoinworksError('MINT_REWARD_MISMATCH', `the engine granted ${block.reward} (${block.rewardCause}) but the mint provision of block ${block.height} is ${step.provision} (staking): blockReward must be the mint module's blockProvision`);
      }
      const m = minterOf(state, p.mint);
      credit(state, DISTRIBUTION_ACCOUNT, NATIVE_ASSET, step.provision);
      recordSupply(state, NATIVE_ASSET, 'staking', step.provision);
      minterStore.set(state, 'm', {
        inflation: step.inflation,
        annualProvisions: step.annualProvisions,
        bondedRatio: step.bondedRatio,
        lastProvision: step.provision,
        lastHeight: block.height,
        totalMinted: m.totalMinted + step.provision,
      });
      events.emit(MintedEvent, { provision: step.provision, inflation: step.inflation, bondedRatio: step.bondedRatio, annualProvisions: step.annualProvisions });
    },
  };
}
