import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Wallet, type WalletFile } from '../../src/wallet/wallet.js';
import { deriveAccount } from '../../src/wallet/hd.js';
import { mnemonicToSeed } from '../../src/wallet/mnemonic.js';
import { WalletError } from '../../src/wallet/errors.js';
import { publicKeyOf, verifyDigest } from '../../src/crypto/keys.js';
import { sha256 } from '../../src/crypto/hash.js';
import { isAddress } from '../../src/crypto/address.js';

const isCode = (code: string) => (e: unknown) => e instanceof WalletError && e.code === code;
const FAST = { n: 2 ** 10 };
const MNEMONIC = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
const DIGEST = sha256(new TextEncoder().encode('a transaction body'));

test('create: 24 words by default, 12 on request, one account to start', () => {
  const w = Wallet.create();
  assert.equal(w.mnemonic.split(' ').length, 24);
  assert.equal(Wallet.create({ words: 12 }).mnemonic.split(' ').length, 12);
  assert.equal(w.name, 'default');
  const [a] = w.accounts();
  assert.equal(w.accounts().length, 1);
  assert.equal(a.index, 0);
  assert.equal(a.label, 'account-0');
  assert.ok(isAddress(a.address));
  assert.notEqual(Wallet.create().accounts()[0].address, a.address);
});

test('fromMnemonic is deterministic and matches hd.deriveAccount; passphrase changes addresses', () => {
  const a = Wallet.fromMnemonic(MNEMONIC);
  const b = Wallet.fromMnemonic(`  ${MNEMONIC.toUpperCase()} `);
  a.addAccount('savings');
  b.addAccount('savings');
  assert.deepEqual(a.accounts(), b.accounts());
  const seed = mnemonicToSeed(MNEMONIC);
  assert.equal(a.account(1).address, deriveAccount(seed, 1).address);
  assert.notEqual(a.account(0).address, a.account(1).address);
  const withPass = Wallet.fromMnemonic(MNEMONIC, { passphrase: 'p' });
  assert.ok(withPass.hasPassphrase && !a.hasPassphrase);
  assert.notEqual(withPass.accounts()[0].address, a.accounts()[0].address);
  assert.throws(() => Wallet.fromMnemonic('legal winner thank'), isCode('WALLET_BAD_MNEMONIC'));
});

test('accounts: lookup by index, label, address or object; labels unique and well formed', () => {
  const w = Wallet.fromMnemonic(MNEMONIC);
  const s = w.addAccount('savings');
  const t = w.addAccount();
  assert.deepEqual([s.index, t.index, t.label], [1, 2, 'account-2']);
  assert.deepEqual(w.account(1), s);
  assert.deepEqual(w.account('savings'), s);
  assert.deepEqual(w.account(s.address), s);
  assert.deepEqual(w.account(s.address.toUpperCase()), s);
  assert.deepEqual(w.account(s), s);
  assert.throws(() => w.account(9), isCode('WALLET_UNKNOWN_ACCOUNT'));
  assert.throws(() => w.account('nope'), isCode('WALLET_UNKNOWN_ACCOUNT'));
  assert.throws(() => w.account(Wallet.create().accounts()[0]), isCode('WALLET_UNKNOWN_ACCOUNT'));
  assert.throws(() => w.addAccount('savings'), isCode('WALLET_BAD_LABEL'));
  assert.throws(() => w.addAccount('  '), isCode('WALLET_BAD_LABEL'));
  assert.throws(() => w.addAccount('123'), isCode('WALLET_BAD_LABEL'));
  assert.throws(() => w.addAccount(s.address), isCode('WALLET_BAD_LABEL'));
  assert.throws(() => w.addAccount('a\nb'), isCode('WALLET_BAD_LABEL'));
  assert.equal(w.renameAccount('savings', 'rainy day').label, 'rainy day');
  assert.equal(w.account('rainy day').index, 1);
  // Returned objects are copies.
  w.accounts()[0].label = 'hacked';
  assert.equal(w.account(0).label, 'account-0');
});

test('secretKeyFor, publicKeyFor and sign agree with crypto/keys', () => {
  const w = Wallet.fromMnemonic(MNEMONIC);
  w.addAccount('two');
  const sk = w.secretKeyFor('two');
  assert.deepEqual(publicKeyOf(sk), w.publicKeyFor(1));
  const sig = w.sign('two', DIGEST);
  assert.equal(sig.length, 64);
  assert.ok(verifyDigest(sig, DIGEST, w.publicKeyFor('two')));
  assert.ok(!verifyDigest(sig, DIGEST, w.publicKeyFor(0)));
  assert.deepEqual(w.sign(1, DIGEST), sig); // RFC 6979: deterministic
  sk.fill(0); // a copy: the wallet still signs
  assert.deepEqual(w.sign(1, DIGEST), sig);
  assert.throws(() => w.sign(0, new Uint8Array(31)), isCode('WALLET_BAD_DIGEST'));
  assert.throws(() => w.sign(5, DIGEST), isCode('WALLET_UNKNOWN_ACCOUNT'));
});

test('secrets stay out of JSON.stringify', () => {
  const w = Wallet.fromMnemonic(MNEMONIC);
  const text = JSON.stringify(w);
  assert.ok(!text.includes('legal'));
  assert.deepEqual(JSON.parse(text), { name: 'default', accounts: w.accounts() });
});

test('toEncrypted / fromEncrypted round trip keeps mnemonic, passphrase, labels and name', async () => {
  const w = Wallet.fromMnemonic(MNEMONIC, { passphrase: 'extra', name: 'main' });
  w.addAccount('savings');
  const file = await w.toEncrypted('pw', FAST);
  assert.equal(file.name, 'main');
  assert.deepEqual(file.accounts, w.accounts());
  assert.equal(file.version, 1);
  assert.ok(!JSON.stringify(file).includes('legal'));
  const back = await Wallet.fromEncrypted(JSON.stringify(file), 'pw');
  assert.equal(back.mnemonic, MNEMONIC);
  assert.equal(back.name, 'main');
  assert.ok(back.hasPassphrase);
  assert.deepEqual(back.accounts(), w.accounts());
  assert.deepEqual(back.sign('savings', DIGEST), w.sign('savings', DIGEST));
  assert.equal((await w.toEncrypted('pw', { ...FAST, name: 'other' })).name, 'other');
});

test('fromEncrypted: wrong password, tampered ciphertext, tampered account list, malformed file', async () => {
  const w = Wallet.fromMnemonic(MNEMONIC);
  w.addAccount('savings');
  const file = await w.toEncrypted('pw', FAST);
  await assert.rejects(Wallet.fromEncrypted(file, 'wrong'), isCode('WALLET_BAD_PASSWORD'));
  const flipped = (parseInt(file.ciphertext.slice(0, 2), 16) ^ 0x80).toString(16).padStart(2, '0') + file.ciphertext.slice(2);
  await assert.rejects(Wallet.fromEncrypted({ ...file, ciphertext: flipped }, 'pw'), isCode('WALLET_BAD_PASSWORD'));
  // Someone swaps in an address they control: caught by re-derivation.
  const other = Wallet.create().accounts()[0].address;
  const swapped: WalletFile = { ...file, accounts: [file.accounts[0], { ...file.accounts[1], address: other }] };
  await assert.rejects(Wallet.fromEncrypted(swapped, 'pw'), (e: unknown) => isCode('WALLET_CORRUPT')(e) && /does not match|lists address/.test((e as Error).message));
  await assert.rejects(Wallet.fromEncrypted('{"version":1', 'pw'), isCode('WALLET_CORRUPT'));
  await assert.rejects(Wallet.fromEncrypted({ ...file, accounts: 'x' }, 'pw'), isCode('WALLET_CORRUPT'));
  await assert.rejects(Wallet.fromEncrypted({ ...file, name: '../etc' }, 'pw'), isCode('WALLET_CORRUPT'));
  await assert.rejects(Wallet.fromEncrypted({ ...file, accounts: [file.accounts[0], file.accounts[0]] }, 'pw'), isCode('WALLET_CORRUPT'));
  const { ciphertext: _c, ...noCipher } = file;
  await assert.rejects(Wallet.fromEncrypted(noCipher, 'pw'), isCode('WALLET_CORRUPT'));
});
