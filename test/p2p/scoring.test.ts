/**
 * Peer scoring rules: ban scores by error (an error's own `score` first, then the table; what an
 * honest peer relays in good faith costs nothing), tallies that add up to a ban at the threshold
 * and decay over time, bans that expire and are written to and read back from disk, and the token
 * bucket rate limiter. Deterministic clocks throughout.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlockError, CoinworksError, DecodeError, MempoolError, TxError } from '../../src/errors.js';
import { BAN_THRESHOLD, banScoreOf, Offence } from '../../src/p2p/ban-scores.js';
import { PeerScores } from '../../src/p2p/peer-scores.js';
import { RateLimiter } from '../../src/p2p/rate-limit.js';

test('ban scores: invalid blocks and transactions and garbage cost 100; honest relays of stale data cost at most 10; the error\'s own verdict is charged; our own faults cost 0', () => {
  assert.equal(banScoreOf(new BlockError('BLOCK_BAD_POW', 'x')), 100);
  assert.equal(banScoreOf(new BlockError('BLOCK_BAD_STATE_ROOT', 'x')), 100);
  assert.equal(banScoreOf(new DecodeError('DECODE_TRUNCATED', 'x')), 100);
  assert.equal(banScoreOf(new TxError('TX_BAD_SIGNATURE', 'x')), 100);
  // Not offences: a block of a branch that lost, one whose parent is unknown, clock skew, stale transactions, policy.
  for (const code of ['BLOCK_PARENT_UNKNOWN', 'BLOCK_DUPLICATE', 'BLOCK_TIME_TOO_NEW', 'BLOCK_ORPHAN_POOL_FULL'] as const) assert.equal(banScoreOf(new BlockError(code, 'x')), 0, code);
  for (const code of ['TX_NONCE_REPLAY', 'TX_NONCE_GAP', 'TX_INSUFFICIENT_BALANCE', 'TX_FEE_BELOW_BASE_FEE', 'TX_COMMAND_FAILED'] as const) assert.ok(banScoreOf(new TxError(code, 'x')) <= 10, code);
  assert.equal(banScoreOf(new MempoolError('MEMPOOL_FULL', 'x')), 0);
  assert.equal(banScoreOf(new Error('ours')), 0, 'a failure that is not a typed error is not the peer\'s');
  assert.equal(banScoreOf(new BlockError('BLOCK_BAD_POW', 'x', {}, { fault: 'peer', banScore: 7 })), 7, 'a thrower\'s own verdict');
  assert.equal(banScoreOf(new CoinworksError('STORAGE_CORRUPT', 'x')), 0, 'our own fault');
  assert.equal(banScoreOf(new BlockError('BLOCK_BAD_POW', 'x', {}, { fault: 'local', banScore: 100 })), 0);
});

test('tallies add up to a ban at the threshold, decay with the half-life, and a ban expires', () => {
  let now = 1_000_000;
  const s = new PeerScores({ now: () => now, banMs: 60_000, halfLifeMs: 10_000 });
  assert.equal(s.penalize('p', Offence.garbageFrame, 'g').banned, undefined);
  assert.equal(s.score('p'), -25);
  now += 10_000; // one half-life
  assert.equal(s.score('p'), -13);
  for (let i = 0; i < 3; i++) s.penalize('p', Offence.garbageFrame, 'g');
  assert.ok(!s.isBanned('p'), `tally ${s.tally('p')} is under ${BAN_THRESHOLD}`);
  const r = s.penalize('p', Offence.garbageFrame, 'last straw');
  assert.ok(r.banned);
  assert.equal(r.banned.reason, 'last straw');
  assert.ok(s.isBanned('p'));
  assert.equal(s.penalize('q', 0, 'nothing').banned, undefined);
  assert.equal(s.score('q'), 0);
  now += 60_001;
  assert.ok(!s.isBanned('p'), 'the ban expired');
  assert.deepEqual(s.listBans(), []);
});

test('bans are written to disk and read back; expired ones are dropped on load', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'cw-bans-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'p2p', 'bans.json');
  let now = 5_000;
  const a = new PeerScores({ now: () => now, file, banMs: 1000 });
  a.penalize('bad', 100, 'BLOCK_BAD_POW');
  a.banNow('short', 'operator', 10);
  await a.flush();
  assert.equal((JSON.parse(await readFile(file, 'utf8')) as unknown[]).length, 2);
  now += 100;
  const b = new PeerScores({ now: () => now, file });
  await b.load();
  assert.ok(b.isBanned('bad'));
  assert.ok(!b.isBanned('short'));
  assert.equal(b.ban('bad')?.reason, 'BLOCK_BAD_POW');
  b.unban('bad');
  await b.flush();
  const c = new PeerScores({ now: () => now, file });
  await c.load();
  assert.ok(!c.isBanned('bad'));
});

test('rate limiter: a burst, then the refill rate', () => {
  let now = 0;
  const r = new RateLimiter({ perSecond: 2, burst: 4 }, () => now);
  for (let i = 0; i < 4; i++) assert.ok(r.take('p'));
  assert.ok(!r.take('p'));
  assert.ok(r.take('q'), 'per key');
  now += 500;
  assert.ok(r.take('p'));
  assert.ok(!r.take('p'));
  assert.ok(!r.take('p', 10), 'a cost above the burst never passes');
  now += 10_000;
  assert.ok(r.take('p', 4));
});
