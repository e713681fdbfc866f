/**
 * Token metadata JSON (the ERC-721 metadata JSON schema as marketplaces read it: name, description,
 * attributes, animation_url), built from a token's hash and traits. Deterministic: the same inputs
 * give the same bytes, so the node can serve it with a strong ETag.
 */
import { bytesToHex } from '../encoding/hex.js';
import { sha256 } from '../crypto/hash.js';
import { deriveTraits, type Traits } from './traits.js';
import { DEFAULT_SECONDS, renderWav, SAMPLE_RATE } from './music.js';

/** What the metadata of one token is built from. */
export interface MetadataInput {
  readonly collectionId: number;
  readonly collectionName: string;
  readonly symbol: string;
  readonly tokenId: bigint;
  /** The token's content hash (mined tokens: the token hash). */
  readonly contentHash: Uint8Array;
  /** Generation of a mined token (POW NFT), if any. */
  readonly generation?: number;
  /** Where the node serves the token's WAV (animation_url), if it does. */
  readonly audioUrl?: string;
  /** Include the SHA-256 of the WAV so clients can check the bytes they get (renders it once). */
  readonly withAudioHash?: boolean;
}

/** One ERC-721 metadata attribute. */
export interface Attribute {
  readonly trait_type: string;
  readonly value: string | number;
  readonly display_type?: 'number';
}

/** The attributes of a token's traits, in a fixed order. */
export function traitAttributes(t: Traits, generation?: number): Attribute[] {
  const out: Attribute[] = [
    { trait_type: 'Element', value: t.element },
    { trait_type: 'Atomic number', value: t.atomicNumber, display_type: 'number' },
    { trait_type: 'Charge', value: t.charge, display_type: 'number' },
    { trait_type: 'Colour 1', value: t.colours[0] },
    { trait_type: 'Colour 2', value: t.colours[1] },
    { trait_type: 'Colour 3', value: t.colours[2] },
    { trait_type: 'Motion', value: t.motion },
    { trait_type: 'Tempo', value: t.tempo, display_type: 'number' },
    { trait_type: 'Scale', value: t.scale },
    { trait_type: 'Root', value: t.root },
    { trait_type: 'Waveform', value: t.waveform },
  ];
  if (generation !== undefined) out.push({ trait_type: 'Generation', value: generation, display_type: 'number' });
  return out;
}

/** The metadata object of a token. */
export function buildMetadata(m: MetadataInput): Record<string, unknown> {
  const traits = deriveTraits(m.contentHash, m.tokenId);
  const hashHex = bytesToHex(m.contentHash);
  const out: Record<string, unknown> = {
    name: `${m.collectionName} #${m.tokenId}`,
    description: `${traits.element} (${traits.atomicNumber}) in ${traits.root} ${traits.scale} at ${traits.tempo} bpm; traits and music derived from the token hash.`,
    collection: { id: m.collectionId, name: m.collectionName, symbol: m.symbol },
    token_id: m.tokenId.toString(),
    content_hash: hashHex,
    attributes: traitAttributes(traits, m.generation),
    audio: { format: 'audio/wav', sample_rate: SAMPLE_RATE, seconds: DEFAULT_SECONDS, channels: 1, bits_per_sample: 16 },
  };
  if (m.withAudioHash) (out.audio as Record<string, unknown>).sha256 = bytesToHex(sha256(renderWav(m.contentHash)));
  if (m.audioUrl) out.animation_url = m.audioUrl;
  return out;
}

/** The metadata as JSON text (two-space indented, stable key order). */
export function metadataJson(m: MetadataInput): string {
  return `${JSON.stringify(buildMetadata(m), null, 2)}\n`;
}
