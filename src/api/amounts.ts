/**
 * How amounts and amount-bearing errors read to a person: base units shown in an asset's own
 * decimals with its symbol (`12.50000000 CWC`, `1.500000 USDKG`), and the one place that turns a
 * transaction error's structured `data` (base units, asset ids) into that text. State modules keep
 * their messages in base units, since those end up in receipts (consensus data); the RPC server
 * renders error messages with this at its edge, and the CLI renders receipts and events with it,
 * so every surface words an amount the same way. Browser-safe; no state, no I/O.
 */

/** An asset's display unit. */
export interface AssetUnit {
  readonly symbol: string;
  readonly decimals: number;
}

/** Looks up the unit of an asset id (0 = the native coin); undefined when unknown. */
export type UnitOf = (assetId: number) => AssetUnit | undefined;

/** Base units as a decimal string with every decimal: (150000000n, 8) -> `1.50000000`. */
export function formatUnits(units: bigint | string | number, decimals: number): string {
  const v = BigInt(units);
  const neg = v < 0n;
  const abs = neg ? -v : v;
  const base = 10n ** BigInt(decimals);
  const whole = abs / base;
  const frac = (abs % base).toString().padStart(decimals, '0');
  return `${neg ? '-' : ''}${whole}${decimals > 0 ? '.' + frac : ''}`;
}

/** Base units as `1.50000000 CWC`. */
export function formatAmount(units: bigint | string | number, unit: AssetUnit): string {
  return `${formatUnits(units, unit.decimals)} ${unit.symbol}`;
}

/** `units` of `assetId` for a person; `<units> base units of asset <id>` when the unit is unknown. */
export function amountOf(units: bigint | string | number, assetId: number, unitOf: UnitOf): string {
  const u = unitOf(assetId);
  return u ? formatAmount(units, u) : `${BigInt(units)} base units of asset ${assetId}`;
}

/** Asset ids an error's `data` names amounts in (so the caller can look their units up first). */
export function assetIdsOf(data: Record<string, unknown>): number[] {
  const ids = new Set<number>([0]);
  if (typeof data.assetId === 'number') ids.add(data.assetId);
  return [...ids];
}

const big = (v: unknown): bigint | undefined => (typeof v === 'string' && /^\d+$/.test(v) ? BigInt(v) : typeof v === 'bigint' ? v : typeof v === 'number' && Number.isSafeInteger(v) ? BigInt(v) : undefined);

/**
 * A person's text of a transaction error from its code and structured data (amounts in base units,
 * `assetId`), with every amount in its asset's decimals and symbol; undefined when the code has no
 * amounts to show (the error's own message is then the text). Data fields by code:
 * - TX_INSUFFICIENT_BALANCE: `assetId`, `balance` (what the rule saw), and `amount` (with `what`:
 *   `amount`, `mint price`, `price`) and/or `fee` (native); `feeCharged` when `balance` is the native
 *   balance after the transaction's fee was taken (the check runs after the charge); `pending` when
 *   the fee is that of the sender's transactions waiting in the mempool too.
 * - TX_RESERVE_EXCEEDED: `assetId`, `supply`, `amount`, `limit`, `reserve`, `marginBps`.
 * - TX_ALLOWANCE_EXCEEDED: `assetId`, `amount`, `allowance`.
 */
export function txErrorText(code: string, data: Record<string, unknown>, unitOf: UnitOf): string | undefined {
  const assetId = typeof data.assetId === 'number' ? data.assetId : 0;
  const amt = (v: bigint, id = assetId) => amountOf(v, id, unitOf);
  if (code === 'TX_INSUFFICIENT_BALANCE') {
    const balance = big(data.balance);
    if (balance === undefined) return undefined;
    const amount = big(data.amount);
    const fee = big(data.fee) ?? 0n;
    const what = typeof data.what === 'string' ? data.what : 'amount';
    if (amount === undefined) {
      if (fee === 0n) return undefined;
      return data.pending === true
        ? `the fees ${amt(fee, 0)} of this and the sender's other pending transactions exceed the balance ${amt(balance, 0)}`
        : `the fee ${amt(fee, 0)} exceeds the balance ${amt(balance, 0)}`;
    }
    if (assetId === 0 && data.feeCharged === true) {
      // The rule saw the balance after the fee: a person knows the balance before it.
      return `${what} ${amt(amount)} + fee ${amt(fee)} = ${amt(amount + fee)} exceeds the balance ${amt(balance + fee)}`;
    }
    return `${what} ${amt(amount)} exceeds the balance ${amt(balance)}`;
  }
  if (code === 'TX_RESERVE_EXCEEDED') {
    const [supply, amount, limit, reserve] = [big(data.supply), big(data.amount), big(data.limit), big(data.reserve)];
    if (supply === undefined || amount === undefined || limit === undefined) return undefined;
    const margin = typeof data.marginBps === 'number' ? data.marginBps : undefined;
    const basis = reserve === undefined ? '' : ` (the attested reserve ${amt(reserve)}${margin ? ` less the ${margin} bps margin` : ''})`;
    return `minting ${amt(amount)} would take the supply from ${amt(supply)} to ${amt(supply + amount)}, above the mint limit ${amt(limit)}${basis}`;
  }
  if (code === 'TX_ALLOWANCE_EXCEEDED') {
    const [amount, allowance] = [big(data.amount), big(data.allowance)];
    if (amount === undefined || allowance === undefined) return undefined;
    return `minting ${amt(amount)} exceeds the minter's allowance of ${amt(allowance)}`;
  }
  return undefined;
}
