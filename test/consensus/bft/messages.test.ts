import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  decodeSignedProposal,
  decodeSignedVote,
  encodeSignedProposal,
  encodeSignedVote,
  proposalSignDigest,
  verifyProposalSignature,
  verifyVoteSignature,
  voteSignDigest,
} from '../../../src/consensus/bft/messages.js';
import { BftError } from '../../../src/consensus/bft/errors.js';
import { toHighS } from '../../../src/crypto/keys.js';
import { verifyNative } from '../../../src/crypto/native.js';
import { DecodeError } from '../../../src/errors.js';
import { CHAIN_ID, hashOf, keys, makeSet, proposal, vote } from './fixtures.js';

const set = makeSet(4);
const code = (c: string) => (e: unknown) => e instanceof BftError && e.code === c;

test('votes and proposals round-trip through the canonical codec; non-canonical bytes are refused', () => {
  const v = vote(set, 2, 'prevote', 5n, 3, hashOf('a'));
  const nil = vote(set, 1, 'precommit', 5n, 0, null);
  for (const x of [v, nil]) assert.deepEqual(decodeSignedVote(encodeSignedVote(x)), x);
  const p = proposal(keys[0], 9n, 2, hashOf('b'), 1);
  assert.deepEqual(decodeSignedProposal(encodeSignedProposal(p)), p);
  const bytes = encodeSignedVote(v);
  assert.throws(() => decodeSignedVote(Uint8Array.from([...bytes, 0])), (e: unknown) => e instanceof DecodeError && e.code === 'DECODE_TRAILING_BYTES');
  const badType = Uint8Array.from(bytes);
  badType[0] = 2;
  assert.throws(() => decodeSignedVote(badType), DecodeError);
  // The optional block hash tag must be exactly 0 or 1.
  const badTag = Uint8Array.from(bytes);
  badTag[1 + 8 + 4] = 2;
  assert.throws(() => decodeSignedVote(badTag), (e: unknown) => e instanceof DecodeError && e.code === 'DECODE_NON_CANONICAL');
});

test('sign bytes bind the chain id, every vote field and the message kind', () => {
  const v = vote(set, 2, 'prevote', 5n, 3, hashOf('a')).vote;
  const d = voteSignDigest(CHAIN_ID, v);
  assert.notDeepEqual(voteSignDigest(CHAIN_ID + 1, v), d, 'chain id');
  assert.notDeepEqual(voteSignDigest(CHAIN_ID, { ...v, type: 'precommit' }), d, 'type');
  assert.notDeepEqual(voteSignDigest(CHAIN_ID, { ...v, round: 4 }), d, 'round');
  assert.notDeepEqual(voteSignDigest(CHAIN_ID, { ...v, height: 6n }), d, 'height');
  assert.notDeepEqual(voteSignDigest(CHAIN_ID, { ...v, blockHash: null }), d, 'nil');
  assert.notDeepEqual(voteSignDigest(CHAIN_ID, { ...v, validatorIndex: 1 }), d, 'index');
  const p = { height: 5n, round: 3, blockHash: hashOf('a'), polRound: null };
  assert.notDeepEqual(proposalSignDigest(CHAIN_ID, p), proposalSignDigest(CHAIN_ID + 1, p), 'proposal chain id');
  assert.notDeepEqual(proposalSignDigest(CHAIN_ID, p), proposalSignDigest(CHAIN_ID, { ...p, polRound: 0 }), 'POL round');
});

test('signature checks: valid passes (noble and libsecp256k1), wrong chain, wrong key, tampering and high-s fail', () => {
  const sv = vote(set, 2, 'precommit', 5n, 3, hashOf('a'));
  const pk = set.validators[2].publicKey;
  verifyVoteSignature(CHAIN_ID, sv, pk);
  verifyVoteSignature(CHAIN_ID, sv, pk, verifyNative);
  assert.throws(() => verifyVoteSignature(CHAIN_ID + 1, sv, pk), code('BFT_BAD_SIGNATURE'), 'another network');
  assert.throws(() => verifyVoteSignature(CHAIN_ID, sv, set.validators[1].publicKey), code('BFT_BAD_SIGNATURE'), 'another key');
  assert.throws(() => verifyVoteSignature(CHAIN_ID, { ...sv, vote: { ...sv.vote, round: 4 } }, pk), code('BFT_BAD_SIGNATURE'), 'tampered');
  // The malleated twin (n - s) is a valid ECDSA signature, refused for its form before curve work.
  assert.throws(() => verifyVoteSignature(CHAIN_ID, { ...sv, signature: toHighS(sv.signature) }, pk), code('BFT_HIGH_S'));
  assert.throws(() => verifyVoteSignature(CHAIN_ID, { ...sv, signature: toHighS(sv.signature) }, pk, () => true), code('BFT_HIGH_S'), 'even with a lax verifier');
  const sp = proposal(keys[0], 9n, 2, hashOf('b'));
  verifyProposalSignature(CHAIN_ID, sp, keys[0].publicKey);
  assert.throws(() => verifyProposalSignature(CHAIN_ID, { ...sp, signature: toHighS(sp.signature) }, keys[0].publicKey), code('BFT_HIGH_S'));
  assert.throws(() => verifyProposalSignature(CHAIN_ID, { ...sp, proposal: { ...sp.proposal, polRound: 1 } }, keys[0].publicKey), code('BFT_BAD_SIGNATURE'));
});
