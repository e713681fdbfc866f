import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decryptSecret, decryptSecretText, DEFAULT_SCRYPT_N, encryptSecret, parseKeystore, type Keystore } from '../../src/wallet/keystore.js';
import { WalletError } from '../../src/wallet/errors.js';

const isCode = (code: string) => (e: unknown) => e instanceof WalletError && e.code === code;
const FAST = { n: 2 ** 10 };
const SECRET = 'legal winner thank year wave sausage worth useful legal winner thank yellow';

/** Flips one bit of a hex field. */
function flipHex(hex: string, byte = 0): string {
  const b = parseInt(hex.slice(byte * 2, byte * 2 + 2), 16) ^ 1;
  return hex.slice(0, byte * 2) + b.toString(16).padStart(2, '0') + hex.slice(byte * 2 + 2);
}

test('round trip; JSON shape as documented; fresh salt and nonce each time', async () => {
  const ks = await encryptSecret(SECRET, 'correct horse', FAST);
  assert.deepEqual(Object.keys(ks).sort(), ['cipher', 'ciphertext', 'kdf', 'kdfparams', 'nonce', 'version']);
  assert.equal(ks.version, 1);
  assert.equal(ks.kdf, 'scrypt');
  assert.equal(ks.cipher, 'aes-256-gcm');
  assert.deepEqual({ n: ks.kdfparams.n, r: ks.kdfparams.r, p: ks.kdfparams.p }, { n: 1024, r: 8, p: 1 });
  assert.match(ks.kdfparams.salt, /^[0-9a-f]{64}$/);
  assert.match(ks.nonce, /^[0-9a-f]{24}$/);
  assert.equal(ks.ciphertext.length, (new TextEncoder().encode(SECRET).length + 16) * 2);
  assert.ok(!JSON.stringify(ks).includes('legal'));
  // Survives a trip through JSON text.
  assert.equal(await decryptSecretText(JSON.stringify(ks), 'correct horse'), SECRET);
  const again = await encryptSecret(SECRET, 'correct horse', FAST);
  assert.notEqual(again.kdfparams.salt, ks.kdfparams.salt);
  assert.notEqual(again.nonce, ks.nonce);
  assert.notEqual(again.ciphertext, ks.ciphertext);
  const bytes = await decryptSecret(await encryptSecret(new Uint8Array([0, 1, 255]), 'pw', FAST), 'pw');
  assert.deepEqual(bytes, new Uint8Array([0, 1, 255]));
});

test('default scrypt cost is N = 2^15, r = 8, p = 1', async () => {
  assert.equal(DEFAULT_SCRYPT_N, 32768);
  const ks = await encryptSecret('s', 'pw');
  assert.deepEqual({ n: ks.kdfparams.n, r: ks.kdfparams.r, p: ks.kdfparams.p }, { n: 32768, r: 8, p: 1 });
  assert.equal(await decryptSecretText(ks, 'pw'), 's');
});

test('wrong password is WALLET_BAD_PASSWORD', async () => {
  const ks = await encryptSecret(SECRET, 'correct horse', FAST);
  await assert.rejects(decryptSecret(ks, 'correct hors'), isCode('WALLET_BAD_PASSWORD'));
  await assert.rejects(decryptSecret(ks, ''), isCode('WALLET_BAD_PASSWORD'));
  await assert.rejects(encryptSecret(SECRET, '', FAST), isCode('WALLET_BAD_PASSWORD'));
});

test('tampered ciphertext, tag, nonce, salt or cost is rejected', async () => {
  const ks = await encryptSecret(SECRET, 'pw', FAST);
  const tampered: Keystore[] = [
    { ...ks, ciphertext: flipHex(ks.ciphertext, 0) },
    { ...ks, ciphertext: flipHex(ks.ciphertext, ks.ciphertext.length / 2 - 1) }, // tag
    { ...ks, ciphertext: ks.ciphertext.slice(0, -2) }, // truncated
    { ...ks, nonce: flipHex(ks.nonce) },
    { ...ks, kdfparams: { ...ks.kdfparams, salt: flipHex(ks.kdfparams.salt) } },
    { ...ks, kdfparams: { ...ks.kdfparams, n: 2048 } },
  ];
  for (const t of tampered) {
    await assert.rejects(decryptSecret(t, 'pw'), (e: unknown) => isCode('WALLET_BAD_PASSWORD')(e) && /modified/.test((e as Error).message));
  }
});

test('malformed keystores are WALLET_CORRUPT with the reason', async () => {
  const ks = await encryptSecret(SECRET, 'pw', FAST);
  const cases: [unknown, RegExp][] = [
    ['{not json', /not valid JSON/],
    ['[]', /not a JSON object/],
    [null, /not a JSON object/],
    [{ ...ks, version: 2 }, /unsupported version 2/],
    [{ ...ks, kdf: 'pbkdf2' }, /unsupported kdf/],
    [{ ...ks, cipher: 'aes-128-ctr' }, /unsupported cipher/],
    [{ ...ks, kdfparams: undefined }, /"kdfparams" must be an object/],
    [{ ...ks, kdfparams: { ...ks.kdfparams, n: 1000 } }, /power of two/],
    [{ ...ks, kdfparams: { ...ks.kdfparams, n: 2 ** 30 } }, /memory/],
    [{ ...ks, kdfparams: { ...ks.kdfparams, r: 0 } }, /scrypt r/],
    [{ ...ks, kdfparams: { ...ks.kdfparams, salt: 'xyz' } }, /"salt" is not valid hex/],
    [{ ...ks, kdfparams: { ...ks.kdfparams, salt: 'abcd' } }, /"salt" must be 16 to 64 bytes/],
    [{ ...ks, nonce: ks.nonce + '00' }, /"nonce" must be 12 bytes/],
    [{ ...ks, ciphertext: 42 }, /"ciphertext" must be a hex string/],
    [{ ...ks, ciphertext: 'ab'.repeat(16) }, /"ciphertext" must be/],
  ];
  for (const [input, re] of cases) {
    assert.throws(() => parseKeystore(input), (e: unknown) => isCode('WALLET_CORRUPT')(e) && re.test((e as Error).message), String(re));
    await assert.rejects(decryptSecret(input, 'pw'), isCode('WALLET_CORRUPT'));
  }
});

test('bad encryption parameters are refused', async () => {
  await assert.rejects(encryptSecret(SECRET, 'pw', { n: 1000 }), isCode('WALLET_BAD_PARAMS'));
  await assert.rejects(encryptSecret('', 'pw', FAST), isCode('WALLET_BAD_PARAMS'));
});
