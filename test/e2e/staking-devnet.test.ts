/**
 * Staking economics end to end on the proof-of-stake devnet, through the CLI: every step is a
 * separate `coinworks` process against `coinworks node --network pos-devnet` processes, at the
 * devnet's default parameters (1 s blocks, 5 min unbonding, 100-block signing window).
 *
 * Phase 1, node 1 runs the genesis validator A (60% of the supply bonded):
 * - `stake calc` reports an APR inside 4-20%, and the provision a 4,000 CWC delegation then earns
 *   over a stretch of blocks matches that APR (within rounding);
 * - a redelegation from A to a second validator B shows the rewards paid out automatically, equal
 *   to the receipt's `distribution.rewardsPaid` event and to the balance change;
 * - Alice deposits 0.01 CWC into the staking pool for 1,000,000 shares; with Bob's 31.99 the pool
 *   funds validator P1 for a queued operator, which joins the active set; Alice delegates 10 CWC
 *   and undelegates it;
 * - no node runs P1's key: after the signing window it is slashed 1% for downtime, and the pool's
 *   exchange rate falls by exactly that (rateLowered: 0.32 CWC over 32 CWC of shares, rate 0.99);
 *   the pool takes its stake back from the jailed P1.
 * Phase 2: node 2 (its own data directory and consensus key, connected to node 1 over p2p from the
 * start) is P2's operator's node; `register-operator` sent to it queues its own key, and the pool
 * funds P2 from a fresh 32 CWC. P2 joins the active set beside A and its precommits are in the
 * blocks' certificates. Then A's operator unbonds A's self-stake below the minimum: A is jailed,
 * P2 alone holds the set and proposes every block (node 1 follows); the pool's rewards come in,
 * Alice's shares are worth more (her visible reward), and her undelegation completes after the
 * unbonding period.
 * Throughout, a monitor reads the supply ledger at every head it sees; at the end every block is
 * walked: the ledger's total always equals its causes, its `staking` cause the sum of the blocks'
 * provisions, `burn` the slashes and `fee-burn` the base fees.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateConsensusKey } from '../../src/validator/keys.js';
import { newGenesis, writeGenesisFile } from '../../src/node/genesis-file.js';
import { DEV_MNEMONIC, DEV_WALLET_PASSWORD, devAccounts, writeDevWallet } from '../../src/cli/devnet-accounts.js';
import { encodeAddress } from '../../src/crypto/address.js';
import { bytesToHex } from '../../src/encoding/hex.js';
import { ONE_COIN } from '../../src/params/networks.js';
import { POS_DEVNET_ECONOMICS } from '../../src/params/staking.js';
import { DEC_ONE, parseDec } from '../../src/util/decimal.js';
import { testKey } from '../../src/testing/keys.js';
import { background, cleanEnv, cli, requireBuiltCli, rpc, until, type Background } from '../cli/process-helpers.js';
import { E2E_STEP_TIMEOUT_MS, E2E_TEST_TIMEOUT_MS } from './limits.js';

const C = ONE_COIN;
const PCT = 10n ** 16n;
const P = POS_DEVNET_ECONOMICS;

interface Head {
  height: number;
  time: number;
}

/** Supply readings by height (only those where the head did not move during the read). */
class SupplyMonitor {
  readonly seen = new Map<number, { total: bigint; byCause: Record<string, bigint> }>();
  readonly errors: string[] = [];
  private url: string | undefined;
  private stopped = false;
  private loop: Promise<void> | undefined;

  follow(url: string): void {
    this.url = url;
    this.loop ??= this.run();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const url = this.url!;
      try {
        const a = await rpc<Head>(url, 'chain_getHead');
        const s = await rpc<{ total: string; byCause: Record<string, string> }>(url, 'supply_get');
        const b = await rpc<Head>(url, 'chain_getHead');
        if (a.height === b.height && !this.seen.has(a.height)) {
          const byCause = Object.fromEntries(Object.entries(s.byCause).map(([k, v]) => [k, BigInt(v)]));
          const total = BigInt(s.total);
          const sum = byCause.genesis + byCause.mining + byCause.staking + byCause.mint - byCause['fee-burn'] - byCause.burn - byCause.redeem - byCause.wipe;
          if (sum !== total) this.errors.push(`height ${a.height}: total ${total} != sum of causes ${sum}`);
          this.seen.set(a.height, { total, byCause });
        }
      } catch {
        // The node may be stopping or not up yet; the next round reads again.
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
  }
}

test('staking on the proof-of-stake devnet: APR against rewards paid, auto-paid rewards on redelegation, the pool from 0.01 CWC, a slash lowering its rate, a funded validator signing, unbonding', { timeout: E2E_TEST_TIMEOUT_MS }, async (t) => {
  requireBuiltCli();
  const dir = await mkdtemp(join(tmpdir(), 'cw-staking-e2e-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const data1 = join(dir, 'node1');
  const data2 = join(dir, 'node2');
  const walletDir = join(dir, 'wallets');
  const keyA = (await loadOrCreateConsensusKey(data1)).key;
  const keyP2 = (await loadOrCreateConsensusKey(data2)).key;
  const keyB = testKey(21, 'e2e validator B (no node runs it)');
  const keyP1 = testKey(22, 'e2e pool validator P1 (no node runs it)');
  const acc = devAccounts(DEV_MNEMONIC, 5);
  const allocations = acc.map((a, i) => ({ address: a.address, amount: (i === 0 ? 40_000n : 5_000n) * C }));
  const genesisSupply = allocations.reduce((s, a) => s + a.amount, 0n);
  const genesis = newGenesis('pos-devnet', {
    allocations,
    validators: [{ operator: acc[0].address, consensusPublicKey: bytesToHex(keyA.publicKey), selfStake: 36_000n * C, commission: { rate: 5n * PCT, maxRate: 20n * PCT, maxChangeRate: PCT } }],
  });
  await writeGenesisFile(data1, genesis);
  await writeGenesisFile(data2, genesis);
  await writeDevWallet(walletDir, DEV_MNEMONIC, 5);
  const A = encodeAddress(keyA.address);
  const B = encodeAddress(keyB.address);
  const P1 = encodeAddress(keyP1.address);
  const P2 = encodeAddress(keyP2.address);
  const [, dev1, , dev3] = acc.map((a) => a.address);

  const nodes: Background[] = [];
  t.after(async () => {
    for (const n of nodes) await n.stop('SIGKILL');
  });
  const startNode = async (datadir: string, bootstrap: string[] = []): Promise<{ rpc: string; p2p: string }> => {
    const n = background(['--json', 'node', '--network', 'pos-devnet', '--datadir', datadir, '--rpc-port', '0', '--p2p-port', '0', '--log-level', 'warn', ...bootstrap.flatMap((b) => ['--bootstrap', b])], {
      cwd: dir,
      env: cleanEnv({ COINWORKS_P2P_DENY_FILE: join(datadir, 'deny.txt') }),
    });
    nodes.push(n);
    await n.waitFor(/^\}$/m, E2E_STEP_TIMEOUT_MS);
    const info = JSON.parse(n.output().stdout) as { rpc: string; p2p: string[] };
    return { rpc: info.rpc, p2p: info.p2p[0] };
  };
  const monitor = new SupplyMonitor();
  t.after(() => monitor.stop());

  // Node 1 runs A; node 2, P2's operator's node, follows over p2p until the pool funds P2.
  const node1 = await startNode(data1);
  const url = node1.rpc;
  monitor.follow(url);
  const node2 = await startNode(data2, [node1.p2p]);
  const env = () => cleanEnv({ COINWORKS_RPC: url, COINWORKS_WALLET_DIR: walletDir, COINWORKS_WALLET_PASSWORD: DEV_WALLET_PASSWORD });
  const run = async (args: string[]) => {
    const r = await cli(args, { env: env(), cwd: dir, timeoutMs: E2E_STEP_TIMEOUT_MS });
    assert.equal(r.code, 0, `coinworks ${args.join(' ')}\n${r.stderr}`);
    return r.stdout;
  };
  const runJson = async (args: string[]) => JSON.parse(await run(['--json', ...args]));
  const head = () => rpc<Head>(url, 'chain_getHead');
  const balance = async (a: string) => BigInt((await rpc<{ balances: Array<{ assetId: number; amount: string }> }>(url, 'account_get', [a])).balances.find((b) => b.assetId === 0)?.amount ?? '0');
  /** `f` at one head height (retried until the head did not move while it ran). */
  const atOneHeight = async <T>(f: () => Promise<T>): Promise<{ height: number; value: T }> => {
    for (;;) {
      const a = await head();
      const value = await f();
      const b = await head();
      if (a.height === b.height) return { height: a.height, value };
    }
  };
  const waitHeight = (h: number) => until(async () => (await head()).height >= h, E2E_STEP_TIMEOUT_MS);

  // --- Phase 1 -------------------------------------------------------------------------------
  await waitHeight(2);

  // The APR at the default parameters, and the provision a delegation then earns block by block.
  const delegated = await runJson(['stake', 'delegate', A, '4000', '--from', 'dev-1']);
  assert.equal(delegated.status, 'success');
  const calc = await runJson(['stake', 'calc', '--amount', '4000', '--days', '365', '--validator', A]);
  const apr = parseDec(calc.apr);
  assert.ok(apr >= 4n * PCT && apr <= 20n * PCT, `APR ${calc.apr} inside 4-20%`);
  assert.equal(calc.commission, '0.05');
  t.diagnostic(`APR ${calc.apr} (inflation ${calc.inflation}, bonded ${calc.bondedRatio}); APY ${calc.apy}`);
  await waitHeight(delegated.height + 40);
  const measured = await atOneHeight(async () => (await rpc<{ delegations: Array<{ validator: string; pending: { provision: string } }> }>(url, 'staking_getDelegations', [dev1])).delegations);
  const blocks = BigInt(measured.height - delegated.height);
  const earned = BigInt(measured.value.find((d) => d.validator === A)!.pending.provision);
  const predicted = (4_000n * C * apr * blocks) / (DEC_ONE * P.mint.blocksPerYear);
  t.diagnostic(`over ${blocks} blocks: earned ${earned} units of provision, the APR predicts ${predicted}`);
  assert.ok(earned > 0n);
  const diff = earned > predicted ? earned - predicted : predicted - earned;
  assert.ok(diff * 200n <= predicted, `earned ${earned} within 0.5% of the APR's ${predicted}`);

  // A second validator B (nobody runs it; A keeps well over 2/3 of the power) and a redelegation.
  await run(['validator', 'create', '--from', 'dev-2', '--self-stake', '40', '--consensus-key', bytesToHex(keyB.publicKey), '--commission', '10%']);
  const before = await balance(dev1);
  const pendingBefore = await atOneHeight(async () => (await runJson(['stake', 'rewards', 'dev-1'])).pending.find((p: { validator: string }) => p.validator === A));
  const red = await runJson(['stake', 'redelegate', A, B, '1000', '--from', 'dev-1']);
  assert.equal(red.status, 'success');
  const paidEvent = red.events.find((e: { module: string; name: string; data: { validator: string } }) => e.module === 'distribution' && e.name === 'rewardsPaid' && e.data.validator === A);
  assert.ok(paidEvent, 'the auto-paid rewards are an event in the redelegation receipt');
  const paid = BigInt(paidEvent.data.provision) + BigInt(paidEvent.data.tip);
  assert.equal(BigInt(red.rewardsPaidTotal), paid, 'the CLI shows what the receipt says');
  assert.ok(BigInt(paidEvent.data.provision) > BigInt(pendingBefore.value.provision), 'everything pending a few blocks earlier, and more');
  assert.equal(await balance(dev1), before - BigInt(red.fee) + paid, 'the payout reached the balance');
  const tx = JSON.parse(await run(['--json', 'tx', red.id]));
  assert.ok(JSON.stringify(tx).includes('rewardsPaid'), '`coinworks tx` shows the payout too');

  // The staking pool: Alice's 0.01 CWC, an operator queued (P1), Bob's 31.99 CWC funds P1.
  const aliceDeposit = await runJson(['staking-pool', 'deposit', '0.01', '--from', 'dev-3']);
  assert.equal(aliceDeposit.shares, '1000000');
  assert.equal(aliceDeposit.rate, '1');
  await run(['staking-pool', 'register-operator', '--from', 'dev-4', '--consensus-key', bytesToHex(keyP1.publicKey)]);
  const bob = await runJson(['staking-pool', 'deposit', '31.99', '--from', 'dev-2']);
  assert.deepEqual(bob.validatorsFunded.map((v: { validator: string }) => v.validator), [P1]);
  await until(async () => (await runJson(['validator', 'list'])).activeSet.validators.some((v: { address: string }) => v.address === P1), E2E_STEP_TIMEOUT_MS);

  // Alice delegates 10 CWC and undelegates it: paid back after the unbonding period (phase 2).
  await run(['stake', 'delegate', A, '10', '--from', 'dev-3']);
  const und = await runJson(['stake', 'undelegate', A, 'all', '--from', 'dev-3']);
  assert.equal(und.amount, String(10n * C));
  const completion = Number(und.completionTime);
  assert.equal(completion, (await rpc<{ time: number }>(url, 'chain_getBlock', [und.height])).time + P.staking.unbondingPeriod);
  const aliceAfterUndelegate = await balance(dev3);

  // P1 never signs: slashed 1% for downtime after the window; the pool's rate falls by exactly that.
  const slash = await until(
    async () => {
      const r = await rpc<Array<{ validator: string; kind: string; height: number; burned: string }>>(url, 'staking_getEvidence');
      return r.find((e) => e.validator === P1 && e.kind === 'downtime');
    },
    E2E_STEP_TIMEOUT_MS,
    1000,
  );
  const slashBlock = await rpc<{ blockEvents: Array<{ module: string; name: string; data: Record<string, string> }> }>(url, 'chain_getBlock', [slash.height]);
  const slashed = slashBlock.blockEvents.find((e) => e.module === 'staking' && e.name === 'slashed' && e.data.validator === P1)!;
  const lowered = slashBlock.blockEvents.find((e) => e.module === 'staking-pool' && e.name === 'rateLowered')!;
  assert.ok(slashed && lowered, 'the slash and the rate change are block events');
  assert.equal(BigInt(slashed.data.tokensAtInfraction), 32n * C);
  assert.equal(BigInt(slashed.data.slashAmount), (32n * C * P.slashing.slashFractionDowntime) / DEC_ONE);
  assert.equal(BigInt(lowered.data.pooledBefore) - BigInt(lowered.data.pooledAfter), BigInt(slashed.data.slashAmount), 'the pool lost exactly the slash');
  assert.equal(BigInt(lowered.data.totalShares), 32n * C);
  const poolAfterSlash = await runJson(['staking-pool', 'show', 'dev-3']);
  assert.equal(poolAfterSlash.rate, '0.99');
  assert.equal(poolAfterSlash.position.value, '990000', "Alice's 0.01 CWC lost 1% with everyone's");
  const human = await run(['staking-pool', 'show', 'dev-3']);
  assert.match(human, /exchange rate:\s+1 STCWC = 0\.99 CWC/);
  t.diagnostic(`slash at height ${slash.height}: pooled ${lowered.data.pooledBefore} -> ${lowered.data.pooledAfter} over ${lowered.data.totalShares} shares`);

  // --- Phase 2 -------------------------------------------------------------------------------
  // P2's operator runs node 2 (connected to node 1 since the start); the pool funds P2 from a fresh 32 CWC.
  // Sent to node 2: register-operator takes that node's own consensus key by default.
  const queued = await runJson(['--rpc', node2.rpc, 'staking-pool', 'register-operator', '--from', 'dev-4']);
  assert.equal(queued.consensusKey, bytesToHex(keyP2.publicKey));
  const funded = await runJson(['staking-pool', 'deposit', '32', '--from', 'dev-2']);
  assert.deepEqual(funded.validatorsFunded.map((v: { validator: string }) => v.validator), [P2]);
  // B and P1 (nobody runs them) are jailed by now or soon; then the set is A and P2, and P2 signs.
  await until(async () => (await runJson(['validator', 'show', B])).validator.jailed === true, E2E_STEP_TIMEOUT_MS, 1000);
  const both = await until(async () => {
    const l = await runJson(['validator', 'list']);
    const set = l.activeSet.validators.map((v: { address: string }) => v.address);
    return set.length === 2 && set.includes(A) && set.includes(P2) ? l.height : undefined;
  }, E2E_STEP_TIMEOUT_MS);
  const p2Index = (await runJson(['validator', 'list'])).activeSet.validators.findIndex((v: { address: string }) => v.address === P2);
  // A alone holds more than 2/3, so a certificate may close before P2's precommit arrives; count them.
  await waitHeight(both + 12);
  let signedByP2 = 0;
  for (let h = both + 2; h <= both + 12; h++) {
    const b = await rpc<{ consensus: { parentCommit: { signatures: number; validatorIndexes: number[] } } }>(url, 'chain_getBlock', [h]);
    if (b.consensus.parentCommit.validatorIndexes.includes(p2Index)) signedByP2++;
  }
  t.diagnostic(`P2's precommit is in ${signedByP2} of the 11 certificates after it joined`);
  assert.ok(signedByP2 > 0, 'the pool-funded validator signs blocks');
  const showP2 = await run(['--rpc', node2.rpc, 'validator', 'show']);
  assert.match(showP2, /bonded \(in the active set\)/);
  assert.match(showP2, /index \d+ in the set/, 'node 2 runs P2');
  // A's operator unbonds A below the minimum self-stake: A is jailed and P2 alone holds the set.
  await runJson(['stake', 'undelegate', A, '35990', '--from', 'dev-0']);
  const handover = await until(async () => {
    const l = await runJson(['validator', 'list']);
    return l.activeSet.validators.length === 1 && l.activeSet.validators[0].address === P2 ? l.height : undefined;
  }, E2E_STEP_TIMEOUT_MS);
  t.diagnostic(`P2 in the set from height ${both + 1}; A jailed, from height ${handover + 1} only P2 signs`);
  const stalled = handover + 1;
  await waitHeight(stalled + 5);
  for (let h = stalled + 1; h <= stalled + 5; h++) {
    const b = await rpc<{ consensus: { proposer: string } }>(url, 'chain_getBlock', [h]);
    assert.equal(b.consensus.proposer, P2, `block ${h} proposed by the pool's validator`);
  }

  // The pool's rewards: Alice's shares are worth more than after the slash (her visible reward).
  await waitHeight(stalled + 10);
  const harvest = await runJson(['staking-pool', 'harvest', '--from', 'dev-2']);
  const harvested = harvest.harvested.find((h: { validator: string }) => h.validator === P2);
  assert.ok(harvested && BigInt(harvested.rewards) > 0n, 'P2 earned rewards for the pool');
  assert.equal(BigInt(harvested.fee), (BigInt(harvested.rewards) * P.pool.feeRate) / DEC_ONE, "the operators' 10% fee");
  const alice = await runJson(['staking-pool', 'show', 'dev-3']);
  assert.ok(BigInt(alice.position.value) > 990_000n, `Alice's position ${alice.position.value} grew`);
  assert.ok(parseDec(alice.rate) > parseDec('0.99'));
  t.diagnostic(`after harvest: rate ${alice.rate}, Alice's 1,000,000 shares worth ${alice.position.value}`);
  const rewards = await runJson(['stake', 'rewards', 'dev-4']);
  assert.ok(BigInt(rewards.earned.poolFee) > 0n, 'the operator sees its pool fee with its cause');

  // Alice's undelegation completes after the unbonding period.
  await until(async () => (await head()).time >= completion + 2, 10 * 60_000, 1000);
  const aliceStake = await runJson(['stake', 'show', 'dev-3']);
  assert.equal(aliceStake.unbondings.length, 0);
  assert.equal(await balance(dev3), aliceAfterUndelegate + 10n * C, 'the 10 CWC came back');

  // --- The supply ledger after every block ----------------------------------------------------
  await monitor.stop();
  assert.deepEqual(monitor.errors, []);
  const tip = (await head()).height;
  let staking = 0n;
  let feeBurn = 0n;
  let burn = 0n;
  let checkedHeights = 0;
  for (let h = 1; h <= tip; h++) {
    const b = await rpc<{ baseFeePerGas: string; gasUsed: string; blockEvents: Array<{ module: string; name: string; data: Record<string, string> }> }>(url, 'chain_getBlock', [h]);
    for (const e of b.blockEvents ?? []) {
      if (e.module === 'mint' && e.name === 'minted') staking += BigInt(e.data.provision);
      if (e.module === 'staking' && e.name === 'slashed') burn += BigInt(e.data.slashAmount);
    }
    feeBurn += BigInt(b.baseFeePerGas) * BigInt(b.gasUsed);
    const s = monitor.seen.get(h);
    if (!s) continue;
    checkedHeights++;
    assert.equal(s.byCause.genesis, genesisSupply, `height ${h}: genesis`);
    assert.equal(s.byCause.staking, staking, `height ${h}: staked = sum of provisions`);
    assert.equal(s.byCause.burn, burn, `height ${h}: burned = sum of slashes`);
    assert.equal(s.byCause['fee-burn'], feeBurn, `height ${h}: fee burn = sum of base fees`);
    assert.equal(s.total, genesisSupply + staking - burn - feeBurn, `height ${h}: total`);
  }
  t.diagnostic(`supply ledger checked at ${checkedHeights} of ${tip} heights; minted by staking ${staking}, slashed ${burn}, fees burned ${feeBurn}`);
  assert.ok(checkedHeights >= tip / 2, `most heights were read (${checkedHeights} of ${tip})`);
});
