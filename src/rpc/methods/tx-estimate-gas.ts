/**
 * `tx_estimateGas`: the exact gas a transaction with this command and params uses. Gas is fixed by
 * size and command (nothing is refunded), so the answer is the gas limit to sign with.
 */
import { txEstimateGas as spec } from '../../api/core.js';
import { TxError } from '../../errors.js';
import { decode } from '../../encoding/codec.js';
import { encodeTx } from '../../primitives/tx.js';
import { intrinsicGas } from '../../state/modules/fees/gas.js';
import { defineMethod } from '../method.js';

/** tx_estimateGas. */
export const txEstimateGas = defineMethod(spec, (call, [module, command, params]) => {
  const { chain } = call.services.ctx;
  const cmd = chain.sm.command(module, command);
  if (!cmd) throw new TxError('TX_UNKNOWN_COMMAND', `unknown command ${module}.${command}`);
  let decoded: unknown;
  try {
    decoded = decode(cmd.schema, params);
  } catch (e) {
    throw new TxError('TX_INVALID_PARAMS', `params of ${module}.${command}: ${(e as Error).message}`);
  }
  // Every other field of a signed transaction has a fixed size, so zeros give the exact length.
  const bytes = encodeTx({
    body: { chainId: 0, module, command, nonce: 0n, gasLimit: 0n, maxFeePerGas: 0n, maxTipPerGas: 0n, senderPublicKey: new Uint8Array(33), params },
    signature: new Uint8Array(64),
  }).length;
  return { gas: intrinsicGas(chain.params, bytes, cmd.gas(decoded)).toString(), bytes };
});
