#!/usr/bin/env node
// Runs on `npm ci` / `npm install`: builds the native SHA-256d mining kernel (optional: the miner
// falls back to JavaScript when it cannot be built) and compiles TypeScript to dist/.
import { spawnSync } from 'node:child_process';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });
const native = run('npm', ['run', '--silent', 'build:native']);
if (native.status !== 0) console.warn('coinworks: native mining kernel not built; the miner will use its JavaScript kernel');
const build = run('npm', ['run', '--silent', 'build']);
process.exit(build.status ?? 1);
