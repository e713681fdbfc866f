import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COIN_TYPE, deriveAccount, derivationPath, masterKey } from '../../src/wallet/hd.js';
import { mnemonicToSeed } from '../../src/wallet/mnemonic.js';
import { WalletError } from '../../src/wallet/errors.js';
import { publicKeyOf, signDigest, verifyDigest } from '../../src/crypto/keys.js';
import { addressOfPublicKey, decodeAddress, encodeAddress, isAddress } from '../../src/crypto/address.js';
import { bytesToHex, hexToBytes } from '../../src/encoding/hex.js';
import { sha256 } from '../../src/crypto/hash.js';

const isCode = (code: string) => (e: unknown) => e instanceof WalletError && e.code === code;
const MNEMONIC = `${'abandon '.repeat(23)}art`;

test('BIP-32 test vector 1 (seed 000102...0f): master key and m/0H', () => {
  const m = masterKey(hexToBytes('000102030405060708090a0b0c0d0e0f'));
  assert.equal(m.privateExtendedKey, 'xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi');
  assert.equal(m.derive("m/0'").privateExtendedKey, 'xprv9uHRZZhk6KAJC1avXpDAp4MDc3sQKNxDiPvvkX8Br5ngLNv1TxvUxt4cV1rGL5hj6KCesnDYUhd7oWgT11eZG7XnxHrnYeSvkzY7d2bhkJ7');
});

test('paths follow m/44\'/8645\'/<account>\'/0/<index>', () => {
  assert.equal(COIN_TYPE, 8645);
  assert.equal(derivationPath(0), "m/44'/8645'/0'/0/0");
  assert.equal(derivationPath(7, 2), "m/44'/8645'/2'/0/7");
  assert.throws(() => derivationPath(-1), isCode('WALLET_BAD_INDEX'));
  assert.throws(() => derivationPath(1.5), isCode('WALLET_BAD_INDEX'));
  assert.throws(() => derivationPath(2 ** 31), isCode('WALLET_BAD_INDEX'));
  assert.throws(() => masterKey(new Uint8Array(8)), isCode('WALLET_BAD_SEED'));
});

test('derived keys are consistent with crypto/keys and crypto/address', () => {
  const seed = mnemonicToSeed(MNEMONIC);
  const a = deriveAccount(seed, 0);
  assert.equal(a.index, 0);
  assert.equal(a.path, "m/44'/8645'/0'/0/0");
  assert.equal(a.secretKey.length, 32);
  assert.equal(a.publicKey.length, 33);
  assert.ok(a.publicKey[0] === 2 || a.publicKey[0] === 3);
  assert.deepEqual(a.publicKey, publicKeyOf(a.secretKey));
  assert.equal(a.address, encodeAddress(addressOfPublicKey(a.publicKey)));
  assert.ok(a.address.startsWith('cw1') && isAddress(a.address));
  assert.deepEqual(decodeAddress(a.address), addressOfPublicKey(a.publicKey));
  // Same bytes as deriving the path by hand with BIP-32.
  assert.deepEqual(a.secretKey, masterKey(seed).derive("m/44'/8645'/0'/0/0").privateKey);
  const digest = sha256(new TextEncoder().encode('hello'));
  assert.ok(verifyDigest(signDigest(digest, a.secretKey), digest, a.publicKey));
});

test('derivation is deterministic; index, account and passphrase each change the key', () => {
  const seed = mnemonicToSeed(MNEMONIC);
  const a0 = deriveAccount(seed, 0);
  const again = deriveAccount(mnemonicToSeed(MNEMONIC), 0);
  assert.equal(again.address, a0.address);
  assert.equal(bytesToHex(again.secretKey), bytesToHex(a0.secretKey));
  const seen = new Set([a0.address]);
  for (let i = 1; i < 5; i++) seen.add(deriveAccount(seed, i).address);
  seen.add(deriveAccount(seed, 0, 1).address);
  seen.add(deriveAccount(mnemonicToSeed(MNEMONIC, 'extra'), 0).address);
  assert.equal(seen.size, 7);
});
