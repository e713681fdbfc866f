/**
 * Music from the token hash: byte-identical WAV bytes for the same hash (twice in one process and
 * across two processes), a valid RIFF/WAVE file of the stated length, and not silence.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { bytesToHex } from '../../src/encoding/hex.js';
import { DEFAULT_SECONDS, renderSamples, renderWav, SAMPLE_RATE, SINE_TABLE, WAV_HEADER_BYTES } from '../../src/nft/music.js';
import { deriveTraits, WAVEFORMS } from '../../src/nft/traits.js';

const ROOT = new URL('../..', import.meta.url).pathname;

function hashOf(seed: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(seed).digest());
}

/** Parsed RIFF/WAVE fields. */
function parseWav(b: Uint8Array) {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const ascii = (o: number, n: number) => String.fromCharCode(...b.subarray(o, o + n));
  return {
    riff: ascii(0, 4),
    riffSize: v.getUint32(4, true),
    wave: ascii(8, 4),
    fmt: ascii(12, 4),
    fmtSize: v.getUint32(16, true),
    format: v.getUint16(20, true),
    channels: v.getUint16(22, true),
    rate: v.getUint32(24, true),
    byteRate: v.getUint32(28, true),
    blockAlign: v.getUint16(32, true),
    bits: v.getUint16(34, true),
    data: ascii(36, 4),
    dataSize: v.getUint32(40, true),
    samples: Array.from({ length: (b.length - 44) / 2 }, (_, i) => v.getInt16(44 + 2 * i, true)),
  };
}

test('the same token hash gives byte-identical WAV bytes on two runs', () => {
  const h = hashOf('token one');
  const a = renderWav(h);
  const b = renderWav(Uint8Array.from(h));
  assert.equal(bytesToHex(createHash('sha256').update(a).digest()), bytesToHex(createHash('sha256').update(b).digest()));
  assert.deepEqual(a, b);
  assert.notDeepEqual(renderWav(hashOf('token two')), a, 'another hash gives another piece');
});

test('the same token hash gives byte-identical WAV bytes in two separate processes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cw-wav-'));
  try {
    const hex = bytesToHex(hashOf('token across processes'));
    const files = [join(dir, 'a.wav'), join(dir, 'b.wav')];
    for (const f of files) {
      const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'test/nft/wav-cli.ts'), hex, f], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
    }
    const [a, b] = files.map((f) => new Uint8Array(readFileSync(f)));
    assert.deepEqual(a, b);
    assert.deepEqual(a, renderWav(hashOf('token across processes')), 'and equal to this process\'s bytes');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the WAV is valid 16-bit mono PCM of the stated length (sample count = rate x seconds)', () => {
  const wav = renderWav(hashOf('header check'));
  const w = parseWav(wav);
  const n = SAMPLE_RATE * DEFAULT_SECONDS;
  assert.equal(w.riff, 'RIFF');
  assert.equal(w.wave, 'WAVE');
  assert.equal(w.fmt, 'fmt ');
  assert.equal(w.fmtSize, 16);
  assert.equal(w.format, 1, 'PCM');
  assert.equal(w.channels, 1);
  assert.equal(w.rate, 22_050);
  assert.equal(w.bits, 16);
  assert.equal(w.blockAlign, 2);
  assert.equal(w.byteRate, 44_100);
  assert.equal(w.data, 'data');
  assert.equal(w.dataSize, n * 2);
  assert.equal(w.riffSize, wav.length - 8);
  assert.equal(wav.length, WAV_HEADER_BYTES + n * 2);
  assert.equal(w.samples.length, n);
  const short = parseWav(renderWav(hashOf('header check'), { seconds: 3 }));
  assert.equal(short.samples.length, SAMPLE_RATE * 3);
});

test('the music is not silence, for every timbre: RMS well above zero, starts and ends at zero', () => {
  const seen = new Set<string>();
  for (let i = 0; seen.size < WAVEFORMS.length && i < 200; i++) {
    const h = hashOf(`timbre ${i}`);
    const t = deriveTraits(h);
    if (seen.has(t.waveform)) continue;
    seen.add(t.waveform);
    const s = renderSamples(t);
    let sum = 0;
    for (const x of s) sum += x * x;
    const rms = Math.sqrt(sum / s.length);
    assert.ok(rms > 1_000, `${t.waveform}: RMS ${rms.toFixed(0)} is too quiet`);
    assert.equal(s[0], 0);
    assert.equal(s[s.length - 1], 0);
  }
  assert.equal(seen.size, WAVEFORMS.length);
});

test('the integer sine table is a sine: odd symmetry and peak near full scale', () => {
  const n = SINE_TABLE.length;
  assert.equal(SINE_TABLE[0], 0);
  for (let i = 1; i < n / 2; i++) assert.equal(SINE_TABLE[i + n / 2], -SINE_TABLE[i]);
  assert.ok(SINE_TABLE[n / 4] >= 32_700 && SINE_TABLE[n / 4] <= 32_767);
  // Within Bhaskara's 0.2% of the true sine everywhere (the test may use floats; the table does not).
  for (let i = 0; i < n; i++) {
    const want = 32_767 * Math.sin((2 * Math.PI * i) / n);
    assert.ok(Math.abs(SINE_TABLE[i] - want) < 70, `entry ${i}: ${SINE_TABLE[i]} vs ${want.toFixed(1)}`);
  }
});
