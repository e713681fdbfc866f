/**
 * Network parameters for every network Coinworks knows, in one file (bcoin's protocol/networks).
 * Amounts are in base units (1 CWC = 10^8 units); times in seconds; all consensus numbers are integers.
 */

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

/** Consensus rules of a network: which engine, and that engine's own parameters. */
export type ConsensusParams = { readonly engine: 'pow'; readonly pow: PowParams } | { readonly engine: 'authority'; readonly authority: AuthorityParams };

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

/** Networks by name. */
export const NETWORKS = { devnet, testnet, regtest } as const;

/** Parameters of a network with extra genesis allocations (devnet accounts, test fixtures). */
export function withAllocations(params: NetworkParams, allocations: readonly GenesisAllocation[]): NetworkParams {
  return { ...params, genesis: { ...params.genesis, allocations: [...params.genesis.allocations, ...allocations] } };
}

/** One native coin in base units. */
export const ONE_COIN = COIN;
