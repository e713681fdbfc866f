/**
 * NFT content over plain HTTP GET, next to the JSON-RPC endpoint (same port, same origin policy):
 *
 *   GET /nft/<collection>/<token>/metadata.json   ERC-721 metadata JSON (traits; animation_url = the WAV)
 *   GET /nft/<collection>/<token>/audio.wav       the token's music, 16-bit mono PCM WAV
 *
 * Both are derived from the token's content hash only, so they are served with strong ETags (the WAV's
 * is the content hash itself) and answer If-None-Match with 304. Rendered WAVs (~350 kB, ~10 ms each)
 * are kept in a small LRU keyed by content hash. Path parameters are strict decimals (u32 collection,
 * u64 token, no sign, no leading zeros): anything else is 400; unknown tokens are 404; both with a
 * JSON body `{ "error": { "code", "message" } }`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Chain } from '../chain/chain.js';
import { sha256 } from '../crypto/hash.js';
import { bytesToHex } from '../encoding/hex.js';
import { renderWav } from '../nft/music.js';
import { tokenMetadata } from '../nft/queries.js';
import { getCollection, getToken } from '../state/modules/nft/method.js';

/** Path of a token's metadata JSON. */
export function metadataPath(collectionId: number, tokenId: bigint): string {
  return `/nft/${collectionId}/${tokenId}/metadata.json`;
}

/** Path of a token's WAV. */
export function audioPath(collectionId: number, tokenId: bigint): string {
  return `/nft/${collectionId}/${tokenId}/audio.wav`;
}

/** Default number of rendered WAVs kept in memory (~350 kB each). */
export const DEFAULT_WAV_CACHE_ENTRIES = 32;
/** Default number of metadata documents kept in memory. */
export const DEFAULT_METADATA_CACHE_ENTRIES = 256;

/** A small least-recently-used map. */
export class Lru<K, V> {
  private readonly map = new Map<K, V>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('LRU capacity must be a positive integer');
  }

  get size(): number {
    return this.map.size;
  }

  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, v);
    return v;
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as K);
  }
}

/** Options of the content routes. */
export interface ContentOptions {
  /** Rendered WAVs to keep (default DEFAULT_WAV_CACHE_ENTRIES). */
  readonly wavCacheEntries?: number;
  /** Metadata documents to keep (default DEFAULT_METADATA_CACHE_ENTRIES). */
  readonly metadataCacheEntries?: number;
}

/** What the routes count (tests and diagnostics). */
export interface ContentStats {
  /** WAVs rendered (cache misses). */
  renders: number;
}

const U32_MAX = 0xffffffffn;
const U64_MAX = (1n << 64n) - 1n;
const DECIMAL = /^(0|[1-9][0-9]*)$/;
const HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$/;

interface Params {
  collection: string;
  token: string;
}

type Parsed = { ok: true; collectionId: number; tokenId: bigint } | { ok: false; message: string };

function parseIds(p: Params): Parsed {
  const c = p.collection;
  const t = p.token;
  if (c.length > 10 || !DECIMAL.test(c) || BigInt(c) > U32_MAX) return { ok: false, message: `collection must be a decimal u32 without leading zeros, got ${JSON.stringify(c.slice(0, 40))}` };
  if (t.length > 20 || !DECIMAL.test(t) || BigInt(t) > U64_MAX) return { ok: false, message: `token must be a decimal u64 without leading zeros, got ${JSON.stringify(t.slice(0, 40))}` };
  return { ok: true, collectionId: Number(c), tokenId: BigInt(t) };
}

function sendError(reply: FastifyReply, status: number, code: string, message: string, data: Record<string, unknown> = {}): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'application/json; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(JSON.stringify({ error: { code, message, ...data } }));
}

/** True when an If-None-Match header matches `etag` (weak comparison, as RFC 9110 prescribes for it). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((x) => x.trim().replace(/^W\//, '') === bare);
}

function origin(req: FastifyRequest): string {
  const host = req.headers.host;
  return typeof host === 'string' && host.length <= 261 && HOST.test(host) ? `${req.protocol}://${host}` : '';
}

/**
 * The token's content (collection and token with a non-zero content hash), or the reply sent for
 * a bad or unknown one.
 */
async function lookup(chain: Chain, req: FastifyRequest<{ Params: Params }>, reply: FastifyReply) {
  const ids = parseIds(req.params);
  if (!ids.ok) {
    sendError(reply, 400, 'NFT_BAD_PARAM', ids.message);
    return null;
  }
  const { collectionId, tokenId } = ids;
  const { c, t } = await chain.view((state) => {
    const col = getCollection(state, collectionId);
    return { c: col, t: col && getToken(state, collectionId, tokenId) };
  });
  if (!c || !t) {
    sendError(reply, 404, 'NFT_NOT_FOUND', `token ${tokenId} of collection ${collectionId} does not exist`, { collectionId, tokenId: tokenId.toString() });
    return null;
  }
  if (t.contentHash.every((b) => b === 0)) {
    sendError(reply, 404, 'NFT_NO_CONTENT', `token ${tokenId} of collection ${collectionId} has no content hash to derive traits and music from`, { collectionId, tokenId: tokenId.toString() });
    return null;
  }
  return { collectionId, tokenId, token: t };
}

/** Registers the GET routes on the RPC server's fastify instance. */
export function registerContentRoutes(app: FastifyInstance, chain: Chain, o: ContentOptions = {}): ContentStats {
  const wavs = new Lru<string, Uint8Array>(o.wavCacheEntries ?? DEFAULT_WAV_CACHE_ENTRIES);
  const docs = new Lru<string, { body: string; etag: string }>(o.metadataCacheEntries ?? DEFAULT_METADATA_CACHE_ENTRIES);
  const stats: ContentStats = { renders: 0 };

  const wavOf = (contentHash: Uint8Array): Uint8Array => {
    const key = bytesToHex(contentHash);
    let wav = wavs.get(key);
    if (!wav) {
      wav = renderWav(contentHash);
      stats.renders++;
      wavs.set(key, wav);
    }
    return wav;
  };

  app.get<{ Params: Params }>('/nft/:collection/:token/audio.wav', async (req, reply) => {
    const found = await lookup(chain, req, reply);
    if (!found) return reply;
    const etag = `"${bytesToHex(found.token.contentHash)}"`;
    reply.header('etag', etag).header('cache-control', 'public, no-cache').header('x-content-type-options', 'nosniff');
    if (etagMatches(req.headers['if-none-match'], etag)) return reply.code(304).send();
    const wav = wavOf(found.token.contentHash);
    return reply
      .code(200)
      .header('content-type', 'audio/wav')
      .header('content-disposition', `inline; filename="nft-${found.collectionId}-${found.tokenId}.wav"`)
      .send(Buffer.from(wav.buffer, wav.byteOffset, wav.byteLength));
  });

  app.get<{ Params: Params }>('/nft/:collection/:token/metadata.json', async (req, reply) => {
    const found = await lookup(chain, req, reply);
    if (!found) return reply;
    const { collectionId, tokenId, token } = found;
    const audioUrl = `${origin(req)}${audioPath(collectionId, tokenId)}`;
    // A token's metadata changes only with a re-mint (new serial, maybe new content hash) or another host name.
    const key = `${collectionId}/${tokenId}/${token.serial}/${bytesToHex(token.contentHash)}/${audioUrl}`;
    let doc = docs.get(key);
    if (!doc) {
      const meta = await chain.view((state) => tokenMetadata(state, collectionId, tokenId, { audioUrl }));
      const body = `${JSON.stringify(meta, null, 2)}\n`;
      doc = { body, etag: `"${bytesToHex(sha256(new TextEncoder().encode(body)))}"` };
      docs.set(key, doc);
    }
    reply.header('etag', doc.etag).header('cache-control', 'public, no-cache').header('x-content-type-options', 'nosniff');
    if (etagMatches(req.headers['if-none-match'], doc.etag)) return reply.code(304).send();
    return reply.code(200).header('content-type', 'application/json; charset=utf-8').send(doc.body);
  });

  return stats;
}
