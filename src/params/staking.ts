/**
 * Proof-of-stake economics parameters (Cosmos x/staking, x/slashing, x/distribution, x/mint and a
 * Kele Pool / Rocket Pool style staking pool). They sit beside `networks.ts` so a BFT network's
 * `params.consensus` can carry them; the state modules receive them through their factory
 * (`proofOfStakeModules(economics)`), never by opening `params.consensus`. Amounts are base units
 * (1 CWC = 10^8), times seconds of block time, rates fixed-point with 18 decimals (util/decimal.ts:
 * 10^18 = 100%).
 */

const COIN = 100_000_000n;
/** 1% as an 18-decimal fixed-point rate. */
const PERCENT = 10n ** 16n;
/** Seconds in a Julian year (365.25 days): blocks per year = this / block time. */
export const SECONDS_PER_YEAR = 31_557_600;

/** Validators, delegation and unbonding (x/staking). */
export interface StakingParams {
  /** Size of the active set: the top N validators by power at the end of each block. */
  readonly maxValidators: number;
  /** Self-stake a validator needs to register and to stay unjailed (Ethereum's 32). */
  readonly minSelfStake: bigint;
  /** Seconds an undelegation or redelegation stays slashable before it completes or matures. */
  readonly unbondingPeriod: number;
  /** Most unbonding entries per (delegator, validator) and redelegation entries per (delegator, source, destination). */
  readonly maxEntries: number;
  /** Base units of stake per unit of voting power (Cosmos's PowerReduction). */
  readonly powerReduction: bigint;
  /** Seconds between two commission changes of one validator (Cosmos: 24 h). */
  readonly commissionChangeInterval: number;
}

/** Liveness and equivocation punishments (x/slashing). */
export interface SlashingParams {
  /** Blocks in the rolling window of signatures. */
  readonly signedBlocksWindow: number;
  /** Fraction of the window a validator must sign (rate). */
  readonly minSignedPerWindow: bigint;
  /** Seconds a downtime jail lasts. */
  readonly downtimeJailDuration: number;
  /** Fraction of the stake at the infraction burned for a duplicate vote (rate). */
  readonly slashFractionDoubleSign: bigint;
  /** Fraction burned for downtime (rate). */
  readonly slashFractionDowntime: bigint;
}

/** Reward distribution (x/distribution F1). */
export interface DistributionParams {
  /** Share of every block's rewards sent to the community pool before validators (rate). */
  readonly communityTax: bigint;
}

/** Inflation (x/mint). */
export interface MintParams {
  /** Inflation of the first block (rate per year). */
  readonly inflationInitial: bigint;
  readonly inflationMin: bigint;
  readonly inflationMax: bigint;
  /** Most the inflation may move in a year (rate per year), scaled by the distance from the goal. */
  readonly inflationRateChange: bigint;
  /** Bonded ratio the inflation steers to (rate). */
  readonly goalBonded: bigint;
  /** Expected blocks per year (the block time of the network). */
  readonly blocksPerYear: bigint;
}

/** The staking pool (Kele Pool / Rocket Pool). */
export interface StakingPoolParams {
  /** Smallest deposit (0.01 CWC). */
  readonly minDeposit: bigint;
  /** Stake of each validator the pool funds (and the operator queue's unit). */
  readonly validatorStake: bigint;
  /** Share of the pool's rewards paid to node operators (rate). */
  readonly feeRate: bigint;
  /**
   * Most validators the pool runs at once (every deposit and withdrawal harvests each of them, so
   * this bounds their work; deposits beyond it wait idle, as in Rocket Pool's capped deposit pool).
   */
  readonly maxValidators: number;
  /** Symbol and name of the share token (an asset of the assets module). */
  readonly shareSymbol: string;
  readonly shareName: string;
}

/** A validator bonded at genesis from its operator's genesis allocation. */
export interface GenesisValidator {
  /** Operator account (bech32m): pays the self-stake, edits and unjails. */
  readonly operator: string;
  /** Compressed secp256k1 consensus key (hex, 33 bytes); the validator's address derives from it. */
  readonly consensusPublicKey: string;
  readonly selfStake: bigint;
  readonly commission: { readonly rate: bigint; readonly maxRate: bigint; readonly maxChangeRate: bigint };
  /** Where commission goes (bech32m); the operator when absent. */
  readonly rewardAddress?: string;
}

/** Every economics parameter of a proof-of-stake network. */
export interface ProofOfStakeParams {
  readonly staking: StakingParams;
  readonly slashing: SlashingParams;
  readonly distribution: DistributionParams;
  readonly mint: MintParams;
  readonly pool: StakingPoolParams;
  readonly genesisValidators: readonly GenesisValidator[];
}

/**
 * The proof-of-stake devnet (1 s blocks). The APR a delegator earns is
 * inflation x (1 - communityTax) x (1 - commission) / bondedRatio; with inflation held in
 * [4%, 10%] this stays inside the seeds' 4-20% band for any bonded ratio in [50%, 70%] and any
 * commission in [0, 20%]: the lowest case is 4% x 0.98 x 0.8 / 0.7 = 4.48%, the highest
 * 10% x 0.98 / 0.5 = 19.6% (test/state/staking/apr.test.ts checks the corners and a run).
 */
export const POS_DEVNET_ECONOMICS: ProofOfStakeParams = {
  staking: {
    maxValidators: 100,
    minSelfStake: 32n * COIN,
    unbondingPeriod: 5 * 60,
    maxEntries: 7,
    powerReduction: COIN,
    commissionChangeInterval: 24 * 60 * 60,
  },
  slashing: {
    signedBlocksWindow: 100,
    minSignedPerWindow: 50n * PERCENT,
    downtimeJailDuration: 10 * 60,
    slashFractionDoubleSign: 5n * PERCENT,
    slashFractionDowntime: 1n * PERCENT,
  },
  distribution: { communityTax: 2n * PERCENT },
  mint: {
    inflationInitial: 7n * PERCENT,
    inflationMin: 4n * PERCENT,
    inflationMax: 10n * PERCENT,
    inflationRateChange: 7n * PERCENT,
    goalBonded: 60n * PERCENT,
    blocksPerYear: BigInt(SECONDS_PER_YEAR),
  },
  pool: {
    minDeposit: COIN / 100n,
    validatorStake: 32n * COIN,
    feeRate: 10n * PERCENT,
    maxValidators: 64,
    shareSymbol: 'STCWC',
    shareName: 'Staked CWC (staking pool shares)',
  },
  genesisValidators: [],
};

/** A public proof-of-stake test network: Cosmos's 21-day unbonding, 5 s blocks. */
export const POS_TESTNET_ECONOMICS: ProofOfStakeParams = {
  ...POS_DEVNET_ECONOMICS,
  staking: { ...POS_DEVNET_ECONOMICS.staking, unbondingPeriod: 21 * 24 * 60 * 60 },
  mint: { ...POS_DEVNET_ECONOMICS.mint, blocksPerYear: BigInt(SECONDS_PER_YEAR / 5) },
};

/** The same economics with these genesis validators. */
export function withGenesisValidators(p: ProofOfStakeParams, genesisValidators: readonly GenesisValidator[]): ProofOfStakeParams {
  return { ...p, genesisValidators: [...genesisValidators] };
}
