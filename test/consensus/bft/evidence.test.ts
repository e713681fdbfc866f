import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeEvidence, encodeEvidence, evidenceHash, makeDuplicateVoteEvidence, verifyDuplicateVoteEvidence } from '../../../src/consensus/bft/evidence.js';
import { BftError } from '../../../src/consensus/bft/errors.js';
import { toHighS } from '../../../src/crypto/keys.js';
import { CHAIN_ID, hashOf, makeSet, vote } from './fixtures.js';

const set = makeSet(4);
const code = (c: string) => (e: unknown) => e instanceof BftError && e.code === c;
const A = hashOf('A');
const B = hashOf('B');

test('two signed votes of one validator for different blocks at one height, round and type are evidence', () => {
  const a = vote(set, 1, 'prevote', 7n, 2, A);
  const b = vote(set, 1, 'prevote', 7n, 2, B);
  const ev = makeDuplicateVoteEvidence(a, b);
  assert.equal(verifyDuplicateVoteEvidence(ev, set.validators, CHAIN_ID), 1);
  // One equivocation, one encoding: the order of discovery does not matter.
  assert.deepEqual(encodeEvidence(makeDuplicateVoteEvidence(b, a)), encodeEvidence(ev));
  assert.deepEqual(evidenceHash(makeDuplicateVoteEvidence(b, a)), evidenceHash(ev));
  assert.deepEqual(decodeEvidence(encodeEvidence(ev)), ev);
  // nil against a block is a conflict too, and nil sorts first.
  const nilEv = makeDuplicateVoteEvidence(vote(set, 2, 'precommit', 7n, 0, A), vote(set, 2, 'precommit', 7n, 0, null));
  assert.equal(nilEv.voteA.vote.blockHash, null);
  assert.equal(verifyDuplicateVoteEvidence(nilEv, set.validators, CHAIN_ID), 2);
});

test('votes that do not conflict are not evidence', () => {
  const a = vote(set, 1, 'prevote', 7n, 2, A);
  const bad = (b: ReturnType<typeof vote>, what: string) => assert.throws(() => makeDuplicateVoteEvidence(a, b), code('BFT_EVIDENCE_INVALID'), what);
  bad(vote(set, 1, 'prevote', 7n, 2, A), 'same block');
  bad(vote(set, 1, 'precommit', 7n, 2, B), 'other type');
  bad(vote(set, 1, 'prevote', 7n, 3, B), 'other round');
  bad(vote(set, 1, 'prevote', 8n, 2, B), 'other height');
  bad(vote(set, 2, 'prevote', 7n, 2, B), 'other validator');
});

test('evidence verification checks order, membership at that height and both signatures', () => {
  const ev = makeDuplicateVoteEvidence(vote(set, 1, 'prevote', 7n, 2, A), vote(set, 1, 'prevote', 7n, 2, B));
  assert.throws(() => verifyDuplicateVoteEvidence({ voteA: ev.voteB, voteB: ev.voteA }, set.validators, CHAIN_ID), code('BFT_EVIDENCE_INVALID'), 'order');
  const forged = { ...ev, voteB: { ...ev.voteB, signature: ev.voteA.signature } };
  assert.throws(() => verifyDuplicateVoteEvidence(forged, set.validators, CHAIN_ID), code('BFT_BAD_SIGNATURE'), 'one signature invalid');
  const high = { ...ev, voteB: { ...ev.voteB, signature: toHighS(ev.voteB.signature) } };
  assert.throws(() => verifyDuplicateVoteEvidence(high, set.validators, CHAIN_ID), code('BFT_HIGH_S'));
  assert.throws(() => verifyDuplicateVoteEvidence(ev, set.validators, CHAIN_ID + 1), code('BFT_BAD_SIGNATURE'), 'other network');
  // The same index in another set names another validator: refused.
  const other = makeSet(3, [5n, 1n, 1n]);
  assert.throws(() => verifyDuplicateVoteEvidence(ev, other.validators, CHAIN_ID), code('BFT_EVIDENCE_INVALID'));
});
