/**
 * (d) A peer that floods, sends a garbage frame and gossips an invalid block (a separate process,
 * src/testing/evil-peer.ts) is charged for each offence, banned and disconnected by the honest
 * node it joined; the ban is written to disk and still holds after that node restarts (the evil
 * peer keeps redialling and is refused); the honest nodes keep mining and agree on one tip.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { background, cleanEnv, requireBuiltCli, until } from '../cli/process-helpers.js';
import { E2E_STEP_TIMEOUT_MS, E2E_TEST_TIMEOUT_MS } from './limits.js';
import { Cluster } from './p2p-cluster.js';

const EVIL = fileURLToPath(new URL('../../src/testing/evil-peer.ts', import.meta.url));

test('(d) a peer sending floods, garbage frames and invalid blocks is banned; honest nodes keep going', { timeout: E2E_TEST_TIMEOUT_MS }, async (t) => {
  requireBuiltCli();
  const root = await mkdtemp(join(tmpdir(), 'cw-p2p-ban-'));
  const c = await Cluster.create(root, 2);
  const evil = { proc: undefined as ReturnType<typeof background> | undefined };
  t.after(async () => {
    await evil.proc?.stop('SIGKILL');
    await c.stopAll();
    await rm(root, { recursive: true, force: true });
  });
  await c.start(0, { mine: true });
  await c.start(1, { bootstrap: [0], logLevel: 'debug' });
  await c.sameTip([0, 1], { minHeight: 2 });
  evil.proc = background(['--import', 'tsx', EVIL, c.dir(0), join(root, 'evil'), c.node(1).p2p], { command: process.execPath, env: cleanEnv() });
  const [, evilId] = await evil.proc.waitFor(/^CONNECTED (\S+) /m, E2E_STEP_TIMEOUT_MS);
  await evil.proc.waitFor(/^DISCONNECTED$/m, E2E_STEP_TIMEOUT_MS);
  const log = () => c.node(1).proc.output().stderr;
  const penalties = log()
    .split('\n')
    .filter((l) => l.includes('"peer penalised"') && l.includes(evilId))
    .map((l) => (JSON.parse(l) as { reason: string }).reason);
  assert.ok(penalties.some((r) => /^flood/.test(r)), `flood charged: ${penalties.join('; ')}`);
  assert.ok(penalties.some((r) => /^garbage request/.test(r)), 'garbage frame charged');
  assert.ok(penalties.some((r) => /gossip block: BLOCK_BAD_POW/.test(r)), 'invalid block charged');
  const banLine = log()
    .split('\n')
    .find((l) => l.includes('"peer banned"') && l.includes(evilId));
  assert.ok(banLine, 'the node logged the ban');
  assert.match(banLine, /BLOCK_BAD_POW/, 'with the reason');
  const bans = JSON.parse(await readFile(join(c.dir(1), 'p2p', 'bans.json'), 'utf8')) as Array<{ peer: string }>;
  assert.ok(bans.some((b) => b.peer === evilId), 'the ban is on disk');
  // The honest node that first saw the bad block did not relay it, so node 0 never heard of the evil peer's block.
  assert.doesNotMatch(c.node(0).proc.output().stderr, /BLOCK_BAD_POW/);

  // The ban holds across a restart: the evil peer keeps redialling and is refused.
  const h = await c.head(1);
  await c.node(1).proc.stop('SIGINT');
  await c.start(1, { bootstrap: [0], logLevel: 'debug' });
  await until(async () => (await c.head(1)).height > h.height + 2, E2E_STEP_TIMEOUT_MS, 500);
  assert.doesNotMatch(c.node(1).proc.output().stderr, new RegExp(`"peer":"${evilId}"[^\\n]*"msg":"peer connected"`));
  // Honest nodes kept going and agree.
  await c.control(0, 'mining_stop');
  await c.sameTip([0, 1]);
});
