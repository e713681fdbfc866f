/**
 * What the `nft` and `market` commands share: the signing options (from ../tx-options.ts), signing and submitting any module command and waiting for it to
 * be mined (with a spinner), strict parsers of collection ids, token ids and prices, and the
 * printing of a command's outcome.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { NftClient, sendCommand } from '../../client/nft.js';
import type { EventJson, TxInclusion } from '../../client/types.js';
import type { Codec } from '../../encoding/codec.js';
import type { CliApp } from '../app.js';
import { formatAmount, parseAmount } from '../amount.js';
import { CliError } from '../errors.js';
import type { AssetUnit } from '../../api/amounts.js';
import { NATIVE_UNIT, Units } from '../units.js';
import { emit, fields } from '../output.js';
import { withSpinner } from '../spinner.js';

export { addTxOptions, addWalletOptions, feeOf, signingAccount, type SigningAccount, type TxOptions } from '../tx-options.js';
import { feeOf, type SigningAccount, type TxOptions } from '../tx-options.js';

/** Outcome of a submitted command: pending (with --no-wait) or mined with its receipt. */
export interface Submitted {
  readonly id: string;
  readonly from: string;
  readonly inclusion: TxInclusion | null;
}

/**
 * Signs `module.command` with `account`, submits it and, unless --no-wait, waits until it is mined
 * (spinner on a terminal). A mined but failed transaction is CLI_TX_FAILED naming the rule.
 */
export async function submit<P>(app: CliApp, c: Command, o: TxOptions, account: SigningAccount, module: string, command: string, schema: Codec<P>, params: P): Promise<Submitted> {
  const { json } = app.globals(c);
  const client = app.client(c);
  const { id } = await sendCommand(client, { signer: account.signer, publicKey: account.publicKey, module, command, schema, params, fee: feeOf(o) });
  if (!o.wait) return { id, from: account.address, inclusion: null };
  if (!json) app.io.stderr.write(`sent ${module}.${command} ${id}\n`);
  const inclusion = await withSpinner(`waiting for ${id.slice(0, 16)}… to be mined`, () => client.waitForTx(id, { timeoutMs: o.timeout * 1000 }), app.io.stderr);
  const r = inclusion.receipt;
  if (r.status !== 'success') throw new CliError('CLI_TX_FAILED', `transaction ${id} (${module}.${command}) was mined in block ${inclusion.height} but failed: ${r.error ?? 'unknown reason'}`, { data: { id, error: r.error } });
  return { id, from: account.address, inclusion };
}

/** JSON fields of a submitted command. */
export function submittedJson(s: Submitted): Record<string, unknown> {
  if (!s.inclusion) return { id: s.id, from: s.from, status: 'pending' };
  const r = s.inclusion.receipt;
  return { id: s.id, from: s.from, status: r.status, blockHash: s.inclusion.blockHash, height: s.inclusion.height, gasUsed: r.gasUsed, fee: r.fee, events: r.events };
}

/** Text rows of a submitted command. */
export function submittedRows(s: Submitted): Array<readonly [string, unknown]> {
  if (!s.inclusion) return [['transaction', s.id], ['status', 'pending (not waiting; check with `coinworks tx <id>`)']];
  return [
    ['transaction', s.id],
    ['status', s.inclusion.receipt.status],
    ['block', `${s.inclusion.height} ${s.inclusion.blockHash}`],
    ['fee', formatAmount(s.inclusion.receipt.fee)],
  ];
}

/** Prints a submitted command with extra fields (JSON) and rows (text). */
export function printSubmitted(app: CliApp, c: Command, s: Submitted, extra: Record<string, unknown>, rows: Array<readonly [string, unknown]>): void {
  emit(app.io, app.globals(c).json, { ...extra, ...submittedJson(s) }, () => fields([...rows, ...submittedRows(s)]));
}

/** The data of the first event `module.name` of a mined command, if any. */
export function eventData(s: Submitted, module: string, name: string): Record<string, unknown> | undefined {
  const e = s.inclusion?.receipt.events.find((x: EventJson) => x.module === module && x.name === name);
  return e?.data as Record<string, unknown> | undefined;
}

/** An NftClient for the node at --rpc. */
export function nftClient(app: CliApp, c: Command): NftClient {
  return new NftClient(app.client(c));
}

/** Parses a collection id argument (u32). */
export function parseCollectionId(text: string): number {
  const t = text.trim();
  if (!/^(0|[1-9][0-9]{0,9})$/.test(t) || Number(t) > 0xffffffff) throw new CliError('CLI_BAD_ARGUMENT', `collection id must be an integer from 0 to 4294967295, got ${JSON.stringify(text)}`, { usage: true });
  return Number(t);
}

/** Parses a token id argument (u64). */
export function parseTokenId(text: string): bigint {
  const t = text.trim();
  if (!/^(0|[1-9][0-9]{0,19})$/.test(t) || BigInt(t) > (1n << 64n) - 1n) throw new CliError('CLI_BAD_ARGUMENT', `token id must be an integer from 0 to 18446744073709551615, got ${JSON.stringify(text)}`, { usage: true });
  return BigInt(t);
}

/** An asset option as typed: an id or a symbol (resolved by `priceAsset`). */
export const assetArg = (v: string): string => v;

/** Units of the assets prices are in, loaded by `priceAsset` / `loadPriceUnits` before parsing or showing. */
const priceUnits = new Map<number, AssetUnit>([[0, NATIVE_UNIT]]);

/** The asset an `--asset` / `--mint-asset` names (id or symbol; default `fallback`), with its unit loaded for prices. */
export async function priceAsset(app: CliApp, c: Command, ref: string | undefined, fallback = 0): Promise<number> {
  if (ref === undefined) {
    await loadPriceUnits(app, c, [fallback]);
    return fallback;
  }
  const a = await new Units(app.client(c)).resolve(ref);
  priceUnits.set(a.assetId, { symbol: a.symbol, decimals: a.decimals });
  return a.assetId;
}

/** Loads the units of the assets `ids` for `parsePrice` and `formatPrice`. */
export async function loadPriceUnits(app: CliApp, c: Command, ids: Iterable<number>): Promise<void> {
  const units = new Units(app.client(c));
  await Promise.all(
    [...new Set(ids)].filter((id) => !priceUnits.has(id)).map(async (id) => {
      const u = await units.of(id);
      if (u) priceUnits.set(id, u);
    }),
  );
}

/** A price in its asset's decimals (CWC: 8; an asset whose unit is not loaded: whole base units). */
export function parsePrice(text: string, assetId: number, opts: { allowZero?: boolean } = {}): bigint {
  const unit = priceUnits.get(assetId);
  if (unit) return parseAmount(text, unit.decimals, opts);
  const t = text.trim().replace(/_/g, '');
  if (!/^\d+$/.test(t)) throw new CliError('CLI_BAD_AMOUNT', `invalid amount ${JSON.stringify(text)}: asset ${assetId} amounts are whole base units`, { usage: true });
  const v = BigInt(t);
  if (v === 0n && !opts.allowZero) throw new CliError('CLI_BAD_AMOUNT', `invalid amount ${JSON.stringify(text)}: must be more than zero`, { usage: true });
  if (v > (1n << 64n) - 1n) throw new CliError('CLI_BAD_AMOUNT', `invalid amount ${JSON.stringify(text)}: too large`, { usage: true });
  return v;
}

/** A price for people in its asset's decimals and symbol: `1.50000000 CWC`, `2.50 GOLDX`. */
export function formatPrice(units: bigint | string, assetId: number): string {
  const unit = priceUnits.get(assetId);
  return unit ? formatAmount(units, unit.symbol, unit.decimals) : `${units} base units of asset ${assetId}`;
}

/** Parser of a basis-points option (0..10000). */
export function bpsArg(v: string): number {
  if (!/^\d+$/.test(v.trim()) || Number(v) > 10_000) throw new InvalidArgumentError('must be basis points from 0 to 10000 (100 = 1%)');
  return Number(v);
}

/** `12.50%` from basis points. */
export function formatBps(bps: number): string {
  return `${(bps / 100).toFixed(2)}%`;
}
