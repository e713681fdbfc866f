/**
 * Robustness of the public decoders: arbitrary or mutated bytes give either a value that re-encodes to
 * exactly the input, or a DecodeError — never another error type, never a hang (sizes are bounded).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decode, encode, type Codec } from '../../src/encoding/codec.js';
import { bytesToHex } from '../../src/encoding/hex.js';
import { DecodeError, type DecodeErrorCode } from '../../src/errors.js';
import { Tx, decodeTx, encodeTx, MAX_TX_BYTES } from '../../src/primitives/tx.js';
import { Header, decodeHeader, encodeHeader, HEADER_BYTES } from '../../src/primitives/header.js';
import { Coinbase, decodeCoinbase, encodeCoinbase } from '../../src/primitives/coinbase.js';
import { Block, decodeBlock, encodeBlock, POW_SEAL, Seal } from '../../src/primitives/block.js';
import { arbBlock, arbCoinbase, arbHeader, arbTx } from './arbitraries.js';

interface Kind {
  name: string;
  codec: Codec<any>;
  decode: (b: Uint8Array) => unknown;
  encode: (v: any) => Uint8Array;
  arb: fc.Arbitrary<unknown>;
}
const kinds: Kind[] = [
  { name: 'Tx', codec: Tx, decode: decodeTx, encode: encodeTx, arb: arbTx },
  { name: 'Header', codec: Header, decode: decodeHeader, encode: encodeHeader, arb: arbHeader },
  { name: 'Coinbase', codec: Coinbase, decode: decodeCoinbase, encode: encodeCoinbase, arb: arbCoinbase },
  { name: 'Block', codec: Block, decode: decodeBlock, encode: encodeBlock, arb: arbBlock },
];

const isDecodeError = (code: DecodeErrorCode) => (e: unknown) => {
  assert.ok(e instanceof DecodeError, `expected DecodeError ${code}, got ${String(e)}`);
  assert.equal(e.code, code, e.message);
  return true;
};

/** Either a canonical value or a DecodeError; returns whether it decoded. */
function decodesCanonicallyOrThrowsDecodeError(k: Kind, raw: Uint8Array): boolean {
  let v: unknown;
  try {
    v = k.decode(raw);
  } catch (e) {
    assert.ok(e instanceof DecodeError, `${k.name}: non-DecodeError ${String(e)}`);
    return false;
  }
  assert.equal(bytesToHex(k.encode(v)), bytesToHex(raw), `${k.name}: decoded value does not re-encode to the input`);
  return true;
}

type Edit = { op: 'set'; at: number; byte: number } | { op: 'insert'; at: number; byte: number } | { op: 'delete'; at: number };
const arbEdit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
);
function applyEdits(b: Uint8Array, edits: Edit[]): Uint8Array {
  const out = [...b];
  for (const e of edits) {
    const at = out.length === 0 ? 0 : e.at % (out.length + (e.op === 'insert' ? 1 : 0));
    if (e.op === 'set' && out.length > 0) out[at] = e.byte;
    else if (e.op === 'insert') out.splice(at, 0, e.byte);
    else if (e.op === 'delete' && out.length > 0) out.splice(at, 1);
  }
  return Uint8Array.from(out);
}

for (const k of kinds) {
  test(`${k.name}: round trip of arbitrary values`, () => {
    fc.assert(
      fc.property(k.arb, (v) => {
        const b = k.encode(v);
        assert.deepEqual(k.decode(b), v);
        assert.equal(bytesToHex(k.encode(k.decode(b))), bytesToHex(b));
      }),
      { numRuns: 150 },
    );
  });

  test(`${k.name}: arbitrary garbage decodes canonically or throws DecodeError`, { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (raw) => {
        decodesCanonicallyOrThrowsDecodeError(k, raw);
      }),
      { numRuns: 1500 },
    );
  });

  test(`${k.name}: mutated valid encodings decode canonically or throw DecodeError`, { timeout: 120_000 }, () => {
    let decoded = 0;
    fc.assert(
      fc.property(k.arb, fc.array(arbEdit, { minLength: 1, maxLength: 4 }), (v, edits) => {
        if (decodesCanonicallyOrThrowsDecodeError(k, applyEdits(k.encode(v), edits))) decoded++;
      }),
      { numRuns: 600 },
    );
    // Byte replacements inside fixed-width fields keep the encoding valid, so some mutants must decode:
    // this guards against a decoder that rejects everything.
    assert.ok(decoded > 0, `${k.name}: no mutant decoded`);
  });

  test(`${k.name}: appending a byte gives DECODE_TRAILING_BYTES`, () => {
    fc.assert(
      fc.property(k.arb, fc.integer({ min: 0, max: 255 }), (v, extra) => {
        const longer = new Uint8Array([...k.encode(v), extra]);
        assert.throws(() => decode(k.codec, longer), isDecodeError('DECODE_TRAILING_BYTES'));
        // decodeHeader caps its input at exactly 80 bytes, so there the size check fires first.
        assert.throws(() => k.decode(longer), isDecodeError(k.name === 'Header' ? 'DECODE_OVERSIZE' : 'DECODE_TRAILING_BYTES'));
      }),
      { numRuns: 150 },
    );
  });

  test(`${k.name}: truncating gives DECODE_TRUNCATED`, () => {
    fc.assert(
      fc.property(k.arb, fc.nat(), (v, seed) => {
        const b = k.encode(v);
        const cut = seed % b.length;
        assert.throws(() => k.decode(b.subarray(0, cut)), isDecodeError('DECODE_TRUNCATED'));
      }),
      { numRuns: 300 },
    );
  });
}

test('Header: every 80-byte string is a valid header and re-encodes to itself', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: HEADER_BYTES, maxLength: HEADER_BYTES }), (raw) => {
      assert.equal(bytesToHex(encodeHeader(decodeHeader(raw))), bytesToHex(raw));
    }),
  );
  // decodeHeader caps its input at 80 bytes, so a longer input is rejected as oversize before parsing.
  assert.throws(() => decodeHeader(new Uint8Array(81)), isDecodeError('DECODE_OVERSIZE'));
});

test('Tx: input over MAX_TX_BYTES is DECODE_OVERSIZE', () => {
  assert.throws(() => decodeTx(new Uint8Array(MAX_TX_BYTES + 1)), isDecodeError('DECODE_OVERSIZE'));
});

test('Block: a 0xffffffff or 100001 transaction count on a tiny block fails fast', () => {
  const base = encodeBlock({
    header: { version: 0, prevHash: new Uint8Array(32), merkleRoot: new Uint8Array(32), time: 0, bits: 0, nonce: 0 },
    coinbase: {
      chainId: 0,
      height: 0n,
      beneficiary: new Uint8Array(20),
      stateRoot: new Uint8Array(32),
      receiptsRoot: new Uint8Array(32),
      gasUsed: 0n,
      baseFeePerGas: 0n,
      consensus: new Uint8Array(0),
      extraNonce: new Uint8Array(0),
      extraData: new Uint8Array(0),
    },
    txs: [],
    seal: POW_SEAL,
  });
  // The transaction count sits just before the seal.
  const sealBytes = encode(Seal, POW_SEAL).length;
  const withCount = (n: number) => {
    const b = Uint8Array.from(base);
    new DataView(b.buffer).setUint32(b.length - sealBytes - 4, n, true);
    return b;
  };
  // Fails before allocating for the claimed count (heap growth, not time, is what is asserted).
  const before = process.memoryUsage();
  assert.throws(() => decodeBlock(withCount(0xffffffff)), isDecodeError('DECODE_OVERSIZE'));
  assert.throws(() => decodeBlock(withCount(100_001)), isDecodeError('DECODE_OVERSIZE'));
  assert.throws(() => decodeBlock(withCount(100_000)), isDecodeError('DECODE_TRUNCATED'));
  assert.throws(() => decodeBlock(withCount(1)), isDecodeError('DECODE_TRUNCATED'));
  const after = process.memoryUsage();
  assert.ok(after.arrayBuffers - before.arrayBuffers < 16 * 1024 * 1024, 'no large buffer was allocated');
  assert.ok(after.heapUsed - before.heapUsed < 64 * 1024 * 1024, 'no array was sized by the claimed count');
});
