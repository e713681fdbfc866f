#!/usr/bin/env node
// Runs the tests with Node's own test runner and tsx, in tiers:
//   unit   every test file outside test/e2e/ and test/sweeps/ (in-process; two files at a time, the CI machine has two cores)
//   sweep  test/sweeps/ (long seeded sweeps over thousands of simulated runs; in-process, two at a time)
//   e2e    test/e2e/ (real node processes, the CLI, SIGKILL rounds; one file at a time, each spawns several processes)
// Usage: node scripts/run-tests.mjs [--tier unit|sweep|e2e|all] [path filters...]. `npm test` runs all tiers,
// `npm run test:unit` the fast one. COINWORKS_TEST_FILTER (comma-separated) filters when no paths are given.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
let tier = 'all';
const tierAt = args.indexOf('--tier');
if (tierAt >= 0) {
  tier = args[tierAt + 1];
  args.splice(tierAt, 2);
}
if (!['unit', 'sweep', 'e2e', 'all'].includes(tier)) {
  console.error(`unknown tier "${tier}": use unit, sweep, e2e or all`);
  process.exit(2);
}
const filters = args.length ? args : (process.env.COINWORKS_TEST_FILTER ?? '').split(',').filter(Boolean);
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.test.ts')) files.push(relative(root, p));
  }
})(join(root, 'test'));
const isE2e = (f) => f.startsWith('test/e2e/');
const isSweep = (f) => f.startsWith('test/sweeps/');
const matching = files.sort().filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
const tiers = [
  { name: 'unit', files: matching.filter((f) => !isE2e(f) && !isSweep(f)), concurrency: 2 },
  { name: 'sweep', files: matching.filter(isSweep), concurrency: 2 },
  { name: 'e2e', files: matching.filter(isE2e), concurrency: 1 },
].filter((t) => (tier === 'all' || t.name === tier) && t.files.length > 0);
if (tiers.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
let status = 0;
for (const t of tiers) {
  const started = Date.now();
  console.log(`# tier ${t.name}: ${t.files.length} files`);
  const res = spawnSync(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${t.concurrency}`, ...t.files], { cwd: root, stdio: 'inherit' });
  console.log(`# tier ${t.name} took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (res.status !== 0) status = res.status ?? 1;
}
process.exit(status);
