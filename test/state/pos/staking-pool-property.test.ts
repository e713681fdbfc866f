/**
 * Property test of the staking pool against a naive reference. fast-check drives random deposits
 * (from 0.01 CWC), withdrawals, share transfers, harvests, missed signatures, duplicate-vote
 * evidence and time jumps on a real chain whose pool funds validators for queued operators. The
 * reference is a plain ledger: pooled = deposits - withdrawals + harvested rewards after the fee -
 * slash losses, shares bought at floor(amount x shares / pooled) (1:1 when empty) and redeemed at
 * floor(shares x pooled / shares). After every block the pool's holdings (idle + staked + unbonding
 * - owed) equal the ledger to the base unit, so rounding neither created nor destroyed a unit; every
 * user's shares and every ticket match; the rate never fell except in a block that reported a slash
 * of a pool validator, and each slash lowered the pooled total by exactly the pool's part of it.
 * COINWORKS_POS_RUNS sets the number of runs (default 12).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { bytesToHex } from '../../../src/encoding/hex.js';
import { ONE_COIN } from '../../../src/params/networks.js';
import { POS_DEVNET_ECONOMICS, type ProofOfStakeParams } from '../../../src/params/staking.js';
import { PosChain, type ProducedBlock } from '../../../src/testing/pos.js';
import { assertPosInvariants } from '../../../src/testing/pos-invariants.js';
import { eventsOf } from '../../../src/testing/issuance.js';
import { testKeys } from '../../../src/testing/keys.js';
import { balanceOf, getAccount } from '../../../src/state/modules/accounts/method.js';
import { activeSetAt, getValidator, sharesOf as stakeShares, STAKING_POOL_ACCOUNT } from '../../../src/state/modules/staking/method.js';
import { poolHoldings, poolStateOf } from '../../../src/state/modules/staking-pool/method.js';
import { DepositParams, HarvestParams, RegisterOperatorParams, WithdrawParams } from '../../../src/state/modules/staking-pool/schemas.js';
import { DepositedEvent, HarvestedEvent, RateLoweredEvent, ValidatorFundedEvent, WithdrawalPaidEvent, WithdrawalRequestedEvent } from '../../../src/state/modules/staking-pool/events.js';
import { SlashedEvent, UnbondingSlashedEvent } from '../../../src/state/modules/staking/events.js';
import { TransferParams } from '../../../src/state/modules/bank/schemas.js';
import { TransferEvent } from '../../../src/state/modules/bank/events.js';
import type { PreparedTx } from '../../../src/primitives/tx.js';
import type { EventRecord } from '../../../src/state/events.js';

const C = ONE_COIN;
const RUNS = Number(process.env.COINWORKS_POS_RUNS ?? 12);
const hex = bytesToHex;
const N_USER = 4;
const ECONOMICS: ProofOfStakeParams = {
  ...POS_DEVNET_ECONOMICS,
  staking: { ...POS_DEVNET_ECONOMICS.staking, unbondingPeriod: 90 },
  slashing: { ...POS_DEVNET_ECONOMICS.slashing, signedBlocksWindow: 8 },
};

type Op =
  | { k: 'deposit'; u: number; amount: bigint }
  | { k: 'withdraw'; u: number; ppm: number }
  | { k: 'transfer'; u: number; to: number; ppm: number }
  | { k: 'harvest'; u: number };
interface Step {
  readonly dt: number;
  /** Pool validators (by funding order) left out of the signers. */
  readonly absent: number;
  readonly evidence: { pick: number; age: number } | null;
  readonly ops: Op[];
}
const u = fc.integer({ min: 0, max: N_USER - 1 });
const ppm = fc.integer({ min: 1, max: 1_000_000 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ k: fc.constant('deposit' as const), u, amount: fc.oneof(fc.constant(C / 100n), fc.bigInt({ min: C / 100n, max: 40n * C })) }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('withdraw' as const), u, ppm }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('transfer' as const), u, to: u, ppm }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('harvest' as const), u }) },
);
const step: fc.Arbitrary<Step> = fc.record({
  dt: fc.oneof({ weight: 4, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 2, max: 50 }) }),
  absent: fc.oneof({ weight: 4, arbitrary: fc.constant(-1) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 3 }) }),
  evidence: fc.oneof({ weight: 15, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.record({ pick: fc.integer({ min: 0, max: 3 }), age: fc.integer({ min: 1, max: 3 }) }) }),
  ops: fc.array(op, { maxLength: 4 }),
});

/** The reference ledger. */
class NaivePool {
  pooled = 0n;
  totalShares = 0n;
  readonly shares = new Map<string, bigint>();
  readonly tickets: Array<{ user: string; amount: bigint }> = [];

  harvested(e: { rewards: bigint; fee: bigint }): void {
    this.pooled += e.rewards - e.fee;
  }
  deposited(user: string, amount: bigint, shares: bigint): void {
    const expected = this.totalShares === 0n ? amount : (amount * this.totalShares) / this.pooled;
    assert.equal(shares, expected, 'shares bought at floor(amount x shares / pooled), 1:1 when empty');
    this.pooled += amount;
    this.totalShares += shares;
    this.shares.set(user, (this.shares.get(user) ?? 0n) + shares);
  }
  withdrawn(user: string, shares: bigint, amount: bigint): void {
    assert.equal(amount, (shares * this.pooled) / this.totalShares, 'redeemed at floor(shares x pooled / shares)');
    this.pooled -= amount;
    this.totalShares -= shares;
    this.shares.set(user, this.shares.get(user)! - shares);
    if (amount > 0n) this.tickets.push({ user, amount });
  }
  transferred(from: string, to: string, shares: bigint): void {
    this.shares.set(from, this.shares.get(from)! - shares);
    this.shares.set(to, (this.shares.get(to) ?? 0n) + shares);
  }
  slashed(before: bigint, after: bigint, expectedLoss: bigint): void {
    assert.equal(before, this.pooled, 'pooled before the slash');
    assert.equal(before - after, expectedLoss, "the pool lost exactly its part of the slash");
    this.pooled = after;
  }
  paid(user: string, amount: bigint): void {
    const t = this.tickets.shift();
    assert.ok(t, 'a ticket was paid that nobody asked for');
    assert.deepEqual([user, amount], [t.user, t.amount], 'tickets are paid in order, in full');
  }
}

/** What the pool's delegation to `v` is worth at `tokens` (the validator's shares do not change in a slash). */
function poolValueAt(shares: bigint, total: bigint, tokens: bigint): bigint {
  return total === 0n ? 0n : (shares * tokens) / total;
}

async function runPlan(steps: readonly Step[]): Promise<void> {
  const c = await PosChain.create({ economics: ECONOMICS, validators: 3, selfStake: 40n * C, users: N_USER, userFund: 1_000n * C });
  const naive = new NaivePool();
  const opKeys = testKeys(4, 'pool property consensus');
  const operatorTx = opKeys.map((k, i) => c.tx(c.users[i % N_USER], 'staking-pool', 'registerOperator', RegisterOperatorParams, { publicKey: k.publicKey }));
  await c.send(...operatorTx);
  const funded: Uint8Array[] = [];
  for (const st of steps) {
    // Transactions from the state now.
    const txs: PreparedTx[] = [];
    const id = poolStateOf(c.state).assetId;
    for (const o of st.ops) {
      const k = c.users[o.u];
      const held = balanceOf(getAccount(c.state, k.address), id);
      if (o.k === 'deposit') txs.push(c.tx(k, 'staking-pool', 'deposit', DepositParams, { amount: o.amount }));
      else if (o.k === 'withdraw' && held > 0n) txs.push(c.tx(k, 'staking-pool', 'withdraw', WithdrawParams, { shares: (held * BigInt(o.ppm)) / 1_000_000n || 1n }));
      else if (o.k === 'transfer' && held > 0n && o.to !== o.u) {
        txs.push(c.tx(k, 'bank', 'transfer', TransferParams, { to: c.users[o.to].address, assetId: id, amount: (held * BigInt(o.ppm)) / 1_000_000n || 1n, memo: new Uint8Array(0) }));
      } else if (o.k === 'harvest') txs.push(c.tx(k, 'staking-pool', 'harvest', HarvestParams, {}));
    }
    c.resetNonces();
    const set = activeSetAt(c.state, c.height).validators.map((m) => m.address);
    const absent = st.absent >= 0 ? funded[st.absent] : undefined;
    const signers = set.filter((a) => !absent || hex(a) !== hex(absent));
    const target = st.evidence ? funded[st.evidence.pick] : undefined;
    const evidence = target && c.height + 1n > BigInt(st.evidence!.age) ? [{ validator: target, height: c.height + 1n - BigInt(st.evidence!.age) }] : [];
    // The pool's shares of each validator before the block (a slash changes tokens, not shares).
    const poolShares = new Map(funded.map((v) => [hex(v), { mine: stakeShares(c.state, STAKING_POOL_ACCOUNT, v), total: getValidator(c.state, v)!.shares }]));
    const ratioBefore = { pooled: poolHoldings(c.state).pooled, shares: poolStateOf(c.state).totalShares };
    const b = await c.produce({ txs, signers, evidence, dt: st.dt, requireAll: false });
    reconcile(naive, b, poolShares);
    for (const f of [...b.blockEvents, ...b.receipts.flatMap((r) => r.events)]) if (f.name === 'validatorFunded') funded.push(eventsOf([f], ValidatorFundedEvent)[0].validator);
    // The ledger and the pool agree to the base unit.
    const h = poolHoldings(c.state);
    assert.equal(h.pooled, naive.pooled, 'pooled (idle + staked + unbonding - owed) = the flow ledger');
    assert.equal(poolStateOf(c.state).totalShares, naive.totalShares);
    for (const k of c.users) assert.equal(balanceOf(getAccount(c.state, k.address), id), naive.shares.get(hex(k.address)) ?? 0n, 'shares of each user');
    let claims = 0n;
    for (const k of c.users) claims += ((naive.shares.get(hex(k.address)) ?? 0n) * h.pooled) / (naive.totalShares || 1n);
    assert.ok(claims <= h.pooled && h.pooled - claims <= BigInt(N_USER), 'holders can redeem what is pooled, less under one unit each');
    const lowered = eventsOf(b.blockEvents, RateLoweredEvent).length > 0;
    if (!lowered && ratioBefore.shares > 0n && naive.totalShares > 0n) {
      assert.ok(h.pooled * ratioBefore.shares >= ratioBefore.pooled * naive.totalShares, 'the rate never falls without a slash');
    }
    assertPosInvariants(c.state, c.economics);
  }
}

/** Applies a block's pool events in execution order: slashes (before the transactions), the transactions, then the end of the block. */
function reconcile(naive: NaivePool, b: ProducedBlock, poolShares: Map<string, { mine: bigint; total: bigint }>): void {
  const slashes = eventsOf(b.blockEvents, SlashedEvent);
  const unbondingHits = eventsOf(b.blockEvents, UnbondingSlashedEvent).filter((e) => hex(e.delegator) === hex(STAKING_POOL_ACCOUNT));
  for (const lowered of eventsOf(b.blockEvents, RateLoweredEvent)) {
    const s = slashes.find((x) => hex(x.validator) === hex(lowered.validator))!;
    const p = poolShares.get(hex(lowered.validator)) ?? { mine: 0n, total: 0n };
    const tokensBefore = s.tokensAfter + s.fromValidator;
    const fromStake = poolValueAt(p.mine, p.total, tokensBefore) - poolValueAt(p.mine, p.total, s.tokensAfter);
    const fromUnbonding = unbondingHits.filter((e) => hex(e.validator) === hex(lowered.validator)).reduce((a, e) => a + e.amount, 0n);
    naive.slashed(lowered.pooledBefore, lowered.pooledAfter, fromStake + fromUnbonding);
  }
  const apply = (events: readonly EventRecord[]) => {
    for (const e of events) {
      if (e.module !== 'staking-pool') continue;
      if (e.name === 'harvested') naive.harvested(eventsOf([e], HarvestedEvent)[0]);
      else if (e.name === 'deposited') {
        const d = eventsOf([e], DepositedEvent)[0];
        naive.deposited(hex(d.user), d.amount, d.shares);
      } else if (e.name === 'withdrawalRequested') {
        const w = eventsOf([e], WithdrawalRequestedEvent)[0];
        naive.withdrawn(hex(w.user), w.shares, w.amount);
      } else if (e.name === 'withdrawalPaid') {
        const w = eventsOf([e], WithdrawalPaidEvent)[0];
        naive.paid(hex(w.user), w.amount);
      }
    }
  };
  for (const r of b.receipts) {
    apply(r.events);
    // Share transfers (bank.transfer of the share asset) move shares exactly.
    for (const t of eventsOf(r, TransferEvent)) if (t.assetId !== 0) naive.transferred(hex(t.from), hex(t.to), t.amount);
  }
  apply(b.blockEvents.filter((e) => e.name !== 'rateLowered'));
}

test(`the staking pool's shares and exchange rate equal a naive ledger to the base unit; the rate falls only with a slash (${RUNS} runs)`, async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 10, maxLength: 30 }), async (steps) => runPlan(steps)),
    { numRuns: RUNS },
  );
});
