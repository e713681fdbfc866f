/**
 * Traits of a mined token, derived only from its 32-byte token hash (and its id), as POW NFT's
 * Atoms derive theirs: the element from the first bytes (a new period of the table unlocks each time
 * supply grows 4x), the charge from bytes 5/6, colours and motion from later bytes, and the music's
 * tempo, scale, root and timbre. Integer arithmetic only: same hash, same traits, everywhere.
 */
import { bytesToHex } from '../encoding/hex.js';

/** Element symbols by atomic number - 1 (IUPAC, 1..118). */
export const ELEMENTS = (
  'H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn Ga Ge As Se Br Kr ' +
  'Rb Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr Nd Pm Sm Eu Gd Tb Dy Ho Er Tm Yb ' +
  'Lu Hf Ta W Re Os Ir Pt Au Hg Tl Pb Bi Po At Rn Fr Ra Ac Th Pa U Np Pu Am Cm Bk Cf Es Fm Md No Lr Rf ' +
  'Db Sg Bh Hs Mt Ds Rg Cn Nh Fl Mc Lv Ts Og'
).split(' ');
/** Last atomic number of each period of the periodic table. */
export const PERIOD_ENDS = [2, 10, 18, 36, 54, 86, 118] as const;
/** Musical scales as semitone offsets from the root. */
export const SCALES: Readonly<Record<string, readonly number[]>> = {
  major: [0, 2, 4, 5, 7, 9, 11],
  minor: [0, 2, 3, 5, 7, 8, 10],
  dorian: [0, 2, 3, 5, 7, 9, 10],
  phrygian: [0, 1, 3, 5, 7, 8, 10],
  lydian: [0, 2, 4, 6, 7, 9, 11],
  mixolydian: [0, 2, 4, 5, 7, 9, 10],
  'harmonic minor': [0, 2, 3, 5, 7, 8, 11],
  'pentatonic major': [0, 2, 4, 7, 9],
  'pentatonic minor': [0, 3, 5, 7, 10],
  blues: [0, 3, 5, 6, 7, 10],
};
/** Note names of the 12 pitch classes. */
export const NOTE_NAMES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'] as const;
/** Timbres of the melody voice. */
export const WAVEFORMS = ['sine', 'triangle', 'square', 'saw'] as const;
/** A melody timbre. */
export type Waveform = (typeof WAVEFORMS)[number];
/** Motions of the rendered atom. */
export const MOTIONS = ['orbit', 'pulse', 'spin', 'drift'] as const;

/** Everything derived from a token hash. */
export interface Traits {
  readonly atomicNumber: number;
  readonly element: string;
  /** Ionic charge -3..+3 (POW NFT's ionisation, bytes 5/6). */
  readonly charge: number;
  /** Three colours as #rrggbb (bytes 7..15). */
  readonly colours: readonly [string, string, string];
  readonly motion: (typeof MOTIONS)[number];
  /** Beats per minute, 72..160. */
  readonly tempo: number;
  readonly scale: string;
  /** Root note as MIDI number (C3 = 48 .. B4 = 71) and its name. */
  readonly rootMidi: number;
  readonly root: string;
  readonly waveform: Waveform;
  /** Seed of the melody generator (bytes 24..31 folded to 32 bits, never 0). */
  readonly melodySeed: number;
}

/** Periods of the table unlocked for token `tokenId`: one, then one more each time supply grows 4x. */
export function unlockedPeriods(tokenId: bigint): number {
  let p = 1;
  for (let n = tokenId; n >= 4n && p < PERIOD_ENDS.length; n /= 4n) p++;
  return p;
}

function colour(h: Uint8Array, i: number): string {
  return `#${bytesToHex(h.subarray(i, i + 3))}`;
}

/** Traits of a token hash; `tokenId` (1-based mint order) limits the elements unlocked (default: all). */
export function deriveTraits(hash: Uint8Array, tokenId?: bigint): Traits {
  if (!(hash instanceof Uint8Array) || hash.length !== 32) throw new TypeError('token hash must be 32 bytes');
  const elements = PERIOD_ENDS[(tokenId === undefined ? PERIOD_ENDS.length : unlockedPeriods(tokenId)) - 1];
  const atomicNumber = 1 + (((hash[0] << 8) | hash[1]) % elements);
  const scaleNames = Object.keys(SCALES);
  const rootMidi = 48 + ((hash[18] * 7 + hash[19]) % 24);
  const seed = (((hash[24] ^ hash[28]) << 24) | ((hash[25] ^ hash[29]) << 16) | ((hash[26] ^ hash[30]) << 8) | (hash[27] ^ hash[31])) >>> 0;
  return {
    atomicNumber,
    element: ELEMENTS[atomicNumber - 1],
    charge: (((hash[5] << 8) | hash[6]) % 7) - 3,
    colours: [colour(hash, 7), colour(hash, 10), colour(hash, 13)],
    motion: MOTIONS[hash[16] % MOTIONS.length],
    tempo: 72 + (hash[17] % 89),
    scale: scaleNames[hash[20] % scaleNames.length],
    rootMidi,
    root: `${NOTE_NAMES[rootMidi % 12]}${Math.trunc(rootMidi / 12) - 1}`,
    waveform: WAVEFORMS[hash[21] % WAVEFORMS.length],
    melodySeed: seed === 0 ? 0x9e3779b9 : seed,
  };
}
