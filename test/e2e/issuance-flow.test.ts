/**
 * The seed's governed-minting flow on a real devnet process, driven through the CLI with every
 * step a separate `coinworks` process (`--json` to read results): 3-of-7 mint group and 5-of-5
 * compliance group multisigs -> the stablecoin -> custody reports gold (a report file) -> the
 * auditor attests its hash -> the issuer proposes a mint -> 3 of 7 approve (nothing minted after
 * 2) -> the mint executes -> holders transfer -> a holder redeems -> compliance (5 of 5) freezes
 * and wipes a sanctioned account. Supply, reserve ratio (bps) and the event trail are checked at
 * every step with `asset show --json` and `asset events --json`.
 *
 * Roles (dev accounts of `devnet --accounts 20`): dev-0 creator, dev-1..7 mint group owners (dev-1
 * the issuer who proposes), dev-8..12 compliance officers, dev-13 auditor, dev-14 the exchange,
 * dev-15 Alice, dev-16 a sanctioned holder, dev-19 creates the compliance group.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { background, cleanEnv, cli, requireBuiltCli, rpc, type RunResult } from '../cli/process-helpers.js';
import { E2E_STEP_TIMEOUT_MS, E2E_TEST_TIMEOUT_MS } from './limits.js';

const USD = 1_000_000n; // USDKG has 6 decimals
const units = (whole: bigint) => (whole * USD).toString();

test('devnet + CLI: the USDKG flow from custody report to wipe, with supply, ratio and trail at each step', { timeout: E2E_TEST_TIMEOUT_MS }, async (t) => {
  requireBuiltCli();
  const started = Date.now();
  const dir = await mkdtemp(join(tmpdir(), 'cw-issuance-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const datadir = join(dir, 'devnet');
  const devnet = background(['devnet', '--rpc-port', '0', '--datadir', datadir, '--accounts', '20'], { cwd: dir });
  t.after(() => devnet.stop('SIGKILL'));
  const [, url] = await devnet.waitFor(/^RPC: (http:\/\/127\.0\.0\.1:\d+)$/m);
  const dev = new Map([...devnet.output().stdout.matchAll(/^\s+dev-(\d+)\s+(cw1\w+)\s/gm)].map((m) => [Number(m[1]), m[2]]));
  assert.equal(dev.size, 20);
  const addr = (i: number) => dev.get(i)!;
  const env = cleanEnv({ COINWORKS_RPC: url, COINWORKS_WALLET_DIR: join(datadir, 'wallets'), COINWORKS_WALLET_PASSWORD: 'devnet' });

  /** Runs a command with --json; asserts exit 0 and returns the parsed output. */
  const run = async (args: string[]): Promise<any> => {
    const r: RunResult = await cli([...args, '--json'], { env, cwd: dir, timeoutMs: E2E_STEP_TIMEOUT_MS });
    assert.equal(r.code, 0, `coinworks ${args.join(' ')}\n${r.stderr}`);
    return JSON.parse(r.stdout);
  };
  /** Supply, ratio (bps), headroom and the asset's own event names, through the CLI. */
  const status = async () => {
    const [show, trail] = await Promise.all([run(['asset', 'show', 'USDKG']), run(['asset', 'events', 'USDKG', '--no-groups'])]);
    return { show, supply: show.supply.total as string, ratioBps: show.collateral.ratioBps as string | null, headroom: show.collateral.headroom as string, events: trail.events as any[], names: trail.events.map((e: any) => e.name) as string[] };
  };

  // The two groups, created in parallel by two accounts; their addresses are deterministic.
  const predicted = await Promise.all([0, 19].map((i) => rpc<{ address: string }>(url, 'multisig_nextAddress', [addr(i)])));
  const [mint, compliance] = await Promise.all([
    run(['multisig', 'create', '--owners', [1, 2, 3, 4, 5, 6, 7].map((i) => `dev-${i}`).join(','), '--threshold', '3', '--from', 'dev-0']),
    run(['multisig', 'create', '--owners', [8, 9, 10, 11, 12].map((i) => addr(i)).join(','), '--threshold', '5', '--from', 'dev-19']),
  ]);
  const MG: string = mint.multisig;
  const CG: string = compliance.multisig;
  assert.deepEqual([MG, CG], predicted.map((p) => p.address));
  assert.deepEqual([mint.status, mint.threshold, mint.owners.length, compliance.threshold, compliance.owners.length], ['success', 3, 7, 5, 5]);

  // The stablecoin: auditor dev-13, no margin, one day staleness limit (the mint group is shown meanwhile).
  const [created, mg] = await Promise.all([
    run([
      'asset', 'stablecoin', 'create', '--symbol', 'USDKG', '--name', 'USDKG gold-backed dollar', '--decimals', '6',
      '--mint-group', MG, '--compliance-group', CG, '--auditors', 'dev-13', '--margin-bps', '0', '--max-attestation-age', '86400', '--from', 'dev-0',
    ]),
    run(['multisig', 'show', MG]),
  ]);
  assert.deepEqual([mg.owners, mg.threshold, mg.nonce], [[1, 2, 3, 4, 5, 6, 7].map(addr), 3, '0']);
  assert.equal(created.assetId, 1);
  let s = await status();
  assert.deepEqual([s.supply, s.ratioBps, s.show.collateral.stale, s.show.collateral.staleReason], ['0', null, true, 'no reserve attestation yet']);
  assert.deepEqual(s.show.asset.governance.auditors, [addr(13)]);
  assert.deepEqual(s.names, ['created', 'created']);
  assert.deepEqual([s.show.asset.governance.mintGroup, s.show.asset.governance.complianceGroup], [MG, CG]);

  // 1. Custody reports gold: 30 bars, $50.3M; the auditor attests that reserve with the report's SHA-256.
  const reportFile = join(dir, 'custody-report.json');
  const report = JSON.stringify({ custodian: 'Bishkek vault', date: '2026-01-15', bars: 30, kg: '376.2', usd: '50300000' }, null, 2);
  await writeFile(reportFile, report);
  const sha = createHash('sha256').update(report).digest('hex');
  const att = await run(['asset', 'attest', 'USDKG', '50300000', '--report', reportFile, '--from', 'dev-13']);
  assert.deepEqual([att.status, att.reserve, att.reportSha256, att.seq], ['success', units(50_300_000n), sha, '1']);
  s = await status();
  assert.deepEqual([s.supply, s.ratioBps, s.headroom, s.show.collateral.stale], ['0', null, units(50_300_000n), false]);
  assert.deepEqual([s.show.collateral.attestation.reportSha256, s.show.collateral.attestation.auditor], [sha, addr(13)]);
  const attested = s.events.at(-1);
  assert.deepEqual([attested.name, attested.data.reserve, attested.data.auditor, attested.txId], ['attested', units(50_300_000n), addr(13), att.id]);
  // The event carries the report hash as sha256sum prints it.
  assert.equal(attested.data.reportHash, sha);

  // 2. The issuer (dev-1, a mint group owner) proposes minting 50M to the exchange (dev-14).
  const proposed = await run(['asset', 'mint', 'USDKG', addr(14), '50000000', '--via-multisig', MG, '--from', 'dev-1']);
  assert.equal(proposed.action, 'stablecoin.mint');
  assert.deepEqual(proposed.proposal, { multisig: MG, proposalId: '0', nonce: '0', expiresAt: proposed.proposal.expiresAt, approvals: 1, threshold: 3, executed: false, ok: null, error: null, errorData: null });

  // 3. A second owner approves: 2 of 3, nothing minted.
  const second = await run(['multisig', 'approve', MG, '0', '--from', 'dev-5']);
  assert.deepEqual([second.proposal.approvals, second.proposal.executed], [2, false]);
  const pending = await run(['multisig', 'pending', MG]);
  assert.deepEqual(
    pending.proposals.map((p: any) => [p.proposalId, p.command, p.approvalCount, p.threshold, p.executable, p.countingApprovals]),
    [['0', 'mint', 2, 3, false, [addr(1), addr(5)]]],
  );
  assert.deepEqual(pending.proposals[0].decodedParams, { assetId: 1, to: addr(14), amount: units(50_000_000n) });
  s = await status();
  assert.deepEqual([s.supply, s.ratioBps], ['0', null], 'threshold - 1 approvals mint nothing');
  assert.ok(!s.names.includes('minted'));

  // 4. The third approval executes the mint.
  const third = await run(['multisig', 'approve', MG, '0', '--from', 'dev-7']);
  assert.deepEqual([third.proposal.approvals, third.proposal.executed, third.proposal.ok], [3, true, true]);
  s = await status();
  assert.deepEqual([s.supply, s.ratioBps, s.headroom], [units(50_000_000n), '10060', units(300_000n)]);
  assert.deepEqual(s.show.collateral.ratio, { num: units(50_300_000n), den: units(50_000_000n) });
  assert.deepEqual(s.events.at(-1), { ...s.events.at(-1), name: 'minted', txId: third.id, data: { assetId: 1, to: addr(14), amount: units(50_000_000n), supply: units(50_000_000n), reserve: units(50_300_000n), attestationSeq: '1' } });

  // 5. Holders transfer: the exchange sends 10M to Alice and 1M to dev-16 (the first without waiting: the nonces queue).
  const toAlice = await run(['asset', 'transfer', 'USDKG', 'dev-15', '10000000', '--from', 'dev-14', '--no-wait']);
  assert.equal(toAlice.status, 'pending');
  const toSanctioned = await run(['asset', 'transfer', 'USDKG', addr(16), '1000000', '--from', 'dev-14']);
  assert.equal(toSanctioned.status, 'success');
  const balances = await Promise.all([14, 15, 16].map((i) => run(['asset', 'balance', 'USDKG', `dev-${i}`])));
  assert.deepEqual(balances.map((b) => b.balance), [units(39_000_000n), units(10_000_000n), units(1_000_000n)]);
  s = await status();
  assert.deepEqual([s.supply, s.ratioBps], [units(50_000_000n), '10060'], 'transfers move neither supply nor ratio');

  // 6. Alice redeems 2M: burned, evented for the issuer to settle off chain; the ratio rises.
  // Meanwhile a compliance officer (dev-8) proposes freezing dev-16 (5 of 5 must approve).
  const [redeemed, freeze] = await Promise.all([
    run(['asset', 'redeem', 'USDKG', '2000000', '--reference', 'wire 7781', '--from', 'dev-15']),
    run(['asset', 'freeze', 'USDKG', 'dev-16', '--via-multisig', CG, '--from', 'dev-8']),
  ]);
  assert.deepEqual([redeemed.status, redeemed.redemptionId], ['success', '0']);
  s = await status();
  assert.deepEqual([s.supply, s.ratioBps, s.show.supply.byCause.redeem], [units(48_000_000n), '10479', units(2_000_000n)]);
  assert.deepEqual(s.events.at(-1).data, { assetId: 1, redemptionId: '0', holder: addr(15), amount: units(2_000_000n), reference: Buffer.from('wire 7781').toString('hex'), supply: units(48_000_000n) });

  // 7. Compliance (5 of 5) freezes dev-16: the other four officers approve at once.
  const approveAll = async (id: string) => {
    const outs = await Promise.all([9, 10, 11, 12].map((i) => run(['multisig', 'approve', CG, id, '--from', `dev-${i}`])));
    assert.deepEqual(outs.map((o) => o.proposal.executed).filter(Boolean).length, 1, 'exactly the fifth approval executes');
    assert.deepEqual(outs.map((o) => o.proposal.ok).filter((x) => x !== null), [true]);
  };
  assert.deepEqual([freeze.proposal.proposalId, freeze.proposal.approvals, freeze.proposal.threshold, freeze.proposal.executed], ['0', 1, 5, false]);
  await approveAll('0');
  const [frozen, afterFreeze] = await Promise.all([run(['asset', 'balance', 'USDKG', addr(16)]), run(['asset', 'events', 'USDKG', '--no-groups'])]);
  assert.deepEqual([frozen.frozen, frozen.canTransfer, frozen.balance], [true, false, units(1_000_000n)]);
  assert.deepEqual(afterFreeze.events.at(-1).data, { assetId: 1, account: addr(16), action: 'freeze' });

  // 8. The frozen account cannot send (refused up front); compliance wipes its balance: supply falls by 1M, the ratio rises to 107.02%.
  const [blocked, wipe] = await Promise.all([
    cli(['asset', 'transfer', 'USDKG', addr(14), '1', '--from', 'dev-16', '--json'], { env, cwd: dir, timeoutMs: E2E_STEP_TIMEOUT_MS }),
    run(['asset', 'wipe', 'USDKG', 'dev-16', '--from', 'dev-8']),
  ]);
  assert.equal(blocked.code, 1);
  // Refused by the node on submission (the bank checks transfer restrictions in verify), so the
  // frozen account pays no fee for trying.
  assert.match(blocked.stderr, /^error: sender cw1\w+ is frozen for asset 1 \(TX_FROZEN\)\n$/);
  assert.deepEqual([wipe.proposal.proposalId, wipe.proposal.nonce], ['1', '1']);
  await approveAll('1');
  let wiped: any;
  [s, wiped] = await Promise.all([status(), run(['asset', 'balance', 'USDKG', 'dev-16'])]);
  assert.deepEqual([s.supply, s.ratioBps, s.show.supply.byCause.wipe, s.show.supply.byCause.mint], [units(47_000_000n), '10702', units(1_000_000n), units(50_000_000n)]);
  assert.deepEqual(s.events.at(-1).data, { assetId: 1, account: addr(16), amount: units(1_000_000n), supply: units(47_000_000n) });
  assert.equal(wiped.balance, '0');

  // The whole trail: the asset's own events, the groups' proposals and approvals, and the ratio over time.
  assert.deepEqual(s.names, ['created', 'created', 'attested', 'minted', 'redeemed', 'compliance', 'wiped']);
  const [full, msTrail, history] = await Promise.all([run(['asset', 'events', 'USDKG']), run(['multisig', 'events', MG]), run(['asset', 'history', 'USDKG'])]);
  const of = (ms: string) => full.events.filter((e: any) => e.module === 'multisig' && e.data.multisig === ms).map((e: any) => e.name);
  assert.deepEqual(of(MG), ['created', 'proposed', 'approved', 'approved', 'approved', 'executed']);
  assert.deepEqual(of(CG), ['created', ...Array(2).fill(['proposed', 'approved', 'approved', 'approved', 'approved', 'approved', 'executed']).flat()]);
  assert.deepEqual(msTrail.events.map((e: any) => e.name), of(MG));
  assert.deepEqual(
    history.points.map((p: any) => [p.cause, p.supply, p.ratioBps]),
    [
      ['attest', '0', null],
      ['mint', units(50_000_000n), '10060'],
      ['redeem', units(48_000_000n), '10479'],
      ['wipe', units(47_000_000n), '10702'],
    ],
  );

  // A mint above the reserve: proposed with a warning, and the approval that executes it reports the failure.
  const over = await cli(['asset', 'mint', 'USDKG', 'dev-14', '10000000', '--from', 'dev-2', '--json'], { env, cwd: dir, timeoutMs: E2E_STEP_TIMEOUT_MS });
  assert.equal(over.code, 0, over.stderr);
  assert.match(over.stderr, /^warning: stablecoin\.mint would fail if it executed now: minting 10000000\.000000 USDKG would take the supply from 47000000\.000000 USDKG to 57000000\.000000 USDKG, above the mint limit 50300000\.000000 USDKG \(the attested reserve 50300000\.000000 USDKG\) \(TX_RESERVE_EXCEEDED\); proposing anyway/m);
  const overId = JSON.parse(over.stdout).proposal.proposalId;
  const approvals = await Promise.all([3, 4].map((i) => cli(['multisig', 'approve', MG, overId, '--from', `dev-${i}`, '--json'], { env, cwd: dir, timeoutMs: E2E_STEP_TIMEOUT_MS })));
  const executing = approvals.find((r) => r.code !== 0)!;
  assert.equal(executing.code, 1);
  // The failure in units (item 2), from the structured data the executed event records; base units stay in --json.
  assert.match(executing.stderr, /^error: proposal 1 of cw1\w+ executed but its action failed: minting 10000000\.000000 USDKG would take the supply from 47000000\.000000 USDKG to 57000000\.000000 USDKG, above the mint limit 50300000\.000000 USDKG \(the attested reserve 50300000\.000000 USDKG\) \(TX_RESERVE_EXCEEDED\) \(CLI_TX_FAILED\)\n$/);
  const failed = JSON.parse(executing.stdout).proposal;
  assert.deepEqual({ ...failed, error: null, errorText: null }, { multisig: MG, proposalId: '1', nonce: '1', expiresAt: null, approvals: 3, threshold: 3, executed: true, ok: false, error: null, errorText: null, errorData: { assetId: 1, supply: units(47_000_000n), amount: units(10_000_000n), limit: units(50_300_000n), reserve: units(50_300_000n), marginBps: 0 } });
  s = await status();
  assert.deepEqual([s.supply, s.ratioBps], [units(47_000_000n), '10702'], 'nothing minted');

  // Usage and runtime errors: one line, exit 2 for what was typed wrong, 1 for what the chain says.
  const errors: Array<[string[], number, RegExp]> = [
    [['asset', 'mint', 'USDKG', 'dev-14', '1.0000001', '--from', 'dev-1'], 2, /^error: invalid amount "1\.0000001": at most 6 decimal places \(CLI_BAD_AMOUNT\)\n$/],
    [['multisig', 'propose', MG, 'stablecoin.pause', '--params', '{"assetId": true}', '--from', 'dev-1'], 2, /^error: --params do not fit stablecoin\.pause: .* \(CLI_BAD_ARGUMENT\)\n$/],
    // An asset named by symbol in --params (issue 14): an unknown one is named.
    [['multisig', 'propose', MG, 'stablecoin.pause', '--params', '{"assetId": "NOPE"}', '--from', 'dev-1'], 1, /^error: no asset "NOPE" on this node .*\(CLI_NOT_FOUND\)\n$/],
    [['multisig', 'approve', MG, '0', '--from', 'dev-0'], 1, /^error: dev-0 \(cw1\w+\) is not an owner of multisig cw1\w+; .* \(CLI_BAD_ARGUMENT\)\n$/],
    [['asset', 'freeze', 'USDKG', 'dev-15', '--via-multisig', MG, '--from', 'dev-8'], 1, /^error: freeze of USDKG is done by its compliance group cw1\w+, not cw1\w+ \(CLI_BAD_ARGUMENT\)\n$/],
    [['asset', 'show', 'NOPE'], 1, /^error: no asset "NOPE" on this node .*\(CLI_NOT_FOUND\)\n$/],
  ];
  await Promise.all(
    errors.map(async ([args, code, re]) => {
      const r = await cli(args, { env, cwd: dir });
      assert.equal(r.code, code, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, re, args.join(' '));
    }),
  );

  // Ctrl-C: a clean shutdown.
  assert.deepEqual(await devnet.stop('SIGINT'), { code: 0, signal: null }, devnet.output().stderr);
  t.diagnostic(`flow took ${((Date.now() - started) / 1000).toFixed(1)} s`);
});
