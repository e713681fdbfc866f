/**
 * The dashboard's bundle budget (issue 13: first load under 200 KB of gzipped JavaScript): measured
 * here from the build in dist/dashboard/ (index.html's module script and modulepreload links,
 * gzipped), and equal to what `npm run build` reported in dist/dashboard-size.json.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from '../cli/process-helpers.js';

/** Gzipped JavaScript of the first page load, in bytes. */
export const FIRST_LOAD_JS_GZIP_BUDGET = 200 * 1024;
/** Every file of the build together, gzipped (all pages, signing code included). */
export const TOTAL_GZIP_BUDGET = 400 * 1024;

const DIR = join(ROOT, 'dist', 'dashboard');

test('the first load stays under 200 KB of gzipped JavaScript; the build reports the same figure', () => {
  assert.ok(existsSync(join(DIR, 'index.html')), 'dist/dashboard is missing: run npm run build');
  const html = readFileSync(join(DIR, 'index.html'), 'utf8');
  const js = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  assert.ok(js.length >= 1, 'index.html loads a module script');
  const gz = js.reduce((s, f) => s + gzipSync(readFileSync(join(DIR, f)), { level: 9 }).length, 0);
  assert.ok(gz < FIRST_LOAD_JS_GZIP_BUDGET, `first load ${gz} bytes gzipped, budget ${FIRST_LOAD_JS_GZIP_BUDGET}`);
  const report = JSON.parse(readFileSync(join(ROOT, 'dist', 'dashboard-size.json'), 'utf8')) as { firstLoad: { jsGzip: number }; total: { gzip: number } };
  assert.equal(report.firstLoad.jsGzip, gz, 'the build reported the size this test measures');
  assert.ok(report.total.gzip < TOTAL_GZIP_BUDGET, `all files ${report.total.gzip} bytes gzipped, budget ${TOTAL_GZIP_BUDGET}`);
  // Nothing is fetched from elsewhere at run time: every URL in the build is relative to the node.
  for (const f of js) assert.doesNotMatch(readFileSync(join(DIR, f), 'utf8'), /https?:\/\/(?!127\.0\.0\.1|localhost|www\.w3\.org)[a-z0-9.-]+\.[a-z]{2,}\/[\w/-]*\.(?:js|css|woff2?)/i, `${f} loads nothing from outside hosts`);
});
