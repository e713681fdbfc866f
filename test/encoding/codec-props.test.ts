import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { bool, bytes, decode, encode, list, optional, str, struct, u16, u32, u64, u8, varBytes, type Codec } from '../../src/encoding/codec.js';
import { bytesToHex } from '../../src/encoding/hex.js';
import { DecodeError, type DecodeErrorCode } from '../../src/errors.js';
import { codecAndValue, leafSpecs, listSpec, optionalSpec, structSpec, type Spec } from './arbitraries.js';

const isDecodeError = (code: DecodeErrorCode) => (e: unknown) => {
  assert.ok(e instanceof DecodeError, `expected DecodeError ${code}, got ${String(e)}`);
  assert.equal(e.code, code, e.message);
  return true;
};

function roundTrip(codec: Codec<any>, v: unknown): void {
  const b = encode(codec, v);
  if (codec.fixedSize !== null) assert.equal(b.length, codec.fixedSize);
  assert.deepEqual(decode(codec, b), v);
  assert.equal(bytesToHex(encode(codec, decode(codec, b))), bytesToHex(b));
}

const perType: [string, Spec][] = [
  ['u8', leafSpecs.u8()],
  ['u16', leafSpecs.u16()],
  ['u32', leafSpecs.u32()],
  ['u64', leafSpecs.u64()],
  ['u128', leafSpecs.u128()],
  ['u256', leafSpecs.u256()],
  ['bool', leafSpecs.bool()],
  ['hash256', leafSpecs.hash256()],
  ['bytes(0)', leafSpecs.bytes(0)],
  ['bytes(33)', leafSpecs.bytes(33)],
  ['varBytes(0)', leafSpecs.varBytes(0)],
  ['varBytes(300)', leafSpecs.varBytes(300)],
  ['str(0)', leafSpecs.str(0)],
  ['str(64)', leafSpecs.str(64)],
  ['enumOf', leafSpecs.enumOf()],
  ['list(u16, 10)', listSpec(leafSpecs.u16(), 10)],
  ['list(str(8), 5)', listSpec(leafSpecs.str(8), 5)],
  ['optional(u64)', optionalSpec(leafSpecs.u64())],
  ['optional(varBytes(5))', optionalSpec(leafSpecs.varBytes(5))],
  [
    'nested struct',
    structSpec([
      leafSpecs.u32(),
      structSpec([leafSpecs.str(16), optionalSpec(structSpec([leafSpecs.bool(), leafSpecs.u256()]))]),
      listSpec(structSpec([leafSpecs.hash256(), leafSpecs.varBytes(4)]), 3),
      leafSpecs.enumOf(),
    ]),
  ],
];

for (const [name, spec] of perType) {
  test(`round trip: ${name}`, () => {
    fc.assert(fc.property(spec.value, (v) => roundTrip(spec.codec, v)), { numRuns: 300 });
  });
}

test('round trip: random nested schemas', () => {
  fc.assert(fc.property(codecAndValue, ([codec, v]) => roundTrip(codec, v)), { numRuns: 500 });
});

test('fixed-width integers are little-endian', () => {
  assert.equal(bytesToHex(encode(u8, 0xab)), 'ab');
  assert.equal(bytesToHex(encode(u16, 0x1234)), '3412');
  assert.equal(bytesToHex(encode(u32, 0x01020304)), '04030201');
  assert.equal(bytesToHex(encode(u64, 0x0102030405060708n)), '0807060504030201');
  assert.equal(bytesToHex(encode(varBytes(8), Uint8Array.of(0xaa, 0xbb))), '02000000aabb');
  assert.equal(bytesToHex(encode(str(8), 'é')), '02000000c3a9');
  assert.equal(bytesToHex(encode(list(u16, 4), [1, 2])), '0200000001000200');
  assert.equal(bytesToHex(encode(optional(u8), null)), '00');
  assert.equal(bytesToHex(encode(optional(u8), 7)), '0107');
  assert.equal(bytesToHex(encode(bool, true)), '01');
});

test('appending any byte to a valid encoding gives DECODE_TRAILING_BYTES', () => {
  fc.assert(
    fc.property(codecAndValue, fc.uint8Array({ minLength: 1, maxLength: 8 }), ([codec, v], extra) => {
      const b = encode(codec, v);
      const longer = new Uint8Array([...b, ...extra]);
      assert.throws(() => decode(codec, longer), isDecodeError('DECODE_TRAILING_BYTES'));
    }),
    { numRuns: 500 },
  );
});

test('every proper prefix of a valid encoding gives DECODE_TRUNCATED', () => {
  fc.assert(
    fc.property(codecAndValue, ([codec, v]) => {
      const b = encode(codec, v);
      for (let cut = 0; cut < b.length; cut++) assert.throws(() => decode(codec, b.subarray(0, cut)), isDecodeError('DECODE_TRUNCATED'));
    }),
    { numRuns: 300 },
  );
});

test('bool accepts only bytes 0 and 1', () => {
  assert.equal(decode(bool, Uint8Array.of(0)), false);
  assert.equal(decode(bool, Uint8Array.of(1)), true);
  for (let b = 2; b < 256; b++) assert.throws(() => decode(bool, Uint8Array.of(b)), isDecodeError('DECODE_NON_CANONICAL'));
});

test('optional tag other than 0 or 1 is DECODE_NON_CANONICAL', () => {
  const c = optional(u8);
  assert.equal(decode(c, Uint8Array.of(0)), null);
  assert.equal(decode(c, Uint8Array.of(1, 9)), 9);
  for (let t = 2; t < 256; t++) assert.throws(() => decode(c, Uint8Array.of(t, 9)), isDecodeError('DECODE_NON_CANONICAL'));
});

test('enum tag beyond the known values is a DecodeError', () => {
  const spec = leafSpecs.enumOf();
  assert.equal(decode(spec.codec, Uint8Array.of(2)), 'blue');
  assert.throws(() => decode(spec.codec, Uint8Array.of(3)), isDecodeError('DECODE_INVALID'));
});

const withLen = (len: number, body: number[]) => {
  const out = new Uint8Array(4 + body.length);
  new DataView(out.buffer).setUint32(0, len, true);
  out.set(body, 4);
  return out;
};

test('invalid UTF-8 is DECODE_NON_CANONICAL', () => {
  const s = str(16);
  const cases: number[][] = [
    [0xff], // never valid
    [0x80], // lone continuation byte
    [0xc0, 0x80], // overlong NUL
    [0xe0, 0x80, 0xaf], // overlong '/'
    [0xed, 0xa0, 0x80], // UTF-16 surrogate half
    [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
    [0xe2, 0x82], // truncated sequence
    [0x61, 0xc3], // truncated at the end
  ];
  for (const c of cases) assert.throws(() => decode(s, withLen(c.length, c)), isDecodeError('DECODE_NON_CANONICAL'), bytesToHex(Uint8Array.from(c)));
  // A byte-order mark is valid UTF-8 and must survive the round trip (not be stripped).
  const bom = decode(s, withLen(4, [0xef, 0xbb, 0xbf, 0x61]));
  assert.equal(bom, '\ufeffa');
  assert.equal(bytesToHex(encode(s, bom)), '04000000efbbbf61');
});

test('str decodes exactly the byte strings that are valid UTF-8 (oracle: Buffer round trip)', () => {
  const s = str(24);
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 24 }), (raw) => {
      const valid = Buffer.from(Buffer.from(raw).toString('utf8'), 'utf8').equals(Buffer.from(raw));
      const input = withLen(raw.length, [...raw]);
      if (valid) {
        const v = decode(s, input);
        assert.equal(bytesToHex(encode(s, v)), bytesToHex(input));
      } else {
        assert.throws(() => decode(s, input), isDecodeError('DECODE_NON_CANONICAL'));
      }
    }),
    { numRuns: 2000 },
  );
});

test('length prefix above the maximum is DECODE_OVERSIZE, checked before reading the body', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 5000 }), (max, over) => {
      const len = max + over;
      // Only the 4-byte prefix is present: had the decoder tried to read the body first, this would be TRUNCATED.
      assert.throws(() => decode(varBytes(max), withLen(len, [])), isDecodeError('DECODE_OVERSIZE'));
      assert.throws(() => decode(str(max), withLen(len, [])), isDecodeError('DECODE_OVERSIZE'));
      assert.throws(() => decode(list(u8, max), withLen(len, [])), isDecodeError('DECODE_OVERSIZE'));
      assert.throws(() => decode(list(varBytes(3), max), withLen(len, [])), isDecodeError('DECODE_OVERSIZE'));
    }),
  );
  // At exactly the maximum the prefix is accepted.
  assert.deepEqual(decode(varBytes(2), withLen(2, [5, 6])), Uint8Array.of(5, 6));
  assert.deepEqual(decode(list(u8, 2), withLen(2, [5, 6])), [5, 6]);
});

test('a 0xffffffff length prefix on a tiny input fails fast without allocating', () => {
  const S = struct('S', { a: u32, b: varBytes(100) });
  const cases: [Codec<any>, DecodeErrorCode][] = [
    [varBytes(1_000_000), 'DECODE_OVERSIZE'],
    [str(1_000_000), 'DECODE_OVERSIZE'],
    [list(u8, 1_000_000), 'DECODE_OVERSIZE'],
    // Maxima that allow the prefix: the body cannot fit, so it must be TRUNCATED, not an allocation.
    [varBytes(0xffffffff), 'DECODE_TRUNCATED'],
    [str(0xffffffff), 'DECODE_TRUNCATED'],
    [list(u8, 0xffffffff), 'DECODE_TRUNCATED'],
    [list(u64, 0xffffffff), 'DECODE_TRUNCATED'],
    [list(S, 0xffffffff), 'DECODE_TRUNCATED'],
    [list(list(u8, 4), 0xffffffff), 'DECODE_TRUNCATED'],
  ];
  const before = process.memoryUsage();
  for (const [codec, code] of cases) {
    for (const tail of [[], [1], [1, 2, 3, 4, 5, 6, 7]]) assert.throws(() => decode(codec, withLen(0xffffffff, tail)), isDecodeError(code), codec.name);
  }
  // A huge length prefix is refused before anything is sized by it.
  const after = process.memoryUsage();
  assert.ok(after.arrayBuffers - before.arrayBuffers < 16 * 1024 * 1024, 'no large buffer was allocated');
  assert.ok(after.heapUsed - before.heapUsed < 64 * 1024 * 1024, 'no array was sized by the claimed length');
});

test('a list count whose items cannot fit is DECODE_TRUNCATED before items are read', () => {
  const c = list(u32, 1000);
  // 10 items of 4 bytes need 40 bytes; only 8 present.
  assert.throws(() => decode(c, withLen(10, [1, 0, 0, 0, 2, 0, 0, 0])), isDecodeError('DECODE_TRUNCATED'));
});

test('decode rejects input longer than maxBytes with DECODE_OVERSIZE', () => {
  assert.throws(() => decode(varBytes(100), withLen(10, new Array(10).fill(0)), 13), isDecodeError('DECODE_OVERSIZE'));
  assert.deepEqual(decode(varBytes(100), withLen(1, [7]), 5), Uint8Array.of(7));
});

test('decode of arbitrary bytes against random schemas: canonical value or DecodeError', () => {
  fc.assert(
    fc.property(codecAndValue, fc.uint8Array({ maxLength: 64 }), ([codec], raw) => {
      let v: unknown;
      try {
        v = decode(codec, raw);
      } catch (e) {
        assert.ok(e instanceof DecodeError, `non-DecodeError: ${String(e)}`);
        return;
      }
      assert.equal(bytesToHex(encode(codec, v)), bytesToHex(raw));
    }),
    { numRuns: 1000 },
  );
});

test('decoded byte fields never alias the input, even when it is a Buffer', () => {
  const S = struct('S', { a: bytes(2), b: varBytes(4) });
  const input = Buffer.from('aabb02000000ccdd', 'hex');
  const v = decode(S, input);
  assert.deepEqual(v, { a: Uint8Array.of(0xaa, 0xbb), b: Uint8Array.of(0xcc, 0xdd) });
  input.fill(0);
  assert.deepEqual(v, { a: Uint8Array.of(0xaa, 0xbb), b: Uint8Array.of(0xcc, 0xdd) }, 'mutating the input changed a decoded value');
  // Likewise for a plain Uint8Array view into a larger buffer.
  const big = new Uint8Array(16);
  big.set([0x11, 0x22, 2, 0, 0, 0, 0x33, 0x44], 4);
  const w = decode(S, big.subarray(4, 12));
  big.fill(0);
  assert.deepEqual(w, { a: Uint8Array.of(0x11, 0x22), b: Uint8Array.of(0x33, 0x44) });
});
