/** Governed asset set-up and role changes: groups are multisigs changed only by their own threshold; compliance manages auditors. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { action, errorCodeOf, eventsOf } from '../../src/testing/issuance.js';
import { SettingEvent } from '../../src/state/modules/stablecoin/events.js';
import { ThresholdParams } from '../../src/state/modules/multisig/schemas.js';
import { AttestationAgeParams, AttestParams, AuditorParams, CreateParams, GroupParams, MarginParams, MintParams } from '../../src/state/modules/stablecoin/schemas.js';
import { getGovernance } from '../../src/state/modules/stablecoin/method.js';
import { governed, reportHash } from './stablecoin-helpers.js';

test('creation: groups must be two distinct multisigs; auditors unique and not groups; margin < 100%; staleness > 0; symbol free', async () => {
  const s = await governed();
  const base = {
    symbol: 'USDX',
    name: 'Another dollar',
    decimals: 6,
    mintGroup: s.g.mintGroup,
    complianceGroup: s.g.complianceGroup,
    auditors: [s.g.auditor.address],
    reserveMarginBps: 0,
    maxAttestationAge: 3600,
  };
  const create = (over: Partial<typeof base>) => s.d.tx(s.outsider, 'stablecoin', 'create', CreateParams, { ...base, ...over });
  const rs = await s.d.mine(
    create({ mintGroup: s.outsider.address }),
    create({ complianceGroup: s.g.mintGroup }),
    create({ auditors: [] }),
    create({ auditors: [s.g.auditor.address, s.g.auditor.address] }),
    create({ auditors: [s.g.mintGroup] }),
    create({ reserveMarginBps: 10_000 }),
    create({ maxAttestationAge: 0 }),
    create({ symbol: 'USDKG' }),
    create({}),
  );
  assert.deepEqual(rs.map(errorCodeOf), ['TX_INVALID_PARAMS', 'TX_INVALID_PARAMS', 'TX_INVALID_PARAMS', 'TX_INVALID_PARAMS', 'TX_INVALID_PARAMS', 'TX_INVALID_PARAMS', 'TX_INVALID_PARAMS', 'TX_DUPLICATE', null]);
  assert.match(rs[0].error!, /mint group .* is not a multisig account/);
});

test('a group is replaced only by its own threshold; its owners and threshold change only through its own proposals', async () => {
  const s = await governed();
  const [alice] = s.g.holders;
  await s.d.run(await s.attest(1_000_000n));
  const newGroup = await s.d.createMultisig(s.outsider, s.g.minters.slice(0, 3), 2);
  const byCompliance = await s.d.act(s.g.complianceGroup, s.g.officers, action('stablecoin', 'setMintGroup', GroupParams, { assetId: s.id, group: newGroup }));
  assert.match(byCompliance.error!, /^TX_UNAUTHORIZED/);
  const direct = await s.d.run(await s.d.tx(s.g.minters[0], 'stablecoin', 'setMintGroup', GroupParams, { assetId: s.id, group: newGroup }));
  assert.equal(errorCodeOf(direct), 'TX_UNAUTHORIZED');
  // The mint group raises its own threshold to 4: three approvals no longer mint.
  assert.equal((await s.d.act(s.g.mintGroup, s.g.minters.slice(0, 3), action('multisig', 'changeThreshold', ThresholdParams, { threshold: 4 }))).ok, true);
  const three = await s.d.passProposal(s.g.mintGroup, s.g.minters.slice(0, 3), action('stablecoin', 'setMintGroup', GroupParams, { assetId: s.id, group: newGroup }));
  assert.equal(three.length, 3);
  assert.deepEqual((await s.tc.chain.view((st) => getGovernance(st, s.id)))!.mintGroup, s.g.mintGroup);
  const fourth = await s.d.run(await s.d.approve(s.g.minters[3], s.g.mintGroup, 1n));
  assert.equal(fourth.status, 'success');
  assert.deepEqual((await s.tc.chain.view((st) => getGovernance(st, s.id)))!.mintGroup, newGroup);
  assert.match((await s.mint(alice.address, 1n, 4)).error!, /^TX_UNAUTHORIZED: stablecoin.mint needs the mint group/);
  assert.equal((await s.d.act(newGroup, s.g.minters.slice(0, 2), action('stablecoin', 'mint', MintParams, { assetId: s.id, to: alice.address, amount: 5n }))).ok, true);
  assert.equal(await s.bal(alice.address), 5n);
});

test('auditors are added and removed by the compliance group only; only auditors attest', async () => {
  const s = await governed();
  const newcomer = s.outsider;
  const attestBy = (k: typeof newcomer) => s.d.tx(k, 'stablecoin', 'attest', AttestParams, { assetId: s.id, reserve: 7n, reportHash: reportHash('r') });
  assert.equal(errorCodeOf(await s.d.run(attestBy(newcomer))), 'TX_UNAUTHORIZED');
  const byMinters = await s.d.act(s.g.mintGroup, s.g.minters.slice(0, 3), action('stablecoin', 'addAuditor', AuditorParams, { assetId: s.id, auditor: newcomer.address }));
  assert.match(byMinters.error!, /^TX_UNAUTHORIZED/);
  assert.equal((await s.d.act(s.g.complianceGroup, s.g.officers, action('stablecoin', 'addAuditor', AuditorParams, { assetId: s.id, auditor: newcomer.address }))).ok, true);
  assert.equal((await s.d.act(s.g.complianceGroup, s.g.officers, action('stablecoin', 'removeAuditor', AuditorParams, { assetId: s.id, auditor: s.g.auditor.address }))).ok, true);
  const rs = await s.d.mine(attestBy(newcomer), attestBy(s.g.auditor));
  assert.deepEqual(rs.map(errorCodeOf), [null, 'TX_UNAUTHORIZED']);
});

test('settings: the compliance group (never the mint group) changes the reserve margin and staleness limit, each with an event; a tighter margin stops mints', async () => {
  const s = await governed();
  const [alice] = s.g.holders;
  await s.d.run(s.attest(1_000_000n));
  const margin = (bps: number) => action('stablecoin', 'setReserveMargin', MarginParams, { assetId: s.id, reserveMarginBps: bps });
  const age = (sec: number) => action('stablecoin', 'setMaxAttestationAge', AttestationAgeParams, { assetId: s.id, maxAttestationAge: sec });
  // The group that mints cannot loosen its own limits.
  assert.match((await s.d.act(s.g.mintGroup, s.g.minters.slice(0, 3), margin(100))).error!, /^TX_UNAUTHORIZED/);
  assert.equal(errorCodeOf(await s.d.run(s.d.tx(s.g.officers[0], 'stablecoin', 'setReserveMargin', MarginParams, { assetId: s.id, reserveMarginBps: 100 }))), 'TX_UNAUTHORIZED');
  // Out-of-range and no-op values are refused.
  assert.match((await s.d.act(s.g.complianceGroup, s.g.officers, margin(10_000))).error!, /^TX_INVALID_PARAMS: reserve margin 10000 bps must be below 10000/);
  assert.match((await s.d.act(s.g.complianceGroup, s.g.officers, age(0))).error!, /^TX_INVALID_PARAMS/);
  // 50% margin: the mint limit halves; 600,000 no longer fits, 500,000 does.
  const set = await s.d.act(s.g.complianceGroup, s.g.officers, margin(5_000));
  assert.equal(set.ok, true);
  const ev = set.receipts.flatMap((r) => eventsOf(r, SettingEvent));
  assert.deepEqual(ev, [{ assetId: s.id, setting: 'reserveMarginBps', from: 0, to: 5_000 }]);
  assert.equal((await s.tc.chain.view((st) => getGovernance(st, s.id)))!.reserveMarginBps, 5_000);
  assert.match((await s.mint(alice.address, 600_000n)).error!, /^TX_RESERVE_EXCEEDED/);
  assert.equal((await s.mint(alice.address, 500_000n)).ok, true);
  const aged = await s.d.act(s.g.complianceGroup, s.g.officers, age(60));
  assert.deepEqual(aged.receipts.flatMap((r) => eventsOf(r, SettingEvent)).map((e) => [e.setting, e.from, e.to]), [['maxAttestationAge', 86_400, 60]]);
  assert.equal((await s.tc.chain.view((st) => getGovernance(st, s.id)))!.maxAttestationAge, 60);
});
