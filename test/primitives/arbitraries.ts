/** fast-check arbitraries for the primitives (sizes kept small so properties stay fast). */
import fc from 'fast-check';
import type { Tx, TxBody } from '../../src/primitives/tx.js';
import type { Header } from '../../src/primitives/header.js';
import type { Coinbase } from '../../src/primitives/coinbase.js';
import type { Block } from '../../src/primitives/block.js';
import { utf8String } from '../encoding/arbitraries.js';

const u32 = fc.oneof(fc.integer({ min: 0, max: 0xffffffff }), fc.constantFrom(0, 0xffffffff));
const u64 = fc.oneof(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), fc.constantFrom(0n, (1n << 64n) - 1n));
const fixed = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });

export const arbHeader: fc.Arbitrary<Header> = fc.record({
  version: u32,
  prevHash: fixed(32),
  merkleRoot: fixed(32),
  time: u32,
  bits: u32,
  nonce: u32,
}, { noNullPrototype: true });

export const arbTxBody: fc.Arbitrary<TxBody> = fc.record({
  chainId: u32,
  module: utf8String(32),
  command: utf8String(32),
  nonce: u64,
  gasLimit: u64,
  maxFeePerGas: u64,
  maxTipPerGas: u64,
  senderPublicKey: fixed(33),
  params: fc.uint8Array({ maxLength: 80 }),
}, { noNullPrototype: true });

/** Transactions with arbitrary (not necessarily valid) signatures: the codec does not check them. */
export const arbTx: fc.Arbitrary<Tx> = fc.record({ body: arbTxBody, signature: fixed(64) }, { noNullPrototype: true });

export const arbCoinbase: fc.Arbitrary<Coinbase> = fc.record({
  chainId: u32,
  height: u64,
  beneficiary: fixed(20),
  stateRoot: fixed(32),
  receiptsRoot: fixed(32),
  gasUsed: u64,
  baseFeePerGas: u64,
  consensus: fc.uint8Array({ maxLength: 40 }),
  extraNonce: fc.uint8Array({ maxLength: 32 }),
  extraData: fc.uint8Array({ maxLength: 64 }),
}, { noNullPrototype: true });

export const arbSeal: fc.Arbitrary<Block['seal']> = fc.record({ kind: fc.integer({ min: 0, max: 255 }), data: fc.uint8Array({ maxLength: 80 }) }, { noNullPrototype: true });

export const arbBlock: fc.Arbitrary<Block> = fc.record({ header: arbHeader, coinbase: arbCoinbase, txs: fc.array(arbTx, { maxLength: 3 }), seal: arbSeal }, { noNullPrototype: true });
