/**
 * Coin amounts on the command line: decimal strings such as `1.5` are parsed to base units exactly
 * (string arithmetic, never floating point), and base units are shown with all 8 decimals, e.g.
 * `1.50000000 CWC`.
 */
import { formatAmount as apiFormatAmount, formatUnits as apiFormatUnits } from '../api/amounts.js';
import { CliError } from './errors.js';

/** Decimals of the native coin (1 CWC = 10^8 base units). */
export const COIN_DECIMALS = 8;
/** Ticker shown after amounts. */
export const COIN_SYMBOL = 'CWC';
/** Largest amount accepted: 2^64 - 1 base units (the codec's u64). */
export const MAX_AMOUNT = (1n << 64n) - 1n;

const AMOUNT_RE = /^(\d*)(?:\.(\d*))?$/;

/** Parses a decimal coin amount (`1`, `1.5`, `0.00000001`, `.5`) to base units; CLI_BAD_AMOUNT (usage) on anything else. */
export function parseAmount(text: string, decimals = COIN_DECIMALS, opts: { allowZero?: boolean } = {}): bigint {
  const bad = (why: string) => new CliError('CLI_BAD_AMOUNT', `invalid amount ${JSON.stringify(text)}: ${why}`, { usage: true });
  if (typeof text !== 'string') throw bad('must be a decimal number');
  const s = text.trim().replace(/_/g, '');
  const m = AMOUNT_RE.exec(s);
  if (!m || (m[1] === '' && (m[2] === undefined || m[2] === ''))) throw bad('must be a decimal number such as 1 or 1.5');
  const whole = m[1] === '' ? '0' : m[1];
  const frac = m[2] ?? '';
  if (frac.length > decimals) throw bad(`at most ${decimals} decimal places`);
  const units = BigInt(whole) * 10n ** BigInt(decimals) + BigInt((frac + '0'.repeat(decimals)).slice(0, decimals) || '0');
  if (units === 0n && !opts.allowZero) throw bad('must be more than zero');
  if (units > MAX_AMOUNT) throw bad('too large');
  return units;
}

/** Base units as a decimal string with every decimal: 150000000n -> `1.50000000` (api/amounts.ts, the one formatter). */
export function formatUnits(units: bigint | string | number, decimals = COIN_DECIMALS): string {
  return apiFormatUnits(units, decimals);
}

/** Base units as `1.50000000 CWC`. */
export function formatAmount(units: bigint | string | number, symbol = COIN_SYMBOL, decimals = COIN_DECIMALS): string {
  return apiFormatAmount(units, { symbol, decimals });
}
