/** Traits and metadata from the token hash: deterministic, in range, and using the hash's bytes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { deriveTraits, ELEMENTS, PERIOD_ENDS, SCALES, unlockedPeriods } from '../../src/nft/traits.js';
import { buildMetadata, metadataJson } from '../../src/nft/metadata.js';
import { renderWav } from '../../src/nft/music.js';
import { bytesToHex } from '../../src/encoding/hex.js';

const h = (s: string) => new Uint8Array(createHash('sha256').update(s).digest());

test('traits are a pure function of the hash and stay in range', () => {
  for (let i = 0; i < 300; i++) {
    const hash = h(`t${i}`);
    const t = deriveTraits(hash);
    assert.deepEqual(deriveTraits(Uint8Array.from(hash)), t);
    assert.ok(t.atomicNumber >= 1 && t.atomicNumber <= 118);
    assert.equal(t.element, ELEMENTS[t.atomicNumber - 1]);
    assert.ok(t.charge >= -3 && t.charge <= 3);
    assert.ok(t.tempo >= 72 && t.tempo <= 160);
    assert.ok(t.scale in SCALES);
    assert.ok(t.rootMidi >= 48 && t.rootMidi < 72);
    for (const c of t.colours) assert.match(c, /^#[0-9a-f]{6}$/);
    assert.notEqual(t.melodySeed, 0);
  }
  assert.throws(() => deriveTraits(new Uint8Array(31)), TypeError);
});

test('each trait reads its own bytes: the element from bytes 0-1, the tempo from byte 17', () => {
  const a = new Uint8Array(32);
  const b = Uint8Array.from(a);
  b[1] = 25; // atomic number 1 + 25 = 26 (Fe)
  assert.equal(deriveTraits(b).element, 'Fe');
  assert.equal(deriveTraits(b).tempo, deriveTraits(a).tempo);
  const c = Uint8Array.from(a);
  c[17] = 88;
  assert.equal(deriveTraits(c).tempo, 160);
  assert.equal(deriveTraits(c).element, deriveTraits(a).element);
});

test('POW NFT: a new period of elements unlocks each time supply grows 4x', () => {
  assert.deepEqual([1n, 3n, 4n, 15n, 16n, 64n, 256n, 1024n, 4096n, 1n << 40n].map(unlockedPeriods), [1, 1, 2, 2, 3, 4, 5, 6, 7, 7]);
  const hash = new Uint8Array(32).fill(0xff); // u16 65535
  assert.equal(deriveTraits(hash, 1n).atomicNumber, 1 + (65535 % PERIOD_ENDS[0]));
  assert.equal(deriveTraits(hash, 4n).atomicNumber, 1 + (65535 % PERIOD_ENDS[1]));
  assert.equal(deriveTraits(hash).atomicNumber, 1 + (65535 % 118));
});

test('metadata JSON: name, traits as attributes, content hash; deterministic text', () => {
  const hash = h('meta');
  const input = { collectionId: 3, collectionName: 'Atoms', symbol: 'ATOM', tokenId: 9n, contentHash: hash, generation: 3, audioUrl: 'http://node/nft/3/9.wav', withAudioHash: true };
  const m = buildMetadata(input);
  assert.equal(m.name, 'Atoms #9');
  assert.equal(m.content_hash, bytesToHex(hash));
  assert.equal(m.animation_url, 'http://node/nft/3/9.wav');
  const attrs = m.attributes as Array<{ trait_type: string; value: unknown }>;
  const t = deriveTraits(hash, 9n);
  assert.deepEqual(attrs.find((a) => a.trait_type === 'Element')?.value, t.element);
  assert.deepEqual(attrs.find((a) => a.trait_type === 'Generation')?.value, 3);
  assert.equal((m.audio as Record<string, unknown>).sha256, bytesToHex(createHash('sha256').update(renderWav(hash)).digest()));
  assert.equal(metadataJson(input), metadataJson({ ...input }));
  assert.doesNotThrow(() => JSON.parse(metadataJson(input)));
});
