/** bank.transfer and bank.multiSend. */
import { TxError } from '../../../errors.js';
import type { Command } from '../../module.js';
import { accountKey, balanceOf, getAccount, MAX_AMOUNT } from '../accounts/method.js';
import type { TransferChecks } from './hooks.js';
import { moveCoins } from './method.js';
import { MultiSendParams, TransferParams } from './schemas.js';

/** Gas of a transfer on top of the per-transaction gas. */
export const TRANSFER_GAS = 5_000n;

/** Sends one asset to one account. */
export function transferCommand(checks: TransferChecks): Command<TransferParams> {
  return {
    name: 'transfer',
    schema: TransferParams,
    gas: () => TRANSFER_GAS,
    verify({ params, sender, state }) {
      if (params.amount === 0n) throw new TxError('TX_INVALID_PARAMS', 'amount must be positive');
      const have = balanceOf(getAccount(state, sender), params.assetId);
      if (have < params.amount) throw new TxError('TX_INSUFFICIENT_BALANCE', `balance ${have} is below amount ${params.amount}`, { assetId: params.assetId, balance: have.toString(), amount: params.amount.toString() });
      // Transfer restrictions (freezes, pauses) are checked here too, so the mempool refuses such a
      // transfer up front instead of letting it fail in a block and cost its fee.
      checks.run(state, sender, params.to, params.assetId, params.amount);
    },
    execute({ params, sender, state, events }) {
      moveCoins(state, events, checks, sender, params.to, params.assetId, params.amount);
    },
    keys: (params) => [accountKey(params.to)],
  };
}

/** Sends to many accounts in one transaction; all or nothing. */
export function multiSendCommand(checks: TransferChecks): Command<MultiSendParams> {
  return {
    name: 'multiSend',
    schema: MultiSendParams,
    gas: (p) => TRANSFER_GAS * BigInt(Math.max(1, p.outputs.length)),
    verify({ params, sender, state }) {
      if (params.outputs.length === 0) throw new TxError('TX_INVALID_PARAMS', 'no outputs');
      const totals = new Map<number, bigint>();
      for (const o of params.outputs) {
        if (o.amount === 0n) throw new TxError('TX_INVALID_PARAMS', 'amount must be positive');
        const t = (totals.get(o.assetId) ?? 0n) + o.amount;
        if (t > MAX_AMOUNT) throw new TxError('TX_AMOUNT_OVERFLOW', `outputs of asset ${o.assetId} sum above ${MAX_AMOUNT}`);
        totals.set(o.assetId, t);
      }
      const acc = getAccount(state, sender);
      for (const [assetId, t] of totals) {
        if (balanceOf(acc, assetId) < t) throw new TxError('TX_INSUFFICIENT_BALANCE', `balance of asset ${assetId} is below ${t}`, { assetId, balance: balanceOf(acc, assetId).toString(), amount: t.toString() });
      }
      for (const o of params.outputs) checks.run(state, sender, o.to, o.assetId, o.amount);
    },
    execute({ params, sender, state, events }) {
      for (const o of params.outputs) moveCoins(state, events, checks, sender, o.to, o.assetId, o.amount);
    },
    keys: (params) => params.outputs.map((o) => accountKey(o.to)),
  };
}
