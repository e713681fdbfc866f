import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sha256 } from '@noble/hashes/sha2.js';
import { StateTree } from '../../src/state/merkle-tree.js';
import { verifyStateProof } from '../../src/state/proof.js';

const enc = new TextEncoder();
const rec = (i: number): { key: Uint8Array; value: Uint8Array } => ({ key: enc.encode(`acct/${i}`), value: enc.encode(`balance=${i * 17}`) });
const indexes = [0, 1, 2, 3, 77, 1024, 65535, 2 ** 31, 2 ** 32 - 2, 2 ** 32 - 1];

function build(): StateTree {
  const t = new StateTree();
  t.setLeaves(indexes.map((index) => ({ index, leaf: StateTree.leafHash(rec(index).key, rec(index).value) })));
  return t;
}

test('proofs of every record verify against the root', () => {
  const t = build();
  const root = t.root();
  for (const index of indexes) {
    const siblings = t.proof(index);
    assert.equal(siblings.length, 32);
    for (const s of siblings) assert.equal(s.length, 32);
    assert.ok(verifyStateProof({ root, index, siblings, ...rec(index) }), `index ${index}`);
  }
});

test('proofs fail for a wrong value, key, index, root or sibling', () => {
  const t = build();
  const root = t.root();
  const index = 77;
  const siblings = t.proof(index);
  const { key, value } = rec(index);
  assert.ok(verifyStateProof({ root, key, value, index, siblings }));
  assert.ok(!verifyStateProof({ root, key, value: enc.encode('balance=999999'), index, siblings }));
  assert.ok(!verifyStateProof({ root, key: enc.encode('acct/78'), value, index, siblings }));
  assert.ok(!verifyStateProof({ root, key, value, index: 76, siblings }));
  assert.ok(!verifyStateProof({ root, key, value, index: index + 2 ** 20, siblings }));
  const otherRoot = root.slice();
  otherRoot[0] ^= 1;
  assert.ok(!verifyStateProof({ root: otherRoot, key, value, index, siblings }));
  const bent = siblings.map((s) => s.slice());
  bent[31][5] ^= 0x40;
  assert.ok(!verifyStateProof({ root, key, value, index, siblings: bent }));
  // Malformed inputs are a plain false, never a throw.
  assert.ok(!verifyStateProof({ root, key, value, index, siblings: siblings.slice(1) }));
  assert.ok(!verifyStateProof({ root, key, value, index: -1, siblings }));
  assert.ok(!verifyStateProof({ root, key, value, index: 2 ** 32, siblings }));
  assert.ok(!verifyStateProof({ root: root.subarray(1), key, value, index, siblings }));
});

test('a proof goes stale when another leaf changes, and a fresh one verifies', () => {
  const t = build();
  const index = 3;
  const oldRoot = t.root();
  const oldProof = t.proof(index);
  t.setLeaf(2, StateTree.leafHash(enc.encode('x'), enc.encode('y')));
  const newRoot = t.root();
  assert.ok(!verifyStateProof({ root: newRoot, index, siblings: oldProof, ...rec(index) }));
  assert.ok(verifyStateProof({ root: oldRoot, index, siblings: oldProof, ...rec(index) }));
  assert.ok(verifyStateProof({ root: newRoot, index, siblings: t.proof(index), ...rec(index) }));
});

test('on an empty tree the siblings are the zero-subtree hashes and fold to the root', () => {
  const t = new StateTree();
  const siblings = t.proof(12345);
  let zero: Uint8Array = new Uint8Array(32);
  for (let i = 0; i < 32; i++) {
    assert.deepEqual(siblings[i], zero, `level ${i}`);
    zero = sha256(new Uint8Array([...zero, ...zero]));
  }
  assert.deepEqual(t.root(), zero);
});
