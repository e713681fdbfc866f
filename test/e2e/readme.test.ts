/**
 * The README's opening commands work from a clean checkout. The repository (every file git knows
 * of, tracked or not yet committed, minus ignored ones such as node_modules and dist) is copied to
 * a temporary directory. `npm ci` cannot run offline here (the npm cache does not hold every
 * package), so its effect is reproduced instead: node_modules is COPIED from this checkout and the
 * `prepare` script `npm ci` would run (native kernel + TypeScript build) is run. The rest of the
 * first line (e.g. `npx coinworks devnet`) then runs as written, in the background, until the
 * devnet has mined 2 blocks; Ctrl-C (SIGINT to its process group) must stop the node cleanly (the
 * npm/npx/sh wrappers around it may themselves report SIGINT, as they do in a terminal).
 * The second line (`npm test`) runs restricted by COINWORKS_TEST_FILTER=encoding, so the nested
 * run does not recurse into this file, and must exit 0.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { background, ROOT, rpc, until } from '../cli/process-helpers.js';
import { E2E_STEP_TIMEOUT_MS, E2E_TEST_TIMEOUT_MS } from './limits.js';

/** The command lines of the README's first ```sh block. */
async function readmeCommands(): Promise<string[]> {
  const text = await readFile(join(ROOT, 'README.md'), 'utf8');
  const m = /```(?:sh|bash|shell)\n([\s\S]*?)```/.exec(text);
  assert.ok(m, 'README.md has a ```sh block');
  return m[1].split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
}

/** Environment for nested runs: no COINWORKS_* or test-runner state from this process. */
function nestedEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith('COINWORKS_') || k === 'NODE_TEST_CONTEXT' || k.startsWith('npm_')) continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

function sh(cmd: string, cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): { code: number | null; out: string } {
  const r = spawnSync('sh', ['-c', cmd], { cwd, env, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

test('README: the first line starts a devnet that mines; the second runs the tests', { timeout: E2E_TEST_TIMEOUT_MS }, async (t) => {
  const [first, second] = await readmeCommands();
  assert.ok(first && second, 'the README opens with two command lines');
  const steps = first.split('&&').map((s) => s.trim());
  assert.equal(steps[0], 'npm ci', `the first line starts with npm ci: ${first}`);
  const runLine = steps.slice(1).join(' && ');
  assert.ok(runLine.length > 0, 'the first line starts something after npm ci');

  const tmp = await mkdtemp(join(tmpdir(), 'cw-readme-'));
  t.after(() => rm(tmp, { recursive: true, force: true }));
  const repo = join(tmp, 'coinworks');
  const ls = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(ls.status, 0, ls.stderr);
  const files = ls.stdout.split('\0').filter((f) => f && !f.startsWith('node_modules/') && !f.startsWith('dist/'));
  for (const f of files) {
    await mkdir(dirname(join(repo, f)), { recursive: true });
    await copyFile(join(ROOT, f), join(repo, f)).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e; // deleted in the working tree but still in the index
    });
  }
  // `npm ci`, reproduced offline: node_modules copied from this checkout, then its prepare step.
  const cp = spawnSync('cp', ['-a', join(ROOT, 'node_modules'), join(repo, 'node_modules')]);
  assert.equal(cp.status, 0, String(cp.stderr));
  // npx keeps its own install of the local package in the npm cache: use a private one.
  const env = nestedEnv({ npm_config_cache: join(tmp, 'npm-cache'), npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' });
  const prepare = sh('npm run prepare', repo, env, 300_000);
  assert.equal(prepare.code, 0, `npm run prepare failed:\n${prepare.out}`);

  // The rest of the first line, as written, on an ephemeral RPC port (set through the environment).
  const devnet = background(['-c', runLine], { command: 'sh', cwd: repo, env: { ...env, COINWORKS_RPC_PORT: '0' }, detached: true });
  const groupKill = (sig: NodeJS.Signals) => {
    try {
      process.kill(-devnet.child.pid!, sig);
    } catch {
      /* already gone */
    }
  };
  t.after(() => groupKill('SIGKILL'));
  const [, url] = await devnet.waitFor(/^RPC: (http:\/\/\S+)$/m, E2E_STEP_TIMEOUT_MS);
  await until(async () => (await rpc<{ height: number }>(url, 'chain_getHead')).height >= 2, 120_000);
  // Ctrl-C in a terminal signals the whole foreground process group. The node must shut down
  // cleanly; the wrappers around it (npm, npx, a non-interactive sh) may report SIGINT themselves.
  groupKill('SIGINT');
  const exit = await Promise.race([devnet.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), E2E_STEP_TIMEOUT_MS))]);
  const { stdout, stderr } = devnet.output();
  assert.notEqual(exit, 'timeout', `devnet did not stop:\n${stdout.slice(-3000)}\n${stderr.slice(-3000)}`);
  // Logs go to stderr (the devnet's banner alone on stdout, issue 14).
  assert.match(stderr, /"msg":"node stopped"|node stopped/, `no clean shutdown:\n${stdout.slice(-3000)}\n${stderr.slice(-3000)}`);
  assert.doesNotMatch(stderr, /without a clean shutdown/);
  assert.ok(exit !== 'timeout' && (exit.code === 0 || exit.signal === 'SIGINT'), `unexpected exit ${JSON.stringify(exit)}`);

  // The second line, restricted to a fast subset.
  const tests = sh(second, repo, { ...env, COINWORKS_TEST_FILTER: 'encoding' }, 400_000);
  assert.equal(tests.code, 0, `${second} failed:\n${tests.out.slice(-6000)}`);
  assert.match(tests.out, /# pass [1-9]/);
  assert.match(tests.out, /# fail 0/);
});
