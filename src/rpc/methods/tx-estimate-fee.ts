/** `tx_estimateFee`: next block's base fee, a tip from recent blocks and a fee cap with headroom. */
import { txEstimateFee as spec } from '../../api/core.js';
import { defineMethod } from '../method.js';

/** tx_estimateFee. */
export const txEstimateFee = defineMethod(spec, async (call) => {
  const f = await call.services.views.feeEstimate();
  return { baseFeePerGas: f.baseFeePerGas.toString(), maxTipPerGas: f.maxTipPerGas.toString(), maxFeePerGas: f.maxFeePerGas.toString() };
});
