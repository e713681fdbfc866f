/** `tx_estimateFee`: next block's base fee, a tip from recent blocks and a fee cap with headroom. */
import { defineMethod } from '../method.js';
import { decS, objS } from '../result-schemas.js';

/** tx_estimateFee. */
export const txEstimateFee = defineMethod({
  name: 'tx_estimateFee',
  summary: "Suggested fees per gas: the next block's base fee, the median tip per gas paid in the last 10 blocks (at least 1), and a cap covering three full blocks of base-fee rise plus the tip.",
  params: [],
  result: { name: 'fees', schema: objS({ baseFeePerGas: decS, maxTipPerGas: decS, maxFeePerGas: decS }) },
  handler: async (call, _: []): Promise<{ baseFeePerGas: string; maxTipPerGas: string; maxFeePerGas: string }> => {
    const f = await call.services.views.feeEstimate();
    return { baseFeePerGas: f.baseFeePerGas.toString(), maxTipPerGas: f.maxTipPerGas.toString(), maxFeePerGas: f.maxFeePerGas.toString() };
  },
});
