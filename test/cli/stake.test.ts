/**
 * `coinworks stake` and `coinworks staking-pool` against a lone-validator proof-of-stake node in
 * this process: the yield calculator reads live rates (and its arithmetic is checked on its own);
 * delegate shows the shares; a redelegation after some blocks shows the rewards paid out
 * automatically, equal to the receipt's events and to what the delegation had pending; rewards,
 * show, claim, undelegate and cancel-unbonding; the pool's deposit (0.01 CWC -> 1,000,000 shares
 * at 1:1), a 32 CWC deposit that funds a queued operator's validator, show and withdraw; and the
 * typed errors (unknown validator, below the pool minimum, more than the delegation is worth). The
 * proof-of-stake invariants, the supply ledger's among them, are checked after every block.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoinworksNode } from '../../src/node/node.js';
import { createLogger } from '../../src/node/logger.js';
import { newGenesis, writeGenesisFile } from '../../src/node/genesis-file.js';
import { loadOrCreateConsensusKey } from '../../src/validator/keys.js';
import { bytesToHex } from '../../src/encoding/hex.js';
import { encodeAddress } from '../../src/crypto/address.js';
import { ONE_COIN } from '../../src/params/networks.js';
import { DEC_ONE } from '../../src/util/decimal.js';
import { DEV_MNEMONIC, DEV_WALLET_PASSWORD, devAccounts, writeDevWallet } from '../../src/cli/devnet-accounts.js';
import { calcLines } from '../../src/cli/commands/stake-calc.js';
import { projectYield } from '../../src/client/staking-yield.js';
import { testKey } from '../../src/testing/keys.js';
import { posViolations } from '../../src/testing/pos-invariants.js';
import { HeadSnapshot } from '../../src/testing/pos.js';
import { POS_DEVNET_ECONOMICS } from '../../src/params/staking.js';
import { run } from './helpers.js';

const PCT = 10n ** 16n;

test('projectYield: gross from inflation, tax and bonded ratio; commission then pool fee; restaking compounds', () => {
  // 7% x 0.98 / 0.6 = 11.4333...% gross; 100 CWC for 365.25 days.
  const p = projectYield({ amount: 100n * ONE_COIN, days: 365, inflation: 7n * PCT, bondedRatio: 60n * PCT, communityTax: 2n * PCT, commission: 5n * PCT, poolFee: 0n, compounding: 365n });
  assert.equal(p.grossApr, (7n * PCT * 98n) / 100n * DEC_ONE / (60n * PCT));
  assert.equal(p.gross, (100n * ONE_COIN * p.grossApr * 36_500n) / (DEC_ONE * 36_525n));
  assert.equal(p.commission, (p.gross * 5n) / 100n);
  assert.equal(p.net, p.gross - p.commission);
  assert.ok(p.restaked > p.net, 'restaking earns more than claiming');
  // A full Julian year restaked once: exactly the net APR.
  const y = projectYield({ amount: 10n ** 10n, days: 36_525, inflation: 10n * PCT, bondedRatio: 50n * PCT, communityTax: 0n, commission: 0n, poolFee: 10n * PCT, compounding: 1n });
  assert.equal(y.grossApr, 20n * PCT);
  assert.equal(y.poolFee, y.gross / 10n);
  const none = projectYield({ amount: 1n, days: 1, inflation: 7n * PCT, bondedRatio: 0n, communityTax: 0n, commission: 0n, poolFee: 0n, compounding: 365n });
  assert.equal(none.gross, 0n);
});

test('stake calc text: no APY above a 1000% APR, a warning when under 10% is bonded', () => {
  const apr = (rate: string, bonded: string) => ({ inflation: '0.07', bondedRatio: bonded, communityTax: '0.02', commission: '0', poolFee: '0', apr: rate, apy: '0.1', compoundingPeriods: 365, validator: null, nextBlockProvision: '1', annualProvisions: '1', blocksPerYear: '31557600' });
  const p = projectYield({ amount: ONE_COIN, days: 365, inflation: 7n * PCT, bondedRatio: 60n * PCT, communityTax: 2n * PCT, commission: 0n, poolFee: 0n, compounding: 365n });
  const normal = calcLines(apr('0.11', '0.6'), p, { via: 'x', amount: ONE_COIN, days: 365 }).join('\n');
  assert.match(normal, /APY:\s+10\.00% \(restaked 365 times a year\)/);
  assert.doesNotMatch(normal, /warning/);
  const wild = calcLines(apr('6860', '0.00001'), p, { via: 'x', amount: ONE_COIN, days: 365 }).join('\n');
  assert.match(wild, /APY:\s+not shown/);
  assert.match(wild, /if restaked:\s+-/);
  assert.match(wild, /warning:\s+only 0\.00% of the supply is bonded/);
});

async function until<T>(f: () => Promise<T | undefined | false>, what: string, ms = 90_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

test('stake and staking-pool commands on a proof-of-stake node', { timeout: 300_000 }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'cw-cli-stake-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const { key } = await loadOrCreateConsensusKey(dir);
  const accounts = devAccounts(DEV_MNEMONIC, 4);
  await writeGenesisFile(
    dir,
    newGenesis('pos-devnet', {
      allocations: accounts.map((a) => ({ address: a.address, amount: 10_000n * ONE_COIN })),
      validators: [{ operator: accounts[0].address, consensusPublicKey: bytesToHex(key.publicKey), selfStake: 5_000n * ONE_COIN, commission: { rate: 5n * PCT, maxRate: 20n * PCT, maxChangeRate: PCT } }],
    }),
  );
  const walletDir = join(dir, 'wallets');
  await writeDevWallet(walletDir, DEV_MNEMONIC, 4);
  const node = new CoinworksNode({ network: 'pos-devnet', datadir: dir, rpcHost: '127.0.0.1', rpcAllowedOrigins: [], rpcPort: 0, mine: false, threads: 1, stateCacheMb: 64, beneficiary: undefined, logLevel: 'warn', logFormat: 'json', p2p: false, p2pHost: '127.0.0.1', p2pPort: 0, bootstrap: [], maxPeers: 8 }, { log: createLogger({ level: 'silent', format: 'json' }) });
  const info = await node.start();
  t.after(() => node.stop());
  // The proof-of-stake invariants (supply ledger = every coin held; distribution; staking; pool
  // shares) after every block the node connects while the commands run.
  const violations: string[] = [];
  let checked = 0;
  const head = await HeadSnapshot.follow(node.chain);
  node.chain.on('connect', (entry: { height: number }) => {
    checked++;
    for (const v of posViolations(head, POS_DEVNET_ECONOMICS)) violations.push(`block ${entry.height}: ${v}`);
  });
  const env = { COINWORKS_WALLET_PASSWORD: DEV_WALLET_PASSWORD, COINWORKS_WALLET_DIR: walletDir };
  const cli = (args: string[]) => run(['--rpc', info.rpcUrl, ...args], env);
  const ok = async (args: string[]) => {
    const r = await cli(args);
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    return r;
  };
  const json = async (args: string[]) => JSON.parse((await ok(['--json', ...args])).stdout);
  const valA = encodeAddress(key.address);

  // The calculator from live rates: validator A's 5% commission applies.
  const calc = await json(['stake', 'calc', '--amount', '100', '--days', '365', '--validator', valA]);
  assert.equal(calc.commission, '0.05');
  assert.equal(calc.via, 'validator');
  assert.ok(BigInt(calc.reward.net) > 0n && BigInt(calc.reward.commission) > 0n);
  const human = await ok(['stake', 'calc', '--amount', '100', '--days', '30', '--pool']);
  assert.match(human.stdout, /pool fee:\s+10\.00%/);
  assert.match(human.stdout, /expected reward:\s+\d+\.\d{8} CWC/);
  const both = await cli(['stake', 'calc', '--amount', '1', '--pool', '--validator', valA]);
  assert.equal(both.code, 2);
  assert.match(both.stderr, /choose --validator or --pool/);

  // A second validator (not running: A keeps more than 2/3 of the power).
  const other = testKey(7, 'stake cli second validator');
  await ok(['validator', 'create', '--from', 'dev-2', '--self-stake', '40', '--consensus-key', bytesToHex(other.publicKey)]);
  const valB = encodeAddress(other.address);

  const unknown = await cli(['stake', 'delegate', encodeAddress(testKey(8, 'nobody').address), '1', '--from', 'dev-1']);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /is not a registered validator .*\(CLI_NOT_FOUND\)/);

  const d = await json(['stake', 'delegate', valA, '100', '--from', 'dev-1']);
  assert.equal(d.status, 'success');
  assert.equal(d.amount, String(100n * ONE_COIN));
  assert.ok(BigInt(d.shares) > 0n);
  assert.deepEqual(d.rewardsPaid, [], 'a first delegation has nothing pending');

  // Rewards accrue block by block; a redelegation pays them out and shows it.
  const pendingBefore = await until(async () => {
    const r = await json(['stake', 'rewards', 'dev-1']);
    return BigInt(r.pendingTotalAmount) > 0n ? r : undefined;
  }, 'rewards pending on the delegation');
  assert.equal(pendingBefore.pending[0].validator, valA);
  const tooMuch = await cli(['stake', 'redelegate', valA, valB, '1000', '--from', 'dev-1']);
  assert.equal(tooMuch.code, 1);
  assert.match(tooMuch.stderr, /is worth 100\.\d+ CWC: cannot move 1000\.00000000 CWC \(CLI_BAD_ARGUMENT\)/);
  const red = await json(['stake', 'redelegate', valA, valB, '30', '--from', 'dev-1']);
  assert.equal(red.status, 'success');
  assert.equal(red.rewardsPaid.length, 1);
  assert.equal(red.rewardsPaid[0].validator, valA);
  const paidEvents = red.events.filter((e: any) => e.module === 'distribution' && e.name === 'rewardsPaid');
  assert.equal(paidEvents.length, 1);
  assert.equal(BigInt(red.rewardsPaidTotal), BigInt(paidEvents[0].data.provision) + BigInt(paidEvents[0].data.tip));
  assert.ok(BigInt(red.rewardsPaidTotal) >= BigInt(pendingBefore.pendingTotalAmount), 'at least what was pending a block or more earlier');
  const rewards = await json(['stake', 'rewards', 'dev-1']);
  assert.ok(BigInt(rewards.earned.provision) >= BigInt(red.rewardsPaid[0].provision));
  assert.ok(rewards.history.some((h: any) => h.cause === 'provision' && h.validator === valA));

  // Human output of a redelegation names the auto-paid rewards.
  await until(async () => BigInt((await json(['stake', 'rewards', 'dev-1'])).pendingTotalAmount) > 0n, 'rewards pending again');
  const redHuman = await ok(['stake', 'redelegate', valA, valB, '10', '--from', 'dev-1']);
  assert.match(redHuman.stdout, /rewards auto-paid:\s+\d+\.\d{8} CWC from cw1\w+ \(provision \d+\.\d{8} CWC, tips \d+\.\d{8} CWC\)/);
  assert.match(redHuman.stdout, /matures at:/);

  const show = await json(['stake', 'show', 'dev-1']);
  assert.equal(show.delegations.length, 2);
  assert.equal(show.redelegations.length, 2, 'one entry per block');

  // Undelegate, then cancel it.
  const und = await json(['stake', 'undelegate', valA, '5', '--from', 'dev-1']);
  assert.equal(und.status, 'success');
  assert.ok(Number(und.completionTime) > 0);
  const showU = await ok(['stake', 'show', 'dev-1']);
  assert.match(showU.stdout, /unbonding:\s+5\.00000000 CWC in 1 entry/);
  const cancel = await json(['stake', 'cancel-unbonding', valA, '--from', 'dev-1']);
  assert.equal(cancel.status, 'success');
  assert.equal(cancel.amount, String(5n * ONE_COIN));
  assert.equal((await json(['stake', 'show', 'dev-1'])).unbondings.length, 0);

  // Claim everything pending.
  await until(async () => BigInt((await json(['stake', 'rewards', 'dev-1'])).pendingTotalAmount) > 0n, 'rewards pending before the claim');
  const claim = await json(['stake', 'claim', '--from', 'dev-1']);
  assert.equal(claim.status, 'success');
  assert.ok(BigInt(claim.rewardsPaidTotal) > 0n);

  const noDelegation = await cli(['stake', 'claim', '--from', 'dev-3']);
  assert.equal(noDelegation.code, 1);
  assert.match(noDelegation.stderr, /has no delegation: no rewards to claim .*\(CLI_NOT_FOUND\)/);

  // The staking pool: 0.01 CWC buys 1,000,000 shares at 1:1.
  const low = await cli(['staking-pool', 'deposit', '0.001', '--from', 'dev-3']);
  assert.equal(low.code, 1);
  assert.match(low.stderr, /the smallest deposit is 0\.01000000 CWC \(CLI_BAD_ARGUMENT\)/);
  const dep = await json(['staking-pool', 'deposit', '0.01', '--from', 'dev-3']);
  assert.equal(dep.shares, '1000000');
  assert.equal(dep.rate, '1');
  const op = testKey(9, 'stake cli pool operator');
  const reg = await json(['staking-pool', 'register-operator', '--from', 'dev-2', '--consensus-key', bytesToHex(op.publicKey)]);
  assert.equal(reg.position, 1);
  const big = await ok(['staking-pool', 'deposit', '31.99', '--from', 'dev-1']);
  assert.match(big.stdout, /shares received:\s+31\.99000000 STCWC/);
  assert.match(big.stdout, new RegExp(`validator funded:\\s+${encodeAddress(op.address)} \\(32\\.00000000 CWC`));
  const pool = await ok(['staking-pool', 'show', 'dev-3']);
  assert.match(pool.stdout, /exchange rate:\s+1 STCWC = 1 CWC/);
  assert.match(pool.stdout, /position:\s+cw1\w+: 0\.01000000 STCWC worth 0\.01000000 CWC/);
  assert.match(pool.stdout, /validators:\s+1 funded/);
  const w = await json(['staking-pool', 'withdraw', 'all', '--from', 'dev-3']);
  assert.equal(w.status, 'success');
  assert.equal(w.shares, '1000000');
  assert.ok(BigInt(w.amount) >= 1_000_000n);
  const none = await cli(['staking-pool', 'withdraw', 'all', '--from', 'dev-3']);
  assert.match(none.stderr, /holds no pool shares \(CLI_NOT_FOUND\)/);
  assert.ok(checked > 10, `invariants checked after ${checked} blocks`);
  assert.deepEqual(violations, []);
});
