import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCommit, decodeCommit, encodeCommit, verifyCommit, type CommitCertificate } from '../../../src/consensus/bft/commit.js';
import { BftError } from '../../../src/consensus/bft/errors.js';
import { toHighS } from '../../../src/crypto/keys.js';
import { verifyNative } from '../../../src/crypto/native.js';
import { CHAIN_ID, hashOf, makeSet, vote } from './fixtures.js';

const code = (c: string) => (e: unknown) => e instanceof BftError && e.code === c;
const H = 12n;
const R = 2;
const B = hashOf('block 12');

function cert(set: ReturnType<typeof makeSet>, signers: number[]): CommitCertificate {
  return buildCommit(H, R, B, signers.map((i) => vote(set, i, 'precommit', H, R, B)));
}

test('a certificate with more than 2/3 of the power verifies offline, with either curve implementation', () => {
  const set = makeSet(4);
  const c = cert(set, [3, 0, 2]);
  assert.deepEqual(c.signatures.map((s) => s.validatorIndex), [0, 2, 3], 'entries sorted by index');
  assert.deepEqual(verifyCommit(c, set.validators, CHAIN_ID), { signedPower: 3n, totalPower: 4n });
  assert.deepEqual(verifyCommit(c, set, CHAIN_ID), { signedPower: 3n, totalPower: 4n }, 'a ValidatorSet works as well as its list');
  assert.deepEqual(verifyCommit(c, set.validators, CHAIN_ID, { verify: verifyNative, height: H, blockHash: B }), { signedPower: 3n, totalPower: 4n });
  assert.deepEqual(decodeCommit(encodeCommit(c)), c);
});

test('exactly 2/3 of the power is not enough (3 x signed > 2 x total)', () => {
  // Powers 2, 2, 1, 1: total 6; validators 0 and 1 hold exactly 4 = 2/3.
  const set = makeSet(4, [2n, 2n, 1n, 1n]);
  assert.throws(() => verifyCommit(cert(set, [0, 1]), set.validators, CHAIN_ID), code('BFT_INSUFFICIENT_POWER'));
  verifyCommit(cert(set, [0, 1, 2]), set.validators, CHAIN_ID);
  // Three of four validators (a count-based rule would accept) hold 2 + 1 + 1 = 4 = 2/3 of 6: refused.
  assert.throws(() => verifyCommit(cert(set, [1, 2, 3]), set.validators, CHAIN_ID), code('BFT_INSUFFICIENT_POWER'));
});

test('a certificate cannot count one validator twice, name a non-member, or carry a bad or high-s signature', () => {
  const set = makeSet(4);
  const c = cert(set, [0, 1, 2]);
  const dup = { ...c, signatures: [c.signatures[0], c.signatures[0], c.signatures[1]] };
  assert.throws(() => verifyCommit(dup, set.validators, CHAIN_ID), code('BFT_DUPLICATE_SIGNATURE'));
  const unsorted = { ...c, signatures: [c.signatures[1], c.signatures[0], c.signatures[2]] };
  assert.throws(() => verifyCommit(unsorted, set.validators, CHAIN_ID), code('BFT_DUPLICATE_SIGNATURE'));
  const outside = { ...c, signatures: [...c.signatures, { validatorIndex: 9, signature: c.signatures[0].signature }] };
  assert.throws(() => verifyCommit(outside, set.validators, CHAIN_ID), code('BFT_UNKNOWN_VALIDATOR'));
  // A signature moved to another validator's slot does not verify.
  const swapped = { ...c, signatures: [c.signatures[0], { validatorIndex: 3, signature: c.signatures[1].signature }, c.signatures[2]] };
  assert.throws(() => verifyCommit(swapped, set.validators, CHAIN_ID), code('BFT_BAD_SIGNATURE'));
  const high = { ...c, signatures: [c.signatures[0], { ...c.signatures[1], signature: toHighS(c.signatures[1].signature) }, c.signatures[2]] };
  assert.throws(() => verifyCommit(high, set.validators, CHAIN_ID, { verify: () => true }), code('BFT_HIGH_S'));
});

test('a certificate is bound to its chain, height, round and block', () => {
  const set = makeSet(4);
  const c = cert(set, [0, 1, 2]);
  assert.throws(() => verifyCommit(c, set.validators, CHAIN_ID + 1), code('BFT_BAD_SIGNATURE'), 'other network');
  assert.throws(() => verifyCommit({ ...c, height: H + 1n }, set.validators, CHAIN_ID), code('BFT_BAD_SIGNATURE'), 'relabelled height');
  assert.throws(() => verifyCommit({ ...c, round: R + 1 }, set.validators, CHAIN_ID), code('BFT_BAD_SIGNATURE'), 'relabelled round');
  assert.throws(() => verifyCommit({ ...c, blockHash: hashOf('other') }, set.validators, CHAIN_ID), code('BFT_BAD_SIGNATURE'), 'relabelled block');
  assert.throws(() => verifyCommit(c, set.validators, CHAIN_ID, { height: H + 1n }), code('BFT_WRONG_HEIGHT'));
  assert.throws(() => verifyCommit(c, set.validators, CHAIN_ID, { blockHash: hashOf('other') }), code('BFT_WRONG_BLOCK'));
  // Prevotes are not precommits: a certificate built from prevote signatures fails.
  const prevotes = [0, 1, 2].map((i) => vote(set, i, 'prevote', H, R, B));
  const fake = { ...c, signatures: prevotes.map((p) => ({ validatorIndex: p.vote.validatorIndex, signature: p.signature })) };
  assert.throws(() => verifyCommit(fake, set.validators, CHAIN_ID), code('BFT_BAD_SIGNATURE'));
  // buildCommit refuses votes that do not belong.
  assert.throws(() => buildCommit(H, R, B, [vote(set, 0, 'precommit', H, R, null)]), code('BFT_MALFORMED'));
  // A certificate checked against another height's set (a different membership) fails.
  const other = makeSet(5);
  assert.throws(() => verifyCommit(cert(other, [4, 3, 2, 1]), set.validators, CHAIN_ID));
});
