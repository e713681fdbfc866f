/**
 * Inflation in the manner of Cosmos x/mint, for the BFT engine's block reward and the
 * distribution module. Each block, from the parent's state: the inflation moves by
 * (1 - bonded / goal) x rateChange / blocksPerYear (bigint division truncates toward zero, also
 * for a negative change), is clamped to [min, max]; the annual provisions are inflation x supply
 * and the block provision floor(annual / blocksPerYear). The module mints exactly that, under the
 * supply ledger's `staking` cause, so the engine's `blockReward(height, parentState)` must be
 * `blockProvision(parentState, params)`.
 */
/** The mint computation from a parent state. */
export { blockProvision, bondedRatio, minterOf, nextInflation, nextMint, provisionAt, type MintStep } from './method-core.js';
/** Yields (APR, APY) from live parameters. */
export { aprAt, aprToApy, DEFAULT_COMPOUNDING, yieldAt, type YieldView } from './yields.js';
/** Module name and the minter record. */
export { MINT, type Minter } from './stores.js';
