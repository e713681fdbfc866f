/**
 * The documented flows run as written (issue 14): the README tour, docs/governed-minting.md and
 * docs/nfts.md. Their ```console blocks are extracted as they stand: each `$ ` line is a command,
 * the lines after it are output the docs promise. One fresh default `coinworks devnet` (20 dev
 * accounts) runs in a temporary directory, the one the docs' commands run from (so `--from dev-N`
 * needs no flags, as the docs say), with HOME pointed at it (so `wallet new` writes there). Each
 * document's commands run in `sh` (dash where it is /bin/sh: no bash-only syntax survives), in
 * order, the variables they set carried from one to the next, the three documents side by side (they use distinct dev accounts). The only things
 * put between the docs and the shell: `npx coinworks` runs the built CLI (npx would resolve the
 * same package, slower), COINWORKS_RPC names the devnet's port (0, a free one), and the README's
 * `<transaction>` is the id the `send` before it printed (the docs say to use it).
 *
 * Checks: every command exits 0, except one whose promised output is an `error:` line (exit 1);
 * every promised line appears in the command's output (stdout and stderr), where `…` stands for
 * any text and runs of spaces for any run of blanks (columns are padded to their content).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, mkdir, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { background, cleanEnv, CLI, requireBuiltCli, ROOT } from '../cli/process-helpers.js';
import { E2E_STEP_TIMEOUT_MS, E2E_TEST_TIMEOUT_MS } from './limits.js';

/** One documented command and the output lines it promises. */
interface Step {
  readonly command: string;
  readonly expect: string[];
}

/** The `$` commands of every ```console block of a document, in order. */
export function consoleSteps(markdown: string): Step[] {
  const steps: Step[] = [];
  for (const m of markdown.matchAll(/```console\n([\s\S]*?)```/g)) {
    for (const line of m[1].split('\n')) {
      if (line.startsWith('$ ')) steps.push({ command: line.slice(2), expect: [] });
      else if (line.trim() !== '' && steps.length > 0) steps[steps.length - 1].expect.push(line);
    }
  }
  return steps;
}

/** A promised line as a pattern: `…` any text, blanks any blanks. */
function linePattern(line: string): RegExp {
  const parts = line.trim().split('…').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'));
  return new RegExp(`^${parts.join('.*?')}$`);
}

/** Runs `steps` in order, each command's output (stdout and stderr) and exit code apart. */
async function runSteps(steps: readonly Step[], cwd: string, env: NodeJS.ProcessEnv, bin: string): Promise<Array<{ out: string; code: number }>> {
  const results: Array<{ out: string; code: number }> = [];
  let last = '';
  for (let i = 0; i < steps.length; i++) {
    // `<transaction>` (README): the id the last `send` printed, as the docs tell the reader.
    const command = steps[i].command.replace('<transaction>', last);
    results.push(await sh(`${command}`, cwd, env, bin, i));
    const id = /^transaction:\s+([0-9a-f]{64})$/m.exec(results[i].out)?.[1];
    if (id) last = id;
  }
  return results;
}

function sh(command: string, cwd: string, env: NodeJS.ProcessEnv, bin: string, i: number): Promise<{ out: string; code: number }> {
  // One sh per command; the variables earlier steps set (MG=$(...), CG=...) carry over through a file.
  const key = String(env.DOC_SESSION);
  const state = join(cwd, `.vars-${key}`);
  const script = `[ -f ${state} ] && . ${state}\n${command}\nrc=$?\nset | grep -E '^(MG|CG)=' > ${state}.tmp; mv ${state}.tmp ${state}\nexit $rc\n`;
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', script], { cwd, env: { ...env, PATH: `${bin}:${env.PATH}` }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`step ${i} timed out: ${command}\n${out}`));
    }, E2E_STEP_TIMEOUT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ out, code: code ?? -1 });
    });
  });
}

test('README tour, docs/governed-minting.md and docs/nfts.md run as written on a fresh devnet, and print what they show', { timeout: E2E_TEST_TIMEOUT_MS }, async (t) => {
  requireBuiltCli();
  const started = Date.now();
  const dir = await mkdtemp(join(tmpdir(), 'cw-docs-walk-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  // `coinworks` and `npx coinworks` run the built CLI.
  const bin = join(dir, 'bin');
  await mkdir(bin);
  await writeFile(join(bin, 'coinworks'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  await writeFile(join(bin, 'npx'), `#!/bin/sh\nif [ "$1" = coinworks ]; then shift; exec "${process.execPath}" "${CLI}" "$@"; fi\necho "the docs walk runs only npx coinworks" >&2; exit 127\n`);
  await chmod(join(bin, 'coinworks'), 0o755);
  await chmod(join(bin, 'npx'), 0o755);

  const devnet = background(['devnet', '--rpc-port', '0'], { cwd: dir, env: cleanEnv({ HOME: dir }) });
  t.after(() => devnet.stop('SIGKILL'));
  const [, url] = await devnet.waitFor(/^RPC: (http:\/\/127\.0\.0\.1:\d+)$/m, E2E_STEP_TIMEOUT_MS);
  assert.match(devnet.output().stdout, /^Chain: new /m);

  const docs = ['README.md', 'docs/governed-minting.md', 'docs/nfts.md'];
  const walks = await Promise.all(
    docs.map(async (doc, n) => {
      const steps = consoleSteps(await readFile(join(ROOT, doc), 'utf8'));
      assert.ok(steps.length >= 5, `${doc} shows its commands in console blocks`);
      const env = cleanEnv({ HOME: dir, COINWORKS_RPC: url, DOC_SESSION: String(n) });
      return { doc, steps, results: await runSteps(steps, dir, env, bin) };
    }),
  );
  for (const { doc, steps, results } of walks) {
    steps.forEach((s, i) => {
      const r = results[i];
      const fails = s.expect.some((l) => l.startsWith('error: '));
      assert.equal(r.code, fails ? 1 : 0, `${doc}: \`${s.command}\` exited ${r.code}\n${r.out}`);
      const lines = r.out.split('\n').map((l) => l.trim());
      for (const want of s.expect) {
        const re = linePattern(want);
        assert.ok(lines.some((l) => re.test(l)), `${doc}: \`${s.command}\` did not print\n  ${want}\nit printed:\n${r.out}`);
      }
    });
  }
  assert.deepEqual(await devnet.stop('SIGINT'), { code: 0, signal: null });
  t.diagnostic(`docs walk took ${((Date.now() - started) / 1000).toFixed(1)} s`);
});
