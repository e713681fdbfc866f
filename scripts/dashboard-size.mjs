#!/usr/bin/env node
// Reports the web dashboard's bundle size after `vite build` (run by `npm run build:dashboard`):
// the JavaScript and CSS the first page load fetches (index.html's module script, its modulepreload
// links and stylesheets), and every file, raw and gzipped. Writes dist/dashboard-size.json (outside
// the served folder); test/e2e/dashboard-bundle.test.ts holds the first load to its budget.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = new URL('..', import.meta.url).pathname;
const dir = join(root, 'dist', 'dashboard');
const html = readFileSync(join(dir, 'index.html'), 'utf8');
const firstLoad = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
const walk = (d) => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
const files = walk(dir).map((p) => {
  const b = readFileSync(p);
  return { file: relative(dir, p), bytes: b.length, gzip: gzipSync(b, { level: 9 }).length };
});
const sum = (fs, k) => fs.reduce((s, f) => s + f[k], 0);
const first = files.filter((f) => firstLoad.includes(f.file));
const firstJs = first.filter((f) => f.file.endsWith('.js'));
const report = { firstLoad: { files: first.map((f) => f.file), jsBytes: sum(firstJs, 'bytes'), jsGzip: sum(firstJs, 'gzip'), allGzip: sum(first, 'gzip') }, total: { files: files.length, bytes: sum(files, 'bytes'), gzip: sum(files, 'gzip') }, files };
writeFileSync(join(root, 'dist', 'dashboard-size.json'), JSON.stringify(report, null, 2) + '\n');
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`dashboard: first load ${kb(report.firstLoad.jsGzip)} gzipped JavaScript (${kb(report.firstLoad.jsBytes)} raw), ${kb(report.firstLoad.allGzip)} with CSS; all ${files.length} files ${kb(report.total.gzip)} gzipped`);
