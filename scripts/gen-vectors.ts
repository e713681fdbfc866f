/**
 * Generates the golden vectors in test/vectors/*.json from fixed deterministic inputs (secret keys
 * 0x01..01, 0x02..02, 0x03..03; RFC 6979 signatures). Run once and commit the output:
 *
 *   node --import tsx scripts/gen-vectors.ts           # (re)write the files
 *   node --import tsx scripts/gen-vectors.ts --check   # exit 1 if the files differ from what the code produces now
 *
 * The vector tests never call this script: they decode the stored hex, compare it with the stored JSON
 * form, re-encode, and recompute hashes, so a change in any encoding shows up as a failing test.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { bech32, bech32m } from '@scure/base';
import { encode, toJson, type Codec } from '../src/encoding/codec.js';
import { bytesToHex, hexToBytes } from '../src/encoding/hex.js';
import { sha256, sha256d } from '../src/crypto/hash.js';
import { publicKeyOf, signDigest } from '../src/crypto/keys.js';
import { ADDRESS_PREFIX, addressOfPublicKey, encodeAddress } from '../src/crypto/address.js';
import { Tx, TxBody, encodeTx, txId, txSigningDigest, type Tx as TxT, type TxBody as TxBodyT } from '../src/primitives/tx.js';
import { Header, decodeHeader, encodeHeader, headerHash, type Header as HeaderT } from '../src/primitives/header.js';
import { Coinbase, coinbaseHash, encodeCoinbase, splitCoinbase, type Coinbase as CoinbaseT } from '../src/primitives/coinbase.js';
import { Block, blockMerkleRoot, encodeBlock, type Block as BlockT } from '../src/primitives/block.js';
import { coinbaseBranch, merkleRoot } from '../src/primitives/merkle.js';
import { codecSchemas } from '../test/vectors/codec-schemas.js';

const OUT = new URL('../test/vectors/', import.meta.url);
const check = process.argv.includes('--check');

const utf8 = (s: string) => new TextEncoder().encode(s);
const fill = (n: number, b: number) => new Uint8Array(n).fill(b);
const pattern = (n: number, mul: number, add = 0) => Uint8Array.from({ length: n }, (_, i) => (i * mul + add) & 0xff);
/** Display form of a 32-byte hash (reversed hex), as hash256 JSON shows it. */
const display = (h: Uint8Array) => bytesToHex(Uint8Array.from(h).reverse());
const le32 = (n: number) => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n, true);
  return b;
};

const SK1 = fill(32, 0x01);
const SK2 = fill(32, 0x02);
const SK3 = fill(32, 0x03);
const PK1 = publicKeyOf(SK1);
const PK2 = publicKeyOf(SK2);
const PK3 = publicKeyOf(SK3);

// ---------------------------------------------------------------------------------------------- codec
const codecVectors: { schema: string; json: unknown; hex: string }[] = [];
function cv(schema: string, value: unknown): void {
  const codec = codecSchemas[schema] as Codec<unknown>;
  if (!codec) throw new Error(`unknown schema ${schema}`);
  codecVectors.push({ schema, json: toJson(codec, value), hex: bytesToHex(encode(codec, value)) });
}
for (const v of [0, 1, 0x7f, 0xff]) cv('u8', v);
for (const v of [0, 0x1234, 0xffff]) cv('u16', v);
for (const v of [0, 1, 0xdeadbeef, 0xffffffff]) cv('u32', v);
for (const v of [0n, 1n, 0x0102030405060708n, (1n << 64n) - 1n]) cv('u64', v);
for (const v of [0n, (1n << 64n), (1n << 128n) - 1n]) cv('u128', v);
for (const v of [0n, 0x1d00ffffn, 0xffffn << 208n, (1n << 256n) - 1n]) cv('u256', v);
cv('bool', false);
cv('bool', true);
cv('bytes4', Uint8Array.of(0xde, 0xad, 0xbe, 0xef));
cv('hash256', pattern(32, 1));
cv('varBytes8', new Uint8Array(0));
cv('varBytes8', pattern(8, 3, 1));
for (const s of ['', 'coinworks', 'héllo wörld', '日本語', '😀 emoji', '\ufeffbom', 'nul\u0000inside']) cv('str32', s);
cv('listU16', []);
cv('listU16', [1, 2, 0xffff]);
cv('optionalU32', null);
cv('optionalU32', 0);
cv('optionalU32', 0xcafebabe);
for (const k of ['alpha', 'beta', 'gamma']) cv('kind', k);
cv('point', { x: 1, y: 0xffffffff });
cv('nested', { id: 42n, name: 'root', kind: 'beta', points: [], parent: null, flags: [], blob: new Uint8Array(0) });
cv('nested', {
  id: (1n << 64n) - 1n,
  name: 'ñested',
  kind: 'gamma',
  points: [
    { x: 1, y: 2 },
    { x: 3, y: 4 },
  ],
  parent: sha256d(utf8('parent')),
  flags: [true, false, true],
  blob: pattern(16, 17),
});

// -------------------------------------------------------------------------------------------- address
const addressValid: { secretKey: string | null; publicKey: string | null; address: string; text: string }[] = [];
for (const sk of [SK1, SK2, SK3]) {
  const pk = publicKeyOf(sk);
  const a = addressOfPublicKey(pk);
  addressValid.push({ secretKey: bytesToHex(sk), publicKey: bytesToHex(pk), address: bytesToHex(a), text: encodeAddress(a) });
}
for (const a of [fill(20, 0), fill(20, 0xff), pattern(20, 1)]) addressValid.push({ secretKey: null, publicKey: null, address: bytesToHex(a), text: encodeAddress(a) });
const a1 = addressOfPublicKey(PK1);
const t1 = encodeAddress(a1);
const upperAt = (s: string, i: number) => s.slice(0, i) + s[i].toUpperCase() + s.slice(i + 1);
const flipLast = t1.slice(0, -1) + (t1.endsWith('q') ? 'p' : 'q');
const addressInvalid = [
  { text: bech32m.encode('bc', bech32m.toWords(a1)), reason: 'wrong prefix bc' },
  { text: bech32m.encode('cwx', bech32m.toWords(a1)), reason: 'wrong prefix cwx' },
  { text: bech32.encode(ADDRESS_PREFIX, bech32.toWords(a1)), reason: 'bech32 checksum instead of bech32m' },
  { text: flipLast, reason: 'bad checksum (last character changed)' },
  { text: bech32m.encode(ADDRESS_PREFIX, bech32m.toWords(a1.subarray(0, 19))), reason: '19-byte payload' },
  { text: bech32m.encode(ADDRESS_PREFIX, bech32m.toWords(new Uint8Array([...a1, 0]))), reason: '21-byte payload' },
  { text: bech32m.encode(ADDRESS_PREFIX, bech32m.toWords(new Uint8Array(32))), reason: '32-byte payload' },
  { text: bech32m.encode(ADDRESS_PREFIX, new Array(33).fill(0)), reason: 'excess padding (33 words)' },
  { text: bech32m.encode(ADDRESS_PREFIX, [...new Array(30).fill(0), 1]), reason: 'non-zero padding bits (31 words)' },
  { text: upperAt(t1, t1.slice(3).search(/[a-z]/) + 3), reason: 'mixed case' },
  { text: t1.replace('cw1', 'cw'), reason: 'no separator' },
  { text: t1.slice(0, 10) + 'b' + t1.slice(11), reason: 'character outside the bech32 alphabet' },
  { text: '', reason: 'empty' },
];
for (const v of addressInvalid) if (v.text === t1) throw new Error(`invalid vector equals a valid address: ${v.reason}`);

// ------------------------------------------------------------------------------------------------- tx
function signedTx(body: TxBodyT, sk: Uint8Array): TxT {
  return { body, signature: signDigest(txSigningDigest(body), sk) };
}
const txs: { name: string; secretKey: string; tx: TxT }[] = [
  {
    name: 'bank transfer',
    secretKey: bytesToHex(SK1),
    tx: signedTx(
      {
        chainId: 1,
        module: 'bank',
        command: 'transfer',
        nonce: 0n,
        gasLimit: 21_000n,
        maxFeePerGas: 2_000_000_000n,
        maxTipPerGas: 1_000_000_000n,
        senderPublicKey: PK1,
        params: new Uint8Array([...addressOfPublicKey(PK2), ...hexToBytes('00ca9a3b00000000')]),
      },
      SK1,
    ),
  },
  {
    name: 'maximum integers, unicode names, empty params',
    secretKey: bytesToHex(SK2),
    tx: signedTx(
      {
        chainId: 0xffffffff,
        module: 'mödülé',
        command: 'cömmand✓',
        nonce: (1n << 64n) - 1n,
        gasLimit: (1n << 64n) - 1n,
        maxFeePerGas: (1n << 64n) - 1n,
        maxTipPerGas: (1n << 64n) - 1n,
        senderPublicKey: PK2,
        params: new Uint8Array(0),
      },
      SK2,
    ),
  },
  {
    name: '300-byte params',
    secretKey: bytesToHex(SK3),
    tx: signedTx(
      {
        chainId: 7,
        module: 'nft',
        command: 'mint',
        nonce: 12n,
        gasLimit: 100_000n,
        maxFeePerGas: 5n,
        maxTipPerGas: 0n,
        senderPublicKey: PK3,
        params: pattern(300, 13, 5),
      },
      SK3,
    ),
  },
  {
    name: 'empty module and command',
    secretKey: bytesToHex(SK1),
    tx: signedTx(
      {
        chainId: 0,
        module: '',
        command: '',
        nonce: 1n,
        gasLimit: 0n,
        maxFeePerGas: 0n,
        maxTipPerGas: 0n,
        senderPublicKey: PK1,
        params: Uint8Array.of(0),
      },
      SK1,
    ),
  },
];
const txVectors = txs.map(({ name, secretKey, tx }) => {
  const b = encodeTx(tx);
  return {
    name,
    secretKey,
    json: toJson(Tx, tx),
    hex: bytesToHex(b),
    bodyHex: bytesToHex(encode(TxBody, tx.body)),
    signingDigest: bytesToHex(txSigningDigest(tx.body)),
    id: display(txId(b)),
    sender: encodeAddress(addressOfPublicKey(tx.body.senderPublicKey)),
  };
});

// --------------------------------------------------------------------------------------------- header
const BITCOIN_GENESIS_HEADER =
  '0100000000000000000000000000000000000000000000000000000000000000000000003ba3edfd7a7b12b27ac72c3e67768f617fc81bc3888a51323a9fb8aa4b1e5e4a29ab5f49ffff001d1dac2b7c';
const BITCOIN_GENESIS_HASH = '000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f';
const genesis = decodeHeader(hexToBytes(BITCOIN_GENESIS_HEADER));
if (display(headerHash(genesis)) !== BITCOIN_GENESIS_HASH) throw new Error('Bitcoin genesis hash mismatch');
const headers: { name: string; header: HeaderT }[] = [
  { name: 'bitcoin genesis', header: genesis },
  { name: 'all zero', header: { version: 0, prevHash: fill(32, 0), merkleRoot: fill(32, 0), time: 0, bits: 0, nonce: 0 } },
  {
    name: 'all ones',
    header: { version: 0xffffffff, prevHash: fill(32, 0xff), merkleRoot: fill(32, 0xff), time: 0xffffffff, bits: 0xffffffff, nonce: 0xffffffff },
  },
  {
    name: 'distinct bytes',
    header: { version: 0x20000000, prevHash: pattern(32, 1, 0x10), merkleRoot: pattern(32, 1, 0x80), time: 0x5f5e1000, bits: 0x207fffff, nonce: 0x01020304 },
  },
];
const headerVectors = headers.map(({ name, header }) => ({
  name,
  json: toJson(Header, header),
  hex: bytesToHex(encodeHeader(header)),
  hash: display(headerHash(header)),
}));

// ------------------------------------------------------------------------------------------- coinbase
const coinbases: { name: string; coinbase: CoinbaseT }[] = [
  {
    name: 'devnet height 1',
    coinbase: {
      chainId: 1,
      height: 1n,
      beneficiary: addressOfPublicKey(PK1),
      stateRoot: sha256(utf8('state')),
      receiptsRoot: sha256(utf8('receipts')),
      gasUsed: 21_000n,
      baseFeePerGas: 1_000_000_000n,
      consensus: new Uint8Array(0),
      extraNonce: pattern(8, 1, 1),
      extraData: utf8('/coinworks/'),
    },
  },
  {
    name: 'empty extranonce and extra data',
    coinbase: {
      chainId: 0,
      height: 0n,
      beneficiary: fill(20, 0),
      stateRoot: fill(32, 0),
      receiptsRoot: fill(32, 0),
      gasUsed: 0n,
      baseFeePerGas: 0n,
      consensus: new Uint8Array(0),
      extraNonce: new Uint8Array(0),
      extraData: new Uint8Array(0),
    },
  },
  {
    name: 'maximum sizes',
    coinbase: {
      chainId: 0xffffffff,
      height: (1n << 64n) - 1n,
      beneficiary: fill(20, 0xff),
      stateRoot: fill(32, 0xee),
      receiptsRoot: fill(32, 0xdd),
      gasUsed: (1n << 64n) - 1n,
      baseFeePerGas: (1n << 64n) - 1n,
      consensus: pattern(40, 7),
      extraNonce: fill(32, 0xff),
      extraData: pattern(64, 5),
    },
  },
];
const coinbaseVectors = coinbases.map(({ name, coinbase }) => {
  const { coinb1, coinb2 } = splitCoinbase(coinbase, 4, 4);
  return {
    name,
    json: toJson(Coinbase, coinbase),
    hex: bytesToHex(encodeCoinbase(coinbase)),
    hash: display(coinbaseHash(coinbase)),
    stratum: { extranonce1Size: 4, extranonce2Size: 4, coinb1: bytesToHex(coinb1), coinb2: bytesToHex(coinb2) },
  };
});

// ---------------------------------------------------------------------------------------------- block
function makeBlock(cb: CoinbaseT, blockTxs: TxT[], prevHash: Uint8Array, time: number, nonce: number, seal: BlockT['seal'] = { kind: 0, data: new Uint8Array(0) }): BlockT {
  const ids = blockTxs.map((t) => txId(encodeTx(t)));
  const header: HeaderT = { version: 0x20000000, prevHash, merkleRoot: blockMerkleRoot(cb, ids), time, bits: 0x207fffff, nonce };
  return { header, coinbase: cb, txs: blockTxs, seal };
}
const allTxs = txs.map((t) => t.tx);
const blocks: { name: string; block: BlockT }[] = [
  { name: 'coinbase only (1 leaf)', block: makeBlock(coinbases[1].coinbase, [], fill(32, 0), 1_700_000_000, 0) },
  { name: 'two transactions (3 leaves)', block: makeBlock(coinbases[0].coinbase, allTxs.slice(0, 2), headerHash(headers[3].header), 1_700_000_600, 77) },
  { name: 'four transactions (5 leaves), a signature seal', block: makeBlock(coinbases[2].coinbase, allTxs, pattern(32, 3, 9), 1_700_001_200, 0xffffffff, { kind: 2, data: pattern(64, 11) }) },
];
const blockVectors = blocks.map(({ name, block }) => ({
  name,
  json: toJson(Block, block),
  hex: bytesToHex(encodeBlock(block)),
  hash: display(headerHash(block.header)),
  merkleRoot: display(block.header.merkleRoot),
  txIds: block.txs.map((t) => display(txId(encodeTx(t)))),
}));

// --------------------------------------------------------------------------------------------- merkle
const merkleVectors = [1, 2, 3, 4, 5, 6, 7, 8, 9, 16, 17].map((n) => {
  const leaves = Array.from({ length: n }, (_, i) => sha256d(le32(i)));
  return {
    name: `${n} leaves, leaf i = sha256d(LE32(i))`,
    leaves: leaves.map(bytesToHex),
    root: bytesToHex(merkleRoot(leaves)),
    coinbaseBranch: coinbaseBranch(leaves.slice(1)).map(bytesToHex),
  };
});
/** Real Bitcoin blocks (transaction ids and merkle roots in display order, from the public chain). */
const bitcoinMerkle = [
  {
    name: 'bitcoin block 170 (2 transactions)',
    txids: ['b1fea52486ce0c62bb442b530a3f0132b826c74e473d1f2c220bfa78111c5082', 'f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16'],
    merkleRoot: '7dac2c5666815c17a3b36427de37bb9d2e2c5ccec3f8633eb91a4205cb4c10ff',
  },
  {
    name: 'bitcoin block 100000 (4 transactions)',
    txids: [
      '8c14f0db3df150123e6f3dbbf30f8b955a8249b62ac1d1ff16284aefa3d06d87',
      'fff2525b8931402dd09222c50775608f75787bd2b87e56995a7bdd30f79702c4',
      '6359f0868171b1d194cbee1af2f16ea598ae8fad666d9b012c8ed2b79a236ec4',
      'e9a66845e05d5abc0ad04ec80f774a7e585c6e8db975962d069a522137b80c1d',
    ],
    merkleRoot: 'f3e94742aca4b5ef85488dc37c06c3282295ffec960994b2c0d5ac2a25a95766',
  },
];
for (const b of bitcoinMerkle) {
  const root = display(merkleRoot(b.txids.map((t) => hexToBytes(t).reverse())));
  if (root !== b.merkleRoot) throw new Error(`${b.name}: merkle root ${root} != ${b.merkleRoot}`);
}

// ------------------------------------------------------------------------------------------------ out
const files: Record<string, unknown> = {
  'codec.json': { description: 'Canonical codec: value in JSON form and its encoding. Schemas: test/vectors/codec-schemas.ts.', vectors: codecVectors },
  'address.json': { description: 'bech32m addresses (prefix cw) of 20-byte SHA-256 prefixes of compressed public keys.', valid: addressValid, invalid: addressInvalid },
  'tx.json': {
    description: 'Signed transactions. id is sha256d(hex) in display (reversed) order; signingDigest is taggedHash("coinworks/tx/v1", bodyHex).',
    vectors: txVectors,
  },
  'header.json': { description: '80-byte headers; hash is sha256d(hex) in display (reversed) order.', vectors: headerVectors },
  'coinbase.json': {
    description: 'Coinbase records; hash is sha256d(hex) in display order; stratum parts for a 4+4-byte extranonce.',
    vectors: coinbaseVectors,
  },
  'block.json': { description: 'Blocks whose header merkle root commits to [coinbase hash, txids]; hashes in display order.', vectors: blockVectors },
  'merkle.json': {
    description: 'Bitcoin merkle trees. "vectors": leaves/root/branch in internal byte order. "bitcoin": real blocks, display order.',
    vectors: merkleVectors,
    bitcoin: bitcoinMerkle,
  },
};

let stale = 0;
for (const [name, content] of Object.entries(files)) {
  const url = new URL(name, OUT);
  const text = JSON.stringify(content, null, 2) + '\n';
  if (check) {
    let old = '';
    try {
      old = readFileSync(url, 'utf8');
    } catch {
      /* missing */
    }
    if (old !== text) {
      console.error(`${name}: differs from the generated vectors`);
      stale++;
    }
  } else {
    writeFileSync(url, text);
    console.log(`wrote test/vectors/${name}`);
  }
}
if (stale) process.exit(1);
