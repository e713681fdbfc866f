/**
 * Whole-state invariants of the proof-of-stake modules, checked in tests after every block. They
 * recompute from every record (iterating the state, which consensus code never does) what the
 * modules keep as running totals, and compare to the base unit:
 * - distribution: minted by staking + tips collected = paid out + outstanding + community pool
 *   (tax, split remainders, unclaimable periods, dust); the distribution account holds exactly
 *   the outstanding rewards and unallocated tips; no validator owes more than it holds;
 * - staking: the bonded pool holds every validator's tokens and every unbonding balance; each
 *   validator's shares are the sum of its delegations; the totals match the records;
 * - staking pool: shares in existence = the share token's supply;
 * - supply: every native coin in an account equals the supply ledger's total.
 */
import { decode } from '../encoding/codec.js';
import { bytesToHex } from '../encoding/hex.js';
import type { ProofOfStakeParams } from '../params/staking.js';
import type { StateReader } from '../state/state-view.js';
import { stringToKey } from '../state/keys.js';
import { Account, accountStore, NATIVE_ASSET } from '../state/modules/accounts/stores.js';
import { balanceOf, getAccount } from '../state/modules/accounts/method.js';
import { supplyOf } from '../state/modules/supply/method.js';
import { assetSupply } from '../state/modules/assets/method.js';
import { minterOf } from '../state/modules/mint/method.js';
import { distributionTotals, pendingRewards, validatorRewardsOf } from '../state/modules/distribution/method.js';
import { BONDED_POOL, COMMUNITY_POOL, DISTRIBUTION_ACCOUNT, listValidators, stakingTotals } from '../state/modules/staking/method.js';
import { Delegation, delegationStore, Unbonding, unbondingStore } from '../state/modules/staking/stores.js';
import { poolStateOf } from '../state/modules/staking-pool/method.js';

/** A state that can also be iterated (the in-memory world state). */
export interface IterableState extends StateReader {
  entries(prefix?: string): Iterable<[string, Uint8Array]>;
}

/** The distribution ledger: both sides of the invariant. */
export interface DistributionLedger {
  readonly minted: bigint;
  readonly feesCollected: bigint;
  readonly paidOut: bigint;
  readonly outstanding: bigint;
  readonly feePool: bigint;
  /** Everything sent to the community pool by distribution: tax, split remainders, unclaimable, dust. */
  readonly remainder: bigint;
}

/** Both sides of "minted by staking + fees distributed = paid out + outstanding + remainder". */
export function distributionLedger(state: IterableState, p: ProofOfStakeParams): DistributionLedger {
  const t = distributionTotals(state);
  let outstanding = 0n;
  for (const v of listValidators(state)) outstanding += validatorRewardsOf(state, v.address).outstanding;
  return {
    minted: minterOf(state, p.mint).totalMinted,
    feesCollected: t.feesCollected,
    paidOut: t.paidDelegators + t.paidCommission,
    outstanding,
    feePool: t.feePool,
    remainder: t.communityTax + t.allocationRemainder + t.unclaimable + t.dust,
  };
}

/** Every violated invariant, described (empty when all hold). `communityPoolExternal` is what others sent the community pool. */
export function posViolations(state: IterableState, p: ProofOfStakeParams, o: { communityPoolExternal?: bigint } = {}): string[] {
  const out: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) out.push(what);
  };
  const bal = (a: Uint8Array) => balanceOf(getAccount(state, a), NATIVE_ASSET);
  const L = distributionLedger(state, p);
  const t = distributionTotals(state);
  check(L.minted === t.provisionAllocated, `minted ${L.minted} != allocated ${t.provisionAllocated}`);
  const left = L.minted + L.feesCollected;
  const right = L.paidOut + L.outstanding + L.feePool + L.remainder;
  check(left === right, `minted + fees ${left} != paid + outstanding + fee pool + remainder ${right} (${JSON.stringify(L, (_, v) => (typeof v === 'bigint' ? v.toString() : v))})`);
  check(bal(DISTRIBUTION_ACCOUNT) === L.outstanding + L.feePool, `distribution account ${bal(DISTRIBUTION_ACCOUNT)} != outstanding + fee pool ${L.outstanding + L.feePool}`);
  check(bal(COMMUNITY_POOL) === L.remainder + (o.communityPoolExternal ?? 0n), `community pool ${bal(COMMUNITY_POOL)} != remainders ${L.remainder}`);

  // Staking records against the totals and the bonded pool.
  const validators = listValidators(state);
  const sharesByValidator = new Map<string, bigint>();
  const delegations: Array<{ delegator: Uint8Array; validator: Uint8Array }> = [];
  for (const [k, raw] of state.entries(delegationStore.prefix)) {
    const key = stringToKey(k.slice(delegationStore.prefix.length));
    const validator = key.slice(20);
    const h = bytesToHex(validator);
    sharesByValidator.set(h, (sharesByValidator.get(h) ?? 0n) + decode(Delegation, raw).shares);
    delegations.push({ delegator: key.slice(0, 20), validator });
  }
  let staked = 0n;
  let bonded = 0n;
  for (const v of validators) {
    staked += v.tokens;
    if (v.bonded) bonded += v.tokens;
    check((sharesByValidator.get(bytesToHex(v.address)) ?? 0n) === v.shares, `validator ${bytesToHex(v.address)} shares ${v.shares} != sum of delegations ${sharesByValidator.get(bytesToHex(v.address)) ?? 0n}`);
    check(v.shares > 0n || v.tokens === 0n, `validator ${bytesToHex(v.address)} has tokens without shares`);
  }
  let unbonding = 0n;
  for (const [, raw] of state.entries(unbondingStore.prefix)) for (const e of decode(Unbonding, raw).entries) unbonding += e.balance;
  const totals = stakingTotals(state);
  check(totals.staked === staked, `staking totals: staked ${totals.staked} != sum of tokens ${staked}`);
  check(totals.unbonding === unbonding, `staking totals: unbonding ${totals.unbonding} != sum of entries ${unbonding}`);
  check(totals.bonded === bonded, `staking totals: bonded ${totals.bonded} != tokens of bonded validators ${bonded}`);
  check(bal(BONDED_POOL) === staked + unbonding, `bonded pool ${bal(BONDED_POOL)} != staked + unbonding ${staked + unbonding}`);

  // No validator owes its delegators and operator more than it holds.
  const owed = new Map<string, bigint>();
  for (const d of delegations) {
    const r = pendingRewards(state, d.delegator, d.validator);
    const h = bytesToHex(d.validator);
    owed.set(h, (owed.get(h) ?? 0n) + r.provision + r.tip);
  }
  for (const v of validators) {
    const r = validatorRewardsOf(state, v.address);
    const due = r.commission + (owed.get(bytesToHex(v.address)) ?? 0n);
    check(due <= r.outstanding, `validator ${bytesToHex(v.address)} owes ${due} but holds ${r.outstanding}`);
  }

  // The staking pool's shares are its token's supply.
  const pool = poolStateOf(state);
  if (pool.assetId !== 0) check(assetSupply(state, pool.assetId).total === pool.totalShares, `pool shares ${pool.totalShares} != share token supply ${assetSupply(state, pool.assetId).total}`);

  // Every native coin is in an account, and the ledger agrees.
  let held = 0n;
  for (const [, raw] of state.entries(accountStore.prefix)) held += balanceOf(decode(Account, raw), NATIVE_ASSET);
  check(held === supplyOf(state, NATIVE_ASSET).total, `native coins held ${held} != supply ledger ${supplyOf(state, NATIVE_ASSET).total}`);
  return out;
}

/** Throws with every violation when any proof-of-stake invariant fails. */
export function assertPosInvariants(state: IterableState, p: ProofOfStakeParams, o: { communityPoolExternal?: bigint } = {}): void {
  const v = posViolations(state, p, o);
  if (v.length > 0) throw new Error(`proof-of-stake invariants violated:\n  ${v.join('\n  ')}`);
}
