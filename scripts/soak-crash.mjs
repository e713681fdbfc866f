#!/usr/bin/env node
// Long crash-recovery soak (not part of the default suite): runs test/e2e/crash-recovery.test.ts with
// many more SIGKILL/restart rounds on one data directory.
//
//   node scripts/soak-crash.mjs [rounds=200] [seed]
//
// The seed (random by default) is printed; pass it again to replay a failing run's kill schedule.
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';

const root = new URL('..', import.meta.url).pathname;
const rounds = Number(process.argv[2] ?? 200);
const seed = Number(process.argv[3] ?? randomInt(1, 2 ** 31));
if (!Number.isInteger(rounds) || rounds < 1 || !Number.isInteger(seed)) {
  console.error('usage: node scripts/soak-crash.mjs [rounds] [seed]');
  process.exit(2);
}
console.log(`crash soak: ${rounds} rounds, CRASH_SEED=${seed}`);
const started = Date.now();
const res = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', 'test/e2e/crash-recovery.test.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, CRASH_ROUNDS: String(rounds), CRASH_SEED: String(seed) },
});
console.log(`crash soak: ${res.status === 0 ? 'passed' : 'FAILED'} after ${((Date.now() - started) / 1000).toFixed(0)} s (CRASH_SEED=${seed})`);
process.exit(res.status ?? 1);
