import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DoubleSignGuard, KEPT_VOTES, MemorySignStateStore, type SignState, type SignStateStore } from '../../../src/consensus/bft/signer.js';
import { FileSignStateStore } from '../../../src/consensus/bft/sign-state-file.js';
import { verifyProposalSignature, verifyVoteSignature, type Vote } from '../../../src/consensus/bft/messages.js';
import { BftError } from '../../../src/consensus/bft/errors.js';
import { CHAIN_ID, hashOf, keys } from './fixtures.js';

const key = keys[0];
const A = hashOf('A');
const B = hashOf('B');
const refused = (e: unknown) => e instanceof BftError && e.code === 'BFT_DOUBLE_SIGN';

function guard(store: SignStateStore = new MemorySignStateStore()): DoubleSignGuard {
  return new DoubleSignGuard({ chainId: CHAIN_ID, publicKey: key.publicKey, sign: key.sign, store });
}
function v(type: Vote['type'], height: bigint, round: number, blockHash: Uint8Array | null): Vote {
  return { type, height, round, blockHash, validatorIndex: 0, validatorAddress: key.address };
}

test('signs in (height, round, step) order and the signatures verify', () => {
  const g = guard();
  const p = g.signProposal({ height: 1n, round: 0, blockHash: A, polRound: null });
  verifyProposalSignature(CHAIN_ID, p, key.publicKey);
  verifyVoteSignature(CHAIN_ID, g.signVote(v('prevote', 1n, 0, A)), key.publicKey);
  verifyVoteSignature(CHAIN_ID, g.signVote(v('precommit', 1n, 0, A)), key.publicKey);
  g.signVote(v('prevote', 1n, 1, null));
  g.signVote(v('prevote', 2n, 0, B));
});

test('refuses a conflicting message at the same height, round and step, and any regression', () => {
  const g = guard();
  g.signVote(v('prevote', 5n, 2, A));
  assert.throws(() => g.signVote(v('prevote', 5n, 2, B)), refused, 'prevote B after prevote A');
  assert.throws(() => g.signVote(v('prevote', 5n, 2, null)), refused, 'nil after A');
  g.signVote(v('precommit', 5n, 2, A));
  assert.throws(() => g.signVote(v('prevote', 5n, 2, A)), refused, 'step regression');
  assert.throws(() => g.signProposal({ height: 5n, round: 2, blockHash: A, polRound: null }), refused, 'proposal after votes of the round');
  assert.throws(() => g.signVote(v('precommit', 5n, 1, A)), refused, 'round regression');
  assert.throws(() => g.signVote(v('precommit', 4n, 9, A)), refused, 'height regression');
  assert.throws(() => g.signVote({ ...v('precommit', 6n, 0, A), validatorAddress: keys[1].address }), refused, 'another validator');
  g.signProposal({ height: 5n, round: 3, blockHash: B, polRound: 2 });
  assert.throws(() => g.signProposal({ height: 5n, round: 3, blockHash: A, polRound: null }), refused, 'two proposals in one round');
});

test('the same message again gets the same signature (a restarted validator redoing its step)', () => {
  const store = new MemorySignStateStore();
  const first = guard(store).signVote(v('precommit', 9n, 1, A));
  // A new guard over the same store is the validator after a restart.
  const again = guard(store);
  assert.deepEqual(again.signVote(v('precommit', 9n, 1, A)).signature, first.signature);
  assert.throws(() => again.signVote(v('precommit', 9n, 1, B)), refused);
  assert.equal(store.saves, 1, 'a re-sign writes nothing');
});

test('the state is persisted BEFORE the signature is released: a failing store withholds it', () => {
  class FailingStore extends MemorySignStateStore {
    fail = true;
    override save(s: SignState): void {
      if (this.fail) throw new Error('disk full');
      super.save(s);
    }
  }
  const store = new FailingStore();
  const g = guard(store);
  assert.throws(() => g.signVote(v('prevote', 3n, 0, A)), /disk full/);
  assert.equal(store.load(), null);
  // Nothing was recorded as signed, so nothing was released: after the disk recovers the guard
  // signs the next message normally.
  store.fail = false;
  g.signVote(v('prevote', 3n, 0, B));
  assert.equal(store.load()?.step, 2);
});

test('the resume point gives the last round signed, the lock (last non-nil precommit) with its proof, and the last votes', () => {
  const g = guard();
  assert.equal(g.resumePoint(1n), null);
  const pv0 = g.signVote(v('prevote', 4n, 0, A));
  assert.deepEqual(g.resumePoint(4n), { round: 0, lock: null, votes: [pv0] });
  const polka = [pv0];
  const value = new TextEncoder().encode('block A');
  g.signVote(v('precommit', 4n, 0, A), { polka, value });
  g.signVote(v('prevote', 4n, 1, A));
  const pc1 = g.signVote(v('precommit', 4n, 1, null));
  const rp = g.resumePoint(4n)!;
  assert.equal(rp.round, 1);
  assert.deepEqual(rp.lock, { round: 0, blockHash: A, polka, value }, 'a nil precommit keeps the lock and its proof');
  assert.deepEqual(rp.votes?.map((x) => [x.vote.type, x.vote.round]), [['prevote', 0], ['precommit', 0], ['prevote', 1], ['precommit', 1]]);
  assert.deepEqual(rp.votes?.[3], pc1);
  g.signVote(v('prevote', 4n, 3, B));
  g.signVote(v('precommit', 4n, 3, B));
  assert.deepEqual(g.resumePoint(4n)?.lock?.blockHash, B);
  assert.equal(g.resumePoint(4n)?.lock?.round, 3);
  assert.equal(g.resumePoint(5n), null);
  // Only the last KEPT_VOTES votes are kept.
  for (let r = 4; r < 4 + KEPT_VOTES; r++) g.signVote(v('prevote', 4n, r, null));
  assert.equal(g.resumePoint(4n)?.votes?.length, KEPT_VOTES);
  assert.equal(g.resumePoint(4n)?.votes?.[KEPT_VOTES - 1].vote.round, 3 + KEPT_VOTES);
  const h5 = g.signVote(v('prevote', 5n, 0, A));
  assert.deepEqual(g.resumePoint(5n), { round: 0, lock: null, votes: [h5] }, 'a new height starts unlocked, with no old votes');
});

test('file store: atomic replace with fsync, survives a restart, refuses a corrupt file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cw-signstate-'));
  try {
    const path = join(dir, 'sign-state.bin');
    const store = new FileSignStateStore(path);
    assert.equal(store.load(), null);
    const g = guard(store);
    const sig = g.signVote(v('precommit', 11n, 4, A)).signature;
    assert.equal(existsSync(`${path}.tmp`), false, 'the temp file was renamed into place');
    // "Restart": a new store and guard read the file back.
    const g2 = guard(new FileSignStateStore(path));
    assert.deepEqual(g2.lastSignState()?.signature, sig);
    assert.deepEqual(g2.signVote(v('precommit', 11n, 4, A)).signature, sig);
    assert.throws(() => g2.signVote(v('precommit', 11n, 4, B)), refused);
    assert.deepEqual(g2.resumePoint(11n)?.lock?.blockHash, A);
    assert.equal(g2.resumePoint(11n)?.lock?.round, 4);
    // A crash during a later write leaves a stray temp file: the real file still holds the old state.
    writeFileSync(`${path}.tmp`, 'torn');
    assert.equal(new FileSignStateStore(path).load()?.height, 11n);
    // Bit rot or truncation is an error, never a silent fresh start.
    const bytes = readFileSync(path);
    bytes[3] ^= 1;
    writeFileSync(path, bytes);
    assert.throws(() => new FileSignStateStore(path).load(), (e: unknown) => e instanceof BftError && e.code === 'BFT_SIGN_STATE_CORRUPT');
    writeFileSync(path, bytes.subarray(0, 10));
    assert.throws(() => new FileSignStateStore(path).load(), (e: unknown) => e instanceof BftError && e.code === 'BFT_SIGN_STATE_CORRUPT');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
