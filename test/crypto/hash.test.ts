import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { sha256, sha256d, taggedHash } from '../../src/crypto/hash.js';
import { bytesToHex } from '../../src/encoding/hex.js';

const nodeSha = (b: Uint8Array) => createHash('sha256').update(b).digest();
const utf8 = (s: string) => new TextEncoder().encode(s);

test('sha256 known answers (FIPS 180-2)', () => {
  assert.equal(bytesToHex(sha256(new Uint8Array(0))), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.equal(bytesToHex(sha256(utf8('abc'))), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.equal(
    bytesToHex(sha256(utf8('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))),
    '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
  );
});

test('sha256 and sha256d agree with node:crypto (noble default implementation)', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
      assert.equal(bytesToHex(sha256(b)), nodeSha(b).toString('hex'));
      assert.equal(bytesToHex(sha256d(b)), nodeSha(nodeSha(b)).toString('hex'));
    }),
    { numRuns: 300 },
  );
});

test('taggedHash is sha256(tag | 0x00 | data) and separates tags', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 20 }), fc.uint8Array({ maxLength: 64 }), (tag, data) => {
      const expected = nodeSha(Buffer.concat([Buffer.from(tag, 'utf8'), Buffer.of(0), Buffer.from(data)]));
      assert.equal(bytesToHex(taggedHash(tag, data)), expected.toString('hex'));
    }),
  );
  // The separator keeps "ab" + "c..." apart from "a" + "bc...".
  assert.notDeepEqual(taggedHash('ab', utf8('c')), taggedHash('a', utf8('bc')));
});
