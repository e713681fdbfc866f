/** Display formatting of the dashboard: coin amounts (exact, from decimal strings), hashes, times, rates. */

/** Base units per coin (params/networks.ts ONE_COIN: 10^8). */
export const COIN_DECIMALS = 8;
const ONE = 10n ** BigInt(COIN_DECIMALS);

/** An amount in base units (decimal string or bigint) as coins (or an asset of `decimals`), exactly, trailing zeros trimmed to `min` decimals. */
export function coins(v: string | bigint, min = 2, decimals = COIN_DECIMALS): string {
  const n = typeof v === 'bigint' ? v : BigInt(v);
  const neg = n < 0n;
  const a = neg ? -n : n;
  const one = decimals === COIN_DECIMALS ? ONE : 10n ** BigInt(decimals);
  const whole = (a / one).toLocaleString('en-US');
  let frac = decimals === 0 ? '' : (a % one).toString().padStart(decimals, '0');
  while (frac.length > min && frac.endsWith('0')) frac = frac.slice(0, -1);
  return `${neg ? '-' : ''}${whole}${frac ? '.' + frac : ''}`;
}

/** Coins as a float, for charts only (never for sums). */
export function coinsFloat(v: string | bigint): number {
  const n = typeof v === 'bigint' ? v : BigInt(v);
  return Number(n / ONE) + Number(n % ONE) / Number(ONE);
}

/** First and last characters of a hash or address. */
export function short(h: string, head = 8, tail = 6): string {
  return h.length <= head + tail + 1 ? h : `${h.slice(0, head)}…${h.slice(-tail)}`;
}

/** Seconds-since-epoch as a local date-time. */
export function when(t: number): string {
  return new Date(t * 1000).toLocaleString('en-GB', { hour12: false });
}

/** How long ago, from a seconds timestamp. */
export function ago(t: number, now = Date.now() / 1000): string {
  const s = Math.max(0, Math.round(now - t));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86400)} d ago`;
}

/** A rate with SI prefix: 1234567 → "1.23 M". */
export function si(n: number, digits = 3): string {
  if (!Number.isFinite(n)) return '–';
  const units = ['', 'k', 'M', 'G', 'T', 'P', 'E'];
  let i = 0;
  let x = Math.abs(n);
  while (x >= 1000 && i < units.length - 1) {
    x /= 1000;
    i++;
  }
  return `${n < 0 ? '-' : ''}${x.toPrecision(digits)}${units[i] ? ' ' + units[i] : ''}`;
}

/** Integer with thousands separators. */
export function int(v: string | number | bigint): string {
  return BigInt(v).toLocaleString('en-US');
}

/** Largest amount a u64 command parameter holds (base units). */
const MAX_U64 = (1n << 64n) - 1n;

/** A typed coin amount (`1`, `1.5`, `.25`, thousands commas allowed) in base units, exactly; throws a readable Error otherwise. */
export function parseCoins(text: string, decimals = COIN_DECIMALS): bigint {
  const s = text.trim().replace(/[,_\s]/g, '');
  const m = /^(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || (m[1] === '' && !m[2])) throw new Error(`"${text}" is not an amount: type a number such as 1 or 1.5`);
  const frac = m[2] ?? '';
  if (frac.length > decimals) throw new Error(`at most ${decimals} decimal places`);
  const units = BigInt(m[1] || '0') * 10n ** BigInt(decimals) + BigInt((frac + '0'.repeat(decimals)).slice(0, decimals) || '0');
  if (units === 0n) throw new Error('the amount must be more than zero');
  if (units > MAX_U64) throw new Error('the amount is too large');
  return units;
}
