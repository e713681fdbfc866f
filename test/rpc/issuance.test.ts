/**
 * The governed-minting reports over JSON-RPC (asset_*, multisig_*), on a test chain walking the
 * seed's USDKG flow in process: every method's answer at each step (supply, reserve ratio in bps,
 * pending proposals with counting approvals, the event trail), results and params conforming to
 * the published OpenRPC schemas, bad params rejected with -32602, unknown things with -32001, and
 * the event index following a reorganisation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bytesToHex, hashToDisplay } from '../../src/encoding/hex.js';
import { encodeAddress } from '../../src/crypto/address.js';
import { Mempool } from '../../src/mempool/mempool.js';
import { createRpcServer } from '../../src/rpc/server.js';
import { createTestChain, mineBlock, type TestChain } from '../../src/testing/chain.js';
import { action, IssuanceDriver } from '../../src/testing/issuance.js';
import { CreateAssetParams, ConfigureMinterParams } from '../../src/state/modules/assets/schemas.js';
import { MultiSendParams } from '../../src/state/modules/bank/schemas.js';
import { MintParams } from '../../src/state/modules/stablecoin/schemas.js';
import { FakeMiner } from './helpers.js';
import { schemaErrors } from './json-schema.js';
import { governed, reportHash } from '../state/stablecoin-helpers.js';

const USD = 1_000_000n; // 6 decimals

/** A JSON-RPC server over `tc` with a caller that checks results and params against the published schemas. */
async function serve(tc: TestChain) {
  const mempool = new Mempool(tc.chain);
  const server = await createRpcServer({ chain: tc.chain, mempool, miner: new FakeMiner() }, { port: 0 });
  let id = 1;
  const raw = async (method: string, params?: unknown) => {
    const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: id++, method, ...(params === undefined ? {} : { params }) }) });
    return (await res.json()) as { result?: any; error?: { code: number; message: string; data?: any } };
  };
  const doc = (await raw('rpc.discover')).result;
  const byName = new Map<string, any>(doc.methods.map((m: any) => [m.name, m]));
  const seen = new Set<string>();
  const call = async (method: string, params: unknown[] | Record<string, unknown> = []) => {
    const r = await raw(method, params);
    if (r.error) throw Object.assign(new Error(`${method}: ${r.error.message}`), { rpc: r.error });
    const m = byName.get(method);
    assert.ok(m, `${method} is published`);
    seen.add(method);
    assert.deepEqual(schemaErrors(m.result.schema, r.result), [], `${method} result conforms`);
    const values: unknown[] = Array.isArray(params) ? params : m.params.map((x: any) => params[x.name]).filter((v: unknown) => v !== undefined);
    values.forEach((p, i) => assert.deepEqual(schemaErrors(m.params[i].schema, p), [], `${method} param ${i} conforms`));
    return r.result;
  };
  /** The error object of a call that must fail. */
  const fail = async (method: string, params: unknown) => {
    const r = await raw(method, params);
    assert.ok(r.error, `${method} ${JSON.stringify(params)} should fail, got ${JSON.stringify(r.result)?.slice(0, 200)}`);
    return r.error;
  };
  return {
    server,
    mempool,
    byName,
    seen,
    call,
    fail,
    close: async () => {
      await server.close();
      mempool.dispose();
    },
  };
}

test('asset_* and multisig_* along the USDKG flow: supply, ratio bps, pending approvals, trail, history', async (t) => {
  const s = await governed();
  const { d, g, id, sanctioned } = s;
  const [exchange, alice] = g.holders;
  const rpc = await serve(s.tc);
  t.after(() => rpc.close());
  const { call } = rpc;
  const mintGroup = encodeAddress(g.mintGroup);
  const complianceGroup = encodeAddress(g.complianceGroup);

  // The asset and its governance, by id and by symbol.
  const listed = await call('asset_list');
  assert.deepEqual(listed.map((a: any) => [a.assetId, a.symbol, a.policy, a.decimals, a.supply]), [[id, 'USDKG', 'governed', 6, '0']]);
  const asset = await call('asset_get', [id]);
  assert.deepEqual(await call('asset_get', ['USDKG']), asset);
  assert.equal(asset.name, 'USDKG gold-backed dollar');
  assert.equal(asset.creator, s.tc.keys[0].addressText);
  assert.equal(asset.issuer, null);
  assert.deepEqual(asset.governance, {
    mintGroup,
    complianceGroup,
    auditors: [g.auditor.addressText],
    reserveMarginBps: 0,
    maxAttestationAge: 86_400,
    paused: false,
    attestations: '0',
    redemptions: '0',
  });
  assert.equal(asset.attestation, null);
  const before = await call('asset_collateral', ['USDKG']);
  assert.deepEqual([before.supply, before.reserve, before.ratioBps, before.headroom, before.stale, before.staleReason, before.attestation], ['0', '0', null, '0', true, 'no reserve attestation yet', null]);

  // The groups: owners, thresholds, the role each plays.
  const mg = await call('multisig_get', [mintGroup]);
  assert.deepEqual([mg.owners, mg.threshold, mg.nonce, mg.pending, mg.creator], [g.minters.map((k) => k.addressText), 3, '0', [], s.tc.keys[0].addressText]);
  assert.deepEqual(mg.governs, [{ assetId: id, symbol: 'USDKG', role: 'mint' }]);
  const cg = await call('multisig_get', [complianceGroup]);
  assert.deepEqual([cg.owners.length, cg.threshold, cg.governs], [5, 5, [{ assetId: id, symbol: 'USDKG', role: 'compliance' }]]);

  // 1. Custody reports gold; the auditor attests with the report's hash.
  const custody = JSON.stringify({ custodian: 'vault', bars: 30, kg: '376.2', usd: '50300000' });
  await d.run(await s.attest(50_300_000n * USD, custody));
  const attested = await call('asset_collateral', [id]);
  assert.deepEqual([attested.reserve, attested.supply, attested.ratioBps, attested.headroom, attested.mintLimit, attested.stale, attested.staleReason], [
    (50_300_000n * USD).toString(),
    '0',
    null,
    (50_300_000n * USD).toString(),
    (50_300_000n * USD).toString(),
    false,
    null,
  ]);
  assert.equal(attested.attestation.reportSha256, bytesToHex(reportHash(custody)));
  assert.equal(attested.attestation.reportHash, bytesToHex(reportHash(custody)), 'the report hash shows as sha256sum prints it');
  assert.deepEqual([attested.attestation.seq, attested.attestation.auditor, attested.attestation.height, attested.attestationAge], ['1', g.auditor.addressText, s.tc.chain.tip.height, 0]);

  // 2. The issuer (a mint group owner) proposes minting 50M to the exchange; 3. a second owner approves.
  const mint = action('stablecoin', 'mint', MintParams, { assetId: id, to: exchange.address, amount: 50_000_000n * USD });
  await d.mine(await d.propose(g.minters[0], g.mintGroup, mint, { nonce: 0n }));
  await d.run(await d.approve(g.minters[4], g.mintGroup, 0n));
  const pending = await call('multisig_pending', [mintGroup]);
  assert.equal(pending.height, s.tc.chain.tip.height + 1);
  assert.equal(pending.proposals.length, 1);
  const p = pending.proposals[0];
  assert.deepEqual([p.proposalId, p.nonce, p.module, p.command, p.approvalCount, p.threshold, p.executable, p.expired, p.status], ['0', '0', 'stablecoin', 'mint', 2, 3, false, false, 'pending']);
  assert.deepEqual(p.countingApprovals, [g.minters[0].addressText, g.minters[4].addressText]);
  assert.deepEqual(p.decodedParams, { assetId: id, to: exchange.addressText, amount: (50_000_000n * USD).toString() });
  assert.equal(p.params, bytesToHex(mint.params));
  assert.equal(p.proposer, g.minters[0].addressText);
  assert.deepEqual(await call('multisig_proposal', [mintGroup, '0']), p);
  assert.deepEqual(await call('multisig_proposal', [mintGroup, 0]), p);
  assert.equal((await call('asset_supply', [id])).total, '0', 'threshold - 1 approvals mint nothing');

  // 4. The third approval executes the mint.
  await d.run(await d.approve(g.minters[6], g.mintGroup, 0n));
  assert.deepEqual((await call('multisig_pending', [mintGroup])).proposals, []);
  const done = await call('multisig_proposal', [mintGroup, '0']);
  assert.deepEqual([done.status, done.result, done.approvalCount, done.executable], ['executed', null, 3, false]);
  const minted = await call('asset_collateral', [id]);
  assert.deepEqual([minted.supply, minted.ratioBps, minted.ratio, minted.headroom], [
    (50_000_000n * USD).toString(),
    '10060',
    { num: (50_300_000n * USD).toString(), den: (50_000_000n * USD).toString() },
    (300_000n * USD).toString(),
  ]);
  assert.equal((await call('multisig_get', [mintGroup])).nonce, '1');

  // 5. Holders transfer; 6. Alice redeems 2M.
  await d.run(await d.tx(exchange, 'bank', 'multiSend', MultiSendParams, { outputs: [{ to: alice.address, assetId: id, amount: 10_000_000n * USD }, { to: sanctioned.address, assetId: id, amount: 1_000_000n * USD }] }));
  assert.equal((await call('asset_collateral', [id])).ratioBps, '10060');
  await d.run(await s.redeem(alice, 2_000_000n * USD));
  assert.equal((await call('asset_collateral', [id])).ratioBps, '10479');
  assert.deepEqual(await call('asset_status', [id, alice.addressText]), {
    assetId: id,
    symbol: 'USDKG',
    decimals: 6,
    address: alice.addressText,
    balance: (8_000_000n * USD).toString(),
    governed: true,
    frozen: false,
    blacklisted: false,
    paused: false,
    canTransfer: true,
    minterAllowance: null,
  });

  // 7. Compliance freezes the sanctioned account, then wipes it.
  await s.complianceDoes('freeze', sanctioned.address);
  const frozen = await call('asset_status', ['USDKG', sanctioned.addressText]);
  assert.deepEqual([frozen.frozen, frozen.canTransfer, frozen.balance], [true, false, (1_000_000n * USD).toString()]);
  await s.complianceDoes('wipe', sanctioned.address);
  const wiped = await call('asset_status', ['USDKG', sanctioned.addressText]);
  assert.deepEqual([wiped.frozen, wiped.balance], [true, '0']);
  const supply = await call('asset_supply', ['USDKG']);
  assert.deepEqual([supply.byCause.mint, supply.byCause.redeem, supply.byCause.wipe, supply.byCause.burn, supply.total], [
    (50_000_000n * USD).toString(),
    (2_000_000n * USD).toString(),
    (1_000_000n * USD).toString(),
    '0',
    (47_000_000n * USD).toString(),
  ]);
  assert.equal((await call('asset_collateral', [id])).ratioBps, '10702');
  const got = await call('asset_get', [id]);
  assert.deepEqual([got.supply, got.governance.attestations, got.governance.redemptions, got.attestation.seq], [(47_000_000n * USD).toString(), '1', '1', '1']);

  // The collateral history: the ratio after every supply change, with running totals.
  const history = await call('asset_collateralHistory', [id]);
  assert.deepEqual(
    history.points.map((x: any) => [x.cause, x.amount, x.supply, x.ratioBps]),
    [
      ['attest', (50_300_000n * USD).toString(), '0', null],
      ['mint', (50_000_000n * USD).toString(), (50_000_000n * USD).toString(), '10060'],
      ['redeem', (2_000_000n * USD).toString(), (48_000_000n * USD).toString(), '10479'],
      ['wipe', (1_000_000n * USD).toString(), (47_000_000n * USD).toString(), '10702'],
    ],
  );
  assert.deepEqual([history.points[3].minted, history.points[3].redeemed, history.points[3].wiped], [(50_000_000n * USD).toString(), (2_000_000n * USD).toString(), (1_000_000n * USD).toString()]);
  assert.equal(history.nextFromHeight, null);
  const page = await call('asset_collateralHistory', [id, { limit: 2 }]);
  assert.deepEqual(page.points.map((x: any) => x.cause), ['attest', 'mint']);
  assert.equal(page.nextFromHeight, history.points[2].height);
  assert.deepEqual((await call('asset_collateralHistory', [id, { fromHeight: page.nextFromHeight }])).points.map((x: any) => x.cause), ['redeem', 'wipe']);

  // The event trail: the asset's own events, and with its groups' proposals and approvals.
  const own = await call('asset_events', [id, { groups: false }]);
  assert.deepEqual(
    own.events.map((e: any) => `${e.module}.${e.name}`),
    ['assets.created', 'stablecoin.created', 'stablecoin.attested', 'stablecoin.minted', 'stablecoin.redeemed', 'stablecoin.compliance', 'stablecoin.wiped'],
  );
  const attestedEv = own.events[2];
  assert.deepEqual([attestedEv.data.reserve, attestedEv.data.seq, attestedEv.data.auditor, attestedEv.data.reportHash], [(50_300_000n * USD).toString(), '1', g.auditor.addressText, attested.attestation.reportHash]);
  const mintedEv = own.events[3];
  const entry = s.tc.chain.index.atHeight(mintedEv.height)!;
  assert.equal(mintedEv.blockHash, hashToDisplay(entry.hash));
  assert.equal(mintedEv.time, entry.header.time);
  const receipts = (await s.tc.chain.store.receipts(entry.hash))!;
  assert.equal(mintedEv.txId, hashToDisplay(receipts.receipts[mintedEv.txIndex].txId));
  assert.deepEqual(receipts.receipts[mintedEv.txIndex].events.map((e) => e.name)[mintedEv.eventIndex], 'minted');
  assert.deepEqual(own.events[5].data, { assetId: id, account: sanctioned.addressText, action: 'freeze' });
  const full = await call('asset_events', ['USDKG']);
  const names = full.events.map((e: any) => `${e.module}.${e.name}`);
  assert.deepEqual(names.filter((n: string) => n.startsWith('multisig.created')).length, 2);
  assert.deepEqual(
    full.events.filter((e: any) => e.module === 'multisig' && e.data.multisig === mintGroup).map((e: any) => e.name),
    ['created', 'proposed', 'approved', 'approved', 'approved', 'executed'],
  );
  assert.deepEqual(
    full.events.filter((e: any) => e.module === 'multisig' && e.data.multisig === complianceGroup).map((e: any) => e.name),
    ['created', 'proposed', 'approved', 'approved', 'approved', 'approved', 'approved', 'executed', 'proposed', 'approved', 'approved', 'approved', 'approved', 'approved', 'executed'],
  );
  // Heights never go down, and the events of one block keep their order.
  for (let i = 1; i < full.events.length; i++) {
    const [a, b] = [full.events[i - 1], full.events[i]];
    assert.ok(a.height < b.height || (a.height === b.height && (a.txIndex < b.txIndex || (a.txIndex === b.txIndex && a.eventIndex < b.eventIndex))), `order at ${i}`);
  }
  // Paging: pages end at block boundaries and chain together to the whole trail.
  const pages: any[] = [];
  let from: number | null = 0;
  while (from !== null) {
    const pg: any = await call('asset_events', [id, { fromHeight: from, limit: 3 }]);
    assert.ok(pg.events.length >= 1);
    pages.push(...pg.events);
    from = pg.nextFromHeight;
  }
  assert.deepEqual(pages, full.events);
  assert.deepEqual(await call('asset_events', [id, { fromHeight: s.tc.chain.tip.height + 1 }]), { events: [], nextFromHeight: null });

  // multisig_events: one multisig's own trail.
  const msTrail = await call('multisig_events', [mintGroup]);
  assert.deepEqual(msTrail.events.map((e: any) => e.name), ['created', 'proposed', 'approved', 'approved', 'approved', 'executed']);
  assert.deepEqual(msTrail.events[5].data, { multisig: mintGroup, proposalId: '0', nonce: '0', module: 'stablecoin', command: 'mint', ok: true, error: null, errorData: [] });
  assert.deepEqual((await call('multisig_events', [mintGroup, { limit: 1 }])).events.length, 1);
  assert.deepEqual(await call('multisig_events', [exchange.addressText]), { events: [], nextFromHeight: null });

  // multisig_nextAddress predicts the next multisig.create.
  const creator = s.outsider;
  const next = await call('multisig_nextAddress', [creator.addressText]);
  assert.equal(next.index, '0');
  const created = await d.createMultisig(creator, [creator, alice], 1);
  assert.equal(encodeAddress(created), next.address);
  assert.equal((await call('multisig_nextAddress', [creator.addressText])).index, '1');
  assert.deepEqual((await call('multisig_get', [next.address])).governs, []);

  // Every asset_* and multisig_* method was exercised and conformed.
  const ours = [...rpc.byName.keys()].filter((n) => n.startsWith('asset_') || n.startsWith('multisig_'));
  assert.deepEqual(ours.filter((n) => !rpc.seen.has(n)), []);
  assert.equal(ours.length, 12);
  // Published defaults conform to their own schemas.
  for (const n of ours) for (const p of rpc.byName.get(n).params) if (p.schema.default !== undefined) assert.deepEqual(schemaErrors(p.schema, p.schema.default), [], `${n} ${p.name} default`);
});

test('fixed and issuer assets: list, status with minter allowance, supply; collateral refused for non-governed', async (t) => {
  const tc = await createTestChain({ accounts: 4 });
  const d = new IssuanceDriver(tc);
  const [issuer, minter, holder] = tc.keys;
  const rpc = await serve(tc);
  t.after(() => rpc.close());
  assert.deepEqual(await rpc.call('asset_list'), []);
  await d.run(await d.tx(issuer, 'assets', 'create', CreateAssetParams, { symbol: 'GOLDX', name: 'Gold units', decimals: 2, policy: 'fixed', supply: 1_000_00n }));
  await d.run(await d.tx(issuer, 'assets', 'create', CreateAssetParams, { symbol: 'PTS', name: 'Points', decimals: 0, policy: 'issuer', supply: 0n }));
  await d.run(await d.tx(issuer, 'assets', 'configureMinter', ConfigureMinterParams, { assetId: 2, minter: minter.address, allowance: 500n }));
  const list = await rpc.call('asset_list');
  assert.deepEqual(list.map((a: any) => [a.assetId, a.symbol, a.policy, a.supply, a.issuer]), [
    [1, 'GOLDX', 'fixed', '100000', null],
    [2, 'PTS', 'issuer', '0', issuer.addressText],
  ]);
  const fixed = await rpc.call('asset_get', ['GOLDX']);
  assert.deepEqual([fixed.governance, fixed.attestation, fixed.createdAt], [null, null, 1]);
  assert.deepEqual(await rpc.call('asset_status', [1, issuer.addressText]), {
    assetId: 1,
    symbol: 'GOLDX',
    decimals: 2,
    address: issuer.addressText,
    balance: '100000',
    governed: false,
    frozen: false,
    blacklisted: false,
    paused: false,
    canTransfer: true,
    minterAllowance: null,
  });
  assert.equal((await rpc.call('asset_status', ['PTS', minter.addressText])).minterAllowance, '500');
  assert.equal((await rpc.call('asset_status', ['PTS', holder.addressText])).minterAllowance, null);
  assert.deepEqual((await rpc.call('asset_supply', [1])).byCause.mint, '100000');
  assert.deepEqual((await rpc.call('asset_events', ['PTS'])).events.map((e: any) => e.name), ['created', 'minterConfigured']);
  for (const m of ['asset_collateral', 'asset_collateralHistory']) {
    const e = await rpc.fail(m, ['GOLDX']);
    assert.equal(e.code, -32602, m);
    assert.match(e.message, /asset 1 \(GOLDX\) is not a governed asset; its policy is fixed/);
  }
});

test('bad params are -32602 naming the param; unknown assets, multisigs and proposals -32001', async (t) => {
  const s = await governed();
  const rpc = await serve(s.tc);
  t.after(() => rpc.close());
  const ms = encodeAddress(s.g.mintGroup);
  const who = s.g.holders[0].addressText;
  const invalid: Array<[string, unknown]> = [
    ['asset_list', [1]],
    ['asset_get', []],
    ['asset_get', [0]],
    ['asset_get', [-1]],
    ['asset_get', [1.5]],
    ['asset_get', [2 ** 32]],
    ['asset_get', ['usdkg']],
    ['asset_get', ['1']],
    ['asset_get', ['TOOLONGSYMBOL1']],
    ['asset_get', [null]],
    ['asset_get', [true]],
    ['asset_get', [{ id: 1 }]],
    ['asset_get', [1, 2]],
    ['asset_get', { asset: 1, extra: 1 }],
    ['asset_supply', [[1]]],
    ['asset_collateral', ['']],
    ['asset_status', [1]],
    ['asset_status', [1, 'cw1notanaddress']],
    ['asset_status', [1, who.toUpperCase().slice(0, -1) + 'x']],
    ['asset_status', [1, 42]],
    ['asset_events', [1, { limit: 0 }]],
    ['asset_events', [1, { limit: 1001 }]],
    ['asset_events', [1, { fromHeight: -1 }]],
    ['asset_events', [1, { fromHeight: '3' }]],
    ['asset_events', [1, { groups: 'yes' }]],
    ['asset_events', [1, { order: 'desc' }]],
    ['asset_events', [1, [0, 10]]],
    ['asset_events', [1, 5]],
    ['asset_collateralHistory', [1, { groups: true }]],
    ['multisig_get', []],
    ['multisig_get', ['0x' + '00'.repeat(20)]],
    ['multisig_pending', [ms, 1]],
    ['multisig_proposal', [ms]],
    ['multisig_proposal', [ms, -1]],
    ['multisig_proposal', [ms, '0x1']],
    ['multisig_proposal', [ms, '18446744073709551616']],
    ['multisig_proposal', [ms, 1.5]],
    ['multisig_events', [ms, { limit: 'all' }]],
    ['multisig_events', [ms, { groups: false }]],
    ['multisig_nextAddress', ['USDKG']],
  ];
  for (const [method, params] of invalid) {
    const e = await rpc.fail(method, params);
    assert.equal(e.code, -32602, `${method} ${JSON.stringify(params)}: ${e.message}`);
    assert.equal(e.data.code, 'RPC_INVALID_PARAMS');
    assert.match(e.message, /^invalid param "/);
  }
  const missing: Array<[string, unknown]> = [
    ['asset_get', [99]],
    ['asset_get', ['NOPE']],
    ['asset_supply', [2]],
    ['asset_collateral', ['NOPE']],
    ['asset_status', [7, who]],
    ['asset_events', [42]],
    ['asset_collateralHistory', [42]],
    ['multisig_get', [who]],
    ['multisig_pending', [who]],
    ['multisig_proposal', [who, 0]],
    ['multisig_proposal', [ms, 7]],
  ];
  for (const [method, params] of missing) {
    const e = await rpc.fail(method, params);
    assert.equal(e.code, -32001, `${method} ${JSON.stringify(params)}: ${e.message}`);
    assert.equal(e.data.code, 'RPC_NOT_FOUND');
  }
  // By-name params work too.
  assert.equal((await rpc.call('asset_status', { asset: 'USDKG', address: who })).balance, '0');
});

test('the event index follows a reorganisation: events of replaced blocks disappear, the new branch is read', async (t) => {
  const a = await createTestChain({ accounts: 4 });
  const rpc = await serve(a);
  t.after(() => rpc.close());
  const da = new IssuanceDriver(a);
  const [k0, k1, k2, k3] = a.keys;
  const oldMs = encodeAddress(await da.createMultisig(k0, [k0, k1], 2));
  assert.deepEqual((await rpc.call('multisig_events', [oldMs])).events.map((e: any) => [e.name, e.height]), [['created', 1]]);
  // A heavier branch from genesis (same keys and genesis) on which k2 creates another multisig at height 2.
  const b = await createTestChain({ accounts: 4 });
  const db = new IssuanceDriver(b);
  await mineBlock(b, { beneficiary: k3.address });
  const newMs = encodeAddress(await db.createMultisig(k2, [k2, k3], 1));
  await mineBlock(b, { beneficiary: k3.address });
  for (let h = 1; h <= b.chain.tip.height; h++) {
    const blk = (await b.chain.getBlock(b.chain.index.atHeight(h)!.hash))!.block;
    if (a.clock.t < blk.header.time) a.clock.t = blk.header.time;
    await a.chain.importBlock(blk);
  }
  assert.equal(hashToDisplay(a.chain.tip.hash), hashToDisplay(b.chain.tip.hash));
  assert.deepEqual(await rpc.call('multisig_events', [oldMs]), { events: [], nextFromHeight: null });
  assert.equal((await rpc.fail('multisig_get', [oldMs])).code, -32001);
  const trail = await rpc.call('multisig_events', [newMs]);
  assert.deepEqual(trail.events.map((e: any) => [e.name, e.height, e.blockHash]), [['created', 2, hashToDisplay(b.chain.index.atHeight(2)!.hash)]]);
  assert.deepEqual((await rpc.call('multisig_get', [newMs])).owners, [k2.addressText, k3.addressText]);
  // And unrelated creates on the old multisig address derivation are consistent: k0 has created nothing now.
  assert.equal((await rpc.call('multisig_nextAddress', [k0.addressText])).address, oldMs);
});
