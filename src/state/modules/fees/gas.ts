/**
 * Gas and fee arithmetic for one transaction: gas = per-transaction gas + command gas + per-byte gas;
 * price = base fee + min(max tip, max fee - base fee); the base-fee part is burned, the tip goes to
 * the block producer (EIP-1559).
 */
import type { NetworkParams } from '../../../params/networks.js';
import type { Tx } from '../../../primitives/tx.js';

/** Gas a transaction uses: it is fixed by its size and command, so there is nothing to refund. */
export function intrinsicGas(params: NetworkParams, txBytes: number, commandGas: bigint): bigint {
  return params.fees.txBaseGas + commandGas + params.fees.gasPerByte * BigInt(txBytes);
}

/** The split of a transaction's fee. */
export interface FeeSplit {
  readonly pricePerGas: bigint;
  readonly fee: bigint;
  readonly burned: bigint;
  readonly tip: bigint;
}

/** Fee of `gasUsed` at `baseFee` for a transaction's caps (caller has checked maxFee >= baseFee). */
export function feeSplit(tx: Tx, gasUsed: bigint, baseFee: bigint): FeeSplit {
  const headroom = tx.body.maxFeePerGas - baseFee;
  const tipPerGas = tx.body.maxTipPerGas < headroom ? tx.body.maxTipPerGas : headroom;
  const pricePerGas = baseFee + tipPerGas;
  return { pricePerGas, fee: gasUsed * pricePerGas, burned: gasUsed * baseFee, tip: gasUsed * tipPerGas };
}
