import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { encode, fromJson, toJson, type Codec } from '../../src/encoding/codec.js';
import { DecodeError } from '../../src/errors.js';
import { encodeAddress } from '../../src/crypto/address.js';
import { address } from '../../src/primitives/address-codec.js';
import { Tx } from '../../src/primitives/tx.js';
import { Header } from '../../src/primitives/header.js';
import { Coinbase } from '../../src/primitives/coinbase.js';
import { Block } from '../../src/primitives/block.js';
import { arbBlock, arbCoinbase, arbHeader, arbTx } from './arbitraries.js';

const kinds: [string, Codec<any>, fc.Arbitrary<any>][] = [
  ['Tx', Tx, arbTx],
  ['Header', Header, arbHeader],
  ['Coinbase', Coinbase, arbCoinbase],
  ['Block', Block, arbBlock],
];

const clone = (j: unknown): any => JSON.parse(JSON.stringify(j));
const rejects = (codec: Codec<any>, j: unknown, why: string, pathPattern?: RegExp) =>
  assert.throws(
    () => fromJson(codec, j),
    (e: unknown) => {
      assert.ok(e instanceof DecodeError, `${why}: expected DecodeError, got ${String(e)}`);
      if (pathPattern) assert.match(e.message, pathPattern, why);
      return true;
    },
    why,
  );

for (const [name, codec, arb] of kinds) {
  test(`${name}: toJson -> JSON text -> fromJson gives the same value and bytes`, () => {
    fc.assert(
      fc.property(arb, (v) => {
        const back = fromJson(codec, JSON.parse(JSON.stringify(toJson(codec, v))));
        assert.deepEqual(back, v);
        assert.deepEqual(encode(codec, back), encode(codec, v));
      }),
      { numRuns: 150 },
    );
  });
}

const sample = <T>(arb: fc.Arbitrary<T>, seed: number): T => fc.sample(arb, { numRuns: 1, seed })[0];

test('Tx fromJson rejects unknown, missing and mistyped fields at any depth', () => {
  const good = toJson(Tx, sample(arbTx, 1));
  assert.ok(fromJson(Tx, clone(good)));
  let j = clone(good);
  j.extra = 1;
  rejects(Tx, j, 'unknown top-level field');
  j = clone(good);
  j.body.fee = '1';
  rejects(Tx, j, 'unknown body field', /body/);
  j = clone(good);
  delete j.signature;
  rejects(Tx, j, 'missing signature', /signature/);
  j = clone(good);
  delete j.body.nonce;
  rejects(Tx, j, 'missing nonce', /body\.nonce/);
  j = clone(good);
  j.body.nonce = '18446744073709551616';
  rejects(Tx, j, 'u64 overflow', /body\.nonce/);
  j = clone(good);
  j.body.chainId = 4294967296;
  rejects(Tx, j, 'u32 overflow', /body\.chainId/);
  j = clone(good);
  j.body.gasLimit = -1;
  rejects(Tx, j, 'negative', /body\.gasLimit/);
  j = clone(good);
  j.body.senderPublicKey = j.body.senderPublicKey.slice(1);
  rejects(Tx, j, 'odd hex public key', /senderPublicKey/);
  j = clone(good);
  j.body.senderPublicKey = j.body.senderPublicKey.slice(2);
  rejects(Tx, j, '32-byte public key', /senderPublicKey/);
  j = clone(good);
  j.body.module = 7;
  rejects(Tx, j, 'number as module', /body\.module/);
  j = clone(good);
  j.body.module = 'x'.repeat(33);
  rejects(Tx, j, 'module over 32 bytes', /body\.module/);
  j = clone(good);
  j.signature = 'zz' + j.signature.slice(2);
  rejects(Tx, j, 'non-hex signature', /signature/);
  rejects(Tx, null, 'null');
  rejects(Tx, [], 'array');
});

test('Coinbase fromJson: beneficiary must be a cw address', () => {
  const good = clone(toJson(Coinbase, sample(arbCoinbase, 2)));
  assert.match(good.beneficiary as string, /^cw1/);
  let j = clone(good);
  j.beneficiary = '00'.repeat(20);
  rejects(Coinbase, j, 'hex instead of an address', /beneficiary/);
  j = clone(good);
  j.beneficiary = (j.beneficiary as string).slice(0, -1) + ((j.beneficiary as string).endsWith('q') ? 'p' : 'q');
  rejects(Coinbase, j, 'bad checksum', /beneficiary/);
  j = clone(good);
  j.beneficiary = 20;
  rejects(Coinbase, j, 'number', /beneficiary/);
  j = clone(good);
  j.extraNonce = '00'.repeat(33);
  rejects(Coinbase, j, 'extranonce over 32 bytes', /extraNonce/);
  j = clone(good);
  j.extraData = '00'.repeat(65);
  rejects(Coinbase, j, 'extra data over 64 bytes', /extraData/);
});

test('address codec: JSON is the bech32m text; binary is the raw 20 bytes', () => {
  const a = Uint8Array.from({ length: 20 }, (_, i) => i);
  assert.equal(toJson(address, a), encodeAddress(a));
  assert.deepEqual(fromJson(address, encodeAddress(a)), a);
  assert.deepEqual(encode(address, a), a);
  for (const bad of [null, 5, '', 'cw1', encodeAddress(a).toUpperCase().slice(0, 10)]) rejects(address, bad, `address ${String(bad)}`);
});

test('Header and Block fromJson reject mistyped hashes and integers', () => {
  const h = toJson(Header, sample(arbHeader, 3));
  let j = clone(h);
  j.prevHash = j.prevHash + '00';
  rejects(Header, j, '33-byte prevHash', /prevHash/);
  j = clone(h);
  j.bits = '0x1d00ffff';
  rejects(Header, j, 'hex integer', /bits/);
  j = clone(h);
  j.nonce = 1.5;
  rejects(Header, j, 'fractional nonce', /nonce/);
  const b = toJson(Block, sample(arbBlock, 4));
  j = clone(b);
  j.txs = {};
  rejects(Block, j, 'txs as an object', /txs/);
  j = clone(b);
  j.header.time = -5;
  rejects(Block, j, 'negative time', /header\.time/);
  j = clone(b);
  delete j.coinbase;
  rejects(Block, j, 'missing coinbase', /coinbase/);
});
