/**
 * Stores of the distribution module (Cosmos x/distribution F1, with the reward ratio kept per
 * share): per validator its current period, the rewards of that period not yet folded into a
 * ratio (block provision and tips apart, so every payout keeps its cause), its commission and its
 * outstanding rewards; the cumulative ratio at the end of each period still referenced
 * (reference-counted, deleted at zero); each delegation's starting period and shares; the totals
 * the invariant checks; and each account's earnings by cause with its recent reward history.
 */
import { enumOf, list, struct, u128, u256, u32, u64, type Infer } from '../../../encoding/codec.js';
import { address } from '../../../primitives/address-codec.js';
import { Store } from '../../store.js';

/** Module name. */
export const DISTRIBUTION = 'distribution';
/**
 * Fixed-point scale of the cumulative reward ratio (reward per share x 10^48). Ratios are rounded
 * UP per period, so a payout (rounded down once, at withdrawal) never drifts below the exact share
 * and the total paid never exceeds what was allocated (see docs/proof-of-stake.md).
 */
export const RATIO_SCALE = 10n ** 48n;
/** Reward records kept per account. */
export const RECENT_REWARDS = 32;

/** A validator's distribution state. */
export const ValidatorRewards = struct('ValidatorRewards', {
  /** Current (open) period; the last ended one is period - 1. */
  period: u64,
  /** Delegators' block-provision rewards of the open period. */
  currentProvision: u128,
  /** Delegators' tip rewards of the open period. */
  currentTip: u128,
  /** Commission accumulated and not yet paid to the reward address. */
  commission: u128,
  /** Everything allocated to this validator and not yet paid (commission included). */
  outstanding: u128,
});
/** A validator's distribution state. */
export type ValidatorRewards = Infer<typeof ValidatorRewards>;

/** Cumulative reward per share (x RATIO_SCALE) at the end of a period, by cause. */
export const HistoricalRatio = struct('HistoricalRatio', { provision: u256, tip: u256, refCount: u32 });
/** A historical ratio. */
export type HistoricalRatio = Infer<typeof HistoricalRatio>;

/** Where a delegation's unpaid rewards start: the period it began after, and its shares since. */
export const StartingInfo = struct('DelegatorStartingInfo', { previousPeriod: u64, shares: u128, height: u64 });
/** A delegation's starting info. */
export type StartingInfo = Infer<typeof StartingInfo>;

/** What the invariant adds up (see `distributionInvariant` in src/testing/pos-invariants.ts). */
export const DistributionTotals = struct('DistributionTotals', {
  /** Block provisions handed out (equal to what the mint module minted). */
  provisionAllocated: u128,
  /** Tips collected from blocks. */
  feesCollected: u128,
  /** Tips collected and not yet allocated (the next block allocates them). */
  feePool: u128,
  /** Rewards paid to delegators. */
  paidDelegators: u128,
  /** Commission paid to reward addresses. */
  paidCommission: u128,
  /** Community tax. */
  communityTax: u128,
  /** Remainders of the pro-rata split among signers, and blocks without signers. */
  allocationRemainder: u128,
  /** Rewards of a period in which the validator had no shares. */
  unclaimable: u128,
  /** Rounding dust left at a validator once its last delegation is gone. */
  dust: u128,
});
/** Distribution totals. */
export type DistributionTotals = Infer<typeof DistributionTotals>;

/** Causes of a reward. */
export const RewardCause = enumOf('RewardCause', ['provision', 'tip', 'commission', 'poolFee'] as const);
/** A cause of a reward. */
export type RewardCause = Infer<typeof RewardCause>;

/** One reward paid to an account. */
export const RewardRecord = struct('RewardRecord', { height: u64, validator: address, cause: RewardCause, amount: u128 });
/** A reward record. */
export type RewardRecord = Infer<typeof RewardRecord>;

/** An account's earnings by cause, all time. */
export const Earnings = struct('Earnings', { provision: u128, tip: u128, commission: u128, poolFee: u128 });
/** Earnings by cause. */
export type Earnings = Infer<typeof Earnings>;

/** A slash as distribution saw it: the period it ended and the effective fraction. */
export const SlashRecord = struct('DistributionSlash', { height: u64, period: u64, fraction: u64 });

/** Validator distribution state by validator address. */
export const validatorRewardsStore = new Store(DISTRIBUTION, 'validator', ValidatorRewards);
/** Historical ratios by validator | u64be(period). */
export const historicalStore = new Store(DISTRIBUTION, 'historical', HistoricalRatio);
/** Starting infos by delegator | validator. */
export const startingStore = new Store(DISTRIBUTION, 'starting', StartingInfo);
/** Totals (key `t`). */
export const totalsStore = new Store(DISTRIBUTION, 'totals', DistributionTotals);
/** Earnings by account. */
export const earningsStore = new Store(DISTRIBUTION, 'earnings', Earnings);
/** The most recent rewards of each account, oldest first. */
export const recentStore = new Store(DISTRIBUTION, 'recent', list(RewardRecord, RECENT_REWARDS));
/** The slash periods of each validator (most recent 16). */
export const slashStore = new Store(DISTRIBUTION, 'slashes', list(SlashRecord, 16));
