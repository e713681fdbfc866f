#!/usr/bin/env node
// Runs every test file under test/ (or those whose path contains one of the arguments) with Node's
// own test runner and tsx, two files at a time (the CI machine has two cores).
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
// Filters: arguments, or COINWORKS_TEST_FILTER (comma-separated) when none are given.
const filters = process.argv.slice(2).length ? process.argv.slice(2) : (process.env.COINWORKS_TEST_FILTER ?? '').split(',').filter(Boolean);
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.test.ts')) files.push(relative(root, p));
  }
})(join(root, 'test'));
const selected = files.sort().filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
if (selected.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
const res = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...selected], { cwd: root, stdio: 'inherit' });
process.exit(res.status ?? 1);
