/** Multisig rules (Safe): creation bounds, threshold execution, replay, removed owners, nonces, expiry, self-governance. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestChain, mineBlock } from '../../src/testing/chain.js';
import { action, errorCodeOf, eventsOf, IssuanceDriver } from '../../src/testing/issuance.js';
import { balanceOf, getAccount } from '../../src/state/modules/accounts/method.js';
import { TransferParams } from '../../src/state/modules/bank/schemas.js';
import { getMultisig, getProposal, nextMultisigAddress, pendingProposals } from '../../src/state/modules/multisig/method.js';
import { CancelParams, CreateParams, OwnerParams, ThresholdParams } from '../../src/state/modules/multisig/schemas.js';
import { ApprovedEvent, CancelledEvent, CreatedEvent, ExecutedEvent, ExpiredEvent, OwnerRemovedEvent, VoidedEvent } from '../../src/state/modules/multisig/events.js';
import type { TestKey } from '../../src/testing/keys.js';

const pay = (to: Uint8Array, amount: bigint) => action('bank', 'transfer', TransferParams, { to, assetId: 0, amount, memo: new Uint8Array(0) });

/** A chain with a funded 2-of-3 multisig owned by keys 1..3; key 4 is a payee. */
async function twoOfThree() {
  const tc = await createTestChain({ accounts: 6 });
  const d = new IssuanceDriver(tc);
  const [creator, a, b, c, payee, outsider] = tc.keys;
  const ms = await d.createMultisig(creator, [a, b, c], 2);
  await d.run(await d.tx(creator, 'bank', 'transfer', TransferParams, { to: ms, assetId: 0, amount: 1_000_000n, memo: new Uint8Array(0) }));
  const payeeBalance = () => tc.chain.view((st) => balanceOf(getAccount(st, payee.address)));
  return { tc, d, ms, creator, a, b, c, payee, outsider, payeeBalance };
}

test('creation: unique owners and 1 <= threshold <= owners; the address is derived from creator and count', async () => {
  const tc = await createTestChain({ accounts: 4 });
  const d = new IssuanceDriver(tc);
  const [creator, a, b, c] = tc.keys;
  const create = (owners: TestKey[], threshold: number) => d.tx(creator, 'multisig', 'create', CreateParams, { owners: owners.map((o) => o.address), threshold });
  const bad = await d.mine(create([a, b, c], 0), create([a, b, c], 4), create([a, b, a], 2), create([], 1));
  assert.deepEqual(bad.map(errorCodeOf), ['TX_INVALID_PARAMS', 'TX_INVALID_PARAMS', 'TX_INVALID_PARAMS', 'TX_INVALID_PARAMS']);
  assert.match(bad[0].error!, /threshold 0 must be between 1 and the 3 owners/);
  assert.match(bad[2].error!, /listed twice/);
  const expected = (await tc.chain.view((st) => nextMultisigAddress(st, creator.address)));
  const [ok1, ok2] = await d.mine(create([a, b, c], 3), create([a], 1));
  assert.equal(ok1.status, 'success');
  const ev = eventsOf(ok1, CreatedEvent)[0];
  assert.deepEqual(ev.multisig, expected);
  assert.equal(ev.threshold, 3);
  assert.notDeepEqual(eventsOf(ok2, CreatedEvent)[0].multisig, expected);
  const ms = (await tc.chain.view((st) => getMultisig(st, expected)))!;
  assert.equal(ms.owners.length, 3);
  assert.equal(ms.nonce, 0n);
});

test('threshold - 1 approvals do not execute; the approval that reaches the threshold does', async () => {
  const { d, ms, creator, a, b, payee, payeeBalance } = await twoOfThree();
  const before = await payeeBalance();
  const [r] = await d.mine(await d.propose(a, ms, pay(payee.address, 500n), { nonce: 0n }));
  assert.equal(r.status, 'success');
  assert.equal(eventsOf(r, ExecutedEvent).length, 0);
  assert.equal(await payeeBalance(), before);
  assert.equal(errorCodeOf(await d.run(await d.execute(creator, ms, 0n))), 'TX_THRESHOLD_NOT_MET');
  const r2 = await d.run(await d.approve(b, ms, 0n));
  assert.deepEqual(eventsOf(r2, ApprovedEvent)[0].approvals, 2);
  assert.deepEqual(eventsOf(r2, ExecutedEvent)[0].ok, true);
  assert.equal(await payeeBalance(), before + 500n);
});

test('an executed proposal cannot be replayed', async () => {
  const { tc, d, ms, a, b, c, payee, payeeBalance } = await twoOfThree();
  const before = await payeeBalance();
  const approval = await d.approve(b, ms, 0n);
  await d.mine(await d.propose(a, ms, pay(payee.address, 700n), { nonce: 0n }), approval);
  assert.equal(await payeeBalance(), before + 700n);
  const again = await d.mine(await d.approve(c, ms, 0n), await d.execute(a, ms, 0n), await d.propose(a, ms, pay(payee.address, 700n), { nonce: 0n }));
  assert.deepEqual(again.map(errorCodeOf), ['TX_PROPOSAL_CLOSED', 'TX_PROPOSAL_CLOSED', 'TX_PROPOSAL_NONCE']);
  // The very same signed approval cannot be included again (its account nonce is used up).
  const block = await mineBlock(tc, { txs: [approval] });
  assert.equal(block.txs.length, 0);
  assert.equal(await payeeBalance(), before + 700n);
  assert.equal((await tc.chain.view((st) => getMultisig(st, ms)))!.nonce, 1n);
  assert.equal((await tc.chain.view((st) => getProposal(st, ms, 0n)))!.status, 'executed');
});

test('an approval from a removed owner does not count', async () => {
  const { tc, d, ms, a, b, c, payee, payeeBalance } = await twoOfThree();
  const before = await payeeBalance();
  // Proposal 0 (nonce 1) carries a's approval; proposal 1 (nonce 0) removes a.
  await d.mine(await d.propose(a, ms, pay(payee.address, 900n), { nonce: 1n }));
  const [, rm] = await d.mine(await d.propose(b, ms, action('multisig', 'removeOwner', OwnerParams, { owner: a.address, threshold: 2 }), { nonce: 0n }), await d.approve(c, ms, 1n));
  assert.equal(eventsOf(rm, ExecutedEvent)[0].ok, true);
  assert.equal(eventsOf(rm, OwnerRemovedEvent)[0].approvalsDropped, 1);
  const r = await d.run(await d.approve(b, ms, 0n));
  assert.equal(r.status, 'success');
  assert.equal(eventsOf(r, ApprovedEvent)[0].approvals, 1, "a's approval no longer counts");
  assert.equal(eventsOf(r, ExecutedEvent).length, 0);
  assert.equal(await payeeBalance(), before);
  const later = await d.mine(await d.execute(b, ms, 0n), await d.approve(a, ms, 0n));
  assert.deepEqual(later.map(errorCodeOf), ['TX_THRESHOLD_NOT_MET', 'TX_UNAUTHORIZED']);
  const done = await d.run(await d.approve(c, ms, 0n));
  assert.equal(eventsOf(done, ExecutedEvent)[0].ok, true);
  assert.equal(await payeeBalance(), before + 900n);
  assert.equal((await tc.chain.view((st) => getMultisig(st, ms)))!.owners.length, 2);
});

test('nonces are strictly sequential: executing nonce n voids the other proposals on n; a fully approved later nonce executes right behind it', async () => {
  const { tc, d, ms, a, b, c, payee, payeeBalance } = await twoOfThree();
  const before = await payeeBalance();
  await d.mine(await d.propose(a, ms, pay(payee.address, 10n), { nonce: 0n }), await d.propose(b, ms, pay(payee.address, 20n), { nonce: 0n }), await d.propose(c, ms, pay(payee.address, 30n), { nonce: 1n }));
  const early = await d.run(await d.approve(a, ms, 2n));
  assert.equal(eventsOf(early, ApprovedEvent)[0].approvals, 2);
  assert.equal(eventsOf(early, ExecutedEvent).length, 0, 'nonce 1 cannot run before nonce 0');
  assert.equal(errorCodeOf(await d.run(await d.execute(a, ms, 2n))), 'TX_PROPOSAL_NONCE');
  const pending = (await tc.chain.view((st) => pendingProposals(st, ms, BigInt(tc.chain.tip.height + 1))));
  assert.deepEqual(pending.map((p) => [p.proposal.id, p.approvals.length, p.executable]), [[0n, 1, false], [1n, 1, false], [2n, 2, false]]);
  // The approval that completes nonce 0 executes it, voids its rival, and runs nonce 1 (already
  // fully approved) in the same transaction: no manual execute left waiting (issue 14).
  const r = await d.run(await d.approve(c, ms, 1n));
  assert.deepEqual(eventsOf(r, VoidedEvent).map((v) => [v.proposalId, v.nonce, v.byProposalId]), [[0n, 0n, 1n]]);
  assert.deepEqual(eventsOf(r, ExecutedEvent).map((e) => [e.proposalId, e.nonce, e.ok]), [[1n, 0n, true], [2n, 1n, true]]);
  assert.equal(errorCodeOf(await d.run(await d.approve(b, ms, 0n))), 'TX_PROPOSAL_CLOSED');
  assert.equal((await tc.chain.view((st) => getProposal(st, ms, 0n)))!.status, 'voided');
  const late = await d.run(await d.execute(payee, ms, 2n));
  assert.equal(errorCodeOf(late), 'TX_PROPOSAL_CLOSED');
  assert.equal((await payeeBalance()) - before, 50n - late.fee, 'both transfers ran');
  assert.equal((await tc.chain.view((st) => getMultisig(st, ms)))!.nonce, 2n);
  assert.deepEqual(await tc.chain.view((st) => pendingProposals(st, ms, BigInt(tc.chain.tip.height + 1))), []);
});

test('multisig.cancel (Safe rejection) at a stuck nonce voids it and lets the fully approved queue behind it run', async () => {
  const { tc, d, ms, a, b, c, payee, payeeBalance } = await twoOfThree();
  const before = await payeeBalance();
  // Nonce 0 is stuck at 1 of 2; nonce 1 is fully approved and waits for it.
  await d.mine(await d.propose(a, ms, pay(payee.address, 10n), { nonce: 0n }), await d.propose(b, ms, pay(payee.address, 30n), { nonce: 1n }));
  await d.run(await d.approve(c, ms, 1n));
  assert.equal((await tc.chain.view((st) => getMultisig(st, ms)))!.nonce, 0n);
  // A rejection proposed at nonce 0 and approved by a second owner: nonce 0 used with no action, then nonce 1 runs.
  await d.run(await d.propose(b, ms, action('multisig', 'cancel', CancelParams, {}), { nonce: 0n }));
  const r = await d.run(await d.approve(c, ms, 2n));
  assert.deepEqual(eventsOf(r, CancelledEvent).map((e) => e.nonce), [0n]);
  assert.deepEqual(eventsOf(r, VoidedEvent).map((v) => [v.proposalId, v.byProposalId]), [[0n, 2n]]);
  assert.deepEqual(eventsOf(r, ExecutedEvent).map((e) => [e.proposalId, e.nonce, e.ok]), [[2n, 0n, true], [1n, 1n, true]]);
  assert.equal((await payeeBalance()) - before, 30n, 'the stuck transfer of 10 never ran; the queued 30 did');
  assert.equal((await tc.chain.view((st) => getMultisig(st, ms)))!.nonce, 2n);
  // Only a multisig (through its own proposal) can send it.
  assert.equal(errorCodeOf(await d.run(await d.tx(a, 'multisig', 'cancel', CancelParams, {}))), 'TX_UNAUTHORIZED');
});

test('proposals expire at their expiry height and are dropped from the queue', async () => {
  const { tc, d, ms, a, b, payee, payeeBalance } = await twoOfThree();
  const before = await payeeBalance();
  const h = BigInt(tc.chain.tip.height);
  assert.equal(errorCodeOf(await d.run(await d.propose(a, ms, pay(payee.address, 5n), { nonce: 0n, expiresAt: h }))), 'TX_PROPOSAL_EXPIRED');
  await d.mine(await d.propose(a, ms, pay(payee.address, 5n), { nonce: 0n, expiresAt: h + 3n }));
  assert.equal((await tc.chain.view((st) => getProposal(st, ms, 0n)))!.status, 'pending');
  await mineBlock(tc);
  await mineBlock(tc);
  assert.equal(errorCodeOf(await d.run(await d.approve(b, ms, 0n))), 'TX_PROPOSAL_EXPIRED');
  const r = await d.run(await d.propose(b, ms, pay(payee.address, 6n), { nonce: 0n }));
  assert.deepEqual(eventsOf(r, ExpiredEvent).map((e) => e.proposalId), [0n]);
  assert.equal((await tc.chain.view((st) => getProposal(st, ms, 0n)))!.status, 'expired');
  assert.deepEqual((await tc.chain.view((st) => getMultisig(st, ms)))!.pending, [1n]);
  assert.equal(await payeeBalance(), before);
});

test('owners and threshold change only through the multisig itself; a failing action still uses up its nonce', async () => {
  const { tc, d, ms, a, b, c, outsider } = await twoOfThree();
  const direct = await d.mine(await d.tx(a, 'multisig', 'addOwner', OwnerParams, { owner: outsider.address, threshold: 2 }), await d.tx(a, 'multisig', 'changeThreshold', ThresholdParams, { threshold: 1 }));
  assert.deepEqual(direct.map(errorCodeOf), ['TX_UNAUTHORIZED', 'TX_UNAUTHORIZED']);
  const nonOwner = await d.run(await d.propose(outsider, ms, action('multisig', 'changeThreshold', ThresholdParams, { threshold: 1 }), { nonce: 0n }));
  assert.equal(errorCodeOf(nonOwner), 'TX_UNAUTHORIZED');
  const [, added] = await d.passProposal(ms, [a, b], action('multisig', 'addOwner', OwnerParams, { owner: outsider.address, threshold: 3 }));
  assert.equal(eventsOf(added, ExecutedEvent)[0].ok, true);
  assert.deepEqual([(await tc.chain.view((st) => getMultisig(st, ms)))!.owners.length, (await tc.chain.view((st) => getMultisig(st, ms)))!.threshold], [4, 3]);
  // A threshold above the owner count fails inside the execution: evented, nonce used up, nothing changed.
  const [, , bad] = await d.passProposal(ms, [a, b, c], action('multisig', 'changeThreshold', ThresholdParams, { threshold: 5 }));
  assert.equal(bad.status, 'success');
  const ex = eventsOf(bad, ExecutedEvent)[0];
  assert.equal(ex.ok, false);
  assert.match(ex.error!, /^TX_INVALID_PARAMS: threshold 5 must be between 1 and the 4 owners/);
  assert.equal((await tc.chain.view((st) => getProposal(st, ms, 1n)))!.status, 'failed');
  assert.deepEqual([(await tc.chain.view((st) => getMultisig(st, ms)))!.nonce, (await tc.chain.view((st) => getMultisig(st, ms)))!.threshold], [2n, 3]);
  const dup = await d.mine(await d.propose(a, ms, action('multisig', 'changeThreshold', ThresholdParams, { threshold: 2 }), { nonce: 2n }), await d.approve(a, ms, 2n));
  assert.deepEqual(dup.map(errorCodeOf), [null, 'TX_DUPLICATE']);
});
