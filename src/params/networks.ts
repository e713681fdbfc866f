/**
 * Network parameters for every network Coinworks knows, in one file (bcoin's protocol/networks).
 * Amounts are in base units (1 CWC = 10^8 units); times in seconds; all consensus numbers are integers.
 */

import { POS_DEVNET_ECONOMICS, type ProofOfStakeParams } from './staking.js';

/** One funded account at genesis. */
export interface GenesisAllocation {
  /** bech32m address. */
  readonly address: string;
  /** Native-coin balance in base units. */
  readonly amount: bigint;
}

/** Proof-of-work rules (read only by the PoW engine, its miner and pool: consensus/pow, miner/). */
export interface PowParams {
  /** Easiest allowed target, as compact bits. */
  readonly powLimitBits: number;
  /** ASERT half-life in seconds: the difficulty doubles or halves when blocks run this far ahead or behind. */
  readonly asertHalfLife: number;
  /** Bits of the genesis block (the ASERT anchor). */
  readonly genesisBits: number;
  /** Median-time-past window (blocks). */
  readonly mtpWindow: number;
  /** How far a block's time may be ahead of the local clock, in seconds. */
  readonly maxFutureDrift: number;
  /** Block reward: Bitcoin's halving subsidy. */
  readonly subsidy: {
    /** Reward of the first block, in base units. */
    readonly initial: bigint;
    /** Blocks between halvings. */
    readonly halvingInterval: number;
  };
}

/** Single-signer "authority" rules (the toy second engine that proves the engine seam). */
export interface AuthorityParams {
  /** Compressed secp256k1 public key (hex) whose signature seals every block. */
  readonly signerPublicKey: string;
  /** Reward of every block, in base units. */
  readonly reward: bigint;
  /** How far a block's time may be ahead of the local clock, in seconds. */
  readonly maxFutureDrift: number;
}

/** Round timeouts of the BFT engine in integer milliseconds: each step waits base + delta x round. */
export interface BftTimeoutParams {
  readonly proposeMs: number;
  readonly proposeDeltaMs: number;
  readonly prevoteMs: number;
  readonly prevoteDeltaMs: number;
  readonly precommitMs: number;
  readonly precommitDeltaMs: number;
  /** Wait after a decision before the next height (late precommits still join the certificate the next block carries). */
  readonly commitMs: number;
}

/** Tendermint-style BFT rules with proof-of-stake validators (read only by consensus/bft and the validator service). */
export interface BftParams {
  readonly timeouts: BftTimeoutParams;
  /** How far a block's time may be ahead of the local clock, in seconds. */
  readonly maxFutureDrift: number;
  /** How far a proposal's time may lag the validator's clock, in seconds (checked on proposals, not on synced blocks). */
  readonly maxPastDrift: number;
  /** Most duplicate-vote evidence one block may carry. */
  readonly maxEvidencePerBlock: number;
  /** Staking, slashing, distribution, mint and pool parameters, with the genesis validators. */
  readonly economics: ProofOfStakeParams;
}

/** Consensus rules of a network: which engine, and that engine's own parameters. */
export type ConsensusParams =
  | { readonly engine: 'pow'; readonly pow: PowParams }
  | { readonly engine: 'authority'; readonly authority: AuthorityParams }
  | { readonly engine: 'bft'; readonly bft: BftParams };

/** Everything consensus and policy need to know about one network. */
export interface NetworkParams {
  /** Name used on the command line and in the data directory. */
  readonly name: string;
  /** Chain id inside every signed transaction and coinbase. */
  readonly chainId: number;
  /** Header version written by this node. */
  readonly blockVersion: number;
  /** Symbol and decimals of the native coin. */
  readonly coin: { readonly symbol: string; readonly decimals: number };
  /** Target time between blocks in seconds (PoW: ASERT's target spacing; BFT: the block time). */
  readonly blockTime: number;
  /** The consensus engine and its parameters: generic code never reads inside. */
  readonly consensus: ConsensusParams;
  /** Block rewards. */
  readonly rewards: {
    /** Blocks a block reward stays locked before it can be spent (Bitcoin's coinbase maturity). */
    readonly maturity: number;
  };
  /** Fees and block limits (EIP-1559 style). */
  readonly fees: {
    /** Gas charged per byte of an encoded transaction. */
    readonly gasPerByte: bigint;
    /** Gas charged for every transaction before its command. */
    readonly txBaseGas: bigint;
    /** Block gas limit. */
    readonly blockGasLimit: bigint;
    /** Target gas per block; the base fee rises above it and falls below it. */
    readonly blockGasTarget: bigint;
    /** Base fee of the first block. */
    readonly initialBaseFee: bigint;
    /** Floor of the base fee. */
    readonly minBaseFee: bigint;
    /** EIP-1559 change denominator: at most 1/8 change per block. */
    readonly baseFeeChangeDenominator: bigint;
  };
  /** Largest encoded block in bytes. */
  readonly maxBlockBytes: number;
  /** Genesis block. */
  readonly genesis: {
    readonly time: number;
    readonly allocations: readonly GenesisAllocation[];
    readonly extraData: string;
  };
}

/** The proof-of-work parameters of a network; throws when the network runs another engine. */
export function powParams(params: NetworkParams): PowParams {
  if (params.consensus.engine !== 'pow') throw new Error(`network ${params.name} runs the ${params.consensus.engine} engine, not proof of work`);
  return params.consensus.pow;
}

/** The BFT parameters of a network; throws when the network runs another engine. */
export function bftParams(params: NetworkParams): BftParams {
  if (params.consensus.engine !== 'bft') throw new Error(`network ${params.name} runs the ${params.consensus.engine} engine, not BFT`);
  return params.consensus.bft;
}

const COIN = 100_000_000n;

/** Shared fee schedule: a 1,000-transfer block sits at the target. */
const FEES = {
  gasPerByte: 10n,
  txBaseGas: 21_000n,
  blockGasLimit: 60_000_000n,
  blockGasTarget: 30_000_000n,
  initialBaseFee: 10n,
  minBaseFee: 1n,
  baseFeeChangeDenominator: 8n,
} as const;

/** Local development network: fast blocks, trivial difficulty. */
export const devnet: NetworkParams = {
  name: 'devnet',
  chainId: 0xc0de01,
  blockVersion: 0x20000000,
  coin: { symbol: 'CWC', decimals: 8 },
  blockTime: 2,
  consensus: {
    engine: 'pow',
    pow: {
      powLimitBits: 0x207fffff,
      asertHalfLife: 60,
    // 2^232 target: ~16.8M hashes a block, ~0.6 s for one native SHA-NI thread, ~7 s for the JS
    // kernel; ASERT then follows the real hash rate. An easier start makes a fast miner run blocks
    // ahead of the clock (future-drift rule) while ASERT catches up.
      genesisBits: 0x1e00ffff,
      mtpWindow: 11,
      maxFutureDrift: 15,
      subsidy: { initial: 50n * COIN, halvingInterval: 210_000 },
    },
  },
  rewards: { maturity: 10 },
  fees: FEES,
  maxBlockBytes: 8 * 1024 * 1024,
  genesis: { time: 1_767_225_600, allocations: [], extraData: 'coinworks devnet' },
};

/** Public test network: slower blocks, real difficulty. */
export const testnet: NetworkParams = {
  name: 'testnet',
  chainId: 0xc0de02,
  blockVersion: 0x20000000,
  coin: { symbol: 'tCWC', decimals: 8 },
  blockTime: 30,
  consensus: {
    engine: 'pow',
    pow: {
      powLimitBits: 0x1f00ffff,
      asertHalfLife: 3600,
      genesisBits: 0x1e0fffff,
      mtpWindow: 11,
      maxFutureDrift: 2 * 60 * 60,
      subsidy: { initial: 50n * COIN, halvingInterval: 210_000 },
    },
  },
  rewards: { maturity: 100 },
  fees: FEES,
  maxBlockBytes: 8 * 1024 * 1024,
  genesis: { time: 1_767_225_600, allocations: [], extraData: 'coinworks testnet' },
};

/** Regression-test network for unit tests: minimum difficulty, short maturity, short halvings. */
export const regtest: NetworkParams = {
  ...devnet,
  name: 'regtest',
  chainId: 0xc0de03,
  consensus: { engine: 'pow', pow: { ...powParams(devnet), genesisBits: 0x207fffff, subsidy: { initial: 50n * COIN, halvingInterval: 150 } } },
  rewards: { maturity: 3 },
  genesis: { ...devnet.genesis, extraData: 'coinworks regtest' },
};

/**
 * Timeouts of the proof-of-stake devnet: CometBFT's defaults for propose (3 s + 0.5 s a round: the
 * proposer waits for the next second of the clock, then builds and sends the block), prevote and
 * precommit (1 s + 0.5 s a round, armed only once 2/3 of the power voted without a majority), and a
 * short commit wait (late precommits still join the next block's certificate).
 */
export const POS_DEVNET_TIMEOUTS: BftTimeoutParams = {
  proposeMs: 3000,
  proposeDeltaMs: 500,
  prevoteMs: 1000,
  prevoteDeltaMs: 500,
  precommitMs: 1000,
  precommitDeltaMs: 500,
  commitMs: 150,
};

/**
 * Local proof-of-stake network: 1 s blocks proposed and voted on by the genesis validators (named
 * in the data directory's genesis file, bonded from their operators' allocations), no proof of
 * work, a committed block is final. Economics: `POS_DEVNET_ECONOMICS`.
 */
export const posDevnet: NetworkParams = {
  ...devnet,
  name: 'pos-devnet',
  chainId: 0xc0de04,
  blockTime: 1,
  consensus: {
    engine: 'bft',
    bft: { timeouts: POS_DEVNET_TIMEOUTS, maxFutureDrift: 15, maxPastDrift: 15, maxEvidencePerBlock: 32, economics: POS_DEVNET_ECONOMICS },
  },
  genesis: { ...devnet.genesis, extraData: 'coinworks pos devnet' },
};

/** Networks by name. */
export const NETWORKS = { devnet, testnet, regtest, 'pos-devnet': posDevnet } as const;

/** Parameters of a network with extra genesis allocations (devnet accounts, test fixtures). */
export function withAllocations(params: NetworkParams, allocations: readonly GenesisAllocation[]): NetworkParams {
  return { ...params, genesis: { ...params.genesis, allocations: [...params.genesis.allocations, ...allocations] } };
}

/** One native coin in base units. */
export const ONE_COIN = COIN;
