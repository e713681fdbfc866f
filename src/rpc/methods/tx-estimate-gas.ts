/**
 * `tx_estimateGas`: the exact gas a transaction with this command and params uses. Gas is fixed by
 * size and command (nothing is refunded), so the answer is the gas limit to sign with.
 */
import { TxError } from '../../errors.js';
import { decode } from '../../encoding/codec.js';
import { encodeTx, MAX_PARAMS_BYTES } from '../../primitives/tx.js';
import { intrinsicGas } from '../../state/modules/fees/gas.js';
import { defineMethod, param } from '../method.js';
import { hexParam, stringParam } from '../params.js';
import { decS, objS, uintS } from '../result-schemas.js';

const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** tx_estimateGas. */
export const txEstimateGas = defineMethod({
  name: 'tx_estimateGas',
  summary: 'Gas used by a transaction of `module.command` with these encoded params (exact: per-tx gas + command gas + gas per byte of the signed encoding). Use it as gasLimit.',
  params: [
    param('module', stringParam(32, NAME), 'module name, e.g. "bank"'),
    param('command', stringParam(32, NAME), 'command name, e.g. "transfer"'),
    param('params', hexParam(0, MAX_PARAMS_BYTES), 'canonical encoding of the command params, hex'),
  ],
  result: { name: 'gas', schema: objS({ gas: decS, bytes: uintS }) },
  handler: (call, [module, command, params]: [string, string, Uint8Array]): { gas: string; bytes: number } => {
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
  },
});
