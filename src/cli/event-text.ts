/**
 * One line per event for people (`tx`, `asset events`, `multisig events`): `module.name` and its
 * fields, amounts in the event's asset (its `assetId`, else the native coin) with decimals and
 * symbol, byte references that are text shown as text. `--json` keeps the events as the node gives them.
 */
import type { Units } from './units.js';

/** Event fields that hold amounts in base units. */
const AMOUNT_FIELDS = new Set(['amount', 'supply', 'reserve', 'price', 'royalty', 'fee', 'proceeds', 'allowance', 'subsidy', 'tips', 'mintPrice']);

/** UTF-8 text of hex bytes when they are printable text (a redemption reference), else undefined. */
export function hexText(hex: string): string | undefined {
  if (!/^([0-9a-f]{2})+$/.test(hex)) return undefined;
  const text = Buffer.from(hex, 'hex').toString('utf8');
  return /^[\p{L}\p{N}\p{P}\p{S} ]+$/u.test(text) && Buffer.from(text, 'utf8').toString('hex') === hex ? text : undefined;
}

/** A field's value for people. */
export function fieldText(key: string, value: unknown, assetId: number, units: Units): string {
  if (AMOUNT_FIELDS.has(key) && typeof value === 'string' && /^\d+$/.test(value)) return units.show(value, assetId);
  if (key === 'reference' && typeof value === 'string') {
    const t = hexText(value);
    return t === undefined ? (value === '' ? '(none)' : `0x${value}`) : JSON.stringify(t);
  }
  if (value === null) return '-';
  if (Array.isArray(value)) return value.map(String).join(',');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** `key=value` pairs of an event's data (amounts in units). */
export function dataText(data: unknown, units: Units, skip: readonly string[] = []): string {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return JSON.stringify(data);
  const d = data as Record<string, unknown>;
  const assetId = typeof d.assetId === 'number' ? d.assetId : 0;
  // An NFT collection's mint price is in its `mintAsset`.
  const assetOf = (k: string) => (k === 'mintPrice' && typeof d.mintAsset === 'number' ? d.mintAsset : assetId);
  return Object.entries(d)
    .filter(([k]) => !skip.includes(k))
    .map(([k, v]) => `${k}=${fieldText(k, v, assetOf(k), units)}`)
    .join(' ');
}

/** `module.name k=v ...` of one event. */
export function eventLine(e: { module: string; name: string; data: unknown }, units: Units): string {
  return `${e.module}.${e.name} ${dataText(e.data, units)}`.trimEnd();
}
