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

/** Everything consensus and policy need to know about one network. */
export interface NetworkParams {
  /** Name used on the command line and in the data directory. */
  readonly name: 'devnet' | 'testnet' | 'regtest';
  /** Chain id inside every signed transaction and coinbase. */
  readonly chainId: number;
  /** Header version written by this node. */
  readonly blockVersion: number;
  /** Symbol and decimals of the native coin. */
  readonly coin: { readonly symbol: string; readonly decimals: number };
  /** Proof of work. */
  readonly pow: {
    /** Easiest allowed target, as compact bits. */
    readonly powLimitBits: number;
    /** Target spacing between blocks in seconds. */
    readonly targetSpacing: number;
    /** ASERT half-life in seconds: the difficulty doubles or halves when blocks run this far ahead or behind. */
    readonly asertHalfLife: number;
    /** Bits of the genesis block (the ASERT anchor). */
    readonly genesisBits: number;
    /** Median-time-past window (blocks). */
    readonly mtpWindow: number;
    /** How far a block's time may be ahead of the local clock, in seconds. */
    readonly maxFutureDrift: number;
  };
  /** Block reward. */
  readonly subsidy: {
    /** Reward of the first block, in base units. */
    readonly initial: bigint;
    /** Blocks between halvings. */
    readonly halvingInterval: number;
    /** Blocks a coinbase reward stays locked before it can be spent. */
    readonly coinbaseMaturity: number;
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
  pow: {
    powLimitBits: 0x207fffff,
    targetSpacing: 2,
    asertHalfLife: 60,
    // 2^232 target: ~16.8M hashes a block, ~0.6 s for one native SHA-NI thread, ~7 s for the JS
    // kernel; ASERT then follows the real hash rate. An easier start makes a fast miner run blocks
    // ahead of the clock (future-drift rule) while ASERT catches up.
    genesisBits: 0x1e00ffff,
    mtpWindow: 11,
    maxFutureDrift: 15,
  },
  subsidy: { initial: 50n * COIN, halvingInterval: 210_000, coinbaseMaturity: 10 },
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
  pow: {
    powLimitBits: 0x1f00ffff,
    targetSpacing: 30,
    asertHalfLife: 3600,
    genesisBits: 0x1e0fffff,
    mtpWindow: 11,
    maxFutureDrift: 2 * 60 * 60,
  },
  subsidy: { initial: 50n * COIN, halvingInterval: 210_000, coinbaseMaturity: 100 },
  fees: FEES,
  maxBlockBytes: 8 * 1024 * 1024,
  genesis: { time: 1_767_225_600, allocations: [], extraData: 'coinworks testnet' },
};

/** Regression-test network for unit tests: minimum difficulty, short maturity, short halvings. */
export const regtest: NetworkParams = {
  ...devnet,
  name: 'regtest',
  chainId: 0xc0de03,
  pow: { ...devnet.pow, genesisBits: 0x207fffff },
  subsidy: { initial: 50n * COIN, halvingInterval: 150, coinbaseMaturity: 3 },
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
