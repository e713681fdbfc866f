/**
 * Late precommits (CometBFT's LastCommit): a precommit for the parent's block that reaches a node
 * after it moved to the next height is checked against the parent's set and joined to the
 * certificate the node proposes with; forged ones are told apart (the sender is charged).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LatePrecommits } from '../../src/validator/late-precommits.js';
import { buildCommit, verifyCommit } from '../../src/consensus/bft/commit.js';
import { CHAIN_ID, hashOf, keys, makeSet, vote } from '../consensus/bft/fixtures.js';
import { voteSignDigest } from '../../src/consensus/bft/messages.js';

test('a late precommit for the certificate block is kept once and merged in index order; others are unused or forged', () => {
  const set = makeSet(4);
  const X = hashOf('X');
  const cert = buildCommit(5n, 0, X, [vote(set, 2, 'precommit', 5n, 0, X), vote(set, 0, 'precommit', 5n, 0, X), vote(set, 3, 'precommit', 5n, 0, X)]);
  const late = new LatePrecommits();
  late.reset(cert, set);
  assert.equal(late.merged(cert), cert, 'nothing late: the same certificate');

  assert.equal(late.offer(vote(set, 1, 'precommit', 5n, 0, X), CHAIN_ID), 'kept');
  assert.equal(late.offer(vote(set, 1, 'precommit', 5n, 0, X), CHAIN_ID), 'unused', 'kept once');
  assert.equal(late.offer(vote(set, 0, 'precommit', 5n, 0, X), CHAIN_ID), 'unused', 'already in the certificate');
  assert.equal(late.offer(vote(set, 1, 'prevote', 5n, 0, X), CHAIN_ID), 'unused', 'a prevote');
  assert.equal(late.offer(vote(set, 1, 'precommit', 5n, 1, X), CHAIN_ID), 'unused', 'another round');
  assert.equal(late.offer(vote(set, 1, 'precommit', 4n, 0, X), CHAIN_ID), 'unused', 'another height');
  assert.equal(late.offer(vote(set, 1, 'precommit', 5n, 0, hashOf('Y')), CHAIN_ID), 'unused', 'another block');
  assert.equal(late.offer(vote(set, 1, 'precommit', 5n, 0, null), CHAIN_ID), 'unused', 'nil');

  const merged = late.merged(cert);
  assert.deepEqual(merged.signatures.map((s) => s.validatorIndex), [0, 1, 2, 3]);
  assert.deepEqual(verifyCommit(merged, set, CHAIN_ID, { height: 5n, blockHash: X }), { signedPower: 4n, totalPower: 4n });
  assert.equal(late.merged(buildCommit(5n, 0, X, [vote(set, 0, 'precommit', 5n, 0, X), vote(set, 2, 'precommit', 5n, 0, X), vote(set, 3, 'precommit', 5n, 0, X)])).signatures.length, 3, 'only the certificate it was reset for gains them');

  // Forged: a signature by another key, or an index that is not the named address.
  const other = new LatePrecommits();
  other.reset(cert, set);
  const v = vote(set, 1, 'precommit', 5n, 0, X);
  const outsider = keys[6];
  assert.equal(other.offer({ vote: v.vote, signature: outsider.sign(voteSignDigest(CHAIN_ID, v.vote)) }, CHAIN_ID), 'forged');
  assert.equal(other.offer({ vote: { ...v.vote, validatorAddress: set.validators[0].address }, signature: v.signature }, CHAIN_ID), 'forged');
  assert.equal(other.offer(vote(set, 1, 'precommit', 5n, 0, X, CHAIN_ID + 1), CHAIN_ID), 'forged', 'signed for another chain');
  assert.equal(other.merged(cert), cert);

  // Without the parent's set (a node that did not decide the parent itself) nothing is kept.
  const blind = new LatePrecommits();
  blind.reset(cert, undefined);
  assert.equal(blind.offer(vote(set, 1, 'precommit', 5n, 0, X), CHAIN_ID), 'unused');
});
