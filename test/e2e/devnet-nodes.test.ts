/**
 * `coinworks devnet --nodes 3` as a newcomer runs it: three node processes on one devnet, RPC on
 * consecutive ports, all connected; the parent prints each node's RPC URL and pid and then the
 * tips, and the three agree; every node reports its two peers; Ctrl-C (SIGINT) stops all three
 * and the parent exits 0.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { background, requireBuiltCli, rpc } from '../cli/process-helpers.js';
import { E2E_STEP_TIMEOUT_MS, E2E_TEST_TIMEOUT_MS } from './limits.js';

/** A port with the two after it free (best effort: the OS may hand them out meanwhile). */
async function freeBase(): Promise<number> {
  for (;;) {
    const base = 20000 + Math.floor(Math.random() * 20000);
    const ok = await Promise.all([0, 1, 2].map((i) => new Promise<boolean>((resolve) => {
      const s = createServer().once('error', () => resolve(false)).listen(base + i, '127.0.0.1', () => s.close(() => resolve(true)));
    })));
    if (ok.every(Boolean)) return base;
  }
}

test('devnet --nodes 3: three processes, consecutive RPC ports, all agree; Ctrl-C stops them all', { timeout: E2E_TEST_TIMEOUT_MS }, async (t) => {
  requireBuiltCli();
  const dir = await mkdtemp(join(tmpdir(), 'cw-devnet-nodes-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const base = await freeBase();
  const devnet = background(['devnet', '--nodes', '3', '--rpc-port', String(base), '--datadir', join(dir, 'devnet')], { cwd: dir });
  t.after(() => devnet.stop('SIGKILL'));
  await devnet.waitFor(/^Coinworks devnet: 3 nodes$/m, E2E_STEP_TIMEOUT_MS);
  await devnet.waitFor(/Press Ctrl-C/, E2E_STEP_TIMEOUT_MS);
  const rows = [...devnet.output().stdout.matchAll(/^\s+node-(\d)\s+(http:\/\/127\.0\.0\.1:(\d+))\s+(\d+)\s+(yes|no)\s+(\/ip4\/127\.0\.0\.1\/tcp\/\d+\/p2p\/\w+)$/gm)];
  assert.equal(rows.length, 3, devnet.output().stdout);
  assert.deepEqual(rows.map((r) => Number(r[3])), [base, base + 1, base + 2], 'RPC on consecutive ports');
  assert.deepEqual(rows.map((r) => r[5]), ['yes', 'no', 'no'], 'the first node mines by default');
  const pids = rows.map((r) => Number(r[4]));
  for (const pid of pids) assert.doesNotThrow(() => process.kill(pid, 0), `node pid ${pid} runs`);
  // The parent reports the tips; they agree once blocks flow.
  await devnet.waitFor(/node-0 ([3-9]|\d\d+) \w+ \| node-1 \1 \w+ \| node-2 \1 \w+\s+\(all agree\)/, E2E_STEP_TIMEOUT_MS);
  for (const r of rows) {
    const peers = await rpc<unknown[]>(r[2], 'net_peers');
    assert.equal(peers.length, 2, `${r[2]} has both other nodes as peers`);
  }
  const exit = await devnet.stop('SIGINT', 60_000);
  assert.deepEqual(exit, { code: 0, signal: null }, devnet.output().stderr);
  assert.match(devnet.output().stdout, /devnet stopped/);
  for (const pid of pids) assert.throws(() => process.kill(pid, 0), `node pid ${pid} has exited`);
});
