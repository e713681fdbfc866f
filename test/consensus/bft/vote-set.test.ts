import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blockKey, FREE_KEYS, NIL, VoteSet } from '../../../src/consensus/bft/vote-set.js';
import { hashOf, makeSet, vote } from './fixtures.js';

const set = makeSet(4);
const A = hashOf('A');
const B = hashOf('B');
const key = blockKey;

test('tallies by power per block id; 2/3-any counts each validator once', () => {
  const vs = new VoteSet(set);
  assert.equal(vs.add(vote(set, 0, 'prevote', 1n, 0, A)).status, 'added');
  assert.equal(vs.add(vote(set, 1, 'prevote', 1n, 0, A)).status, 'added');
  assert.equal(vs.majority(), null);
  assert.equal(vs.hasTwoThirdsAny(), false);
  assert.equal(vs.add(vote(set, 2, 'prevote', 1n, 0, null)).status, 'added');
  assert.equal(vs.hasTwoThirdsAny(), true, 'three of four voted');
  assert.equal(vs.majority(), null, 'but no block id has three');
  assert.equal(vs.add(vote(set, 3, 'prevote', 1n, 0, A)).status, 'added');
  assert.equal(vs.majority(), key(A));
  assert.equal(vs.powerFor(key(A)), 3n);
  assert.equal(vs.powerFor(NIL), 1n);
  assert.equal(vs.votesFor(key(A)).length, 3);
  assert.equal(vs.add(vote(set, 3, 'prevote', 1n, 0, A)).status, 'duplicate');
});

test('an equivocator is reported once and counted for every block id it voted for (the paper counts senders per id)', () => {
  const vs = new VoteSet(set);
  vs.add(vote(set, 0, 'prevote', 1n, 0, A));
  const c = vs.add(vote(set, 0, 'prevote', 1n, 0, B));
  assert.equal(c.status, 'conflict');
  assert.equal(c.status === 'conflict' && key(c.existing.vote.blockHash), key(A));
  assert.equal(vs.add(vote(set, 0, 'prevote', 1n, 0, null)).status, 'added', 'a third id: counted, not reported again');
  assert.equal(vs.powerFor(key(A)), 1n);
  assert.equal(vs.powerFor(key(B)), 1n);
  assert.equal(vs.powerFor(NIL), 1n);
  // Validators 1 and 2 voting B complete a quorum for B with 0's second vote.
  vs.add(vote(set, 1, 'prevote', 1n, 0, B));
  vs.add(vote(set, 2, 'prevote', 1n, 0, B));
  assert.equal(vs.majority(), key(B));
  // 0 still counts once toward "2/3 of any kind": 0, 1, 2 = 3 of 4.
  assert.equal(vs.hasTwoThirdsAny(), true);
  const only = new VoteSet(set);
  only.add(vote(set, 0, 'prevote', 1n, 0, A));
  only.add(vote(set, 0, 'prevote', 1n, 0, B));
  only.add(vote(set, 0, 'prevote', 1n, 0, null));
  assert.equal(only.hasTwoThirdsAny(), false, 'one validator, however many votes, is 1/4');
});

test(`memory bound: beyond ${FREE_KEYS} block ids a validator's votes count only for ids others voted for`, () => {
  const vs = new VoteSet(set);
  for (let i = 0; i < FREE_KEYS; i++) assert.notEqual(vs.add(vote(set, 0, 'prevote', 1n, 0, hashOf(`x${i}`))).status, 'duplicate');
  assert.equal(vs.add(vote(set, 0, 'prevote', 1n, 0, hashOf('junk'))).status, 'duplicate', 'a made-up id is dropped');
  vs.add(vote(set, 1, 'prevote', 1n, 0, B));
  assert.equal(vs.add(vote(set, 0, 'prevote', 1n, 0, B)).status, 'added', 'an id someone else voted for is kept');
  assert.equal(vs.powerFor(key(B)), 2n);
});
