#!/usr/bin/env node
// Runs the tests with Node's own test runner and tsx, in tiers:
//   unit   every test file outside test/e2e/ and test/sweeps/ (in-process). The files are dealt into
//          shards (COINWORKS_TEST_SHARDS, default 8), one process each, four at a time: a process per
//          file spent about a second loading modules for each of 140 files, and most unit tests wait on
//          sockets and timers rather than the CPU. Files of a shard share a process, so a unit test file
//          must leave no global state behind (restore env variables and installed hooks in t.after).
//   sweep  test/sweeps/ (long seeded sweeps over thousands of simulated runs; in-process, two at a time)
//   e2e    test/e2e/ (real node processes, the CLI, SIGKILL rounds; one file at a time, each spawns several processes)
// Usage: node scripts/run-tests.mjs [--tier unit|sweep|e2e|all] [path filters...]. `npm test` runs all tiers,
// `npm run test:unit` the fast one. COINWORKS_TEST_FILTER (comma-separated) filters when no paths are given.
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;

/**
 * Seconds the slowest unit files take (measured on the 2-core machine; a hint for balancing, not a
 * limit). Every other file counts as one second.
 */
const UNIT_WEIGHTS = {
  'test/validator/network.test.ts': 21,
  'test/state/disk-genesis.test.ts': 15,
  'test/cli/stake.test.ts': 15,
  'test/mining-pool/abuse.test.ts': 13,
  'test/validator/p2p-network.test.ts': 7,
  'test/miner/cpu-miner.test.ts': 6,
  'test/cli/validator.test.ts': 5,
  'test/validator/safety.test.ts': 5,
  'test/mining-pool/stratum-protocol.test.ts': 5,
  'test/node/pos-node.test.ts': 4,
  'test/cli/wallet-commands.test.ts': 4,
  'test/mining-pool/monitor-alarms.test.ts': 3,
};

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
  { name: 'unit', files: matching.filter((f) => !isE2e(f) && !isSweep(f)), concurrency: 4, shards: Number(process.env.COINWORKS_TEST_SHARDS ?? 8) },
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
  const shardDir = t.shards ? mkdtempSync(join(tmpdir(), 'coinworks-test-shards-')) : undefined;
  const entries = shardDir ? shardFiles(t.files, t.shards, shardDir) : t.files;
  const res = spawnSync(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${t.concurrency}`, ...entries], { cwd: root, stdio: 'inherit' });
  if (shardDir) rmSync(shardDir, { recursive: true, force: true });
  console.log(`# tier ${t.name} took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (res.status !== 0) status = res.status ?? 1;
}
process.exit(status);

/**
 * Deals `list` into at most `n` shard entry modules under `dir` (each imports its files), heaviest
 * file first onto the lightest shard, and returns their paths, heaviest shard first.
 */
function shardFiles(list, n, dir) {
  const shards = Array.from({ length: Math.min(n, list.length) }, () => ({ files: [], weight: 0 }));
  const weight = (f) => UNIT_WEIGHTS[f] ?? 1;
  for (const f of [...list].sort((a, b) => weight(b) - weight(a) || a.localeCompare(b))) {
    const lightest = shards.reduce((m, x) => (x.weight < m.weight ? x : m));
    lightest.files.push(f);
    lightest.weight += weight(f);
  }
  return shards
    .sort((a, b) => b.weight - a.weight)
    .map((sh, i) => {
      const entry = join(dir, `shard-${i}.test.mjs`);
      writeFileSync(entry, sh.files.map((f) => `import ${JSON.stringify(pathToFileURL(join(root, f)).href)};`).join('\n') + '\n');
      return entry;
    });
}
