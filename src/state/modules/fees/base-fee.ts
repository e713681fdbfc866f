/**
 * EIP-1559 base fee: moves towards the gas target by at most 1/denominator per block, never below
 * the floor. Integer maths only (consensus).
 */
import type { NetworkParams } from '../../../params/networks.js';

/** Base fee of the child of a block that used `parentGasUsed` at `parentBaseFee`. */
export function nextBaseFee(params: NetworkParams, parentBaseFee: bigint, parentGasUsed: bigint): bigint {
  const { blockGasTarget: target, baseFeeChangeDenominator: den, minBaseFee } = params.fees;
  let next: bigint;
  if (parentGasUsed === target) next = parentBaseFee;
  else if (parentGasUsed > target) {
    const delta = (parentBaseFee * (parentGasUsed - target)) / target / den;
    next = parentBaseFee + (delta > 1n ? delta : 1n);
  } else {
    const delta = (parentBaseFee * (target - parentGasUsed)) / target / den;
    next = parentBaseFee - delta;
  }
  return next < minBaseFee ? minBaseFee : next;
}
