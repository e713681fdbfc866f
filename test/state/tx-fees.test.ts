/**
 * Fees are charged through the `TxFeeHandler` hooks one module provides (src/state/tx-fees.ts), so
 * the state machine depends on no particular module: a chain's modules must provide exactly one
 * handler, the state machine uses that one for gas, checks and the charge, and the core `fees`
 * handler keeps the rule order and messages the state machine always had.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CoinworksError, TxError } from '../../src/errors.js';
import { createTestChain, transfer, type TestChain } from '../../src/testing/chain.js';
import { StateMachine } from '../../src/state/state-machine.js';
import { coreModules } from '../../src/state/modules/index.js';
import { feeHandler } from '../../src/state/modules/fees/tx-fees.js';
import { balanceOf, getAccount } from '../../src/state/modules/accounts/method.js';
import type { BlockInfo, StateModule } from '../../src/state/module.js';
import type { TxFeeHandler } from '../../src/state/tx-fees.js';
import { regtest } from '../../src/params/networks.js';

function nextInfo(tc: TestChain): Promise<BlockInfo> {
  return tc.chain.view((st) => tc.chain.blockInfo(tc.chain.tip, tc.clock.t + tc.params.blockTime, tc.keys[3].address, new Uint8Array(0), st));
}

/** Core modules with the fees module's handler replaced by `handler`. */
function withHandler(handler: TxFeeHandler): StateModule[] {
  return coreModules([]).map((m) => (m.name === 'fees' ? { ...m, txFees: handler } : m));
}

test('a chain needs exactly one module providing the fee hooks', () => {
  const none = coreModules([]).map((m) => (m.name === 'fees' ? { ...m, txFees: undefined } : m));
  const two = [...coreModules([]), { name: 'other', txFees: feeHandler }];
  for (const [modules, found] of [
    [none, 'none'],
    [two, 'fees, other'],
  ] as const) {
    assert.throws(
      () => new StateMachine(regtest, modules),
      (e: unknown) => e instanceof CoinworksError && e.code === 'STATE_MODULES_INVALID' && e.message.endsWith(`found: ${found}`),
    );
  }
});

test('the state machine takes gas, checks and the charge from the module hooks', async () => {
  const tc = await createTestChain();
  const calls: string[] = [];
  // A handler that adds 7 gas and charges nothing, but still uses up the nonce (through the core one).
  const spy: TxFeeHandler = {
    intrinsicGas: (p, bytes, gas) => feeHandler.intrinsicGas(p, bytes, gas) + 7n,
    check(state, ptx, gas, baseFee, allowFuture) {
      calls.push(`check ${gas}`);
      const inner = feeHandler.check(state, ptx, gas, baseFee, allowFuture);
      return { fee: 0n, burned: 0n, tip: 0n, nonceIsNext: inner.nonceIsNext, apply: (s) => (calls.push('apply'), inner.apply(s)) };
    },
  };
  const sm = new StateMachine(tc.params, withHandler(spy));
  const core = new StateMachine(tc.params, coreModules([]));
  const tx = transfer(tc.chain, tc.keys[0], tc.keys[1].address, 5n, 0n);
  const info = await nextInfo(tc);
  const gas = core.plan(tx).gas;
  assert.equal(sm.plan(tx).gas, gas + 7n);
  const ex = (await tc.chain.view((st) => sm.executeBlock(st, info, [tx])));
  assert.deepEqual(calls, [`check ${gas + 7n}`, 'apply']);
  assert.equal(ex.receipts[0].status, 'success');
  assert.equal(ex.receipts[0].fee, 0n);
  assert.equal(ex.totals.burned, 0n);
  assert.equal(getAccount(ex.overlay, tc.keys[0].address).nonce, 1n);
  // The core handler charges the fee: the sender pays amount + fee.
  const paid = (await tc.chain.view((st) => core.executeBlock(st, info, [tx])));
  const before = balanceOf((await tc.chain.view((st) => getAccount(st, tc.keys[0].address))));
  assert.equal(balanceOf(getAccount(paid.overlay, tc.keys[0].address)), before - 5n - paid.receipts[0].fee);
  assert.ok(paid.receipts[0].fee > 0n);
});

test('the core fee hooks keep the rule order and messages: base fee, nonce, balance', async () => {
  const tc = await createTestChain({ fund: 1n });
  const sm = new StateMachine(tc.params, coreModules([]));
  const info = await nextInfo(tc);
  const reject = async (tx: ReturnType<typeof transfer>, future = false) => {
    try {
      await tc.chain.view((st) => sm.verifyTx(st, tx, info, future));
    } catch (e) {
      assert.ok(e instanceof TxError);
      return `${e.code}: ${e.message}`;
    }
    return 'accepted';
  };
  const base = info.baseFeePerGas;
  // Below the base fee AND a nonce gap AND too poor: the base fee rule is reported first.
  assert.equal(await reject(transfer(tc.chain, tc.keys[0], tc.keys[1].address, 1n, 3n, { maxFeePerGas: base - 1n, maxTipPerGas: 0n })), `TX_FEE_BELOW_BASE_FEE: maxFeePerGas ${base - 1n} is below the base fee ${base}`);
  assert.equal(await reject(transfer(tc.chain, tc.keys[0], tc.keys[1].address, 1n, 3n)), 'TX_NONCE_GAP: nonce 3 leaves a gap (account nonce is 0)');
  const gas = sm.plan(transfer(tc.chain, tc.keys[0], tc.keys[1].address, 1n, 3n)).gas;
  // A future nonce is allowed for admission; the balance rule still applies.
  assert.match(await reject(transfer(tc.chain, tc.keys[0], tc.keys[1].address, 1n, 3n), true), new RegExp(`^TX_INSUFFICIENT_BALANCE: balance 1 cannot pay the fee ${gas * (base + 2n)}$`));
});
