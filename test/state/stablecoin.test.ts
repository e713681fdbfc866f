/** Governed asset rules (USDKG model, Chainlink Secure Mint, Paxos/Circle compliance), one per test. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { action, errorCodeOf, eventsOf } from '../../src/testing/issuance.js';
import { nativeSupplyCheck } from '../../src/testing/invariants.js';
import { executionTimeOf, mineBlock } from '../../src/testing/chain.js';
import { nextBlockInfo } from '../../src/testing/nft.js';
import { MultiSendParams } from '../../src/state/modules/bank/schemas.js';
import { TransferEvent } from '../../src/state/modules/bank/events.js';
import { pendingProposals, getMultisig } from '../../src/state/modules/multisig/method.js';
import { ExecutedEvent } from '../../src/state/modules/multisig/events.js';
import { AccountRef, AssetRef, AttestParams, MintParams } from '../../src/state/modules/stablecoin/schemas.js';
import { MintedEvent, WipedEvent } from '../../src/state/modules/stablecoin/events.js';
import { collateralReport } from '../../src/state/modules/stablecoin/method.js';
import { governed } from './stablecoin-helpers.js';
import { Mempool } from '../../src/mempool/mempool.js';
import { TxError } from '../../src/errors.js';

test('a mint with threshold - 1 approvals does not execute', async () => {
  const s = await governed();
  const [holder] = s.g.holders;
  await s.d.run(await s.attest(1_000_000n));
  const rs = await s.d.passProposal(s.g.mintGroup, s.g.minters.slice(0, 2), action('stablecoin', 'mint', MintParams, { assetId: s.id, to: holder.address, amount: 100n }));
  assert.deepEqual(rs.map((r) => r.status), ['success', 'success']);
  assert.equal(rs.flatMap((r) => eventsOf(r, ExecutedEvent)).length, 0);
  assert.equal((await s.supply()).total, 0n);
  assert.equal(await s.bal(holder.address), 0n);
  const [p] = (await s.tc.chain.view((st) => pendingProposals(st, s.g.mintGroup, BigInt(s.tc.chain.tip.height + 1))));
  assert.deepEqual([p.approvals.length, p.threshold, p.executable], [2, 3, false]);
  assert.equal(errorCodeOf(await s.d.run(await s.d.execute(s.outsider, s.g.mintGroup, p.proposal.id))), 'TX_THRESHOLD_NOT_MET');
  const third = await s.d.run(await s.d.approve(s.g.minters[2], s.g.mintGroup, p.proposal.id));
  assert.equal(eventsOf(third, ExecutedEvent)[0].ok, true);
  assert.deepEqual(eventsOf(third, MintedEvent)[0], { assetId: s.id, to: holder.address, amount: 100n, supply: 100n, reserve: 1_000_000n, attestationSeq: 1n });
  assert.equal(await s.bal(holder.address), 100n);
});

test('a mint above reserves fails (reserve less the margin); the nonce is still used up', async () => {
  const s = await governed({ reserveMarginBps: 100 });
  const [holder] = s.g.holders;
  await s.d.run(await s.attest(1_000_000n));
  const over = await s.mint(holder.address, 990_001n);
  assert.equal(over.ok, false);
  assert.match(over.error!, /^TX_RESERVE_EXCEEDED: supply 0 \+ 990001 exceeds 990000: reserve 1000000 less the 100 bps margin/);
  assert.equal((await s.supply()).total, 0n);
  assert.equal((await s.tc.chain.view((st) => getMultisig(st, s.g.mintGroup)))!.nonce, 1n);
  assert.equal((await s.mint(holder.address, 990_000n)).ok, true);
  const one = await s.mint(holder.address, 1n);
  assert.match(one.error!, /^TX_RESERVE_EXCEEDED/);
  assert.equal((await s.supply()).total, 990_000n);
  assert.equal((await s.tc.chain.view((st) => collateralReport(st, s.id, s.tc.clock.t))).headroom, 0n);
});

test('a mint on a stale attestation fails (and with no attestation at all)', async () => {
  const s = await governed({ maxAttestationAge: 600 });
  const [holder] = s.g.holders;
  const none = await s.mint(holder.address, 1n);
  assert.match(none.error!, /^TX_STALE_ATTESTATION: cannot mint asset \d+: no reserve attestation yet/);
  await s.d.run(await s.attest(1_000n));
  // Commands read the block's execution time (the parent's median time past): once the chain's
  // median has moved 600 s past the attestation, it is stale.
  const attestedAt = executionTimeOf(s.tc.chain, s.tc.chain.tip);
  s.tc.clock.t += 600;
  while ((await s.tc.chain.view((st) => nextBlockInfo(s.tc, st))).time <= attestedAt + 600) await mineBlock(s.tc);
  const stale = await s.mint(holder.address, 1n);
  const age = Number(/^TX_STALE_ATTESTATION: .* is (\d+) s old; the limit is 600 s/.exec(stale.error!)?.[1]);
  assert.ok(age > 600, stale.error!);
  assert.equal((await s.supply()).total, 0n);
  await s.d.run(await s.attest(1_000n));
  assert.equal((await s.mint(holder.address, 1n)).ok, true);
  assert.equal((await s.supply()).total, 1n);
});

test('a frozen account can neither send nor receive the asset (native coins still move)', async () => {
  const s = await governed();
  const [alice, bob, carol] = s.g.holders;
  await s.d.run(await s.attest(1_000_000n));
  await s.mint(alice.address, 1_000n);
  await s.mint(bob.address, 1_000n);
  assert.equal((await s.complianceDoes('freeze', alice.address)).ok, true);
  const rs = await s.d.mine(
    await s.transfer(alice, carol.address, 1n),
    await s.transfer(bob, alice.address, 1n),
    await s.d.tx(bob, 'bank', 'multiSend', MultiSendParams, { outputs: [{ to: carol.address, assetId: s.id, amount: 1n }, { to: alice.address, assetId: s.id, amount: 1n }] }),
    await s.redeem(alice, 1n),
    await s.transfer(alice, carol.address, 5n, 0),
  );
  assert.deepEqual(rs.map(errorCodeOf), ['TX_FROZEN', 'TX_FROZEN', 'TX_FROZEN', 'TX_FROZEN', null]);
  assert.match(rs[0].error!, /sender .* is frozen/);
  assert.match(rs[1].error!, /recipient .* is frozen/);
  assert.equal(eventsOf(rs[2], TransferEvent).length, 0, 'the multi-send is all or nothing');
  assert.match((await s.mint(alice.address, 1n)).error!, /^TX_FROZEN/);
  assert.deepEqual([await s.bal(alice.address), await s.bal(bob.address), await s.bal(carol.address)], [1_000n, 1_000n, 0n]);
  assert.equal((await s.complianceDoes('unfreeze', alice.address)).ok, true);
  assert.equal((await s.d.run(await s.transfer(alice, carol.address, 10n))).status, 'success');
  assert.equal(await s.bal(carol.address), 10n);
});

test("a failing action inside a proposal undoes its own writes and events, not the multisig's nonce", async () => {
  const s = await governed();
  const [alice, payee] = s.g.holders;
  await s.d.run(await s.attest(1_000_000n));
  await s.mint(s.g.mintGroup, 100n);
  await s.d.run(await s.transfer(s.tc.keys[0], s.g.mintGroup, 1_000n, 0));
  await s.complianceDoes('freeze', alice.address);
  const payeeNative = await s.bal(payee.address, 0);
  const out = [{ to: payee.address, assetId: 0, amount: 10n }, { to: alice.address, assetId: s.id, amount: 1n }];
  const r = await s.d.act(s.g.mintGroup, s.g.minters.slice(0, 3), action('bank', 'multiSend', MultiSendParams, { outputs: out }));
  assert.equal(r.ok, false);
  assert.match(r.error!, /^TX_FROZEN/);
  assert.equal(await s.bal(payee.address, 0), payeeNative, 'the first output was rolled back');
  assert.equal(r.receipts.flatMap((x) => eventsOf(x, TransferEvent)).length, 0);
  assert.equal((await s.tc.chain.view((st) => getMultisig(st, s.g.mintGroup)))!.nonce, 2n, 'mint (nonce 0) and the failed multi-send (nonce 1)');
});

test('a wipe without a freeze fails; after a freeze it destroys the balance and lowers supply', async () => {
  const s = await governed();
  const [alice] = s.g.holders;
  await s.d.run(await s.attest(1_000_000n));
  await s.mint(alice.address, 700n);
  const early = await s.complianceDoes('wipe', alice.address);
  assert.equal(early.ok, false);
  assert.match(early.error!, /^TX_NOT_FROZEN: .* must be frozen before its balance of asset \d+ is wiped/);
  assert.equal((await s.complianceDoes('blacklist', alice.address)).ok, true);
  assert.match((await s.complianceDoes('wipe', alice.address)).error!, /^TX_NOT_FROZEN/, 'a blacklist is not a freeze');
  assert.deepEqual([await s.bal(alice.address), (await s.supply()).total], [700n, 700n]);
  await s.complianceDoes('freeze', alice.address);
  const wiped = await s.complianceDoes('wipe', alice.address);
  assert.equal(wiped.ok, true);
  assert.deepEqual(wiped.receipts.flatMap((r) => eventsOf(r, WipedEvent))[0], { assetId: s.id, account: alice.address, amount: 700n, supply: 0n });
  assert.deepEqual([await s.bal(alice.address), (await s.supply()).byCause.wipe, (await s.supply()).total], [0n, 700n, 0n]);
});

test('compliance cannot mint and minters cannot freeze', async () => {
  const s = await governed();
  const [alice] = s.g.holders;
  await s.d.run(await s.attest(1_000_000n));
  const byCompliance = await s.d.act(s.g.complianceGroup, s.g.officers, action('stablecoin', 'mint', MintParams, { assetId: s.id, to: alice.address, amount: 1n }));
  assert.match(byCompliance.error!, /^TX_UNAUTHORIZED: stablecoin.mint needs the mint group/);
  const byMinters = await s.d.act(s.g.mintGroup, s.g.minters.slice(0, 3), action('stablecoin', 'freeze', AccountRef, { assetId: s.id, account: alice.address }));
  assert.match(byMinters.error!, /^TX_UNAUTHORIZED: stablecoin.freeze needs the compliance group/);
  const direct = await s.d.mine(
    await s.d.tx(s.g.minters[0], 'stablecoin', 'mint', MintParams, { assetId: s.id, to: alice.address, amount: 1n }),
    await s.d.tx(s.g.officers[0], 'stablecoin', 'freeze', AccountRef, { assetId: s.id, account: alice.address }),
    await s.d.tx(s.g.auditor, 'stablecoin', 'wipe', AccountRef, { assetId: s.id, account: alice.address }),
    await s.d.tx(s.g.officers[0], 'stablecoin', 'pause', AssetRef, { assetId: s.id }),
    await s.d.tx(s.outsider, 'stablecoin', 'attest', AttestParams, { assetId: s.id, reserve: 1n, reportHash: new Uint8Array(32) }),
  );
  assert.deepEqual(direct.map(errorCodeOf), ['TX_UNAUTHORIZED', 'TX_UNAUTHORIZED', 'TX_UNAUTHORIZED', 'TX_UNAUTHORIZED', 'TX_UNAUTHORIZED']);
  assert.equal((await s.supply()).total, 0n);
});

test('pause blocks transfers, mints and redemptions; compliance, attestations and unpause still work', async () => {
  const s = await governed();
  const [alice, bob] = s.g.holders;
  await s.d.run(await s.attest(1_000_000n));
  await s.mint(alice.address, 500n);
  assert.equal((await s.mintGroupDoes('pause')).ok, true);
  const rs = await s.d.mine(await s.transfer(alice, bob.address, 1n), await s.redeem(alice, 1n), await s.attest(2_000_000n), await s.transfer(alice, bob.address, 1n, 0));
  assert.deepEqual(rs.map(errorCodeOf), ['TX_PAUSED', 'TX_PAUSED', null, null]);
  assert.match((await s.mint(bob.address, 1n)).error!, /^TX_PAUSED: asset \d+ is paused: minting is blocked/);
  assert.equal((await s.complianceDoes('freeze', bob.address)).ok, true);
  assert.equal((await s.complianceDoes('unfreeze', bob.address)).ok, true);
  assert.equal((await s.d.act(s.g.complianceGroup, s.g.officers, action('stablecoin', 'unpause', AssetRef, { assetId: s.id }))).ok, false);
  assert.equal((await s.tc.chain.view((st) => collateralReport(st, s.id, s.tc.clock.t))).headroom, 0n);
  assert.equal((await s.mintGroupDoes('unpause')).ok, true);
  assert.equal((await s.d.run(await s.transfer(alice, bob.address, 1n))).status, 'success');
  assert.equal((await s.mint(bob.address, 1n)).ok, true);
  assert.deepEqual([await s.bal(alice.address), await s.bal(bob.address)], [499n, 2n]);
});

test('a blacklisted account can neither send, receive, be minted to nor redeem, until unblacklisted', async () => {
  const s = await governed();
  const [alice, bob] = s.g.holders;
  await s.d.run(await s.attest(1_000_000n));
  await s.mint(alice.address, 50n);
  await s.complianceDoes('blacklist', alice.address);
  const rs = await s.d.mine(await s.transfer(alice, bob.address, 1n), await s.redeem(alice, 1n));
  assert.deepEqual(rs.map(errorCodeOf), ['TX_BLACKLISTED', 'TX_BLACKLISTED']);
  assert.match((await s.mint(alice.address, 1n)).error!, /^TX_BLACKLISTED/);
  await s.complianceDoes('unblacklist', alice.address);
  assert.equal((await s.d.run(await s.redeem(alice, 10n))).status, 'success');
  assert.equal(await s.bal(alice.address), 40n);
});

test('the supply ledger records mint, redeem and wipe; holdings sum to supply; the native invariant holds', async () => {
  const s = await governed();
  const [alice, bob, carol] = s.g.holders;
  const check = async () => {
    const n = await nativeSupplyCheck(s.tc.chain);
    assert.equal(n.held, n.ledger);
    let held = 0n;
    for (const k of [alice, bob, carol]) held += await s.bal(k.address);
    assert.equal(held, (await s.supply()).total);
  };
  await s.d.run(await s.attest(10_000n));
  await s.mint(alice.address, 3_000n);
  await check();
  await s.mint(bob.address, 2_000n);
  await s.d.run(await s.transfer(alice, carol.address, 500n));
  await check();
  await s.d.run(await s.redeem(bob, 1_200n));
  await check();
  await s.complianceDoes('freeze', carol.address);
  await s.complianceDoes('wipe', carol.address);
  await check();
  const { byCause, total } = (await s.supply());
  assert.deepEqual([byCause.mint, byCause.redeem, byCause.wipe, byCause.burn, total], [5_000n, 1_200n, 500n, 0n, 3_300n]);
  const report = (await s.tc.chain.view((st) => collateralReport(st, s.id, s.tc.clock.t)));
  assert.deepEqual([report.reserve, report.supply, report.ratioBps, report.headroom], [10_000n, 3_300n, 30_303n, 6_700n]);
});

test('the mempool refuses a frozen account\'s transfer of the asset up front (TX_FROZEN), so it never costs a fee', async () => {
  const s = await governed();
  const [alice, , carol] = s.g.holders;
  await s.d.run(await s.attest(1_000_000n));
  await s.mint(alice.address, 1_000n);
  assert.equal((await s.complianceDoes('freeze', alice.address)).ok, true);
  const pool = new Mempool(s.d.tc.chain);
  const frozen = await s.transfer(alice, carol.address, 1n);
  await assert.rejects(() => pool.add(frozen), (e: unknown) => e instanceof TxError && e.code === 'TX_FROZEN');
  assert.equal(pool.size, 0);
  pool.dispose();
});
