/**
 * The mint computation (Cosmos x/mint): inflation stepping towards the bonded-ratio goal, annual
 * and block provisions, from a parent state. Re-exported by method.ts.
 */
import { DEC_ONE, decMul, ratioDec } from '../../../util/decimal.js';
import type { MintParams } from '../../../params/staking.js';
import type { StateReader } from '../../state-view.js';
import { NATIVE_ASSET } from '../accounts/method.js';
import { supplyOf } from '../supply/method.js';
import { stakingTotals } from '../staking/method.js';
import { minterStore, type Minter } from './stores.js';

/** The minter (the initial inflation before the first block). */
export function minterOf(state: StateReader, p: MintParams): Minter {
  return minterStore.get(state, 'm') ?? { inflation: p.inflationInitial, annualProvisions: 0n, bondedRatio: 0n, lastProvision: 0n, lastHeight: 0n, totalMinted: 0n };
}

/** Bonded tokens over total supply (18-decimal), from the staking totals and the supply ledger. */
export function bondedRatio(state: StateReader): bigint {
  const supply = supplyOf(state, NATIVE_ASSET).total;
  return ratioDec(stakingTotals(state).bonded, supply);
}

/** The next inflation rate from `inflation` at `bonded` (Cosmos NextInflationRate). */
export function nextInflation(p: MintParams, inflation: bigint, bonded: bigint): bigint {
  const perYear = ((DEC_ONE - (bonded * DEC_ONE) / p.goalBonded) * p.inflationRateChange) / DEC_ONE;
  let next = inflation + perYear / p.blocksPerYear;
  if (next > p.inflationMax) next = p.inflationMax;
  if (next < p.inflationMin) next = p.inflationMin;
  return next;
}

/** What the next block mints, from its parent's state. */
export interface MintStep {
  readonly inflation: bigint;
  readonly bondedRatio: bigint;
  readonly annualProvisions: bigint;
  readonly provision: bigint;
}

/** The mint step of the block after `state` (the parent state). */
export function nextMint(state: StateReader, p: MintParams): MintStep {
  const m = minterOf(state, p);
  const bonded = bondedRatio(state);
  const inflation = nextInflation(p, m.inflation, bonded);
  const annualProvisions = decMul(inflation, supplyOf(state, NATIVE_ASSET).total);
  return { inflation, bondedRatio: bonded, annualProvisions, provision: annualProvisions / p.blocksPerYear };
}

/** The block provision of the block after `state`: what the BFT engine's `blockReward` returns (cause `staking`). */
export function blockProvision(state: StateReader, p: MintParams): bigint {
  return nextMint(state, p).provision;
}

/** The provision minted by block `height` (0 unless it is the last block the minter ran). */
export function provisionAt(state: StateReader, p: MintParams, height: bigint): bigint {
  const m = minterOf(state, p);
  return m.lastHeight === height ? m.lastProvision : 0n;
}
