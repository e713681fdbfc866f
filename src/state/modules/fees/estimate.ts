/**
 * A fee estimate for clients: the next block's base fee (exact, from the head) with headroom for
 * a few full blocks, and a tip taken from what recent blocks paid.
 */
import type { NetworkParams } from '../../../params/networks.js';
import { nextBaseFee } from './base-fee.js';

/** A suggested fee for a transaction. */
export interface FeeEstimate {
  /** Base fee of the next block. */
  readonly baseFeePerGas: bigint;
  /** Suggested tip per gas. */
  readonly maxTipPerGas: bigint;
  /** Suggested cap: covers the base fee rising for `blocksOfHeadroom` full blocks, plus the tip. */
  readonly maxFeePerGas: bigint;
}

/** Estimates fees from the head's base fee and gas, and tips seen in recent blocks. */
export function estimateFee(
  params: NetworkParams,
  head: { baseFeePerGas: bigint; gasUsed: bigint },
  recentTips: readonly bigint[],
  blocksOfHeadroom = 3,
): FeeEstimate {
  const base = nextBaseFee(params, head.baseFeePerGas, head.gasUsed);
  let cap = base;
  for (let i = 0; i < blocksOfHeadroom; i++) cap = nextBaseFee(params, cap, params.fees.blockGasLimit);
  const sorted = [...recentTips].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const median = sorted.length ? sorted[Math.floor(sorted.length / 2)] : 1n;
  const tip = median > 0n ? median : 1n;
  return { baseFeePerGas: base, maxTipPerGas: tip, maxFeePerGas: cap + tip };
}
