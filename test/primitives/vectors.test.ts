import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { encode, fromJson, hash256, toJson } from '../../src/encoding/codec.js';
import { bytesToHex, hexToBytes } from '../../src/encoding/hex.js';
import { addressOfPublicKey, encodeAddress } from '../../src/crypto/address.js';
import { publicKeyOf, signDigest, verifyDigest } from '../../src/crypto/keys.js';
import { Tx, TxBody, decodeTx, encodeTx, txId, txSender, txSigningDigest } from '../../src/primitives/tx.js';
import { HEADER_BYTES, Header, decodeHeader, encodeHeader, headerHash } from '../../src/primitives/header.js';
import { Coinbase, coinbaseHash, decodeCoinbase, encodeCoinbase, joinCoinbase, splitCoinbase } from '../../src/primitives/coinbase.js';
import { Block, blockMerkleRoot, decodeBlock, encodeBlock, prepareBlock } from '../../src/primitives/block.js';

const load = <T>(name: string): T => JSON.parse(readFileSync(new URL(`../vectors/${name}`, import.meta.url), 'utf8')) as T;
/** sha256d with node:crypto, shown reversed: an oracle independent of src/crypto. */
const sha256dDisplay = (hex: string) => {
  const once = createHash('sha256').update(Buffer.from(hex, 'hex')).digest();
  return Buffer.from(createHash('sha256').update(once).digest()).reverse().toString('hex');
};
const display = (h: Uint8Array) => toJson(hash256, h);

interface Entry {
  name: string;
  json: unknown;
  hex: string;
}

const BITCOIN_GENESIS_HEADER =
  '0100000000000000000000000000000000000000000000000000000000000000000000003ba3edfd7a7b12b27ac72c3e67768f617fc81bc3888a51323a9fb8aa4b1e5e4a29ab5f49ffff001d1dac2b7c';

test('Bitcoin genesis header decodes and hashes to 000000000019d668...', () => {
  const h = decodeHeader(hexToBytes(BITCOIN_GENESIS_HEADER));
  assert.equal(h.version, 1);
  assert.equal(h.time, 1231006505);
  assert.equal(h.bits, 0x1d00ffff);
  assert.equal(h.nonce, 2083236893);
  assert.deepEqual(h.prevHash, new Uint8Array(32));
  assert.equal(display(h.merkleRoot), '4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b');
  assert.equal(display(headerHash(h)), '000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f');
  assert.equal(bytesToHex(encodeHeader(h)), BITCOIN_GENESIS_HEADER);
  const v = load<{ vectors: (Entry & { hash: string })[] }>('header.json').vectors.find((x) => x.name === 'bitcoin genesis');
  assert.ok(v);
  assert.equal(v.hex, BITCOIN_GENESIS_HEADER);
  assert.equal(v.hash, '000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f');
});

test('header.json', () => {
  const { vectors } = load<{ vectors: (Entry & { hash: string })[] }>('header.json');
  assert.ok(vectors.length >= 4);
  for (const v of vectors) {
    const bytes = hexToBytes(v.hex);
    assert.equal(bytes.length, HEADER_BYTES, v.name);
    const h = decodeHeader(bytes);
    assert.deepEqual(h, fromJson(Header, v.json), v.name);
    assert.deepEqual(toJson(Header, h), v.json, v.name);
    assert.equal(bytesToHex(encodeHeader(h)), v.hex, v.name);
    assert.equal(display(headerHash(h)), v.hash, v.name);
    assert.equal(sha256dDisplay(v.hex), v.hash, v.name);
  }
});

test('tx.json: decode, JSON form, re-encode, id, signing digest, signature and sender', () => {
  type V = Entry & { secretKey: string; bodyHex: string; signingDigest: string; id: string; sender: string };
  const { vectors } = load<{ vectors: V[] }>('tx.json');
  assert.ok(vectors.length >= 4);
  for (const v of vectors) {
    const bytes = hexToBytes(v.hex);
    const tx = decodeTx(bytes);
    assert.deepEqual(tx, fromJson(Tx, v.json), v.name);
    assert.deepEqual(toJson(Tx, tx), v.json, v.name);
    assert.equal(bytesToHex(encodeTx(tx)), v.hex, v.name);
    // Layout: the signed body then the 64-byte signature.
    assert.equal(v.hex, v.bodyHex + bytesToHex(tx.signature), v.name);
    assert.equal(bytesToHex(encode(TxBody, tx.body)), v.bodyHex, v.name);
    assert.equal(display(txId(bytes)), v.id, v.name);
    assert.equal(sha256dDisplay(v.hex), v.id, v.name);
    // Signing digest: SHA-256("coinworks/tx/v1" | 0x00 | body).
    const expectedDigest = createHash('sha256').update(Buffer.concat([Buffer.from('coinworks/tx/v1'), Buffer.of(0), Buffer.from(v.bodyHex, 'hex')])).digest('hex');
    assert.equal(v.signingDigest, expectedDigest, v.name);
    assert.equal(bytesToHex(txSigningDigest(tx.body)), v.signingDigest, v.name);
    const sk = hexToBytes(v.secretKey);
    assert.deepEqual(tx.body.senderPublicKey, publicKeyOf(sk), v.name);
    assert.equal(verifyDigest(tx.signature, hexToBytes(v.signingDigest), tx.body.senderPublicKey), true, v.name);
    assert.deepEqual(signDigest(hexToBytes(v.signingDigest), sk), tx.signature, `${v.name}: RFC 6979 reproduces the signature`);
    assert.equal(encodeAddress(txSender(tx)), v.sender, v.name);
  }
});

test('coinbase.json: decode, JSON form, re-encode, hash and Stratum parts', () => {
  type V = Entry & { hash: string; stratum: { extranonce1Size: number; extranonce2Size: number; coinb1: string; coinb2: string } };
  const { vectors } = load<{ vectors: V[] }>('coinbase.json');
  assert.ok(vectors.length >= 3);
  for (const v of vectors) {
    const c = decodeCoinbase(hexToBytes(v.hex));
    assert.deepEqual(c, fromJson(Coinbase, v.json), v.name);
    assert.deepEqual(toJson(Coinbase, c), v.json, v.name);
    assert.equal(bytesToHex(encodeCoinbase(c)), v.hex, v.name);
    assert.equal(display(coinbaseHash(c)), v.hash, v.name);
    assert.equal(sha256dDisplay(v.hex), v.hash, v.name);
    const { coinb1, coinb2 } = splitCoinbase(c, v.stratum.extranonce1Size, v.stratum.extranonce2Size);
    assert.equal(bytesToHex(coinb1), v.stratum.coinb1, v.name);
    assert.equal(bytesToHex(coinb2), v.stratum.coinb2, v.name);
    assert.ok(coinb2.length > 0);
    // Joined with this coinbase's own extranonce (when it has the split's size) the parts give back the vector bytes.
    if (c.extraNonce.length === v.stratum.extranonce1Size + v.stratum.extranonce2Size) {
      const joined = joinCoinbase(coinb1, c.extraNonce.subarray(0, v.stratum.extranonce1Size), c.extraNonce.subarray(v.stratum.extranonce1Size), coinb2);
      assert.equal(bytesToHex(joined), v.hex, v.name);
    }
  }
});

test('block.json: decode, JSON form, re-encode, hash, merkle root and tx ids', () => {
  type V = Entry & { hash: string; merkleRoot: string; txIds: string[] };
  const { vectors } = load<{ vectors: V[] }>('block.json');
  assert.ok(vectors.length >= 3);
  for (const v of vectors) {
    const bytes = hexToBytes(v.hex);
    const b = decodeBlock(bytes);
    assert.deepEqual(b, fromJson(Block, v.json), v.name);
    assert.deepEqual(toJson(Block, b), v.json, v.name);
    assert.equal(bytesToHex(encodeBlock(b)), v.hex, v.name);
    // The header is the first 80 bytes; the hash is over those only.
    assert.equal(bytesToHex(encodeHeader(b.header)), v.hex.slice(0, 160), v.name);
    assert.equal(display(headerHash(b.header)), v.hash, v.name);
    assert.equal(sha256dDisplay(v.hex.slice(0, 160)), v.hash, v.name);
    const p = prepareBlock(b);
    assert.equal(display(p.hash), v.hash, v.name);
    assert.deepEqual(p.txs.map((t) => display(t.id)), v.txIds, v.name);
    assert.equal(display(b.header.merkleRoot), v.merkleRoot, v.name);
    assert.equal(display(blockMerkleRoot(b.coinbase, p.txs.map((t) => t.id))), v.merkleRoot, v.name);
  }
});

test('vector keys are the fixed deterministic ones', () => {
  const { valid } = load<{ valid: { secretKey: string | null; publicKey: string | null; address: string }[] }>('address.json');
  const sks = valid.filter((v) => v.secretKey).map((v) => v.secretKey);
  assert.deepEqual(sks, ['01'.repeat(32), '02'.repeat(32), '03'.repeat(32)]);
  for (const v of valid.filter((x) => x.publicKey)) assert.equal(bytesToHex(addressOfPublicKey(hexToBytes(v.publicKey as string))), v.address);
});
