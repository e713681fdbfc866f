/**
 * Transaction validity rules, each checked twice: a block containing the bad transaction is refused
 * by `chain.importBlock` with BLOCK_INVALID_TX and the rule in `data.txCode` (the block is built by
 * hand with a correct merkle root, so it can only fail on the transaction), and the bare
 * transaction is refused by the state machine or `checkTxSignature` with the same TxError code.
 * Rules that a command enforces (balance, overflow) do not invalidate a block: the transaction is
 * included with a failed receipt, its fee charged and its nonce used.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StateReader } from '../../src/state/state-view.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { BlockError, DecodeError, EncodeError, TxError } from '../../src/errors.js';
import { createTestChain, mineBlock, solve, transfer, type TestChain } from '../../src/testing/chain.js';
import { nativeSupplyCheck } from '../../src/testing/invariants.js';
import { testKey } from '../../src/testing/keys.js';
import { assembleBlock } from '../../src/chain/assembler.js';
import { checkTxSignature } from '../../src/state/tx-signature.js';
import { balanceOf, getAccount } from '../../src/state/modules/accounts/method.js';
import { MAX_AMOUNT } from '../../src/state/modules/accounts/stores.js';
import { MultiSendParams, TransferParams } from '../../src/state/modules/bank/schemas.js';
import { blockMerkleRoot, encodeBlock, POW_SEAL, Seal, type Block } from '../../src/primitives/block.js';
import { encode } from '../../src/encoding/codec.js';
import { headerHash } from '../../src/primitives/header.js';
import { decodeTx, encodeTx, MAX_PARAMS_BYTES, MAX_TX_BYTES, prepareTx, txSigningDigest, type PreparedTx, type Tx, type TxBody } from '../../src/primitives/tx.js';
import { buildTxBody, signTx } from '../../src/primitives/tx-builder.js';
import { toHighS, isHighS } from '../../src/crypto/keys.js';
import { bytesToHex } from '../../src/encoding/hex.js';
import { regtest, withAllocations } from '../../src/params/networks.js';
import type { Receipt } from '../../src/state/receipt.js';
import type { BlockInfo } from '../../src/state/module.js';
import type { TxErrorCode } from '../../src/errors.js';

// ---------------------------------------------------------------------------------------------
// Helpers

/**
 * A solved block on the tip holding exactly `txs`: the header and coinbase come from a template
 * assembled over the transactions the assembler accepts (so a block of valid transactions is
 * fully valid), the merkle root is recomputed over `txs`, so the block passes every stateless
 * check and can fail only when a transaction is executed or its signature checked.
 */
async function handBlock(tc: TestChain, txs: readonly PreparedTx[]): Promise<Block> {
  tc.clock.t += tc.params.blockTime;
  const t = await assembleBlock(tc.chain, { txs, beneficiary: tc.keys[3].address, time: tc.clock.t });
  const coinbase = { ...t.coinbase, extraNonce: new Uint8Array(8) };
  const header = { ...t.header, merkleRoot: blockMerkleRoot(coinbase, txs.map((p) => p.id)), nonce: 0 };
  return solve({ header, coinbase, txs: txs.map((p) => p.tx), seal: POW_SEAL });
}

/** Info of the block that would follow the tip (for the state machine's own checks). */
function nextInfo(tc: TestChain, state: StateReader): BlockInfo {
  return tc.chain.blockInfo(tc.chain.tip, tc.clock.t + tc.params.blockTime, tc.keys[3].address, new Uint8Array(0), state);
}

/** What must not change when a block is refused. */
function headState(tc: TestChain): { tip: string; height: number; root: string } {
  return { tip: tc.chain.tip.key, height: tc.chain.tip.height, root: bytesToHex(tc.chain.stateRoot()) };
}

/** Imports `txs` in a hand-built block and expects BLOCK_INVALID_TX naming `txCode` at `index`. */
async function assertBlockRejects(tc: TestChain, txs: readonly PreparedTx[], txCode: TxErrorCode, index = txs.length - 1): Promise<void> {
  const before = headState(tc);
  const block = await handBlock(tc, txs);
  await assert.rejects(
    tc.chain.importBlock(block),
    (e: unknown) => e instanceof BlockError && e.code === 'BLOCK_INVALID_TX' && e.data.txCode === txCode && e.data.index === index,
  );
  assert.deepEqual(headState(tc), before, 'tip and state root are unchanged after the rejection');
}

/** Expects a TxError with `code`. */
function isTxError(code: TxErrorCode) {
  return (e: unknown) => e instanceof TxError && e.code === code;
}

/** A transaction signed by `signer` over an arbitrary body. */
function signed(body: TxBody, sign: (d: Uint8Array) => Uint8Array): PreparedTx {
  return prepareTx(signTx(body, sign));
}

/** A transfer body with every field overridable. */
function transferBody(tc: TestChain, from: { publicKey: Uint8Array }, to: Uint8Array, amount: bigint, over: Partial<TxBody> = {}): TxBody {
  const body = buildTxBody('bank', 'transfer', TransferParams, { to, assetId: 0, amount, memo: new Uint8Array(0) }, {
    chainId: tc.params.chainId,
    nonce: 0n,
    gasLimit: 100_000n,
    maxFeePerGas: 1_000n,
    maxTipPerGas: 2n,
    senderPublicKey: from.publicKey,
  });
  return { ...body, ...over };
}

/** Receipt of the transaction at `index` of the tip block. */
async function tipReceipt(tc: TestChain, index = 0): Promise<Receipt> {
  const r = await tc.chain.store.receipts(tc.chain.tip.hash);
  assert.ok(r, 'tip has receipts');
  return r.receipts[index];
}

function nativeOf(tc: TestChain, address: Uint8Array): Promise<bigint> {
  return tc.chain.view((st) => balanceOf(getAccount(st, address)));
}

async function assertSupply(tc: TestChain): Promise<void> {
  const s = await nativeSupplyCheck(tc.chain);
  assert.equal(s.held, s.ledger, 'native coins held equal the supply ledger');
}

// ---------------------------------------------------------------------------------------------
// Control: the hand-built block is valid when its transactions are

test('control: a hand-built block with a valid transfer connects', async () => {
  const tc = await createTestChain();
  const [a, b] = tc.keys;
  const tx = transfer(tc.chain, a, b.address, 1_000n, 0n);
  checkTxSignature(tx);
  (await tc.chain.view((st) => tc.chain.sm.verifyTx(st, tx, nextInfo(tc, st))));
  const r = await tc.chain.importBlock(await handBlock(tc, [tx]));
  assert.equal(r.status, 'connected');
  assert.equal((await tipReceipt(tc)).status, 'success');
});

// ---------------------------------------------------------------------------------------------
// Signatures

test('TX_BAD_SIGNATURE: a byte of r flipped', async () => {
  const tc = await createTestChain();
  const [a, b] = tc.keys;
  const good = transfer(tc.chain, a, b.address, 1_000n, 0n);
  const sig = Uint8Array.from(good.tx.signature);
  sig[7] ^= 0x01; // inside r
  const bad = prepareTx({ body: good.tx.body, signature: sig });
  assert.doesNotThrow(() => checkTxSignature(good));
  assert.throws(() => checkTxSignature(bad), isTxError('TX_BAD_SIGNATURE'));
  await assertBlockRejects(tc, [bad], 'TX_BAD_SIGNATURE');
  // A valid transaction ahead of it does not save the block; the index names the bad one.
  const other = transfer(tc.chain, b, a.address, 5n, 0n);
  await assertBlockRejects(tc, [other, bad], 'TX_BAD_SIGNATURE', 1);
});

test('TX_BAD_SIGNATURE: signature by another key, and a valid signature over another body', async () => {
  const tc = await createTestChain();
  const [a, b, c] = tc.keys;
  const body = transferBody(tc, a, b.address, 1_000n);
  const byC = prepareTx({ body, signature: c.sign(txSigningDigest(body)) });
  assert.throws(() => checkTxSignature(byC), isTxError('TX_BAD_SIGNATURE'));
  await assertBlockRejects(tc, [byC], 'TX_BAD_SIGNATURE');
  const otherBody = transferBody(tc, a, b.address, 1_001n);
  const swapped = prepareTx({ body, signature: a.sign(txSigningDigest(otherBody)) });
  assert.throws(() => checkTxSignature(swapped), isTxError('TX_BAD_SIGNATURE'));
  await assertBlockRejects(tc, [swapped], 'TX_BAD_SIGNATURE');
});

test('TX_HIGH_S: the high-s twin of a valid signature', async () => {
  const tc = await createTestChain();
  const [a, b] = tc.keys;
  const good = transfer(tc.chain, a, b.address, 1_000n, 0n);
  const high = toHighS(good.tx.signature);
  assert.ok(isHighS(high) && !isHighS(good.tx.signature));
  // The twin is a mathematically valid ECDSA signature: only the low-s rule refuses it.
  const digest = txSigningDigest(good.tx.body);
  assert.equal(secp256k1.verify(high, digest, a.publicKey, { prehash: false, lowS: false }), true);
  assert.equal(secp256k1.verify(high, digest, a.publicKey, { prehash: false, lowS: true }), false);
  const bad = prepareTx({ body: good.tx.body, signature: high });
  assert.notEqual(bad.key, good.key, 'the twin has another transaction id');
  assert.throws(() => checkTxSignature(bad), isTxError('TX_HIGH_S'));
  await assertBlockRejects(tc, [bad], 'TX_HIGH_S');
  // The low-s original is accepted in the same position.
  assert.equal((await tc.chain.importBlock(await handBlock(tc, [good]))).status, 'connected');
});

// ---------------------------------------------------------------------------------------------
// Stateless rules (StateMachine.plan)

test('TX_WRONG_CHAIN: correctly signed for another chain id', async () => {
  const tc = await createTestChain();
  const [a, b] = tc.keys;
  const bad = signed(transferBody(tc, a, b.address, 1_000n, { chainId: tc.params.chainId + 1 }), a.sign);
  assert.doesNotThrow(() => checkTxSignature(bad), 'the signature itself is valid');
  assert.throws(() => tc.chain.sm.plan(bad), isTxError('TX_WRONG_CHAIN'));
  await assert.rejects(tc.chain.view((st) => tc.chain.sm.verifyTx(st, bad, nextInfo(tc, st))), isTxError('TX_WRONG_CHAIN'));
  await assertBlockRejects(tc, [bad], 'TX_WRONG_CHAIN');
  // Re-signed for this chain, the same transfer is fine.
  const good = signed(transferBody(tc, a, b.address, 1_000n), a.sign);
  (await tc.chain.view((st) => tc.chain.sm.verifyTx(st, good, nextInfo(tc, st))));
});

test('TX_UNKNOWN_COMMAND: unknown command and unknown module', async () => {
  const tc = await createTestChain();
  const [a, b] = tc.keys;
  const badCommand = signed(transferBody(tc, a, b.address, 1_000n, { command: 'mint' }), a.sign);
  const badModule = signed(transferBody(tc, a, b.address, 1_000n, { module: 'banks' }), a.sign);
  for (const bad of [badCommand, badModule]) {
    assert.throws(() => tc.chain.sm.plan(bad), isTxError('TX_UNKNOWN_COMMAND'));
    await assert.rejects(tc.chain.view((st) => tc.chain.sm.verifyTx(st, bad, nextInfo(tc, st))), isTxError('TX_UNKNOWN_COMMAND'));
    await assertBlockRejects(tc, [bad], 'TX_UNKNOWN_COMMAND');
  }
});

test('TX_INVALID_PARAMS: params bytes that do not decode (garbage, truncated, trailing byte)', async () => {
  const tc = await createTestChain();
  const [a, b] = tc.keys;
  const good = transferBody(tc, a, b.address, 1_000n);
  const variants = [
    new Uint8Array([1, 2, 3]),
    good.params.subarray(0, good.params.length - 1),
    Uint8Array.from([...good.params, 0]),
    new Uint8Array(0),
  ];
  for (const params of variants) {
    const bad = signed({ ...good, params }, a.sign);
    assert.throws(() => tc.chain.sm.plan(bad), isTxError('TX_INVALID_PARAMS'));
    await assert.rejects(tc.chain.view((st) => tc.chain.sm.verifyTx(st, bad, nextInfo(tc, st))), isTxError('TX_INVALID_PARAMS'));
    await assertBlockRejects(tc, [bad], 'TX_INVALID_PARAMS');
  }
});

test('TX_TIP_ABOVE_MAX_FEE: maxTipPerGas one above maxFeePerGas', async () => {
  const tc = await createTestChain();
  const [a, b] = tc.keys;
  const bad = transfer(tc.chain, a, b.address, 1_000n, 0n, { maxFeePerGas: 100n, maxTipPerGas: 101n });
  assert.throws(() => tc.chain.sm.plan(bad), isTxError('TX_TIP_ABOVE_MAX_FEE'));
  await assertBlockRejects(tc, [bad], 'TX_TIP_ABOVE_MAX_FEE');
  // Equal caps are allowed.
  const ok = transfer(tc.chain, a, b.address, 1_000n, 0n, { maxFeePerGas: 100n, maxTipPerGas: 100n });
  (await tc.chain.view((st) => tc.chain.sm.verifyTx(st, ok, nextInfo(tc, st))));
});

test('TX_GAS_LIMIT_TOO_LOW: one gas below what the transaction uses', async () => {
  const tc = await createTestChain();
  const [a, b] = tc.keys;
  const probe = transfer(tc.chain, a, b.address, 1_000n, 0n);
  const { gas } = tc.chain.sm.plan(probe);
  // gasLimit is a fixed-width field, so the transaction's size (and gas) does not change with it.
  const bad = transfer(tc.chain, a, b.address, 1_000n, 0n, { gasLimit: gas - 1n });
  assert.equal(bad.bytes.length, probe.bytes.length);
  assert.throws(() => tc.chain.sm.plan(bad), (e: unknown) => e instanceof TxError && e.code === 'TX_GAS_LIMIT_TOO_LOW' && e.data.gas === gas.toString());
  await assertBlockRejects(tc, [bad], 'TX_GAS_LIMIT_TOO_LOW');
  const exact = transfer(tc.chain, a, b.address, 1_000n, 0n, { gasLimit: gas });
  assert.equal((await tc.chain.importBlock(await handBlock(tc, [exact]))).status, 'connected');
  assert.equal((await tipReceipt(tc)).gasUsed, gas);
});

test('TX_GAS_LIMIT_TOO_HIGH: a transaction needing more gas than a block holds', async () => {
  const small = { ...regtest, fees: { ...regtest.fees, blockGasLimit: 25_000n, blockGasTarget: 12_500n } };
  const tc = await createTestChain({ params: small });
  const [a, b] = tc.keys;
  const bad = transfer(tc.chain, a, b.address, 1_000n, 0n);
  assert.ok(tc.chain.sm.command('bank', 'transfer'));
  assert.throws(() => tc.chain.sm.plan(bad), isTxError('TX_GAS_LIMIT_TOO_HIGH'));
  await assertBlockRejects(tc, [bad], 'TX_GAS_LIMIT_TOO_HIGH');
});

// ---------------------------------------------------------------------------------------------
// Rules against state (nonce, fee)

test('TX_FEE_BELOW_BASE_FEE: maxFeePerGas one below the block base fee', async () => {
  const tc = await createTestChain();
  const [a, b] = tc.keys;
  const baseFee = tc.chain.nextBaseFee(tc.chain.tip);
  assert.ok(baseFee > 1n);
  const bad = transfer(tc.chain, a, b.address, 1_000n, 0n, { maxFeePerGas: baseFee - 1n, maxTipPerGas: 0n });
  tc.chain.sm.plan(bad); // statelessly fine
  await assert.rejects(
    tc.chain.view((st) => tc.chain.sm.verifyTx(st, bad, nextInfo(tc, st))),
    (e: unknown) => e instanceof TxError && e.code === 'TX_FEE_BELOW_BASE_FEE' && e.data.baseFee === baseFee.toString(),
  );
  await assertBlockRejects(tc, [bad], 'TX_FEE_BELOW_BASE_FEE');
  // Exactly the base fee (no tip) is enough, and nothing goes to the producer.
  const exact = transfer(tc.chain, a, b.address, 1_000n, 0n, { maxFeePerGas: baseFee, maxTipPerGas: 0n });
  assert.equal((await tc.chain.importBlock(await handBlock(tc, [exact]))).status, 'connected');
  const r = await tipReceipt(tc);
  assert.equal(r.tip, 0n);
  assert.equal(r.burned, r.fee);
});

test('TX_NONCE_GAP: nonce one ahead of the account, alone and after a valid transaction', async () => {
  const tc = await createTestChain();
  const [a, b] = tc.keys;
  const tx0 = transfer(tc.chain, a, b.address, 1_000n, 0n);
  const tx1 = transfer(tc.chain, a, b.address, 1_000n, 1n);
  const tx2 = transfer(tc.chain, a, b.address, 1_000n, 2n);
  await assert.rejects(tc.chain.view((st) => tc.chain.sm.verifyTx(st, tx1, nextInfo(tc, st))), (e: unknown) => e instanceof TxError && e.code === 'TX_NONCE_GAP' && e.data.expected === '0');
  // The mempool may hold it for later.
  (await tc.chain.view((st) => tc.chain.sm.verifyTx(st, tx1, nextInfo(tc, st), true)));
  await assertBlockRejects(tc, [tx1], 'TX_NONCE_GAP', 0);
  await assertBlockRejects(tc, [tx0, tx2], 'TX_NONCE_GAP', 1);
  // In sequence they are fine.
  assert.equal((await tc.chain.importBlock(await handBlock(tc, [tx0, tx1, tx2]))).status, 'connected');
  assert.equal((await tc.chain.view((st) => getAccount(st, a.address))).nonce, 3n);
});

test('TX_NONCE_REPLAY: a mined transaction included again in a later block', async () => {
  const tc = await createTestChain();
  const [a, b] = tc.keys;
  const tx0 = transfer(tc.chain, a, b.address, 1_000n, 0n);
  await mineBlock(tc, { txs: [tx0] });
  assert.equal(tc.chain.tip.height, 1);
  assert.ok(await tc.chain.store.txLocation(tx0.id));
  await assert.rejects(tc.chain.view((st) => tc.chain.sm.verifyTx(st, tx0, nextInfo(tc, st))), (e: unknown) => e instanceof TxError && e.code === 'TX_NONCE_REPLAY' && e.data.expected === '1');
  await assert.rejects(tc.chain.view((st) => tc.chain.sm.verifyTx(st, tx0, nextInfo(tc, st), true)), isTxError('TX_NONCE_REPLAY'));
  await assertBlockRejects(tc, [tx0], 'TX_NONCE_REPLAY');
  // Another transaction re-using the nonce is a replay too.
  const sameNonce = transfer(tc.chain, a, b.address, 999n, 0n);
  await assertBlockRejects(tc, [sameNonce], 'TX_NONCE_REPLAY');
  // And the replay is refused after other blocks as well.
  await mineBlock(tc);
  await assertBlockRejects(tc, [transfer(tc.chain, a, b.address, 1n, 1n), tx0], 'TX_NONCE_REPLAY', 1);
});

test('TX_INSUFFICIENT_BALANCE: an unfunded key cannot pay the fee', async () => {
  const tc = await createTestChain();
  const poor = testKey(77);
  assert.equal(await nativeOf(tc, poor.address), 0n);
  const bad = transfer(tc.chain, poor, tc.keys[0].address, 1n, 0n);
  tc.chain.sm.plan(bad);
  await assert.rejects(tc.chain.view((st) => tc.chain.sm.verifyTx(st, bad, nextInfo(tc, st))), (e: unknown) => e instanceof TxError && e.code === 'TX_INSUFFICIENT_BALANCE' && e.data.balance === '0');
  await assertBlockRejects(tc, [bad], 'TX_INSUFFICIENT_BALANCE');
});

test('TX_INSUFFICIENT_BALANCE: one unit short of the fee is refused, the exact fee is accepted', async () => {
  const tc = await createTestChain();
  const [a, b] = tc.keys;
  const poor = testKey(78);
  // Tip cap = fee cap, so the price is exactly 50 per gas whatever the base fee (<= 50) is.
  const probe = transfer(tc.chain, poor, b.address, 1n, 0n, { maxFeePerGas: 50n, maxTipPerGas: 50n });
  const { gas } = tc.chain.sm.plan(probe);
  const fee = gas * 50n;
  await mineBlock(tc, { txs: [transfer(tc.chain, a, poor.address, fee - 1n, 0n)] });
  assert.equal(await nativeOf(tc, poor.address), fee - 1n);
  await assert.rejects(tc.chain.view((st) => tc.chain.sm.verifyTx(st, probe, nextInfo(tc, st))), (e: unknown) => e instanceof TxError && e.code === 'TX_INSUFFICIENT_BALANCE' && e.data.fee === fee.toString());
  await assertBlockRejects(tc, [probe], 'TX_INSUFFICIENT_BALANCE');
  await mineBlock(tc, { txs: [transfer(tc.chain, a, poor.address, 1n, 1n)] });
  // Now the fee is covered exactly; the 1-unit transfer itself then has nothing left to move.
  assert.equal((await tc.chain.importBlock(await handBlock(tc, [probe]))).status, 'connected');
  const r = await tipReceipt(tc);
  assert.equal(r.fee, fee);
  assert.equal(r.status, 'failed');
  assert.match(r.error ?? '', /^TX_INSUFFICIENT_BALANCE/);
  assert.equal(await nativeOf(tc, poor.address), 0n);
  assert.equal((await tc.chain.view((st) => getAccount(st, poor.address))).nonce, 1n);
  await assertSupply(tc);
});

test('a transfer above the balance that can pay its fee is included as failed: fee charged, nonce used, nothing moved', async () => {
  const tc = await createTestChain();
  const [a, b, miner] = tc.keys;
  const c = testKey(79);
  await mineBlock(tc, { txs: [transfer(tc.chain, a, c.address, 10_000_000n, 0n)], beneficiary: miner.address });
  const cBefore = await nativeOf(tc, c.address);
  const bBefore = await nativeOf(tc, b.address);
  assert.equal(cBefore, 10_000_000n);
  const tx = transfer(tc.chain, c, b.address, 20_000_000n, 0n);
  // Admission runs the command's verify too, so the mempool would refuse it...
  await assert.rejects(tc.chain.view((st) => tc.chain.sm.verifyTx(st, tx, nextInfo(tc, st))), isTxError('TX_INSUFFICIENT_BALANCE'));
  // ...but in a block it is valid: the sender paid for the attempt.
  const block = await handBlock(tc, [tx]);
  const r0 = await tc.chain.importBlock(block);
  assert.equal(r0.status, 'connected');
  const r = await tipReceipt(tc);
  assert.equal(r.status, 'failed');
  assert.ok(r.error?.startsWith('TX_INSUFFICIENT_BALANCE'), r.error ?? 'no error');
  assert.ok(r.fee > 0n);
  assert.deepEqual(r.events, [], 'the failed command emitted nothing');
  assert.equal(await nativeOf(tc, c.address), cBefore - r.fee);
  assert.equal((await tc.chain.view((st) => getAccount(st, c.address))).nonce, 1n);
  assert.equal(await nativeOf(tc, b.address), bBefore);
  assert.equal(tc.chain.tip.gasUsed, r.gasUsed);
  await assertSupply(tc);
  // The nonce is used up: the same transaction cannot come again.
  await assertBlockRejects(tc, [tx], 'TX_NONCE_REPLAY');
});

// ---------------------------------------------------------------------------------------------
// Amount overflow

function multiSend(tc: TestChain, from: (typeof tc.keys)[number], outputs: Array<{ to: Uint8Array; amount: bigint }>, nonce: bigint): PreparedTx {
  const body = buildTxBody('bank', 'multiSend', MultiSendParams, { outputs: outputs.map((o) => ({ to: o.to, assetId: 0, amount: o.amount })) }, {
    chainId: tc.params.chainId,
    nonce,
    gasLimit: 200_000n,
    maxFeePerGas: 1_000n,
    maxTipPerGas: 2n,
    senderPublicKey: from.publicKey,
  });
  return signed(body, from.sign);
}

test('TX_AMOUNT_OVERFLOW: multiSend outputs summing above 2^64-1 fail in verify and in the receipt', async () => {
  const tc = await createTestChain();
  const [a, b, c] = tc.keys;
  const half = 1n << 63n;
  const over = multiSend(tc, a, [{ to: b.address, amount: half }, { to: c.address, amount: half }], 0n);
  // Each output fits in u64; only their sum (2^64) overflows.
  await assert.rejects(tc.chain.view((st) => tc.chain.sm.verifyTx(st, over, nextInfo(tc, st))), isTxError('TX_AMOUNT_OVERFLOW'));
  // Exactly 2^64-1 in total is no overflow: the rule that fails is the balance.
  const max = multiSend(tc, a, [{ to: b.address, amount: half }, { to: c.address, amount: half - 1n }], 0n);
  assert.equal(half + half - 1n, MAX_AMOUNT);
  await assert.rejects(tc.chain.view((st) => tc.chain.sm.verifyTx(st, max, nextInfo(tc, st))), isTxError('TX_INSUFFICIENT_BALANCE'));
  // Overflow is a command failure, not a block-validity rule: the block holding it is valid.
  const aBefore = await nativeOf(tc, a.address);
  const bBefore = await nativeOf(tc, b.address);
  assert.equal((await tc.chain.importBlock(await handBlock(tc, [over]))).status, 'connected');
  const r = await tipReceipt(tc);
  assert.equal(r.status, 'failed');
  assert.ok(r.error?.startsWith('TX_AMOUNT_OVERFLOW'), r.error ?? 'no error');
  assert.equal(await nativeOf(tc, a.address), aBefore - r.fee);
  assert.equal(await nativeOf(tc, b.address), bBefore);
  assert.equal((await tc.chain.view((st) => getAccount(st, a.address))).nonce, 1n);
  await assertSupply(tc);
});

test('TX_AMOUNT_OVERFLOW: crediting a recipient above u64 max fails in execution only', async () => {
  const whale = testKey(0, 'whale');
  const params = withAllocations(regtest, [{ address: whale.addressText, amount: MAX_AMOUNT - 5n }]);
  const tc = await createTestChain({ params });
  const [a] = tc.keys;
  assert.equal(await nativeOf(tc, whale.address), MAX_AMOUNT - 5n);
  const over = transfer(tc.chain, a, whale.address, 6n, 0n);
  // The transfer's verify only looks at the sender, so admission accepts it (asserted precisely):
  await assert.doesNotReject(tc.chain.view((st) => tc.chain.sm.verifyTx(st, over, nextInfo(tc, st))));
  const aBefore = await nativeOf(tc, a.address);
  assert.equal((await tc.chain.importBlock(await handBlock(tc, [over]))).status, 'connected');
  const r = await tipReceipt(tc);
  assert.equal(r.status, 'failed');
  assert.ok(r.error?.startsWith('TX_AMOUNT_OVERFLOW'), r.error ?? 'no error');
  assert.equal(await nativeOf(tc, whale.address), MAX_AMOUNT - 5n);
  assert.equal(await nativeOf(tc, a.address), aBefore - r.fee);
  await assertSupply(tc);
  // Up to exactly 2^64-1 is fine.
  const exact = transfer(tc.chain, a, whale.address, 5n, 1n);
  assert.equal((await tc.chain.importBlock(await handBlock(tc, [exact]))).status, 'connected');
  assert.equal((await tipReceipt(tc)).status, 'success');
  assert.equal(await nativeOf(tc, whale.address), MAX_AMOUNT);
  await assertSupply(tc);
});

// ---------------------------------------------------------------------------------------------
// Oversize

test('oversize transaction: the Tx schema bounds a decodable transaction below MAX_TX_BYTES', () => {
  // The largest transaction the schema can express: 32-byte module and command names, full params.
  const body: TxBody = {
    chainId: 0xffffffff,
    module: 'm'.repeat(32),
    command: 'c'.repeat(32),
    nonce: MAX_AMOUNT,
    gasLimit: MAX_AMOUNT,
    maxFeePerGas: MAX_AMOUNT,
    maxTipPerGas: MAX_AMOUNT,
    senderPublicKey: new Uint8Array(33),
    params: new Uint8Array(MAX_PARAMS_BYTES),
  };
  const largest: Tx = { body, signature: new Uint8Array(64) };
  const bytes = encodeTx(largest);
  assert.ok(bytes.length <= MAX_TX_BYTES, `${bytes.length} <= ${MAX_TX_BYTES}`);
  assert.deepEqual(decodeTx(bytes), largest);
  // One more params byte cannot be encoded, nor decoded.
  const tooBig: Tx = { body: { ...body, params: new Uint8Array(MAX_PARAMS_BYTES + 1) }, signature: new Uint8Array(64) };
  assert.throws(() => encodeTx(tooBig), (e: unknown) => e instanceof EncodeError && e.code === 'ENCODE_INVALID');
  const patched = patchParamsLength(bytes, bytes.length - 64 - MAX_PARAMS_BYTES - 4);
  assert.throws(() => decodeTx(patched), (e: unknown) => e instanceof DecodeError && e.code === 'DECODE_OVERSIZE');
  // Raw bytes above MAX_TX_BYTES are refused before parsing.
  assert.throws(() => decodeTx(new Uint8Array(MAX_TX_BYTES + 1)), (e: unknown) => e instanceof DecodeError && e.code === 'DECODE_OVERSIZE');
});

/** Inserts one byte into the params at `lenOffset` (the params' u32 length prefix) and bumps the length. */
function patchParamsLength(bytes: Uint8Array, lenOffset: number): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const len = view.getUint32(lenOffset, true);
  assert.equal(len, MAX_PARAMS_BYTES, 'patch offset points at the params length');
  const out = new Uint8Array(bytes.length + 1);
  out.set(bytes.subarray(0, lenOffset + 4 + len), 0);
  out.set(bytes.subarray(lenOffset + 4 + len), lenOffset + 4 + len + 1);
  new DataView(out.buffer).setUint32(lenOffset, len + 1, true);
  return out;
}

test('oversize transaction inside a block: the block bytes are refused as BLOCK_MALFORMED, not BLOCK_OVERSIZE', async () => {
  const tc = await createTestChain();
  const [a] = tc.keys;
  // A transaction with the largest params the schema allows (they do not decode as a transfer).
  const big = signed({ ...transferBody(tc, a, a.address, 1n), params: new Uint8Array(MAX_PARAMS_BYTES) }, a.sign);
  assert.ok(big.bytes.length <= MAX_TX_BYTES);
  const before = headState(tc);
  const block = await handBlock(tc, [big]);
  const bytes = encodeBlock(block);
  assert.ok(bytes.length < tc.params.maxBlockBytes, 'the block itself is small');
  // Control: at the limit the block decodes and fails on the transaction's params.
  await assert.rejects(tc.chain.importBlock(bytes), (e: unknown) => e instanceof BlockError && e.code === 'BLOCK_INVALID_TX' && e.data.txCode === 'TX_INVALID_PARAMS');
  // One byte over the params limit (the transaction is the block's last, before its signature and the seal).
  const sealBytes = encode(Seal, POW_SEAL).length;
  const over = patchParamsLength(bytes, bytes.length - sealBytes - 64 - MAX_PARAMS_BYTES - 4);
  await assert.rejects(
    tc.chain.importBlock(over),
    (e: unknown) => e instanceof BlockError && e.code === 'BLOCK_MALFORMED' && e.data.decodeCode === 'DECODE_OVERSIZE',
  );
  assert.deepEqual(headState(tc), before);
  assert.equal(tc.chain.index.get(headerHash(block.header))?.status, 'invalid', 'the decodable block was executed and marked invalid');
});
