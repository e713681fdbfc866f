/**
 * The seed's USDKG flow, in process: custody reports gold -> an auditor attests -> the issuer
 * proposes a mint -> 3 of 7 approve -> the mint executes -> holders transfer -> a holder redeems ->
 * compliance freezes and wipes a sanctioned account. Supply, reserve ratio and events at each step.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { action, collateralHistory, errorCodeOf, eventsOf, eventTrail } from '../../src/testing/issuance.js';
import { executionTimeOf } from '../../src/testing/chain.js';
import { nativeSupplyCheck } from '../../src/testing/invariants.js';
import { MultiSendParams } from '../../src/state/modules/bank/schemas.js';
import { ApprovedEvent, ExecutedEvent, ProposedEvent } from '../../src/state/modules/multisig/events.js';
import { pendingProposals } from '../../src/state/modules/multisig/method.js';
import { AttestParams, MintParams } from '../../src/state/modules/stablecoin/schemas.js';
import { AttestedEvent, ComplianceEvent, MintedEvent, RedeemedEvent, WipedEvent } from '../../src/state/modules/stablecoin/events.js';
import { collateralReport } from '../../src/state/modules/stablecoin/method.js';
import { governed, reportHash } from './stablecoin-helpers.js';

const USD = 1_000_000n; // 6 decimals

test('the USDKG flow: attest, propose, 3 of 7 approve, mint, transfer, redeem, freeze and wipe', async () => {
  const s = await governed();
  const { d, g, id, sanctioned } = s;
  const [exchange, alice] = g.holders;
  const report = () => s.tc.chain.view((st) => collateralReport(st, id, s.tc.clock.t));
  const invariant = async () => {
    const n = await nativeSupplyCheck(s.tc.chain);
    assert.equal(n.held, n.ledger);
    let sum = 0n;
    for (const k of [exchange, alice, sanctioned]) sum += await s.bal(k.address);
    assert.equal(sum, (await s.supply()).total);
  };

  // 1. Custody reports 30 gold bars (~376 kg, $50.3M); the auditor attests that reserve with the report's hash.
  const custody = JSON.stringify({ custodian: 'vault', bars: 30, kg: '376.2', usd: '50300000' });
  const attested = await d.run(await d.tx(g.auditor, 'stablecoin', 'attest', AttestParams, { assetId: id, reserve: 50_300_000n * USD, reportHash: reportHash(custody) }));
  const att = eventsOf(attested, AttestedEvent)[0];
  assert.deepEqual([att.seq, att.reserve, att.supply, att.time], [1n, 50_300_000n * USD, 0n, BigInt(executionTimeOf(s.tc.chain, s.tc.chain.tip))]);
  assert.deepEqual(att.reportHash, reportHash(custody));
  assert.deepEqual([(await report()).ratioBps, (await report()).headroom], [null, 50_300_000n * USD]);

  // 2. The issuer (a mint group owner) proposes minting 50M to the exchange.
  const mint = action('stablecoin', 'mint', MintParams, { assetId: id, to: exchange.address, amount: 50_000_000n * USD });
  const [proposed] = await d.mine(await d.propose(g.minters[0], g.mintGroup, mint, { nonce: 0n }));
  assert.deepEqual(eventsOf(proposed, ProposedEvent).map((p) => [p.proposalId, p.nonce, p.module, p.command]), [[0n, 0n, 'stablecoin', 'mint']]);
  assert.equal(eventsOf(proposed, ApprovedEvent)[0].approvals, 1);

  // 3. A second owner approves: 2 of 3, nothing minted yet.
  const second = await d.run(await d.approve(g.minters[4], g.mintGroup, 0n));
  assert.deepEqual([eventsOf(second, ApprovedEvent)[0].approvals, eventsOf(second, ExecutedEvent).length], [2, 0]);
  assert.equal((await s.supply()).total, 0n);
  assert.deepEqual((await s.tc.chain.view((st) => pendingProposals(st, g.mintGroup, BigInt(s.tc.chain.tip.height + 1)))).map((p) => p.approvals.length), [2]);

  // 4. The third approval executes the mint.
  const third = await d.run(await d.approve(g.minters[6], g.mintGroup, 0n));
  assert.equal(eventsOf(third, ExecutedEvent)[0].ok, true);
  assert.deepEqual(eventsOf(third, MintedEvent)[0], { assetId: id, to: exchange.address, amount: 50_000_000n * USD, supply: 50_000_000n * USD, reserve: 50_300_000n * USD, attestationSeq: 1n });
  assert.deepEqual([(await s.supply()).total, (await report()).ratioBps, (await report()).headroom], [50_000_000n * USD, 10_060n, 300_000n * USD]);
  assert.deepEqual((await s.tc.chain.view((st) => pendingProposals(st, g.mintGroup, BigInt(s.tc.chain.tip.height + 1)))), []);
  await invariant();

  // 5. Holders transfer: supply and ratio do not move.
  const moved = await d.run(await d.tx(exchange, 'bank', 'multiSend', MultiSendParams, { outputs: [{ to: alice.address, assetId: id, amount: 10_000_000n * USD }, { to: sanctioned.address, assetId: id, amount: 1_000_000n * USD }] }));
  assert.equal(moved.status, 'success');
  assert.deepEqual([await s.bal(exchange.address), await s.bal(alice.address), await s.bal(sanctioned.address)], [39_000_000n * USD, 10_000_000n * USD, 1_000_000n * USD]);
  assert.deepEqual([(await s.supply()).total, (await report()).ratioBps], [50_000_000n * USD, 10_060n]);
  await invariant();

  // 6. Alice redeems 2M: burned, evented for off-chain settlement, supply falls, the ratio rises.
  const redeemed = await d.run(await s.redeem(alice, 2_000_000n * USD));
  const red = eventsOf(redeemed, RedeemedEvent)[0];
  assert.deepEqual([red.redemptionId, red.amount, red.supply], [0n, 2_000_000n * USD, 48_000_000n * USD]);
  assert.deepEqual(red.holder, alice.address);
  assert.deepEqual([(await s.supply()).byCause.redeem, (await report()).ratioBps], [2_000_000n * USD, 10_479n]);
  await invariant();

  // 7. Compliance (5 of 5) freezes the sanctioned account, which can no longer move its tokens, then wipes it.
  const frozen = await s.complianceDoes('freeze', sanctioned.address);
  assert.deepEqual(frozen.receipts.flatMap((r) => eventsOf(r, ComplianceEvent)).map((e) => e.action), ['freeze']);
  assert.equal(errorCodeOf(await d.run(await s.transfer(sanctioned, exchange.address, 1n))), 'TX_FROZEN');
  const wiped = await s.complianceDoes('wipe', sanctioned.address);
  assert.deepEqual(wiped.receipts.flatMap((r) => eventsOf(r, WipedEvent))[0], { assetId: id, account: sanctioned.address, amount: 1_000_000n * USD, supply: 47_000_000n * USD });
  assert.deepEqual([await s.bal(sanctioned.address), (await s.supply()).byCause.wipe, (await s.supply()).total, (await report()).ratioBps], [0n, 1_000_000n * USD, 47_000_000n * USD, 10_702n]);
  await invariant();

  // The audit trail: every stablecoin step in order, and the collateral ratio after each supply change.
  const trail = await eventTrail(s.tc.chain, ['stablecoin']);
  assert.deepEqual(trail.map((e) => e.name), ['created', 'attested', 'minted', 'redeemed', 'compliance', 'wiped']);
  const mintTrail = await eventTrail(s.tc.chain, ['multisig'], (e) => (e.data as { multisig?: string }).multisig === (trail[0].data as { mintGroup: string }).mintGroup);
  assert.deepEqual(mintTrail.map((e) => e.name), ['created', 'proposed', 'approved', 'approved', 'approved', 'executed']);
  const history = await collateralHistory(s.tc.chain, id);
  assert.deepEqual(
    history.map((p) => [p.cause, p.supply, p.ratioBps]),
    [
      ['attest', 0n, null],
      ['mint', 50_000_000n * USD, 10_060n],
      ['redeem', 48_000_000n * USD, 10_479n],
      ['wipe', 47_000_000n * USD, 10_702n],
    ],
  );
  assert.deepEqual([history[3].minted, history[3].redeemed, history[3].wiped], [50_000_000n * USD, 2_000_000n * USD, 1_000_000n * USD]);
});
