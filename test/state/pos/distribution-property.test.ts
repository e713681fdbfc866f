/**
 * Property test of reward distribution against a naive reference. fast-check drives random blocks
 * on a real chain: delegations, undelegations, redelegations, cancelled unbondings, claims,
 * commission claims and changes, operators leaving, random parent signers (downtime slashes with a
 * short window), duplicate-vote evidence (5% slashes) and time jumps (unbondings and redelegations
 * completing). The reference knows nothing of F1: for every block it takes the provision and the
 * previous block's tips, applies the same integer allocation rules (tax, pro rata by power among
 * the signers, commission floors), and then, by brute force, credits every delegation its exact
 * share (a rational) of its validator's delegator part, by its shares at the start of the block.
 * Every payout must equal the floor of what the reference accrued since the last payout, to the
 * base unit; every pending amount, commission and the community pool (tax, remainders, periods
 * without shares and the dust of the dropped fractions) must match; the invariants must hold after
 * every block. COINWORKS_POS_RUNS sets the number of runs (default 12; `npm run test:pos-long`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decode } from '../../../src/encoding/codec.js';
import { bytesToHex } from '../../../src/encoding/hex.js';
import { ONE_COIN } from '../../../src/params/networks.js';
import { POS_DEVNET_ECONOMICS, type ProofOfStakeParams } from '../../../src/params/staking.js';
import { mulDivFloor, mulRateFloor } from '../../../src/util/decimal.js';
import { stringToKey } from '../../../src/state/keys.js';
import { PosChain, type ProducedBlock } from '../../../src/testing/pos.js';
import { assertPosInvariants } from '../../../src/testing/pos-invariants.js';
import { eventsOf } from '../../../src/testing/issuance.js';
import { balanceOf, getAccount } from '../../../src/state/modules/accounts/method.js';
import { activeSetAt, COMMUNITY_POOL, delegationValue, getValidator, listValidators, unbondingEntries } from '../../../src/state/modules/staking/method.js';
import { Delegation, delegationStore } from '../../../src/state/modules/staking/stores.js';
import { commissionOf, pendingRewards } from '../../../src/state/modules/distribution/method.js';
import { AllocatedEvent, CommissionPaidEvent, RewardsPaidEvent, ToCommunityPoolEvent } from '../../../src/state/modules/distribution/events.js';
import { MintedEvent } from '../../../src/state/modules/mint/events.js';
import { ClaimAllParams, ClaimCommissionParams, ClaimParams } from '../../../src/state/modules/distribution/schemas.js';
import { CancelUnbondingParams, DelegateParams, EditValidatorParams, RedelegateParams, UndelegateParams } from '../../../src/state/modules/staking/schemas.js';
import type { PreparedTx } from '../../../src/primitives/tx.js';
import { q, qadd, qfloor, qfrac, qsub, qwhole, ZERO, type Q } from './rational.js';

const C = ONE_COIN;
const PCT = 10n ** 16n;
const RUNS = Number(process.env.COINWORKS_POS_RUNS ?? 12);
const hex = bytesToHex;

/** Fast economics: a short downtime window, commission changes allowed every block. */
const ECONOMICS: ProofOfStakeParams = {
  ...POS_DEVNET_ECONOMICS,
  staking: { ...POS_DEVNET_ECONOMICS.staking, commissionChangeInterval: 0, unbondingPeriod: 120 },
  slashing: { ...POS_DEVNET_ECONOMICS.slashing, signedBlocksWindow: 8 },
};

type Action =
  | { k: 'delegate'; u: number; v: number; amount: bigint }
  | { k: 'undelegate'; u: number; v: number; ppm: number }
  | { k: 'redelegate'; u: number; v: number; w: number; ppm: number }
  | { k: 'cancel'; u: number; v: number; ppm: number }
  | { k: 'claim'; u: number; v: number }
  | { k: 'claimAll'; u: number }
  | { k: 'commission'; v: number }
  | { k: 'edit'; v: number; up: boolean }
  | { k: 'selfUndelegate'; v: number; ppm: number }
  | { k: 'exitAll'; v: number };

interface Step {
  readonly dt: number;
  readonly signerMask: number;
  readonly evidence: { v: number; age: number } | null;
  readonly actions: Action[];
}

const N_VAL = 3;
const N_USER = 4;
const u = fc.integer({ min: 0, max: N_USER - 1 });
const v = fc.integer({ min: 0, max: N_VAL - 1 });
const ppm = fc.integer({ min: 1, max: 1_000_000 });
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ k: fc.constant('delegate' as const), u, v, amount: fc.oneof(fc.bigInt({ min: 1n, max: 1_000n }), fc.bigInt({ min: 1n, max: 300n * C })) }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('undelegate' as const), u, v, ppm }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('redelegate' as const), u, v, w: v, ppm }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('cancel' as const), u, v, ppm }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('claim' as const), u, v }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('claimAll' as const), u }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('commission' as const), v }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('edit' as const), v, up: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('selfUndelegate' as const), v, ppm }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('exitAll' as const), v }) },
);
const step: fc.Arbitrary<Step> = fc.record({
  dt: fc.oneof({ weight: 5, arbitrary: fc.constant(1) }, { weight: 2, arbitrary: fc.integer({ min: 2, max: 60 }) }),
  signerMask: fc.oneof({ weight: 3, arbitrary: fc.constant(7) }, { weight: 2, arbitrary: fc.integer({ min: 0, max: 7 }) }),
  evidence: fc.oneof({ weight: 24, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.record({ v, age: fc.integer({ min: 1, max: 3 }) }) }),
  actions: fc.array(action, { maxLength: 4 }),
});

/** Shares of every delegation and each validator's shares and commission rate, at one moment. */
interface Snapshot {
  readonly validators: Map<string, { shares: bigint; rate: bigint }>;
  readonly delegations: Array<{ d: string; v: string; shares: bigint }>;
}

function snapshot(c: PosChain): Snapshot {
  const validators = new Map(listValidators(c.state).map((x) => [hex(x.address), { shares: x.shares, rate: x.commission.rate }]));
  const delegations: Snapshot['delegations'] = [];
  for (const [k, raw] of c.state.entries(delegationStore.prefix)) {
    const key = stringToKey(k.slice(delegationStore.prefix.length));
    delegations.push({ d: hex(key.slice(0, 20)), v: hex(key.slice(20)), shares: decode(Delegation, raw).shares });
  }
  return { validators, delegations };
}

/** The naive reference: exact accruals per delegation, integer commission and community pool. */
class Naive {
  readonly accrued = new Map<string, { p: Q; t: Q }>();
  readonly dust = new Map<string, Q>();
  readonly noShares = new Map<string, bigint>();
  readonly commission = new Map<string, bigint>();
  communityPool = 0n;
  tips = 0n;

  constructor(readonly p: ProofOfStakeParams) {}

  private acc(d: string, v: string): { p: Q; t: Q } {
    const key = `${d}|${v}`;
    let a = this.accrued.get(key);
    if (!a) this.accrued.set(key, (a = { p: ZERO, t: ZERO }));
    return a;
  }

  /** Block `height`'s allocation, from the state before it. */
  allocate(s: Snapshot, height: bigint, provision: bigint, set: ReadonlyArray<{ address: Uint8Array; power: bigint }>, signers: readonly Uint8Array[]): void {
    const tips = this.tips;
    this.tips = 0n;
    if (provision === 0n && tips === 0n) return;
    const signed = new Set(signers.map(hex));
    const members = height > 1n ? set.filter((m) => signed.has(hex(m.address))) : [];
    const power = members.reduce((a, m) => a + m.power, 0n);
    const taxP = mulRateFloor(provision, this.p.distribution.communityTax);
    const taxT = mulRateFloor(tips, this.p.distribution.communityTax);
    const netP = provision - taxP;
    const netT = tips - taxT;
    let given = 0n;
    for (const m of power > 0n ? members : []) {
      const vh = hex(m.address);
      const rp = mulDivFloor(netP, m.power, power);
      const rt = mulDivFloor(netT, m.power, power);
      given += rp + rt;
      const val = s.validators.get(vh)!;
      const cp = mulRateFloor(rp, val.rate);
      const ct = mulRateFloor(rt, val.rate);
      this.commission.set(vh, (this.commission.get(vh) ?? 0n) + cp + ct);
      // Brute force: every delegation of the validator gets its exact pro-rata share.
      if (val.shares === 0n) {
        this.noShares.set(vh, (this.noShares.get(vh) ?? 0n) + rp - cp + rt - ct);
        continue;
      }
      for (const dl of s.delegations) {
        if (dl.v !== vh) continue;
        const a = this.acc(dl.d, vh);
        a.p = qadd(a.p, q((rp - cp) * dl.shares, val.shares));
        a.t = qadd(a.t, q((rt - ct) * dl.shares, val.shares));
      }
    }
    this.communityPool += taxP + taxT + (netP + netT - given);
  }

  /** A payout event: it must be the floor of what accrued; the fraction is dropped (dust). */
  paid(d: string, v: string, provision: bigint, tip: bigint): void {
    const a = this.acc(d, v);
    assert.equal(provision, qfloor(a.p), `provision paid to ${d.slice(0, 8)} by ${v.slice(0, 8)}`);
    assert.equal(tip, qfloor(a.t), `tip paid to ${d.slice(0, 8)} by ${v.slice(0, 8)}`);
    this.dust.set(v, qadd(this.dust.get(v) ?? ZERO, qadd(qfrac(a.p), qfrac(a.t))));
    this.accrued.delete(`${d}|${v}`);
  }

  commissionPaid(v: string, amount: bigint): void {
    assert.equal(amount, this.commission.get(v) ?? 0n, 'commission paid');
    this.commission.set(v, 0n);
  }

  toPool(v: string, amount: bigint, reason: number): void {
    if (reason === 0) {
      assert.equal(amount, this.noShares.get(v) ?? 0n, 'rewards of a period without shares');
      this.noShares.set(v, 0n);
    } else {
      const dust = this.dust.get(v) ?? ZERO;
      assert.ok(qwhole(dust), 'the dropped fractions of a validator add up to whole units');
      assert.equal(amount, qfloor(dust), 'dust swept = every fraction the payouts dropped');
      this.dust.set(v, qsub(dust, q(amount)));
    }
    this.communityPool += amount;
  }
}

/** Builds the transactions of `actions` from the state now. */
function txsOf(c: PosChain, actions: readonly Action[]): PreparedTx[] {
  const out: PreparedTx[] = [];
  for (const a of actions) {
    const val = (i: number) => c.validators[i];
    switch (a.k) {
      case 'delegate':
        out.push(c.tx(c.users[a.u], 'staking', 'delegate', DelegateParams, { validator: val(a.v), amount: a.amount }));
        break;
      case 'undelegate':
      case 'redelegate': {
        const value = delegationValue(c.state, c.users[a.u].address, val(a.v));
        const amount = (value * BigInt(a.ppm)) / 1_000_000n || 1n;
        if (a.k === 'undelegate') out.push(c.tx(c.users[a.u], 'staking', 'undelegate', UndelegateParams, { validator: val(a.v), amount }));
        else out.push(c.tx(c.users[a.u], 'staking', 'redelegate', RedelegateParams, { src: val(a.v), dst: val(a.w), amount }));
        break;
      }
      case 'cancel': {
        const e = unbondingEntries(c.state, c.users[a.u].address, val(a.v)).at(-1);
        if (!e) break;
        const amount = (e.balance * BigInt(a.ppm)) / 1_000_000n || 1n;
        out.push(c.tx(c.users[a.u], 'staking', 'cancelUnbonding', CancelUnbondingParams, { validator: val(a.v), creationHeight: e.creationHeight, amount }));
        break;
      }
      case 'claim':
        out.push(c.tx(c.users[a.u], 'distribution', 'claim', ClaimParams, { validator: val(a.v) }));
        break;
      case 'claimAll':
        out.push(c.tx(c.users[a.u], 'distribution', 'claimAll', ClaimAllParams, {}));
        break;
      case 'commission':
        out.push(c.tx(c.operators[a.v], 'distribution', 'claimCommission', ClaimCommissionParams, { validator: val(a.v) }));
        break;
      case 'edit': {
        const rate = getValidator(c.state, val(a.v))!.commission.rate;
        const next = a.up ? rate + PCT / 3n : rate > PCT / 3n ? rate - PCT / 3n : 0n;
        out.push(c.tx(c.operators[a.v], 'staking', 'editValidator', EditValidatorParams, { validator: val(a.v), commissionRate: next, rewardAddress: null }));
        break;
      }
      case 'exitAll': {
        // Every delegator leaves the validator: its last delegation goes, and with it the dust.
        for (const k of [...c.users, c.operators[a.v]]) {
          const value = delegationValue(c.state, k.address, val(a.v));
          if (value > 0n) out.push(c.tx(k, 'staking', 'undelegate', UndelegateParams, { validator: val(a.v), amount: value }));
        }
        break;
      }
      case 'selfUndelegate': {
        const value = delegationValue(c.state, c.operators[a.v].address, val(a.v));
        const amount = (value * BigInt(a.ppm)) / 1_000_000n || 1n;
        out.push(c.tx(c.operators[a.v], 'staking', 'undelegate', UndelegateParams, { validator: val(a.v), amount }));
        break;
      }
    }
  }
  return out;
}

/** Checks every event of a block against the reference (allocation first: it runs before everything else). */
function reconcile(naive: Naive, b: ProducedBlock): void {
  const events = [...b.blockEvents, ...b.receipts.flatMap((r) => r.events)];
  for (const e of eventsOf(events, RewardsPaidEvent)) naive.paid(hex(e.delegator), hex(e.validator), e.provision, e.tip);
  for (const e of eventsOf(events, CommissionPaidEvent)) naive.commissionPaid(hex(e.validator), e.amount);
  for (const e of eventsOf(events, ToCommunityPoolEvent)) naive.toPool(hex(e.validator), e.amount, e.reason);
  naive.tips = b.receipts.reduce((a, r) => a + r.tip, 0n);
}

/** Pending rewards, commission and the community pool agree with the reference. */
function compareState(c: PosChain, naive: Naive): void {
  for (const dl of snapshot(c).delegations) {
    const a = naive.accrued.get(`${dl.d}|${dl.v}`) ?? { p: ZERO, t: ZERO };
    const pending = pendingRewards(c.state, Buffer.from(dl.d, 'hex'), Buffer.from(dl.v, 'hex'));
    assert.deepEqual([pending.provision, pending.tip], [qfloor(a.p), qfloor(a.t)], `pending of ${dl.d.slice(0, 8)} at ${dl.v.slice(0, 8)}`);
  }
  for (const x of listValidators(c.state)) assert.equal(commissionOf(c.state, x.address), naive.commission.get(hex(x.address)) ?? 0n, 'commission accrued');
  assert.equal(balanceOf(getAccount(c.state, COMMUNITY_POOL), 0), naive.communityPool, 'community pool');
}

/** Every user's first delegations (amounts by user and validator). */
const opening = fc.array(fc.array(fc.bigInt({ min: 1n, max: 500n * C }), { minLength: N_VAL, maxLength: N_VAL }), { minLength: N_USER, maxLength: N_USER });

async function runPlan(first: readonly (readonly bigint[])[], steps: readonly Step[]): Promise<void> {
  const c = await PosChain.create({ economics: ECONOMICS, validators: N_VAL, users: N_USER, selfStake: 40n * C, commissions: [0n, 5n * PCT, 17n * PCT] });
  const naive = new Naive(c.economics);
  const open: Step = { dt: 1, signerMask: 7, evidence: null, actions: first.flatMap((row, i) => row.map((amount, j) => ({ k: 'delegate' as const, u: i, v: j, amount }))) };
  for (const st of [open, ...steps]) {
    const before = snapshot(c);
    const height = c.height + 1n;
    const set = height > 1n ? activeSetAt(c.state, height - 1n).validators : [];
    const signers = set.filter((_, i) => (st.signerMask >> i) & 1).map((m) => m.address);
    const evidence = st.evidence && height > BigInt(st.evidence.age) ? [{ validator: c.validators[st.evidence.v], height: height - BigInt(st.evidence.age) }] : [];
    const txs = txsOf(c, st.actions);
    c.resetNonces();
    const b = await c.produce({ txs, signers, evidence, dt: st.dt, requireAll: false });
    if (b.receipts.length !== txs.length) c.resetNonces();
    naive.allocate(before, height, eventsOf(b.blockEvents, MintedEvent)[0].provision, set, signers);
    assert.equal(eventsOf(b.blockEvents, AllocatedEvent).length > 0, true);
    reconcile(naive, b);
    compareState(c, naive);
    assertPosInvariants(c.state, c.economics);
  }
}

test(`F1 distribution equals a brute-force pro-rata reference to the base unit, the community pool accounting for every truncation (${RUNS} runs)`, async () => {
  await fc.assert(
    fc.asyncProperty(opening, fc.array(step, { minLength: 10, maxLength: 30 }), async (first, steps) => runPlan(first, steps)),
    { numRuns: RUNS },
  );
});
