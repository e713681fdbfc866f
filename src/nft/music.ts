/**
 * A token's music (POW NFT generates its Atoms' music from the token hash): a short piece rendered
 * from the traits as 16-bit mono PCM WAV, with INTEGER arithmetic only (an integer sine table,
 * 32-bit phase accumulators, Q15 envelopes, xorshift32), so the same hash gives byte-identical WAV
 * bytes on any machine and any JavaScript engine. Voices: a melody in the token's scale and timbre
 * (eighth notes, stepwise), a sine bass on the root and fifth (one note per bar), a noise hat on beats.
 */
import { deriveTraits, SCALES, type Traits, type Waveform } from './traits.js';

/** Sample rate of the rendered WAV. */
export const SAMPLE_RATE = 22_050;
/** Default length of a piece in seconds. */
export const DEFAULT_SECONDS = 8;
/** Longest piece `renderWav` makes. */
export const MAX_SECONDS = 30;
/** Bytes of the RIFF/WAVE header written before the samples. */
export const WAV_HEADER_BYTES = 44;

const TABLE_BITS = 10;
const TABLE_SIZE = 1 << TABLE_BITS;
const HALF = TABLE_SIZE / 2;
const Q15 = 32767;

/** Integer division rounding toward zero, exact for safe integers (no float rounding). */
function idiv(a: number, b: number): number {
  return (a - (a % b)) / b;
}

/**
 * One period of sine in Q15 by Bhaskara I's integer formula: sin(x) ~ 16x(H-x) / (5H^2 - 4x(H-x))
 * over a half period H (error < 0.2%), mirrored for the negative half. Pure integers.
 */
export const SINE_TABLE: Int16Array = (() => {
  const t = new Int16Array(TABLE_SIZE);
  for (let i = 0; i < HALF; i++) {
    const p = i * (HALF - i);
    const v = idiv(Q15 * 16 * p, 5 * HALF * HALF - 4 * p);
    t[i] = v;
    t[i + HALF] = -v;
  }
  return t;
})();

/** Milli-hertz of C4..B4 (equal temperament, A4 = 440 Hz), rounded. */
const OCTAVE4_MHZ = [261_626, 277_183, 293_665, 311_127, 329_628, 349_228, 369_994, 391_995, 415_305, 440_000, 466_164, 493_883];

/** 32-bit phase increment per sample of MIDI note `midi` at `rate` Hz (BigInt: exact). */
export function phaseIncrement(midi: number, rate = SAMPLE_RATE): number {
  const octave = idiv(midi, 12) - 1;
  let num = BigInt(OCTAVE4_MHZ[midi % 12]) << 32n;
  let den = 1000n * BigInt(rate);
  if (octave >= 4) num <<= BigInt(octave - 4);
  else den <<= BigInt(4 - octave);
  return Number(num / den) >>> 0;
}

/** One sample (about -32767..32767) of a waveform at a 32-bit phase. */
function wave(kind: Waveform, phase: number): number {
  switch (kind) {
    case 'sine':
      return SINE_TABLE[phase >>> (32 - TABLE_BITS)];
    case 'triangle': {
      const p = phase >>> 16;
      return (p < 32768 ? p : 65535 - p) * 2 - Q15;
    }
    case 'square':
      return phase >>> 31 === 0 ? 14_000 : -14_000;
    case 'saw':
      return ((phase >>> 16) - 32768) >> 1;
  }
}

/** Q15 envelope of sample `t` of a note `len` samples long: attack, linear decay to 1/4, release. */
function envelope(t: number, len: number): number {
  const a = Math.min(220, idiv(len, 4));
  const r = Math.min(110, idiv(len, 4));
  const sustainEnd = 8192;
  if (t < a) return idiv(t * Q15, a);
  if (t >= len - r) return idiv((len - t) * sustainEnd, r);
  const span = len - r - a;
  return span <= 0 ? Q15 : Q15 - idiv((t - a) * (Q15 - sustainEnd), span);
}

/** xorshift32 (Marsaglia): the melody's only source of choice, seeded from the hash. */
function xorshift(s: number): number {
  s ^= s << 13;
  s ^= s >>> 17;
  s ^= s << 5;
  return s >>> 0;
}

/** A 44-byte RIFF/WAVE header for 16-bit mono PCM. */
export function wavHeader(samples: number, rate = SAMPLE_RATE): Uint8Array {
  const h = new Uint8Array(WAV_HEADER_BYTES);
  const v = new DataView(h.buffer);
  const ascii = (o: number, s: string) => {
    for (let i = 0; i < s.length; i++) h[o + i] = s.charCodeAt(i);
  };
  const dataBytes = samples * 2;
  ascii(0, 'RIFF');
  v.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  v.setUint32(16, 16, true); // fmt chunk size
  v.setUint16(20, 1, true); // PCM
  v.setUint16(22, 1, true); // mono
  v.setUint32(24, rate, true);
  v.setUint32(28, rate * 2, true); // byte rate
  v.setUint16(32, 2, true); // block align
  v.setUint16(34, 16, true); // bits per sample
  ascii(36, 'data');
  v.setUint32(40, dataBytes, true);
  return h;
}

/** Renders the samples of a token's piece (Int16, mono) from its traits. */
export function renderSamples(traits: Traits, seconds = DEFAULT_SECONDS, rate = SAMPLE_RATE): Int16Array {
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_SECONDS) throw new RangeError(`seconds must be an integer in 1..${MAX_SECONDS}`);
  const total = seconds * rate;
  const out = new Int16Array(total);
  const scale = SCALES[traits.scale];
  const beat = idiv(rate * 60, traits.tempo);
  const eighth = idiv(beat, 2);
  const bar = beat * 4;
  let rng = traits.melodySeed;
  let degree = scale.length; // start on the root, one octave up
  let melInc = 0;
  let melPhase = 0;
  let bassInc = 0;
  let bassPhase = 0;
  let noise = traits.melodySeed ^ 0x5bd1e995;
  for (let i = 0; i < total; i++) {
    const te = i % eighth;
    if (te === 0) {
      // A new eighth note: rest one time in eight, else step -2..+2 scale degrees within two octaves.
      rng = xorshift(rng);
      const step = (rng % 5) - 2;
      degree = Math.max(0, Math.min(2 * scale.length - 1, degree + step));
      const rest = (rng >>> 8) % 8 === 0;
      const midi = traits.rootMidi + 12 * idiv(degree, scale.length) + scale[degree % scale.length];
      melInc = rest ? 0 : phaseIncrement(midi, rate);
    }
    const tb = i % bar;
    if (tb === 0) {
      const fifth = (xorshift(rng ^ i) & 1) === 1;
      bassInc = phaseIncrement(traits.rootMidi - 12 + (fifth ? 7 : 0), rate);
    }
    melPhase = (melPhase + melInc) >>> 0;
    bassPhase = (bassPhase + bassInc) >>> 0;
    const mel = melInc === 0 ? 0 : (wave(traits.waveform, melPhase) * envelope(te, eighth)) >> 15;
    const bass = (SINE_TABLE[bassPhase >>> (32 - TABLE_BITS)] * envelope(tb, bar)) >> 15;
    const tBeat = i % beat;
    let hat = 0;
    if (tBeat < 660) {
      noise = xorshift(noise);
      hat = (((noise & 0xffff) - 32768) * (660 - tBeat)) >> 10; // linear decay over ~30 ms
    }
    let s = (mel * 10 + bass * 8 + hat) >> 5;
    // Master fades: 10 ms in, 100 ms out, so the file starts and ends at zero.
    if (i < 220) s = idiv(s * i, 220);
    else if (total - 1 - i < 2205) s = idiv(s * (total - 1 - i), 2205);
    out[i] = s > 32767 ? 32767 : s < -32768 ? -32768 : s;
  }
  return out;
}

/** The WAV file of a token hash: header + 16-bit little-endian mono PCM (default 8 s at 22050 Hz). */
export function renderWav(hash: Uint8Array, opts: { seconds?: number } = {}): Uint8Array {
  // The music uses tempo, scale, root, timbre and seed: none depends on the token id.
  const samples = renderSamples(deriveTraits(hash), opts.seconds ?? DEFAULT_SECONDS);
  const out = new Uint8Array(WAV_HEADER_BYTES + samples.length * 2);
  out.set(wavHeader(samples.length), 0);
  const v = new DataView(out.buffer);
  for (let i = 0; i < samples.length; i++) v.setInt16(WAV_HEADER_BYTES + 2 * i, samples[i], true);
  return out;
}
