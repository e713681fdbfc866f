import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StateTree } from '../../src/state/merkle-tree.js';
import { verifyStateProof, stateLeafHash } from '../../src/state/proof.js';
import { PAGE_BYTES, PAGE_LEAVES, PagedTree, ZERO_PAGE, pageRoot, pageSiblings } from '../../src/state/paged-tree.js';
import { hashPairs, pairHasherName, useFallbackPairHasher } from '../../src/state/hasher.js';
import { mulberry32 } from '../../src/testing/prng.js';

const enc = new TextEncoder();

/** A paged tree plus its pages in a Map, driven like the world state drives it. */
class Harness {
  readonly tree = new PagedTree();
  readonly pages = new Map<number, Uint8Array>();
  set(leaves: Array<{ index: number; leaf: Uint8Array }>): void {
    const changed = new Map<number, Uint8Array>();
    for (const { index, leaf } of leaves) {
      const p = Math.floor(index / PAGE_LEAVES);
      let page = changed.get(p);
      if (!page) changed.set(p, (page = (this.pages.get(p) ?? ZERO_PAGE).slice()));
      page.set(leaf, (index % PAGE_LEAVES) * 32);
    }
    const u = this.tree.prepare(changed);
    this.tree.apply(u);
    for (const [p, b] of changed) this.pages.set(p, b);
  }
  proof(index: number): Uint8Array[] {
    const page = this.pages.get(Math.floor(index / PAGE_LEAVES)) ?? ZERO_PAGE;
    return [...pageSiblings(page, index % PAGE_LEAVES), ...this.tree.upperSiblings(index)];
  }
}

test('the native hashtree pair hasher is in use and agrees with the WASM fallback', () => {
  assert.equal(pairHasherName, 'hashtree');
  const input = new Uint8Array(64 * 37).map((_, i) => (i * 31) & 255);
  const a = new Uint8Array(32 * 37);
  hashPairs(input, a);
  const restore = useFallbackPairHasher();
  const b = new Uint8Array(32 * 37);
  try {
    hashPairs(input, b);
  } finally {
    restore();
  }
  assert.deepEqual(a, b);
});

test('empty paged tree has the depth-32 zero root', () => {
  assert.deepEqual(new PagedTree().root(), new StateTree().root());
});

test('roots and proofs equal the reference tree under random updates, growth and clears', () => {
  const rnd = mulberry32(7);
  const ref = new StateTree();
  const h = new Harness();
  for (let round = 0; round < 30; round++) {
    const n = 1 + Math.floor(rnd() * 200);
    const ups: Array<{ index: number; leaf: Uint8Array }> = [];
    const span = round < 10 ? 64 : round < 20 ? 5000 : 200_000;
    for (let i = 0; i < n; i++) {
      const index = Math.floor(rnd() * span);
      const leaf = rnd() < 0.15 ? new Uint8Array(32) : stateLeafHash(enc.encode(`k${index}`), enc.encode(`v${round}.${i}`));
      ups.push({ index, leaf });
    }
    // Last write per index wins in both.
    const last = new Map(ups.map((u) => [u.index, u]));
    ref.setLeaves([...last.values()]);
    h.set([...last.values()]);
    assert.deepEqual(h.tree.root(), ref.root(), `round ${round}`);
    for (const { index } of [...last.values()].slice(0, 5)) assert.deepEqual(h.proof(index), ref.proof(index));
  }
  // Growth by a jump (indexes are dense in practice, but the tree does not rely on it).
  const far = 1_000_003;
  const leaf = stateLeafHash(enc.encode('far'), enc.encode('x'));
  ref.setLeaf(far, leaf);
  h.set([{ index: far, leaf }]);
  assert.deepEqual(h.tree.root(), ref.root());
  assert.ok(verifyStateProof({ root: h.tree.root(), key: enc.encode('far'), value: enc.encode('x'), index: far, siblings: h.proof(far) }));
});

test('prepare does not change the tree; a stale update is refused', () => {
  const h = new Harness();
  h.set([{ index: 3, leaf: new Uint8Array(32).fill(1) }]);
  const before = h.tree.root();
  const u1 = h.tree.prepare(new Map([[0, new Uint8Array(PAGE_BYTES).fill(2)]]));
  const u2 = h.tree.prepare(new Map([[0, new Uint8Array(PAGE_BYTES).fill(3)]]));
  assert.deepEqual(h.tree.root(), before);
  assert.notDeepEqual(u1.root, u2.root);
  h.tree.apply(u1);
  assert.deepEqual(h.tree.root(), u1.root);
  assert.throws(() => h.tree.apply(u2), /version/);
});

test('load from page roots rebuilds the same root as incremental updates', () => {
  const rnd = mulberry32(11);
  const h = new Harness();
  const ups = Array.from({ length: 3000 }, (_, i) => ({ index: Math.floor(rnd() * 40_000), leaf: stateLeafHash(enc.encode(`a${i}`), enc.encode('b')) }));
  h.set([...new Map(ups.map((u) => [u.index, u])).values()]);
  const t = new PagedTree();
  const maxPage = Math.max(...h.pages.keys());
  t.load(maxPage + 1, [...h.pages].map(([p, b]) => [p, pageRoot(b)] as [number, Uint8Array]));
  assert.deepEqual(t.root(), h.tree.root());
  assert.equal(t.capacity, h.tree.capacity);
  // About 4 bytes of memory per leaf slot.
  assert.ok(t.bytes <= ((t.capacity * PAGE_LEAVES) / 16) * 32 * 2 + 32 * 40, `levels use ${t.bytes} bytes`);
});
