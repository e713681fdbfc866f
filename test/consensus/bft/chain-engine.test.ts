/**
 * The BFT engine behind the chain seam, on a real chain with the proof-of-stake modules: each
 * block rule holds (seal by the round's proposer, parent certificate, own certificate, time,
 * evidence), the facts reach the modules (signers for downtime, evidence for slashing), the
 * proposer priorities kept in state match CometBFT's selection run independently, a proposal is
 * validated without being connected and its commit reuses the execution, and `describeBlock`
 * shows proposer, round and commits.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BlockError } from '../../../src/errors.js';
import { bytesEqual } from '../../../src/encoding/hex.js';
import { encodeAddress } from '../../../src/crypto/address.js';
import { BftChainDriver } from '../../../src/testing/bft-chain.js';
import { encodeCommit } from '../../../src/consensus/bft/commit.js';
import { makeDuplicateVoteEvidence } from '../../../src/consensus/bft/evidence.js';
import { ValidatorSet } from '../../../src/consensus/bft/validator-set.js';
import { getValidator } from '../../../src/state/modules/staking/method.js';
import { DelegateParams } from '../../../src/state/modules/staking/schemas.js';
import { POS_DEVNET_ECONOMICS } from '../../../src/params/staking.js';
import { ONE_COIN } from '../../../src/params/networks.js';

async function rejects(p: Promise<unknown>, code: string, what: string): Promise<void> {
  await assert.rejects(p, (e: unknown) => e instanceof BlockError && e.code === code, what);
}

test('honest blocks connect with their certificates; facts name the proposer and the parent signers', async () => {
  const d = await BftChainDriver.create();
  const b1 = await d.produce();
  assert.equal(b1.data.parentCommit, null, 'height 1 carries no parent certificate');
  const b2 = await d.produce({ parentSigners: [0, 1, 3] });
  assert.equal(d.height, 2n);
  assert.ok(bytesEqual(b2.data.proposer, (await d.set(2n)).proposer(0).address), 'the round-0 proposer of height 2');
  const b3 = await d.build({ parentSigners: [1, 2, 3] });
  const f3 = await d.chain.view((st) => d.engine.consensusFacts(b3.block.coinbase.consensus, st));
  const set2 = await d.set(2n);
  assert.deepEqual(f3.parentSigners.map(encodeAddress), [1, 2, 3].map((i) => encodeAddress(set2.validators[i].address)));
  assert.equal(f3.evidence.length, 0);
});

test('the seal must be the proposer of (height, round) and its signature; the round is free but named', async () => {
  const d = await BftChainDriver.create();
  await d.produce();
  d.clock.t += 1;
  const set = (await d.set(2n));
  const other = set.validators.find((v) => !bytesEqual(v.address, set.proposer(0).address))!;
  await rejects(d.import(await d.build({ proposer: other.address })), 'BLOCK_BAD_SEAL', 'a validator that is not the proposer of round 0');
  await rejects(d.import(await d.build({ sealKey: d.keyOf(other.address) })), 'BLOCK_BAD_SEAL', 'sealed by another key');
  // Round 3's proposer may propose a round-3 block.
  const r = await d.import(await d.build({ round: 3 }));
  assert.equal(r.status, 'connected');
  const next = await d.build();
  const facts = await d.chain.view((st) => d.engine.consensusFacts(next.block.coinbase.consensus, st));
  assert.ok(bytesEqual(facts.proposer!, (await d.set(3n)).proposer(0).address));
});

test('certificates: the parent one needs more than 2/3 and the right block; the own one must come with the block', async () => {
  const d = await BftChainDriver.create();
  await d.produce();
  await d.produce();
  d.clock.t += 1;
  await rejects(d.import(await d.build({ parentSigners: [0, 1] })), 'BLOCK_BAD_PARENT_COMMIT', 'two of four signatures');
  const wrong = await d.certificate(2n, 0, new Uint8Array(32).fill(7), undefined, (await d.set(2n)));
  await rejects(d.import(await d.build({ parentCommit: wrong })), 'BLOCK_BAD_PARENT_COMMIT', 'a certificate of another block');
  await rejects(d.import(await d.build({ parentCommit: null })), 'BLOCK_BAD_PARENT_COMMIT', 'no parent certificate');
  const b = await d.build();
  await rejects(d.import(b, { justification: null }), 'BLOCK_BAD_JUSTIFICATION', 'no justification');
  assert.notEqual(d.chain.index.get(b.hash)?.status, 'invalid', 'a missing justification does not make the block invalid');
  await rejects(d.import(b, { signers: [2, 3] }), 'BLOCK_BAD_JUSTIFICATION', 'a justification of half the power');
  await rejects(d.import(b, { justification: encodeCommit(await d.certificate(3n, 0, new Uint8Array(32).fill(1))) }), 'BLOCK_BAD_JUSTIFICATION', 'a justification of another block');
  // Three of four: more than two thirds.
  assert.equal((await d.import(b, { signers: [0, 1, 3] })).status, 'connected');
  assert.ok(await d.chain.getJustification(b.hash), 'the justification is stored with the block');
});

test('time: after the parent, within the drift of the clock; a proposal may not lag the clock by more than the drift', async () => {
  const d = await BftChainDriver.create();
  await d.produce();
  const parentTime = d.chain.tip.header.time;
  await rejects(d.import(await d.build({ time: parentTime })), 'BLOCK_TIME_TOO_OLD', 'same second as the parent');
  await rejects(d.import(await d.build({ time: d.clock.t + 16 })), 'BLOCK_TIME_TOO_NEW', 'beyond the 15 s drift');
  d.clock.t += 100;
  const stale = await d.build({ time: parentTime + 1 });
  await rejects(d.chain.validateProposal(stale.bytes), 'BLOCK_TIME_TOO_OLD', 'a proposal 99 s behind the clock');
  // A synced block may be old: only proposals are held to the clock.
  assert.equal((await d.import(stale)).status, 'connected');
});

test('validateProposal checks everything, connects nothing, and the commit reuses its execution', async () => {
  // Two chains with the same genesis: `d` builds (its assembly leaves a memo), `v` validates as a peer would.
  const d = await BftChainDriver.create();
  const v = await BftChainDriver.create();
  const b1 = await d.produce();
  v.clock.t = d.clock.t;
  await v.chain.importBlock(b1.bytes, { justification: (await d.chain.getJustification(b1.hash))! });
  d.clock.t += 1;
  v.clock.t = d.clock.t;
  const user = d.setup.users[0];
  const b = await d.build({ txs: [await d.tx(user, 'staking', 'delegate', DelegateParams, { validator: (await d.set(2n)).validators[0].address, amount: 5n * ONE_COIN })] });
  const root = v.chain.world.root();
  let executions = 0;
  const orig = v.chain.sm.executeBlockLoading.bind(v.chain.sm);
  v.chain.sm.executeBlockLoading = ((...a: Parameters<typeof orig>) => {
    executions++;
    return orig(...a);
  }) as typeof orig;
  await v.chain.validateProposal(b.bytes);
  assert.equal(executions, 1);
  assert.equal(v.chain.tip.height, 1, 'not connected');
  assert.ok(bytesEqual(v.chain.world.root(), root), 'head state unchanged');
  assert.equal(await v.chain.store.blockBytes(b.hash), undefined, 'not stored');
  await v.chain.importBlock(b.bytes, { justification: encodeCommit(await d.certificate(2n, 0, b.hash)) });
  assert.equal(executions, 1, 'the commit took the remembered execution');
  assert.equal(v.chain.tip.height, 2);
  // A bad state root is caught by the dry run.
  const tampered = { ...b.block, coinbase: { ...b.block.coinbase, stateRoot: new Uint8Array(32) } };
  await assert.rejects(v.chain.validateProposal(tampered), (e: unknown) => e instanceof BlockError);
});

test('proposer priorities kept in state equal CometBFT selection run on the side, through a power change (h + 2)', async () => {
  const d = await BftChainDriver.create({ stakes: [1_000n, 1_500n, 2_000n, 700n].map((x) => x * ONE_COIN) });
  const genesis = (await d.set(1n));
  let side = ValidatorSet.genesis(genesis.validators.map((v) => ({ publicKey: v.publicKey, power: v.power })));
  const proposers: string[] = [];
  const target = genesis.validators[3];
  for (let h = 1n; h <= 12n; h++) {
    assert.deepEqual((await d.set(h)).toStored(), side.toStored(), `set of height ${h}`);
    proposers.push(encodeAddress((await d.set(h)).proposer(0).address));
    const txs = h === 4n ? [await d.tx(d.setup.users[0], 'staking', 'delegate', DelegateParams, { validator: target.address, amount: 3_000n * ONE_COIN })] : [];
    await d.produce({ txs });
    // A delegation in block 4 changes the set from height 6 (decided at h, effective h + 2).
    const updates = h + 1n === 6n ? [{ publicKey: target.publicKey, power: target.power + 3_000n }] : [];
    side = side.next(updates);
  }
  assert.equal((await d.set(13n)).validators.find((v) => bytesEqual(v.address, target.address))!.power, 3_700n);
  assert.ok(new Set(proposers).size >= 3, 'weighted round robin rotates');
});

test('evidence: verified duplicate votes slash 5% and tombstone; forged, duplicated or expired evidence invalidates the block', async () => {
  const economics = { ...POS_DEVNET_ECONOMICS, staking: { ...POS_DEVNET_ECONOMICS.staking, unbondingPeriod: 30 } };
  const d = await BftChainDriver.create({ economics });
  await d.advance(1);
  const set = (await d.set(2n));
  await d.advance(2);
  const offender = set.validators[2];
  const a = d.vote(set, 2, { type: 'prevote', height: 2n, round: 0, blockHash: new Uint8Array(32).fill(1) });
  const b = d.vote(set, 2, { type: 'prevote', height: 2n, round: 0, blockHash: null });
  const ev = makeDuplicateVoteEvidence(a, b);
  d.clock.t += 1;
  const forged = { ...ev, voteB: { ...ev.voteB, signature: ev.voteA.signature } };
  await rejects(d.import(await d.build({ evidence: [forged] })), 'BLOCK_BAD_EVIDENCE', 'a signature that is not over the vote');
  await rejects(d.import(await d.build({ evidence: [ev, ev] })), 'BLOCK_BAD_EVIDENCE', 'the same evidence twice');
  const future = makeDuplicateVoteEvidence(
    d.vote((await d.set(4n)), 0, { type: 'precommit', height: 4n, round: 0, blockHash: new Uint8Array(32).fill(2) }),
    d.vote((await d.set(4n)), 0, { type: 'precommit', height: 4n, round: 0, blockHash: null }),
  );
  await rejects(d.import(await d.build({ evidence: [future] })), 'BLOCK_BAD_EVIDENCE', 'evidence from the block\'s own height');
  const tokens = (await d.chain.view((st) => getValidator(st, offender.address)))!.tokens;
  const blk = await d.produce({ evidence: [ev] });
  const v = (await d.chain.view((st) => getValidator(st, offender.address)))!;
  assert.ok(v.jailed && v.tombstoned, 'jailed for ever');
  assert.equal(v.tokens, tokens - (tokens * 5n) / 100n, '5% slashed');
  const described = d.engine.describeBlock((await d.chain.getBlock(blk.hash))!);
  assert.equal((described.evidence as unknown[]).length, 1);
  await rejects(d.import(await d.build({ evidence: [ev] })), 'BLOCK_BAD_EVIDENCE', 'a tombstoned validator cannot be punished twice');
  // Evidence older than the unbonding period (30 s of block time) is refused.
  const old = makeDuplicateVoteEvidence(
    d.vote(set, 0, { type: 'prevote', height: 2n, round: 1, blockHash: new Uint8Array(32).fill(3) }),
    d.vote(set, 0, { type: 'prevote', height: 2n, round: 1, blockHash: null }),
  );
  d.clock.t += 40;
  await rejects(d.import(await d.build({ evidence: [old] })), 'BLOCK_BAD_EVIDENCE', 'evidence older than the unbonding period');
});

test('downtime: a validator left out of the parent certificates is jailed after the window', async () => {
  const economics = { ...POS_DEVNET_ECONOMICS, slashing: { ...POS_DEVNET_ECONOMICS.slashing, signedBlocksWindow: 10 } };
  const d = await BftChainDriver.create({ economics });
  const absent = (await d.set(1n)).validators[3].address;
  for (let i = 0; i < 14; i++) {
    const h = d.height;
    const set = h >= 1n ? (await d.set(h)) : null;
    const signers = set ? set.validators.map((_, j) => j).filter((j) => !bytesEqual(set.validators[j].address, absent)) : undefined;
    await d.produce({ ...(signers ? { parentSigners: signers, signers } : {}) });
  }
  const v = (await d.chain.view((st) => getValidator(st, absent)))!;
  assert.ok(v.jailed && !v.tombstoned, 'jailed for downtime, not tombstoned');
});

test('describeBlock: proposer, round, the parent commit, and the block\'s own commit from its justification', async () => {
  const d = await BftChainDriver.create();
  await d.produce();
  const b = await d.produce({ round: 1 });
  const pb = (await d.chain.getBlock(b.hash))!;
  const j = await d.chain.getJustification(b.hash);
  const v = d.engine.describeBlock(pb, j);
  assert.equal(v.engine, 'bft');
  assert.equal(v.round, 1);
  assert.equal(v.proposer, encodeAddress(b.data.proposer));
  assert.equal((v.commit as { height: string }).height, '2');
  assert.equal((v.commit as { signatures: number }).signatures, 4);
  assert.equal((v.parentCommit as { height: string }).height, '1');
});
