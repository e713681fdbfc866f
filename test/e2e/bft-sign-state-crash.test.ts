/**
 * The double-sign guard with its file store under SIGKILL: a worker process signs votes and
 * proposals as fast as it can (a random block each time) and is killed at random moments, many
 * times, each restart resuming on the same state file. Across every run no (height, round, step)
 * was ever released with two different messages, and the file always covers what was released.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FileSignStateStore } from '../../src/consensus/bft/sign-state-file.js';
import { mulberry32 } from '../../src/testing/prng.js';

const WORKER = resolve(import.meta.dirname, '../../src/testing/bft-signer-worker.ts');
const KILLS = Number(process.env.COINWORKS_BFT_KILLS ?? 12);

interface Run {
  lines: string[];
  ready: boolean;
}

/** Starts the worker, lets it sign for `ms` after READY, SIGKILLs it and returns what it printed. */
async function runOnce(file: string, seed: number, ms: number): Promise<string[]> {
  const proc = spawn(process.execPath, ['--import', 'tsx', WORKER, file, String(seed)], { stdio: ['pipe', 'pipe', 'pipe'] });
  const run: Run = { lines: [], ready: false };
  let buf = '';
  let stderr = '';
  proc.stdout.setEncoding('utf8');
  proc.stdout.on('data', (s: string) => {
    buf += s;
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      const l = buf.slice(0, i);
      buf = buf.slice(i + 1);
      if (l.startsWith('READY')) run.ready = true;
      run.lines.push(l);
    }
  });
  proc.stderr.on('data', (s: string) => (stderr += s));
  const closed = new Promise<{ signal: NodeJS.Signals | null }>((r) => proc.on('close', (_c, signal) => r({ signal })));
  // Generous limit for the worker to start (tsx compiles on first use); poll, no tight timer.
  const deadline = Date.now() + 60_000;
  while (!run.ready) {
    if (proc.exitCode !== null) throw new Error(`worker exited before READY:\n${stderr}`);
    if (Date.now() > deadline) throw new Error(`worker not READY:\n${stderr}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  await new Promise((r) => setTimeout(r, ms));
  proc.kill('SIGKILL');
  const { signal } = await closed;
  assert.equal(signal, 'SIGKILL', `worker died on its own:\n${stderr}`);
  return run.lines;
}

test(`SIGKILL at random moments (${KILLS} times): no step is ever signed twice with different messages`, { timeout: 60_000 + KILLS * 60_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'cw-bft-crash-'));
  try {
    const file = join(dir, 'sign-state.bin');
    const rnd = mulberry32(20261);
    const released = new Map<string, Set<string>>();
    let signed = 0;
    let refused = 0;
    let lastReleased = '';
    for (let k = 0; k < KILLS; k++) {
      const lines = await runOnce(file, k, 30 + Math.floor(rnd() * 250));
      for (const l of lines) {
        const [kind, h, r, s, digest] = l.split(' ');
        if (kind === 'SIGNED') {
          signed++;
          const hrs = `${h}/${r}/${s}`;
          if (!released.has(hrs)) released.set(hrs, new Set());
          released.get(hrs)!.add(digest);
          lastReleased = hrs;
        } else if (kind === 'REFUSED') refused++;
      }
    }
    const doubles = [...released].filter(([, d]) => d.size > 1).map(([hrs]) => hrs);
    assert.deepEqual(doubles, [], 'a step released with two different messages');
    assert.ok(signed > KILLS * 5, `signed ${signed}`);
    assert.ok(refused > 0, 'restarts asked to sign a different message for the resumed step and were refused');
    // Persist-before-release: the file's state is at or past the last message that got out.
    const state = new FileSignStateStore(file).load()!;
    const [h, r, s] = lastReleased.split('/').map(BigInt);
    const cmp = state.height !== h ? (state.height > h ? 1 : -1) : state.round !== Number(r) ? (state.round > Number(r) ? 1 : -1) : Math.sign(state.step - Number(s));
    assert.ok(cmp >= 0, `file at ${state.height}/${state.round}/${state.step}, last released ${lastReleased}`);
    t.diagnostic(`${KILLS} kills, ${signed} signatures released, ${refused} refusals, ${released.size} distinct steps`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
