import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateMnemonic, isValidMnemonic, mnemonicToSeed, normalizeMnemonic, validateMnemonic } from '../../src/wallet/mnemonic.js';
import { WalletError } from '../../src/wallet/errors.js';
import { bytesToHex } from '../../src/encoding/hex.js';

const isCode = (code: string) => (e: unknown) => e instanceof WalletError && e.code === code;
const ZERO12 = `${'abandon '.repeat(11)}about`;

test('generates valid 24-word (default) and 12-word mnemonics, each different', () => {
  const a = generateMnemonic();
  const b = generateMnemonic();
  assert.equal(a.split(' ').length, 24);
  assert.notEqual(a, b);
  assert.equal(validateMnemonic(a), a);
  const c = generateMnemonic(12);
  assert.equal(c.split(' ').length, 12);
  assert.ok(isValidMnemonic(c));
  assert.throws(() => generateMnemonic(18 as 12), isCode('WALLET_BAD_PARAMS'));
});

test('BIP-39 reference vectors (Trezor, passphrase "TREZOR")', () => {
  assert.equal(
    bytesToHex(mnemonicToSeed(ZERO12, 'TREZOR')),
    'c55257c360c07c72029aebc1b53c05ed0362ada38ead3e3e9efa3708e53495531f09a6987599d18264c1e1c92f2cf141630c7a3c4ab7c81b2f001698e7463b04',
  );
  assert.equal(
    bytesToHex(mnemonicToSeed(`${'abandon '.repeat(23)}art`, 'TREZOR')),
    'bda85446c68413707090a52022edd26a1c9462295029f2e60cd7c4f2bbd3097170af7a4d73245cafa9c3cca8d561a7c3de6f5d4a10be8ed2a5e608d68f92fcc8',
  );
});

test('passphrase changes the seed; no passphrase is the empty one', () => {
  assert.notEqual(bytesToHex(mnemonicToSeed(ZERO12)), bytesToHex(mnemonicToSeed(ZERO12, 'x')));
  assert.equal(bytesToHex(mnemonicToSeed(ZERO12)), bytesToHex(mnemonicToSeed(ZERO12, '')));
});

test('normalizes case and whitespace', () => {
  const messy = `  ${ZERO12.toUpperCase().replace(/ /g, ' \n\t ')}  `;
  assert.equal(normalizeMnemonic(messy), ZERO12);
  assert.equal(validateMnemonic(messy), ZERO12);
  assert.equal(bytesToHex(mnemonicToSeed(messy)), bytesToHex(mnemonicToSeed(ZERO12)));
});

test('rejects wrong word count, unknown words and bad checksum with clear messages', () => {
  assert.throws(() => validateMnemonic('abandon '.repeat(10) + 'about'), (e: unknown) => isCode('WALLET_BAD_MNEMONIC')(e) && /12, 15, 18, 21 or 24 words, got 11/.test((e as Error).message));
  assert.throws(() => validateMnemonic(''), isCode('WALLET_BAD_MNEMONIC'));
  const unknown = ZERO12.replace(/^abandon abandon/, 'abandon zzzzqq');
  assert.throws(
    () => validateMnemonic(unknown),
    (e: unknown) => isCode('WALLET_BAD_MNEMONIC')(e) && /#2 is not in the BIP-39 English word list/.test((e as Error).message) && !(e as Error).message.includes('zzzzqq'),
  );
  assert.throws(() => validateMnemonic('abandon '.repeat(11) + 'abandon'), (e: unknown) => isCode('WALLET_BAD_MNEMONIC')(e) && /checksum/.test((e as Error).message));
  assert.equal(isValidMnemonic(ZERO12.replace(/about$/, 'above')), false);
  assert.equal(isValidMnemonic('abandon '.repeat(11) + 'abandon'), false);
  assert.throws(() => mnemonicToSeed('abandon '.repeat(12)), isCode('WALLET_BAD_MNEMONIC'));
  assert.throws(() => validateMnemonic(42 as unknown as string), isCode('WALLET_BAD_MNEMONIC'));
});
