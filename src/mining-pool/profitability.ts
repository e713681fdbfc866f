/**
 * Mining profitability from live chain data (issue 12 item 6), in exact integer arithmetic:
 * - expected hashes per block W = floor(2^256 / (target + 1)) of the next block's bits;
 * - expected blocks per day = H x 86400 / W for a hashrate H (hashes per second);
 * - coins per day = blocks per day x (subsidy + the average tips of recent blocks), in base units
 *   (base fees are burned, tips go to the block's producer);
 * - revenue = coins x coin price; cost = watts x 24 h / 1000 x price per kWh; profit = revenue - cost;
 *   a month is 30 days;
 * - a proof-of-work NFT's next token: expected hashes 2^256 / (target + 1) at its current target,
 *   time = hashes / H, energy = watts x time, cost = energy x price per kWh, plus its mint price.
 * Fiat amounts are fixed-point with 8 decimals (FIAT_DECIMALS) and printed as decimal strings.
 */

/** Decimals of fiat amounts. */
export const FIAT_DECIMALS = 8;
const FIAT_SCALE = 10n ** BigInt(FIAT_DECIMALS);
/** Decimals of ratio figures (blocks per day). */
const RATIO_DECIMALS = 8;

/** Parses a non-negative decimal ("0.12", "45") to fixed point with `decimals` places (extra digits are refused). */
export function parseDecimal(text: string, decimals: number = FIAT_DECIMALS): bigint {
  const m = /^\s*(\d+)(?:\.(\d+))?\s*$/.exec(text);
  if (!m) throw new RangeError(`"${text}" is not a non-negative decimal number`);
  const frac = m[2] ?? '';
  if (frac.length > decimals) throw new RangeError(`"${text}" has more than ${decimals} decimals`);
  return BigInt(m[1]) * 10n ** BigInt(decimals) + BigInt((frac + '0'.repeat(decimals)).slice(0, decimals) || '0');
}

/** A fixed-point value as a decimal string with `decimals` places (negative allowed). */
export function formatFixed(v: bigint, decimals: number = FIAT_DECIMALS): string {
  const neg = v < 0n;
  const a = neg ? -v : v;
  const scale = 10n ** BigInt(decimals);
  const s = `${a / scale}${decimals > 0 ? '.' + (a % scale).toString().padStart(decimals, '0') : ''}`;
  return neg ? `-${s}` : s;
}

/** A FIAT_DECIMALS fixed-point value shown with `shown` decimals (truncated toward zero). */
export function showFixed(v: bigint, shown: number): string {
  return formatFixed(v / 10n ** BigInt(FIAT_DECIMALS - shown), shown);
}

const UNITS: Record<string, bigint> = { '': 1n, k: 10n ** 3n, m: 10n ** 6n, g: 10n ** 9n, t: 10n ** 12n, p: 10n ** 15n, e: 10n ** 18n };

/** Parses a hashrate such as "14MH/s", "2.5 GH/s", "900k" or "123456" to hashes per second. */
export function parseHashrate(text: string): bigint {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kKmMgGtTpPeE]?)(?:[hH](?:\/s)?)?\s*$/.exec(text);
  if (!m) throw new RangeError(`"${text}" is not a hashrate (e.g. 14MH/s, 2.5GH/s, 900000)`);
  const unit = UNITS[m[2].toLowerCase()];
  const v = parseDecimal(m[1], 18);
  return (v * unit) / 10n ** 18n;
}

/** A hashrate with an SI unit, e.g. "14.20 MH/s". */
export function formatHashrate(h: number): string {
  const units = ['H/s', 'kH/s', 'MH/s', 'GH/s', 'TH/s', 'PH/s', 'EH/s'];
  let i = 0;
  let v = h;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v.toFixed(v >= 100 || i === 0 ? 0 : 2)} ${units[i]}`;
}

/** What the calculation needs from the chain. */
export interface ChainFacts {
  /** Expected hashes of the next block (workForBits of its bits). */
  readonly workPerBlock: bigint;
  /** Block subsidy of the next block (base units). */
  readonly subsidy: bigint;
  /** Average tips per block over recent blocks (base units). */
  readonly averageTips: bigint;
  /** Target seconds between blocks. */
  readonly blockTime: number;
  /** Decimals of the coin. */
  readonly coinDecimals: number;
}

/** What the miner brings. */
export interface MinerFacts {
  /** Hashes per second. */
  readonly hashrate: bigint;
  /** Power draw in watts (fixed point, FIAT_DECIMALS). */
  readonly watts: bigint;
  /** Price of a kWh (fixed point, FIAT_DECIMALS). */
  readonly kwhPrice: bigint;
  /** Price of one coin (fixed point, FIAT_DECIMALS). */
  readonly coinPrice: bigint;
}

/** Figures for one period. */
export interface PeriodFigures {
  /** Expected blocks (decimal string). */
  readonly blocks: string;
  /** Expected coins (base units). */
  readonly coins: bigint;
  /** Fiat, fixed point. */
  readonly revenue: bigint;
  readonly cost: bigint;
  readonly profit: bigint;
  /** Energy in kWh (fixed point). */
  readonly energyKwh: bigint;
}

/** One period of `seconds`. */
export function period(chain: ChainFacts, miner: MinerFacts, seconds: number): PeriodFigures {
  const s = BigInt(seconds);
  const reward = chain.subsidy + chain.averageTips;
  const work = chain.workPerBlock > 0n ? chain.workPerBlock : 1n;
  const blocksFixed = (miner.hashrate * s * 10n ** BigInt(RATIO_DECIMALS)) / work;
  const coins = (miner.hashrate * s * reward) / work;
  const coinScale = 10n ** BigInt(chain.coinDecimals);
  const revenue = (coins * miner.coinPrice) / coinScale;
  // watts x seconds / 3600 / 1000 = kWh (fixed point as watts is).
  const energyKwh = (miner.watts * s) / 3_600_000n;
  const cost = (energyKwh * miner.kwhPrice) / FIAT_SCALE;
  return { blocks: formatFixed(blocksFixed, RATIO_DECIMALS), coins, revenue, cost, profit: revenue - cost, energyKwh };
}

/** Expected cost of mining the next token of a proof-of-work NFT collection. */
export interface NftFigures {
  readonly expectedHashes: bigint;
  /** Expected seconds at the miner's hashrate (decimal string). */
  readonly expectedSeconds: string;
  readonly energyKwh: bigint;
  readonly energyCost: bigint;
  /** Mint price in base units of the collection's asset. */
  readonly mintPrice: bigint;
  /** Mint price in fiat when the asset is the native coin (else 0). */
  readonly mintPriceFiat: bigint;
  /** Energy cost plus the fiat mint price. */
  readonly totalCost: bigint;
}

/** The next token's expected cost: hashes at its target, energy and mint price. */
export function nftCost(expectedHashes: bigint, mintPrice: bigint, nativeAsset: boolean, miner: MinerFacts, coinDecimals: number): NftFigures {
  const h = miner.hashrate > 0n ? miner.hashrate : 1n;
  const secondsFixed = (expectedHashes * 10n ** 3n) / h;
  const energyKwh = (miner.watts * expectedHashes) / (h * 3_600_000n);
  const energyCost = (energyKwh * miner.kwhPrice) / FIAT_SCALE;
  const mintPriceFiat = nativeAsset ? (mintPrice * miner.coinPrice) / 10n ** BigInt(coinDecimals) : 0n;
  return { expectedHashes, expectedSeconds: formatFixed(secondsFixed, 3), energyKwh, energyCost, mintPrice, mintPriceFiat, totalCost: energyCost + mintPriceFiat };
}
