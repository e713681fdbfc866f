/**
 * Shared by the `asset` commands: naming an asset (id or symbol), fetching it with a clear error
 * when unknown, amounts in the asset's own decimals (parsed exactly by amount.ts), report hashes.
 */
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { IssuanceClient, RpcError, type AssetDetailJson } from '../../client/index.js';
import { hexToBytes } from '../../encoding/hex.js';
import { formatUnits, parseAmount } from '../amount.js';
import { CliError } from '../errors.js';

/** An asset argument: a decimal id, or a symbol (case-insensitive). */
export function assetRef(text: string): number | string {
  const t = text.trim();
  if (/^\d+$/.test(t)) {
    const n = Number(t);
    if (!Number.isSafeInteger(n) || n < 1 || n > 0xffffffff) throw new CliError('CLI_BAD_ARGUMENT', `asset id must be from 1 to ${0xffffffff}, got ${t}`, { usage: true });
    return n;
  }
  const sym = t.toUpperCase();
  if (!/^[A-Z][A-Z0-9]{0,11}$/.test(sym)) throw new CliError('CLI_BAD_ARGUMENT', `expected an asset id or symbol (1-12 letters and digits, starting with a letter), got ${JSON.stringify(text)}`, { usage: true });
  return sym;
}

/** The asset `text` names; CLI_NOT_FOUND if the node has none. */
export async function fetchAsset(ic: IssuanceClient, text: string): Promise<AssetDetailJson> {
  const ref = assetRef(text);
  try {
    return await ic.getAsset(ref);
  } catch (e) {
    if (e instanceof RpcError && e.code === 'RPC_NOT_FOUND') throw new CliError('CLI_NOT_FOUND', `no asset ${typeof ref === 'number' ? ref : `"${ref}"`} on this node (see \`coinworks asset list\`)`);
    throw e;
  }
}

/** Parses an amount in the asset's decimals to base units (exact; CLI_BAD_AMOUNT otherwise). */
export function assetAmount(text: string, a: { decimals: number }, o: { allowZero?: boolean } = {}): bigint {
  return parseAmount(text, a.decimals, o);
}

/** Base units of an asset as `1.500000 USDKG`. */
export function formatAsset(units: bigint | string, a: { decimals: number; symbol: string }): string {
  return `${formatUnits(units, a.decimals)} ${a.symbol}`;
}

/** A ratio in basis points as a percentage with two decimals: 10060 -> `100.60%`. */
export function formatBps(bps: string | null): string {
  if (bps === null) return '-';
  return `${formatUnits(bps, 2)}%`;
}

/** Requires a governed asset for `what`. */
export function requireGovernance(a: AssetDetailJson, what: string): NonNullable<AssetDetailJson['governance']> {
  if (!a.governance) throw new CliError('CLI_BAD_ARGUMENT', `${what} needs a governed asset; ${a.symbol} (asset ${a.assetId}) has policy ${a.policy}`);
  return a.governance;
}

/**
 * A report hash: 64 hex digits (the SHA-256 as `sha256sum` prints it), or a file whose SHA-256 is
 * taken. Returns the 32 bytes and where they came from.
 */
export async function reportHashArg(text: string): Promise<{ hash: Uint8Array; source: string }> {
  if (/^(0x)?[0-9a-fA-F]{64}$/.test(text)) return { hash: hexToBytes(text.replace(/^0x/, '')), source: 'hash' };
  let data: Buffer;
  try {
    data = await readFile(text);
  } catch (e) {
    throw new CliError('CLI_BAD_ARGUMENT', `--report must be a SHA-256 (64 hex digits) or a readable file; cannot read ${text}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { usage: true });
  }
  return { hash: new Uint8Array(createHash('sha256').update(data).digest()), source: text };
}
