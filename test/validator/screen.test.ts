/**
 * Consensus messages are checked before gossip relays them (issue 10): a valid proposal or vote at
 * our height is relayed, a forged one is rejected with points for the sender, messages of other
 * heights and catch-up messages are handled but not relayed, and the p2p transport hands the
 * verdict to the network unchanged.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sha256d } from '../../src/crypto/hash.js';
import { ValidatorSet } from '../../src/consensus/bft/validator-set.js';
import { proposalSignDigest, voteSignDigest, type Vote } from '../../src/consensus/bft/messages.js';
import { makeDuplicateVoteEvidence } from '../../src/consensus/bft/evidence.js';
import { testKeys } from '../../src/testing/keys.js';
import { INVALID_MESSAGE_POINTS, screenMessage, type ScreenContext } from '../../src/validator/screen.js';
import { P2pConsensusTransport } from '../../src/validator/p2p-transport.js';
import { decodeWire, encodeWire } from '../../src/validator/wire.js';
import type { TransportVerdict } from '../../src/validator/transport.js';

const CHAIN = 77;
const keys = testKeys(4, 'screen');
const set = ValidatorSet.genesis(keys.map((k) => ({ publicKey: k.publicKey, power: 10n })));
const ctx: ScreenContext = { chainId: CHAIN, height: 5n, round: 0, set, valueHash: (v) => sha256d(v.subarray(0, 80)) };
const block = new Uint8Array(120).fill(7);
const blockHash = sha256d(block.subarray(0, 80));

function keyAt(index: number) {
  const v = set.at(index)!;
  return keys.find((k) => Buffer.from(k.publicKey).equals(Buffer.from(v.publicKey)))!;
}

function vote(index: number, o: Partial<Vote> = {}, signer = keyAt(index)) {
  const v: Vote = { type: 'prevote', height: 5n, round: 0, blockHash, validatorIndex: index, validatorAddress: set.at(index)!.address, ...o };
  return { vote: v, signature: signer.sign(voteSignDigest(CHAIN, v)) };
}

function proposal(round: number, signerIndex?: number, value = block) {
  const p = { height: 5n, round, blockHash, polRound: null };
  const proposer = set.proposer(round);
  const signer = signerIndex === undefined ? keys.find((k) => Buffer.from(k.publicKey).equals(Buffer.from(proposer.publicKey)))! : keyAt(signerIndex);
  return { kind: 'proposal' as const, proposal: { proposal: p, signature: signer.sign(proposalSignDigest(CHAIN, p)) }, value };
}

test('a valid vote or proposal at our height is relayed; forged ones are rejected with points', () => {
  assert.deepEqual(screenMessage({ kind: 'vote', vote: vote(1) }, ctx), { result: 'accept' });
  assert.deepEqual(screenMessage(proposal(0), ctx), { result: 'accept' });
  const forged = screenMessage({ kind: 'vote', vote: vote(1, {}, keyAt(2)) }, ctx);
  assert.equal(forged.result, 'reject');
  assert.equal((forged as { points: number }).points, INVALID_MESSAGE_POINTS);
  assert.equal(screenMessage({ kind: 'vote', vote: vote(1, { validatorAddress: set.at(2)!.address }) }, ctx).result, 'reject', 'address not at its index');
  const proposer = set.indexOf(set.proposer(0).address);
  assert.equal(screenMessage(proposal(0, (proposer + 1) % 4), ctx).result, 'reject', 'signed by someone not the proposer');
  assert.equal(screenMessage(proposal(0, undefined, new Uint8Array(120).fill(8)), ctx).result, 'reject', 'block does not match');
});

test('messages of another height or far rounds are not relayed, nor charged', () => {
  assert.equal(screenMessage({ kind: 'vote', vote: vote(1, { height: 6n }, keyAt(3)) }, ctx).result, 'ignore');
  assert.equal(screenMessage({ kind: 'vote', vote: vote(1, { round: 50 }) }, ctx).result, 'ignore');
  assert.equal(screenMessage({ kind: 'vote', vote: vote(1) }, { ...ctx, height: null, set: undefined }).result, 'ignore');
  assert.equal(screenMessage({ kind: 'status', height: 5n, round: 0, hasProposal: false, tip: 4n }, ctx).result, 'ignore');
});

test('a catch-up bundle with a forged vote is rejected; evidence at our height is checked', () => {
  assert.equal(screenMessage({ kind: 'votes', votes: [vote(0), vote(1)] }, ctx).result, 'ignore');
  assert.equal(screenMessage({ kind: 'votes', votes: [vote(0), vote(1, {}, keyAt(0))] }, ctx).result, 'reject');
  const ev = makeDuplicateVoteEvidence(vote(2), vote(2, { blockHash: null }));
  assert.deepEqual(screenMessage({ kind: 'evidence', evidence: ev }, ctx), { result: 'accept' });
  const bad = { ...ev, voteB: { ...ev.voteB, signature: ev.voteA.signature } };
  assert.equal(screenMessage({ kind: 'evidence', evidence: bad }, ctx).result, 'reject');
});

test('the p2p transport publishes on the consensus topic and returns the handler verdict to gossip', async () => {
  let validator: ((d: Uint8Array, from: string) => Promise<TransportVerdict>) | undefined;
  const sent: Uint8Array[] = [];
  const t = new P2pConsensusTransport({ setConsensusValidator: (v) => (validator = v), publishConsensus: async (d) => void sent.push(d) });
  const bytes = encodeWire({ kind: 'vote', vote: vote(1) }, 1n);
  await t.publish(bytes);
  assert.equal(sent.length, 1);
  assert.equal(decodeWire(sent[0]).kind, 'vote');
  t.setHandler((d, from) => (from === 'evil' ? { result: 'reject', points: 50, reason: 'x' } : { result: 'accept' }));
  assert.deepEqual(await validator!(bytes, 'good'), { result: 'accept' });
  assert.equal((await validator!(bytes, 'evil')).result, 'reject');
  t.setHandler(undefined);
  assert.equal(validator, undefined);
});
