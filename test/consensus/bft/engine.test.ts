/**
 * The rules of the state machine, one test each, on a single engine whose peers the test plays.
 * Four validators of power 1 (a quorum is 3); the engine is validator 3, the proposer of rounds
 * 3, 7, ...; rounds 0, 1, 2 are proposed by validators 0, 1, 2.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, hexId, idOf, myVotes, ofKind, valueOf } from './harness.js';
import { verifyCommit } from '../../../src/consensus/bft/commit.js';
import { verifyDuplicateVoteEvidence } from '../../../src/consensus/bft/evidence.js';
import { TEST_TIMEOUTS } from '../../../src/consensus/bft/timeouts.js';
import { buildCommit } from '../../../src/consensus/bft/commit.js';
import { encodeSignedProposal, encodeSignedVote } from '../../../src/consensus/bft/messages.js';
import { bytesToHex } from '../../../src/encoding/hex.js';
import { CHAIN_ID, keyAt, proposal } from './fixtures.js';
import type { BftAction } from '../../../src/consensus/bft/engine-types.js';

const timeouts = (a: BftAction[]) => ofKind(a, 'scheduleTimeout').map((t) => `${t.step}@${t.round}:${t.durationMs}`);

test('happy path: prevote the proposal, lock and precommit on a polka, decide on 2/3 precommits with a valid certificate', () => {
  const h = new Harness();
  assert.deepEqual(timeouts(h.start()), [`propose@0:${TEST_TIMEOUTS.proposeMs}`]);
  assert.deepEqual(myVotes(h.propose(0, 'A')), [{ type: 'prevote', round: 0, block: hexId('A') }]);
  // Two other prevotes: 3 of 4 with ours, a polka.
  assert.deepEqual(myVotes(h.votes('prevote', 0, 'A', [0, 1])), [{ type: 'precommit', round: 0, block: hexId('A') }]);
  assert.equal(h.engine.status().lockedRound, 0);
  assert.equal(bytesToHex(h.engine.status().lockedBlock!), hexId('A'));
  const out = h.votes('precommit', 0, 'A', [0, 1]);
  const [d] = ofKind(out, 'decide');
  assert.ok(d, 'decided');
  assert.equal(d.height, 1n);
  assert.equal(bytesToHex(d.blockHash), hexId('A'));
  assert.deepEqual(d.value, valueOf('A'));
  assert.deepEqual(verifyCommit(d.certificate, h.set.validators, CHAIN_ID, { height: 1n, blockHash: idOf('A') }), { signedPower: 3n, totalPower: 4n });
  assert.deepEqual(timeouts(out), [`commit@0:${TEST_TIMEOUTS.commitMs}`]);
  assert.equal(h.engine.status().step, 'commit');
  // The commit timeout starts height 2 with fresh locks.
  const next = h.timeout('commit', 0);
  assert.equal(h.engine.status().height, 2n);
  assert.equal(h.engine.status().lockedRound, -1);
  assert.deepEqual(timeouts(next), [`propose@0:${TEST_TIMEOUTS.proposeMs}`]);
});

test('L57: the propose timeout makes an unlocked node prevote nil', () => {
  const h = new Harness();
  h.start();
  assert.deepEqual(myVotes(h.timeout('propose', 0)), [{ type: 'prevote', round: 0, block: null }]);
  // A late proposal no longer changes the prevote.
  assert.deepEqual(myVotes(h.propose(0, 'A')), []);
});

test('L22: an invalid proposal gets a nil prevote; a late verdict (valueValidated) is waited for', () => {
  const h = new Harness();
  h.app.verdicts.set('bad', false);
  h.start();
  assert.deepEqual(myVotes(h.propose(0, 'bad')), [{ type: 'prevote', round: 0, block: null }]);

  const g = new Harness();
  g.app.verdicts.set('slow', null);
  g.start();
  assert.deepEqual(myVotes(g.propose(0, 'slow')), [], 'no prevote while the application thinks');
  assert.deepEqual(myVotes(g.send({ kind: 'valueValidated', height: 1n, blockHash: idOf('slow'), valid: true })), [{ type: 'prevote', round: 0, block: hexId('slow') }]);
});

test('proposals are checked: proposer signature, POL round below the round, value matching the hash', () => {
  const h = new Harness();
  h.start();
  const wrong = h.propose(0, 'A', null, 1);
  assert.deepEqual(ofKind(wrong, 'rejected').map((r) => r.code), ['BFT_BAD_SIGNATURE'], 'not the proposer of round 0');
  const pol = h.propose(0, 'A', 0);
  assert.deepEqual(ofKind(pol, 'rejected').map((r) => r.code), ['BFT_INVALID_PROPOSAL']);
  const sp = proposal(keyAt(h.set, 0), 1n, 0, idOf('A'));
  const mismatch = h.send({ kind: 'proposal', proposal: sp, value: valueOf('B') });
  assert.deepEqual(ofKind(mismatch, 'rejected').map((r) => r.code), ['BFT_WRONG_BLOCK']);
  assert.deepEqual(myVotes(h.log), [], 'none of them was prevoted');
});

test('L34 and L61: 2/3 prevotes of mixed kinds arm the prevote timer once; its expiry precommits nil', () => {
  const h = new Harness();
  h.start();
  h.propose(0, 'A');
  assert.deepEqual(timeouts(h.votes('prevote', 0, 'B', [0])), []);
  assert.deepEqual(timeouts(h.votes('prevote', 0, null, [1])), [`prevote@0:${TEST_TIMEOUTS.prevoteMs}`]);
  assert.deepEqual(timeouts(h.votes('prevote', 0, null, [2])), [], 'armed only once');
  assert.deepEqual(myVotes(h.log).map((v) => v.type), ['prevote']);
  assert.deepEqual(myVotes(h.timeout('prevote', 0)), [{ type: 'precommit', round: 0, block: null }]);
  assert.equal(h.engine.status().lockedRound, -1, 'no polka, no lock');
});

test('L44: a nil polka makes the node precommit nil', () => {
  const h = new Harness();
  h.start();
  h.timeout('propose', 0);
  assert.deepEqual(myVotes(h.votes('prevote', 0, null, [0, 1])), [{ type: 'precommit', round: 0, block: null }]);
});

test('L47 and L65: 2/3 precommits of any kind arm the precommit timer; its expiry starts the next round with a longer timeout', () => {
  const h = new Harness();
  h.start();
  h.timeout('propose', 0);
  h.votes('prevote', 0, null, [0, 1]);
  assert.deepEqual(timeouts(h.votes('precommit', 0, 'A', [0, 1])), [`precommit@0:${TEST_TIMEOUTS.precommitMs}`]);
  const next = h.timeout('precommit', 0);
  assert.equal(h.engine.status().round, 1);
  // base + delta x round
  assert.deepEqual(timeouts(next), [`propose@1:${TEST_TIMEOUTS.proposeMs + TEST_TIMEOUTS.proposeDeltaMs}`]);
  // Stale timers of an earlier round do nothing.
  assert.deepEqual(h.timeout('propose', 0), []);
});

/** Locks the harness's engine on `label` at round 0 and leaves it at round 1 (no decision). */
function lockedOnAtRound0(label: string): Harness {
  const h = new Harness();
  h.start();
  h.propose(0, label);
  h.votes('prevote', 0, label, [0, 1]);
  assert.equal(h.engine.status().lockedRound, 0);
  // The precommits split: 2/3 of any kind, no decision; the timer moves to round 1.
  h.votes('precommit', 0, null, [0, 1]);
  h.timeout('precommit', 0);
  assert.equal(h.engine.status().round, 1);
  return h;
}

test('CometBFT prevote rule: a locked node prevotes its locked block, not a new proposal', () => {
  const h = lockedOnAtRound0('A');
  assert.deepEqual(myVotes(h.propose(1, 'B')), [{ type: 'prevote', round: 1, block: hexId('A') }]);
  // ... and on a propose timeout too (never nil while locked: that is what makes unlocking on a nil polka safe).
  const g = lockedOnAtRound0('A');
  assert.deepEqual(myVotes(g.timeout('propose', 1)), [{ type: 'prevote', round: 1, block: hexId('A') }]);
});

test('unlock: a polka for another block at a round above the lock releases it, and the node locks on the new block', () => {
  const h = lockedOnAtRound0('A');
  h.propose(1, 'B');
  // Our prevote went to A (locked); three others prevote B: a polka for B at round 1 > lockedRound 0.
  const out = h.votes('prevote', 1, 'B', [0, 1, 2]);
  assert.deepEqual(myVotes(out), [{ type: 'precommit', round: 1, block: hexId('B') }]);
  assert.equal(h.engine.status().lockedRound, 1);
  assert.equal(bytesToHex(h.engine.status().lockedBlock!), hexId('B'));
});

test('unlock: a nil polka at a later round releases the lock (CometBFT), so the next proposal is prevoted', () => {
  const h = lockedOnAtRound0('A');
  h.timeout('propose', 1);
  const out = h.votes('prevote', 1, null, [0, 1, 2]);
  assert.deepEqual(myVotes(out), [{ type: 'precommit', round: 1, block: null }]);
  assert.equal(h.engine.status().lockedRound, -1);
  h.votes('precommit', 1, null, [0, 1]);
  h.timeout('precommit', 1);
  assert.deepEqual(myVotes(h.propose(2, 'C')), [{ type: 'prevote', round: 2, block: hexId('C') }]);
});

test('no unlock from a polka at or below the locked round', () => {
  const h = new Harness();
  h.start();
  // Round 0: no polka; round 1: lock on A.
  h.timeout('propose', 0);
  h.votes('prevote', 0, 'B', [0]);
  h.votes('precommit', 0, null, [0, 1]);
  h.timeout('prevote', 0);
  h.timeout('precommit', 0);
  h.propose(1, 'A');
  h.votes('prevote', 1, 'A', [0, 1]);
  assert.equal(h.engine.status().lockedRound, 1);
  // A late polka for B at round 0 (< lockedRound) must not unlock.
  h.votes('prevote', 0, 'B', [1, 2]);
  assert.equal(h.engine.status().lockedRound, 1);
  assert.equal(bytesToHex(h.engine.status().lockedBlock!), hexId('A'));
});

test('L28: a re-proposal with POL round vr is prevoted only once 2f+1 prevotes for it at vr are seen', () => {
  const h = lockedOnAtRound0('A');
  h.timeout('propose', 1);
  h.votes('precommit', 1, null, [0, 1]);
  h.timeout('prevote', 1);
  h.timeout('precommit', 1);
  assert.equal(h.engine.status().round, 2);
  // Round 2: the proposer re-proposes B claiming a polka at round 1 that we have not seen: wait.
  assert.deepEqual(myVotes(h.propose(2, 'B', 1)), []);
  assert.deepEqual(myVotes(h.votes('prevote', 1, 'B', [0, 1])), [], 'two of four at round 1 is no polka');
  // The third prevote makes the polka: vr = 1 > lockedRound 0 unlocks, and the proposal is prevoted.
  assert.deepEqual(myVotes(h.votes('prevote', 1, 'B', [2])), [{ type: 'prevote', round: 2, block: hexId('B') }]);
  assert.equal(h.engine.status().lockedRound, -1);
});

test('L36-L43 and L15: a polka sets validValue; the node re-proposes it with validRound when it is the proposer', () => {
  const h = new Harness();
  h.start();
  h.propose(0, 'A');
  h.votes('prevote', 0, 'A', [0, 1]);
  assert.equal(h.engine.status().validRound, 0);
  for (const r of [0, 1, 2]) {
    h.votes('precommit', r, null, [0, 1]);
    h.timeout('propose', r);
    h.timeout('prevote', r);
    h.timeout('precommit', r);
  }
  assert.equal(h.engine.status().round, 3);
  const [p] = ofKind(h.log, 'broadcastProposal');
  assert.ok(p, 'proposed in round 3');
  assert.equal(p.proposal.proposal.round, 3);
  assert.equal(bytesToHex(p.proposal.proposal.blockHash), hexId('A'));
  assert.equal(p.proposal.proposal.polRound, 0);
});

test('a proposer with no valid value asks the application, possibly answering later (valueReady)', () => {
  const h = new Harness({ me: 0 });
  h.app.proposeLabel = () => null;
  const first = h.start();
  assert.deepEqual(ofKind(first, 'broadcastProposal'), []);
  const out = h.send({ kind: 'valueReady', height: 1n, round: 0, value: valueOf('late') });
  const [p] = ofKind(out, 'broadcastProposal');
  assert.equal(bytesToHex(p.proposal.proposal.blockHash), hexId('late'));
  assert.equal(p.proposal.proposal.polRound, null);
  // The proposer prevotes its own proposal at once.
  assert.deepEqual(myVotes(out), [{ type: 'prevote', round: 0, block: hexId('late') }]);
});

test('L55: messages from more than 1/3 of the power at a higher round make the node jump there', () => {
  const h = new Harness();
  h.start();
  assert.deepEqual(h.votes('prevote', 5, null, [0]), [], 'one of four (1/4) is not enough');
  assert.equal(h.engine.status().round, 0);
  const out = h.votes('precommit', 4, null, [1]);
  // Validators 0 (round 5) and 1 (round 4) hold 1/2 > 1/3 and both reached round 4.
  assert.equal(h.engine.status().round, 4);
  assert.deepEqual(timeouts(out), [`propose@4:${TEST_TIMEOUTS.proposeMs + 4 * TEST_TIMEOUTS.proposeDeltaMs}`]);
  // Exactly 1/3 is not enough: powers 1, 1, 1 and validator 0 ahead alone.
  const g = new Harness({ n: 3, me: 2 });
  g.start();
  g.votes('prevote', 2, null, [0]);
  assert.equal(g.engine.status().round, 0);
});

test('L49: 2/3 precommits for a block at an earlier round decide it', () => {
  const h = new Harness();
  h.start();
  h.propose(0, 'A');
  h.timeout('prevote', 0);
  assert.deepEqual(myVotes(h.log).map((v) => v.block), [hexId('A'), null], 'we prevoted A and precommitted nil');
  h.votes('precommit', 1, null, [0, 1]);
  assert.equal(h.engine.status().round, 1);
  const out = h.votes('precommit', 0, 'A', [0, 1, 2]);
  const [d] = ofKind(out, 'decide');
  assert.equal(d.round, 0);
  verifyCommit(d.certificate, h.set.validators, CHAIN_ID);
});

test('L49 "if valid(v)": 2/3 precommits for a value the application rejects decide nothing', () => {
  const h = new Harness();
  h.app.verdicts.set('bad', false);
  h.start();
  h.propose(0, 'bad');
  const out = h.votes('precommit', 0, 'bad', [0, 1, 2]);
  assert.deepEqual(ofKind(out, 'decide'), []);
  assert.notEqual(h.engine.status().step, 'commit');
});

test('a validator whose check of the block ends after the decision still precommits it (its signature joins the certificate)', () => {
  // The others' 2/3 precommits arrive while the application is still checking the proposal: the
  // verdict decides, and the node signs its precommit for the decided block at the decision round,
  // so the proposer's commit wait (or the next certificate) can count it.
  const h = new Harness();
  h.app.verdicts.set('slow', null);
  h.start();
  assert.deepEqual(myVotes(h.propose(0, 'slow')), []);
  assert.deepEqual(ofKind(h.votes('prevote', 0, 'slow', [0, 1, 2]), 'decide'), []);
  assert.deepEqual(ofKind(h.votes('precommit', 0, 'slow', [0, 1, 2]), 'decide'), [], 'no decision before the block is known valid');
  const out = h.send({ kind: 'valueValidated', height: 1n, blockHash: idOf('slow'), valid: true });
  assert.equal(ofKind(out, 'decide').length, 1);
  assert.deepEqual(myVotes(out), [{ type: 'precommit', round: 0, block: hexId('slow') }]);
  const kinds = out.map((a) => a.kind);
  assert.ok(kinds.indexOf('broadcastVote') < kinds.indexOf('decide'), 'the precommit goes out before the block is imported');

  // Not when it already precommitted at that round (nil after a prevote timeout: never a second precommit) ...
  const g = new Harness();
  g.start();
  g.propose(0, 'A');
  g.votes('prevote', 0, null, [0, 1]);
  g.timeout('prevote', 0);
  assert.deepEqual(myVotes(g.log).map((v) => `${v.type}:${v.block}`), [`prevote:${hexId('A')}`, 'precommit:null']);
  const late = g.votes('precommit', 0, 'A', [0, 1, 2]);
  assert.equal(ofKind(late, 'decide').length, 1);
  assert.deepEqual(myVotes(late), [], 'no second precommit in round 0');

  // ... nor for an older round than its own (the signer never goes back a round).
  const o = new Harness();
  o.start();
  o.propose(0, 'A');
  o.timeout('prevote', 0);
  o.votes('precommit', 1, null, [0, 1]);
  assert.equal(o.engine.status().round, 1);
  const old = o.votes('precommit', 0, 'A', [0, 1, 2]);
  assert.equal(ofKind(old, 'decide').length, 1);
  assert.deepEqual(myVotes(old), []);
});

test('a duplicate vote becomes verifiable evidence once, and the equivocator counts for each block it voted for', () => {
  const h = new Harness();
  h.start();
  h.propose(0, 'A');
  h.votes('prevote', 0, 'A', [0]);
  const out = h.votes('prevote', 0, 'B', [0]);
  const [ev] = ofKind(out, 'evidence');
  assert.ok(ev, 'evidence reported');
  assert.equal(verifyDuplicateVoteEvidence(ev.evidence, h.set.validators, CHAIN_ID), 0);
  assert.deepEqual(ofKind(h.votes('prevote', 0, null, [0]), 'evidence'), [], 'one report per validator, round and type');
  // The paper counts senders per block id: with 1 and 2, B has three prevotes (0, 1, 2), a polka
  // this node sees the same way as a node that received 0's B vote first. Here B's value is
  // unknown, so the node asks for it.
  const more = h.votes('prevote', 0, 'B', [1, 2]);
  assert.deepEqual(ofKind(more, 'needValue').map((n) => bytesToHex(n.blockHash)), [hexId('B')]);
  assert.deepEqual(myVotes(more), [], 'no precommit for a block it does not have');
  // Its own prevote for A plus 0's A prevote is only 2: no polka for A.
  assert.equal(h.engine.status().lockedRound, -1);
});

test('a repeated vote is ignored before signature work; a forged one is rejected', () => {
  let calls = 0;
  const h = new Harness({ options: { verify: () => (calls++, true) } });
  h.start();
  h.votes('prevote', 0, 'A', [0]);
  h.votes('prevote', 0, 'A', [0]);
  assert.equal(calls, 1);
  const g = new Harness();
  g.start();
  const sv = g.signedVote(1, 'prevote', 0, 'A');
  const forged = { ...sv, vote: { ...sv.vote, blockHash: idOf('B') } };
  assert.deepEqual(ofKind(g.send({ kind: 'vote', vote: forged }), 'rejected').map((r) => r.code), ['BFT_BAD_SIGNATURE']);
  const impostor = { ...sv, vote: { ...sv.vote, validatorIndex: 2 } };
  assert.deepEqual(ofKind(g.send({ kind: 'vote', vote: impostor }), 'rejected').map((r) => r.code), ['BFT_UNKNOWN_VALIDATOR']);
});

test('the engine goes on when the signer refuses (no broadcast, signRefused reported, step advanced)', () => {
  const refusing = {
    address: new Harness().set.validators[3].address,
    signVote(): never {
      throw new Error('no');
    },
    signProposal(): never {
      throw new Error('no');
    },
  };
  const h = new Harness({ signer: refusing });
  h.start();
  const out = h.propose(0, 'A');
  assert.deepEqual(myVotes(out), []);
  assert.deepEqual(ofKind(out, 'signRefused').map((r) => r.step), ['prevote']);
  assert.equal(h.engine.status().step, 'prevote');
});

test('messages for the next height are held and applied when it starts', () => {
  const h = new Harness();
  h.start();
  h.propose(0, 'A');
  h.votes('prevote', 0, 'A', [0, 1]);
  // Height 2 messages arrive early: validator 0 proposes round 0 of height 2, and prevotes.
  h.height = 2n;
  h.propose(0, 'H2');
  h.votes('prevote', 0, 'H2', [0, 1]);
  h.height = 1n;
  h.votes('precommit', 0, 'A', [0, 1]);
  const out = h.timeout('commit', 0);
  assert.equal(h.engine.status().height, 2n);
  // At height 2: the held proposal is prevoted, the held prevotes make a polka, we precommit.
  assert.deepEqual(myVotes(out), [
    { type: 'prevote', round: 0, block: hexId('H2') },
    { type: 'precommit', round: 0, block: hexId('H2') },
  ]);
});

test('catch-up: a verified commit certificate with its value decides; a bad one is rejected', () => {
  const h = new Harness();
  h.start();
  const precommits = [0, 1, 2].map((i) => h.signedVote(i, 'precommit', 3, 'A'));
  const cert = buildCommit(1n, 3, idOf('A'), precommits);
  assert.deepEqual(ofKind(h.send({ kind: 'commit', certificate: { ...cert, signatures: cert.signatures.slice(0, 2) }, value: valueOf('A') }), 'rejected').map((r) => r.code), ['BFT_INSUFFICIENT_POWER']);
  assert.deepEqual(ofKind(h.send({ kind: 'commit', certificate: cert, value: valueOf('B') }), 'rejected').map((r) => r.code), ['BFT_WRONG_BLOCK']);
  const [d] = ofKind(h.send({ kind: 'commit', certificate: cert, value: valueOf('A') }), 'decide');
  assert.equal(bytesToHex(d.blockHash), hexId('A'));
  assert.equal(d.round, 3);
});

test('needValue: 2/3 precommits for a block never received ask for it; the fetched value decides', () => {
  const h = new Harness();
  h.start();
  const out = h.votes('precommit', 0, 'X', [0, 1, 2]);
  assert.deepEqual(ofKind(out, 'needValue').map((n) => bytesToHex(n.blockHash)), [hexId('X')]);
  assert.deepEqual(ofKind(h.send({ kind: 'value', height: 1n, value: valueOf('unrelated') }), 'decide'), [], 'only wanted values are taken');
  const [d] = ofKind(h.send({ kind: 'value', height: 1n, value: valueOf('X') }), 'decide');
  assert.equal(bytesToHex(d.blockHash), hexId('X'));
});

test('resume after restart: the engine re-enters the round it last signed in, with the lock it held', () => {
  const h = new Harness();
  h.start(1n, { round: 2, lock: { round: 1, blockHash: idOf('A') } });
  assert.equal(h.engine.status().round, 2);
  assert.deepEqual(ofKind(h.log, 'needValue').map((n) => bytesToHex(n.blockHash)), [hexId('A')], 'it asks for the locked block');
  assert.deepEqual(myVotes(h.propose(2, 'B')), [{ type: 'prevote', round: 2, block: hexId('A') }]);
});

test('resume after restart: own last votes are counted and re-sent, and the step is not redone', () => {
  const first = new Harness();
  first.start();
  first.propose(0, 'A');
  const [mine] = ofKind(first.log, 'broadcastVote');
  // Same validator, restarted: it resumes with the prevote it signed before the crash.
  const h = new Harness();
  const out = h.start(1n, { round: 0, lock: null, votes: [mine.vote] });
  assert.deepEqual(myVotes(out), [{ type: 'prevote', round: 0, block: hexId('A') }], 're-sent');
  assert.equal(h.engine.status().step, 'prevote');
  assert.deepEqual(myVotes(h.timeout('propose', 0)), [], 'no second prevote on the propose timeout');
  // It counts: two more prevotes for A make a polka.
  h.propose(0, 'A');
  assert.deepEqual(myVotes(h.votes('prevote', 0, 'A', [0, 1])), [{ type: 'precommit', round: 0, block: hexId('A') }]);
});

test('resume after restart: the lock proof makes the locked block the valid value again, re-proposed with its POL round', () => {
  // Round 1 polka for A; our validator (proposer of round 3) precommitted A, then crashed.
  const h = new Harness();
  const polka = [0, 1, 2].map((i) => h.signedVote(i, 'prevote', 1, 'A'));
  h.start(1n, { round: 2, lock: { round: 1, blockHash: idOf('A'), polka, value: valueOf('A') } });
  assert.equal(h.engine.status().validRound, 1);
  // The polka is gossiped as an old round's proof.
  assert.equal(h.engine.messages().votes.filter((v) => v.vote.round === 1).length, 3);
  h.votes('precommit', 2, null, [0, 1]);
  h.timeout('propose', 2);
  h.timeout('prevote', 2);
  h.timeout('precommit', 2);
  const [p] = ofKind(h.log, 'broadcastProposal');
  assert.equal(p.proposal.proposal.round, 3);
  assert.equal(bytesToHex(p.proposal.proposal.blockHash), hexId('A'));
  assert.equal(p.proposal.proposal.polRound, 1);
  // A forged polka entry is dropped, not counted.
  const g = new Harness();
  const forged = { ...polka[0], signature: polka[1].signature };
  g.start(1n, { round: 2, lock: { round: 1, blockHash: idOf('A'), polka: [forged], value: valueOf('A') } });
  assert.equal(g.engine.messages().votes.filter((v) => v.vote.round === 1).length, 0);
});

test('an observer (not in the set) follows and decides but never signs', () => {
  const h = new Harness({ me: -1 });
  h.start();
  h.propose(0, 'A');
  h.votes('prevote', 0, 'A', [0, 1, 2]);
  const out = h.votes('precommit', 0, 'A', [0, 1, 2]);
  assert.equal(ofKind(out, 'decide').length, 1);
  assert.deepEqual(myVotes(h.log), []);
});

test('messages too many rounds ahead are dropped unread', () => {
  const h = new Harness({ options: { maxRoundsAhead: 10 } });
  h.start();
  h.votes('prevote', 11, null, [0, 1, 2]);
  assert.equal(h.engine.status().round, 0);
  h.votes('prevote', 10, null, [0, 1]);
  assert.equal(h.engine.status().round, 10);
});

test('the same events in the same order give byte-identical actions (determinism)', () => {
  const run = () => {
    const h = new Harness();
    h.start();
    h.propose(0, 'A');
    h.votes('prevote', 0, 'B', [0]);
    h.votes('prevote', 0, 'A', [0, 1, 2]);
    h.timeout('prevote', 0);
    h.votes('precommit', 0, null, [0, 1]);
    h.timeout('precommit', 0);
    h.votes('prevote', 3, null, [1, 2]);
    return h.log.map((a) =>
      a.kind === 'broadcastVote' ? `v:${bytesToHex(encodeSignedVote(a.vote))}` : a.kind === 'broadcastProposal' ? `p:${bytesToHex(encodeSignedProposal(a.proposal))}` : JSON.stringify(a, (_, x) => (typeof x === 'bigint' ? `${x}n` : x instanceof Uint8Array ? bytesToHex(x) : x)),
    );
  };
  const a = run();
  assert.ok(a.length > 5);
  assert.deepEqual(run(), a);
});
