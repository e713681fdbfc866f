import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { bech32, bech32m } from '@scure/base';
import {
  ADDRESS_LENGTH,
  ADDRESS_PREFIX,
  AddressError,
  addressOfPublicKey,
  decodeAddress,
  encodeAddress,
  isAddress,
} from '../../src/crypto/address.js';
import { publicKeyOf } from '../../src/crypto/keys.js';
import { bytesToHex, hexToBytes } from '../../src/encoding/hex.js';

const isAddressError = (e: unknown) => e instanceof AddressError && e.code === 'ADDRESS_INVALID';
const addr20 = fc.uint8Array({ minLength: ADDRESS_LENGTH, maxLength: ADDRESS_LENGTH });

interface AddressVectors {
  valid: { secretKey: string | null; publicKey: string | null; address: string; text: string }[];
  invalid: { text: string; reason: string }[];
}
const vectors = JSON.parse(readFileSync(new URL('../vectors/address.json', import.meta.url), 'utf8')) as AddressVectors;

test('address of a public key is the first 20 bytes of its SHA-256', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 33, maxLength: 33 }), (pk) => {
      const expected = createHash('sha256').update(pk).digest().subarray(0, 20);
      assert.equal(bytesToHex(addressOfPublicKey(pk)), expected.toString('hex'));
    }),
  );
});

test('encode/decode round trip with the cw prefix', () => {
  fc.assert(
    fc.property(addr20, (a) => {
      const text = encodeAddress(a);
      assert.ok(text.startsWith(ADDRESS_PREFIX + '1'));
      assert.equal(text, text.toLowerCase());
      assert.deepEqual(decodeAddress(text), a);
      assert.ok(isAddress(text));
      // bech32 is case-insensitive as a whole (but never mixed case).
      assert.deepEqual(decodeAddress(text.toUpperCase()), a);
    }),
  );
});

test('encodeAddress rejects anything but 20 bytes', () => {
  for (const n of [0, 19, 21, 32, 33]) assert.throws(() => encodeAddress(new Uint8Array(n)), isAddressError);
});

test('wrong prefix is AddressError', () => {
  fc.assert(
    fc.property(addr20, fc.constantFrom('bc', 'tb', 'cx', 'c', 'cww', 'lsk'), (a, prefix) => {
      const text = bech32m.encode(prefix, bech32m.toWords(a));
      assert.throws(() => decodeAddress(text), isAddressError);
      assert.equal(isAddress(text), false);
    }),
  );
});

test('bech32 (not bech32m) checksum is AddressError', () => {
  fc.assert(
    fc.property(addr20, (a) => {
      assert.throws(() => decodeAddress(bech32.encode(ADDRESS_PREFIX, bech32.toWords(a))), isAddressError);
    }),
  );
});

test('any single-character change is detected (AddressError)', () => {
  const charset = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
  fc.assert(
    fc.property(addr20, fc.nat(), fc.integer({ min: 1, max: 31 }), (a, posSeed, shift) => {
      const text = encodeAddress(a);
      const pos = 3 + (posSeed % (text.length - 3)); // a data or checksum character
      const c = charset[(charset.indexOf(text[pos]) + shift) % 32];
      const mutated = text.slice(0, pos) + c + text.slice(pos + 1);
      assert.throws(() => decodeAddress(mutated), isAddressError, mutated);
    }),
    { numRuns: 300 },
  );
});

test('wrong payload length is AddressError', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 40 }).filter((n) => n !== ADDRESS_LENGTH), fc.nat(), (n, seed) => {
      const payload = Uint8Array.from({ length: n }, (_, i) => (seed + i * 7) & 0xff);
      assert.throws(() => decodeAddress(bech32m.encode(ADDRESS_PREFIX, bech32m.toWords(payload))), isAddressError);
    }),
  );
});

test('word counts that are not a whole number of bytes (bad padding) are AddressError, not a plain Error', () => {
  // 33 five-bit words = 165 bits: 20 bytes plus a whole spare word ("excess padding").
  assert.throws(() => decodeAddress(bech32m.encode(ADDRESS_PREFIX, new Array(33).fill(0))), isAddressError);
  // 31 words = 155 bits with non-zero padding bits.
  assert.throws(() => decodeAddress(bech32m.encode(ADDRESS_PREFIX, [...new Array(30).fill(0), 1])), isAddressError);
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 31 }), { minLength: 0, maxLength: 60 }), (words) => {
      const text = bech32m.encode(ADDRESS_PREFIX, words);
      try {
        const a = decodeAddress(text);
        assert.equal(a.length, ADDRESS_LENGTH);
        assert.equal(encodeAddress(a), text);
      } catch (e) {
        assert.ok(isAddressError(e), `expected AddressError, got ${String(e)}`);
      }
    }),
    { numRuns: 500 },
  );
});

test('malformed text is AddressError', () => {
  const good = encodeAddress(new Uint8Array(20).fill(7));
  const mixed = good.slice(0, 5) + good.slice(5, 6).toUpperCase() + good.slice(6);
  for (const bad of ['', 'cw1', 'cw', good.slice(0, -1), good + 'q', mixed, ' ' + good, good.replace('1', 'b'), 'cw1' + 'q'.repeat(100)]) {
    assert.throws(() => decodeAddress(bad), isAddressError, JSON.stringify(bad));
  }
  assert.throws(() => decodeAddress(42 as unknown as string), isAddressError);
});

test('golden address vectors', () => {
  assert.ok(vectors.valid.length >= 3 && vectors.invalid.length >= 5);
  for (const v of vectors.valid) {
    if (v.secretKey) assert.equal(bytesToHex(publicKeyOf(hexToBytes(v.secretKey))), v.publicKey);
    if (v.publicKey) assert.equal(bytesToHex(addressOfPublicKey(hexToBytes(v.publicKey))), v.address);
    assert.equal(encodeAddress(hexToBytes(v.address)), v.text);
    assert.equal(bytesToHex(decodeAddress(v.text)), v.address);
  }
  for (const v of vectors.invalid) assert.throws(() => decodeAddress(v.text), isAddressError, `${v.reason}: ${v.text}`);
});
