/**
 * `multisig propose --params` as a person writes it (issue 14, item 7): an amount may carry its
 * unit, `"50000000 USDKG"` or `"2.5 CWC"`, and is then read in that asset's decimals as every other
 * command reads amounts; an asset field (`assetId`, `mintAsset`) may name the asset by symbol. A
 * bare integer string stays what the node's JSON form is, base units. An amount whose unit is not
 * the asset its params name is refused, never converted. The action is shown back in units.
 */
import type { Json } from '../encoding/codec.js';
import { parseAmount } from './amount.js';
import { CliError } from './errors.js';
import { dataText } from './event-text.js';
import type { Units } from './units.js';

/** Fields that name an asset, and the amount fields each one governs in the same object. */
const ASSET_FIELDS: Readonly<Record<string, readonly string[]>> = { assetId: ['amount', 'price', 'supply', 'allowance'], mintAsset: ['mintPrice'] };

/** `"<decimal> <SYMBOL>"`: an amount with its unit. */
const WITH_UNIT = /^\s*(\d[\d_]*(?:\.\d*)?|\.\d+)\s+([A-Za-z][A-Za-z0-9]{0,11})\s*$/;

/** `json` with symbols resolved to asset ids and amounts with a unit turned into base units. */
export async function paramsInUnits(json: unknown, units: Units, path = ''): Promise<unknown> {
  if (Array.isArray(json)) return Promise.all(json.map((v, i) => paramsInUnits(v, units, `${path}[${i}]`)));
  if (json === null || typeof json !== 'object') return json;
  const src = json as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  // Asset fields first: the amounts beside them must be in their asset.
  for (const [k, v] of Object.entries(src)) {
    if (Object.hasOwn(ASSET_FIELDS, k) && typeof v === 'string' && !/^\d+$/.test(v.trim())) out[k] = (await units.resolve(v)).assetId;
  }
  for (const [k, v] of Object.entries(src)) {
    if (k in out) continue;
    const here = path ? `${path}.${k}` : k;
    const m = typeof v === 'string' ? WITH_UNIT.exec(v) : null;
    if (!m) {
      out[k] = await paramsInUnits(v, units, here);
      continue;
    }
    const named = await units.resolve(m[2]);
    const assetField = Object.entries(ASSET_FIELDS).find(([, amounts]) => amounts.includes(k))?.[0];
    const expected = assetField !== undefined ? (out[assetField] ?? src[assetField]) : undefined;
    const expectedId = typeof expected === 'number' ? expected : typeof expected === 'string' && /^\d+$/.test(expected) ? Number(expected) : undefined;
    if (expectedId !== undefined && expectedId !== named.assetId) {
      const want = await units.of(expectedId);
      throw new CliError('CLI_BAD_ARGUMENT', `--params ${here} is in ${named.symbol} but ${assetField} ${expectedId} is ${want ? want.symbol : 'not an asset on this node'}: write it in ${want ? want.symbol : 'base units'}`, { usage: true });
    }
    out[k] = parseAmount(m[1], named.decimals, { allowZero: true }).toString();
  }
  return out;
}

/** `module.command k=v ...` of an action, amounts in units (the units of its asset ids must be loaded). */
export function actionLine(module: string, command: string, params: unknown, units: Units): string {
  return `${module}.${command} ${params === null ? '(undecodable params)' : dataText(params as Json, units)}`.trimEnd();
}

/** Asset ids named anywhere in decoded params (`assetId`, `mintAsset`), to load their units. */
export function paramsAssetIds(params: unknown): number[] {
  if (Array.isArray(params)) return params.flatMap(paramsAssetIds);
  if (params === null || typeof params !== 'object') return [];
  return Object.entries(params as Record<string, unknown>).flatMap(([k, v]) => (Object.hasOwn(ASSET_FIELDS, k) && typeof v === 'number' ? [v] : paramsAssetIds(v)));
}
