/**
 * Fixed-point decimals in bigint for consensus maths (Cosmos's `LegacyDec` idea, 18 decimal
 * places): a rate r is the integer r x 10^18, so 5% is 5 x 10^16. Every rounding is explicit
 * (floor or ceil of an exact integer division), and the text form is an exact decimal string; no
 * floating point anywhere.
 */

/** Decimal places of a fixed-point rate. */
export const DEC_PLACES = 18;
/** 1.0 as a fixed-point rate (10^18). */
export const DEC_ONE = 10n ** 18n;

/** floor(a x b / c) for a, b >= 0 and c > 0. */
export function mulDivFloor(a: bigint, b: bigint, c: bigint): bigint {
  if (c <= 0n) throw new RangeError('mulDivFloor: divisor must be positive');
  if (a < 0n || b < 0n) throw new RangeError('mulDivFloor: operands must be non-negative');
  return (a * b) / c;
}

/** ceil(a x b / c) for a, b >= 0 and c > 0. */
export function mulDivCeil(a: bigint, b: bigint, c: bigint): bigint {
  if (c <= 0n) throw new RangeError('mulDivCeil: divisor must be positive');
  if (a < 0n || b < 0n) throw new RangeError('mulDivCeil: operands must be non-negative');
  const p = a * b;
  return (p + c - 1n) / c;
}

/** floor(amount x rate), the part of `amount` a fixed-point `rate` stands for (commission, tax, slash). */
export function mulRateFloor(amount: bigint, rate: bigint): bigint {
  return mulDivFloor(amount, rate, DEC_ONE);
}

/** The fixed-point ratio floor(a / b x 10^18); 0 when b is 0. */
export function ratioDec(a: bigint, b: bigint): bigint {
  return b === 0n ? 0n : mulDivFloor(a, DEC_ONE, b);
}

/** floor(a x b) of two fixed-point values. */
export function decMul(a: bigint, b: bigint): bigint {
  return mulDivFloor(a, b, DEC_ONE);
}

/** floor(a / b) of two fixed-point values (b > 0). */
export function decDiv(a: bigint, b: bigint): bigint {
  return mulDivFloor(a, DEC_ONE, b);
}

/** floor(base^n) of a fixed-point base by repeated squaring, each product floored. */
export function decPow(base: bigint, n: bigint): bigint {
  if (n < 0n) throw new RangeError('decPow: negative exponent');
  let result = DEC_ONE;
  let b = base;
  let e = n;
  while (e > 0n) {
    if (e & 1n) result = decMul(result, b);
    b = decMul(b, b);
    e >>= 1n;
  }
  return result;
}

/**
 * Exact decimal text of a fixed-point value with `places` decimals (default 18), trailing zeros
 * trimmed: 5 x 10^16 -> "0.05", 10^18 -> "1", -2.5 x 10^17 -> "-0.25".
 */
export function formatDec(v: bigint, places = DEC_PLACES): string {
  const neg = v < 0n;
  const a = neg ? -v : v;
  const unit = 10n ** BigInt(places);
  const whole = a / unit;
  const frac = (a % unit).toString().padStart(places, '0').replace(/0+$/, '');
  const s = frac.length ? `${whole}.${frac}` : `${whole}`;
  return neg ? `-${s}` : s;
}

/** Parses exact decimal text ("0.05", "12", "1.5e-2" is refused) to a fixed-point value; throws RangeError on bad text or too many decimals. */
export function parseDec(text: string, places = DEC_PLACES): bigint {
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) throw new RangeError(`"${text}" is not a decimal number`);
  const frac = m[3] ?? '';
  if (frac.length > places) throw new RangeError(`"${text}" has more than ${places} decimals`);
  const v = BigInt(m[2]) * 10n ** BigInt(places) + BigInt(frac.padEnd(places, '0') || '0');
  return m[1] ? -v : v;
}

/** A fixed-point rate as a percentage string with `digits` decimals, truncated toward zero: 5 x 10^16 -> "5.00". */
export function formatPercent(rate: bigint, digits = 2): string {
  const unit = 10n ** BigInt(digits);
  const scaled = (rate * 100n * unit) / DEC_ONE;
  const neg = scaled < 0n;
  const a = neg ? -scaled : scaled;
  const s = digits === 0 ? `${a}` : `${a / unit}.${(a % unit).toString().padStart(digits, '0')}`;
  return neg ? `-${s}` : s;
}
