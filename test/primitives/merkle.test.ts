import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { bytesToHex, hexToBytes } from '../../src/encoding/hex.js';
import { coinbaseBranch, merkleRoot, rootFromCoinbaseBranch } from '../../src/primitives/merkle.js';

/** Independent oracle: double SHA-256 with node:crypto on Buffers. */
const H = (...parts: Buffer[]): Buffer => createHash('sha256').update(createHash('sha256').update(Buffer.concat(parts)).digest()).digest();
const leaf = (i: number): Buffer => H(Buffer.from(`leaf ${i}`));
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

test('3, 4 and 5 leaves: roots spelled out by hand with node:crypto', () => {
  const [a, b, c, d, e] = [0, 1, 2, 3, 4].map(leaf);
  // 3 leaves: the odd last node pairs with itself.
  assert.equal(hex(merkleRoot([a, b, c])), hex(H(H(a, b), H(c, c))));
  // 4 leaves: a balanced tree.
  assert.equal(hex(merkleRoot([a, b, c, d])), hex(H(H(a, b), H(c, d))));
  // 5 leaves: e is duplicated at level 0, then H(e, e) at level 1.
  const ee = H(e, e);
  assert.equal(hex(merkleRoot([a, b, c, d, e])), hex(H(H(H(a, b), H(c, d)), H(ee, ee))));
  // 1 leaf: the root is the leaf itself; 2 leaves: one hash.
  assert.equal(hex(merkleRoot([a])), hex(a));
  assert.equal(hex(merkleRoot([a, b])), hex(H(a, b)));
  assert.equal(hex(merkleRoot([])), '00'.repeat(32));
});

/** Recursive oracle for any leaf count (Bitcoin's rule, written independently of merkle.ts). */
function oracleRoot(level: Buffer[]): Buffer {
  if (level.length === 1) return level[0];
  const next: Buffer[] = [];
  for (let i = 0; i < level.length; i += 2) next.push(H(level[i], level[Math.min(i + 1, level.length - 1)]));
  return oracleRoot(next);
}

test('merkleRoot equals the oracle for 1..64 leaves and arbitrary leaves', () => {
  for (let n = 1; n <= 64; n++) {
    const leaves = Array.from({ length: n }, (_, i) => leaf(i));
    assert.equal(hex(merkleRoot(leaves)), hex(oracleRoot(leaves)), `${n} leaves`);
  }
  fc.assert(
    fc.property(fc.array(fc.uint8Array({ minLength: 32, maxLength: 32 }), { minLength: 1, maxLength: 40 }), (leaves) => {
      assert.equal(hex(merkleRoot(leaves)), hex(oracleRoot(leaves.map((l) => Buffer.from(l)))));
    }),
    { numRuns: 200 },
  );
});

test('merkleRoot does not mutate its input', () => {
  const leaves = [leaf(0), leaf(1), leaf(2)].map((b) => new Uint8Array(b));
  const copy = leaves.map((l) => hex(l));
  merkleRoot(leaves);
  assert.deepEqual(leaves.map((l) => hex(l)), copy);
  assert.equal(leaves.length, 3);
});

test('real Bitcoin blocks: merkle roots of blocks 170 and 100000 (ids in display order)', () => {
  const { bitcoin } = JSON.parse(readFileSync(new URL('../vectors/merkle.json', import.meta.url), 'utf8')) as {
    bitcoin: { name: string; txids: string[]; merkleRoot: string }[];
  };
  assert.equal(bitcoin.length, 2);
  for (const b of bitcoin) {
    const internal = b.txids.map((t) => hexToBytes(t).reverse());
    const root = merkleRoot(internal);
    assert.equal(bytesToHex(Uint8Array.from(root).reverse()), b.merkleRoot, b.name);
    assert.equal(Buffer.from(oracleRoot(internal.map((x) => Buffer.from(x)))).reverse().toString('hex'), b.merkleRoot, b.name);
    // A miner starting from the coinbase id gets the same root.
    assert.equal(hex(rootFromCoinbaseBranch(internal[0], coinbaseBranch(internal.slice(1)))), hex(root), b.name);
  }
});

test('coinbaseBranch + rootFromCoinbaseBranch equals merkleRoot for 1..17 leaves', () => {
  for (let n = 1; n <= 17; n++) {
    const leaves = Array.from({ length: n }, (_, i) => leaf(i + 100));
    const branch = coinbaseBranch(leaves.slice(1));
    assert.equal(branch.length, n === 1 ? 0 : Math.ceil(Math.log2(n)), `${n} leaves: branch length`);
    assert.equal(hex(rootFromCoinbaseBranch(leaves[0], branch)), hex(merkleRoot(leaves)), `${n} leaves`);
    // The first branch element is always leaf 1 itself.
    if (n > 1) assert.equal(hex(branch[0]), hex(leaves[1]));
  }
  assert.deepEqual(coinbaseBranch([]), []);
  assert.equal(hex(rootFromCoinbaseBranch(leaf(5), [])), hex(leaf(5)));
});

test('the branch folds like a Stratum miner: root = sha256d(root | b) for each b', () => {
  fc.assert(
    fc.property(fc.array(fc.uint8Array({ minLength: 32, maxLength: 32 }), { minLength: 1, maxLength: 30 }), (leaves) => {
      const branch = coinbaseBranch(leaves.slice(1));
      let root: Buffer = Buffer.from(leaves[0]);
      for (const b of branch) root = H(root, Buffer.from(b));
      assert.equal(hex(root), hex(merkleRoot(leaves)));
      // Changing the coinbase leaf changes the root (the branch does not depend on it).
      const other = Uint8Array.from(leaves[0]);
      other[0] ^= 1;
      assert.notEqual(hex(rootFromCoinbaseBranch(other, branch)), hex(merkleRoot(leaves)));
      assert.equal(hex(rootFromCoinbaseBranch(other, branch)), hex(merkleRoot([other, ...leaves.slice(1)])));
    }),
    { numRuns: 200 },
  );
});

test('merkle.json: roots and branches', () => {
  const { vectors } = JSON.parse(readFileSync(new URL('../vectors/merkle.json', import.meta.url), 'utf8')) as {
    vectors: { name: string; leaves: string[]; root: string; coinbaseBranch: string[] }[];
  };
  assert.ok(vectors.length >= 10);
  for (const v of vectors) {
    const leaves = v.leaves.map(hexToBytes);
    leaves.forEach((l, i) => {
      const le = Buffer.alloc(4);
      le.writeUInt32LE(i);
      assert.equal(hex(l), hex(H(le)), `${v.name}: leaf ${i}`);
    });
    assert.equal(bytesToHex(merkleRoot(leaves)), v.root, v.name);
    assert.equal(hex(oracleRoot(leaves.map((l) => Buffer.from(l)))), v.root, v.name);
    assert.deepEqual(coinbaseBranch(leaves.slice(1)).map(bytesToHex), v.coinbaseBranch, v.name);
    assert.equal(bytesToHex(rootFromCoinbaseBranch(leaves[0], v.coinbaseBranch.map(hexToBytes))), v.root, v.name);
  }
});
