/**
 * The web dashboard's static files (the Vite build in `dist/dashboard/`), served by GET at the RPC
 * port's root next to JSON-RPC (POST /) and the WebSocket (/ws):
 *
 *   GET /                 index.html (`cache-control: no-cache`, with a content security policy)
 *   GET /assets/<hashed>  scripts and styles whose names carry a content hash (cached for a year, immutable)
 *
 * Every file is read once at start-up into a table keyed by its URL path; a request is answered only
 * when its path (query stripped, never decoded) is a key of that table, so no path can reach outside
 * the build folder (no `..`, no encoded separators, no symlinks followed at request time). Files carry
 * strong ETags (SHA-256 of the bytes) and answer If-None-Match with 304.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sha256 } from '../crypto/hash.js';
import { bytesToHex } from '../encoding/hex.js';

/** Content type by file extension (anything else is application/octet-stream). */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.wav': 'audio/wav',
};

/**
 * What the dashboard page may load: only this origin (scripts, styles, the RPC WebSocket, NFT audio);
 * inline styles for the charts' element styles; never framed by another site.
 */
export const DASHBOARD_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; media-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** One file of the build. */
export interface StaticFile {
  readonly body: Buffer;
  readonly type: string;
  readonly etag: string;
  readonly cacheControl: string;
}

/** Cache policy: hashed asset names never change content; everything else is revalidated. */
function cacheControlOf(urlPath: string): string {
  return urlPath.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    const st = statSync(p);
    return st.isDirectory() ? walk(p) : st.isFile() ? [p] : [];
  });
}

/** Reads every file under `dir` into a table keyed by URL path (`/index.html`, `/assets/x.js`); `/` maps to index.html. */
export function loadStaticFiles(dir: string): Map<string, StaticFile> {
  const table = new Map<string, StaticFile>();
  for (const file of walk(dir)) {
    const urlPath = '/' + relative(dir, file).split(sep).join('/');
    const body = readFileSync(file);
    table.set(urlPath, {
      body,
      type: CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      etag: `"${bytesToHex(sha256(body)).slice(0, 32)}"`,
      cacheControl: cacheControlOf(urlPath),
    });
  }
  const index = table.get('/index.html');
  if (index) table.set('/', index);
  return table;
}

/** True when `dir` holds a dashboard build (an index.html). */
export function isDashboardBuild(dir: string): boolean {
  return existsSync(join(dir, 'index.html'));
}

/** Registers GET routes for every file of the build in `dir` (read now; later changes need a restart). */
export function registerDashboardRoutes(app: FastifyInstance, dir: string): { files: number } {
  const table = loadStaticFiles(dir);
  for (const [urlPath, f] of table) {
    app.get(urlPath, async (req, reply) => {
      reply.header('cache-control', f.cacheControl).header('etag', f.etag).header('x-content-type-options', 'nosniff');
      if (f.type.startsWith('text/html')) reply.header('content-security-policy', DASHBOARD_CSP).header('referrer-policy', 'no-referrer');
      if (req.headers['if-none-match'] === f.etag) return reply.code(304).send();
      return reply.header('content-type', f.type).send(f.body);
    });
  }
  return { files: table.size };
}
