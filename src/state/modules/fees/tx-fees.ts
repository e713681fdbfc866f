/**
 * The fees module's transaction hooks (`TxFeeHandler`): EIP-1559 checks and charge over the
 * accounts module's nonce and native balance. Checked in this order, as the state machine always
 * did: max fee against the base fee, nonce, then the fee against the balance.
 */
import { TxError } from '../../../errors.js';
import type { PreparedTx } from '../../../primitives/tx.js';
import type { StateReader, StateWriter } from '../../state-view.js';
import type { TxCharge, TxFeeHandler } from '../../tx-fees.js';
import { type Account, balanceOf, checkNonce, getAccount, NATIVE_ASSET, payFeeAndUseNonce } from '../accounts/method.js';
import { feeSplit, intrinsicGas, type FeeSplit } from './gas.js';

/** A checked charge: the account as read, so applying it needs no second read. */
class AccountCharge implements TxCharge {
  readonly fee: bigint;
  readonly burned: bigint;
  readonly tip: bigint;
  readonly nonceIsNext: boolean;

  constructor(
    private readonly sender: Uint8Array,
    private readonly acc: Account,
    split: FeeSplit,
    nonce: bigint,
  ) {
    this.fee = split.fee;
    this.burned = split.burned;
    this.tip = split.tip;
    this.nonceIsNext = nonce === acc.nonce;
  }

  apply(state: StateWriter): void {
    payFeeAndUseNonce(state, this.sender, this.acc, this.fee);
  }
}

/** The core chain's fee and nonce hooks. */
export const feeHandler: TxFeeHandler = {
  intrinsicGas,
  check(state: StateReader, ptx: PreparedTx, gas: bigint, baseFee: bigint, allowFutureNonce: boolean): TxCharge {
    const { body } = ptx.tx;
    if (body.maxFeePerGas < baseFee) {
      throw new TxError('TX_FEE_BELOW_BASE_FEE', `maxFeePerGas ${body.maxFeePerGas} is below the base fee ${baseFee}`, { baseFee: baseFee.toString() });
    }
    const acc = getAccount(state, ptx.sender);
    checkNonce(acc, body.nonce, allowFutureNonce);
    const split = feeSplit(ptx.tx, gas, baseFee);
    const have = balanceOf(acc, NATIVE_ASSET);
    if (have < split.fee) throw new TxError('TX_INSUFFICIENT_BALANCE', `balance ${have} cannot pay the fee ${split.fee}`, { assetId: NATIVE_ASSET, balance: have.toString(), fee: split.fee.toString() });
    return new AccountCharge(ptx.sender, acc, split, body.nonce);
  },
};
