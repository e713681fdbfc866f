/** Parameter types and state lookups of the governed-minting methods (`asset_*`, `multisig_*`). */
import type { StateReader } from '../state/state-view.js';
import { assetIdBySymbol, getAsset } from '../state/modules/assets/method.js';
import type { Asset } from '../state/modules/assets/stores.js';
import { getGovernance } from '../state/modules/stablecoin/method.js';
import type { Governance } from '../state/modules/stablecoin/stores.js';
import { invalidParams, notFound } from './errors.js';
import { describe, type JsonSchema, type ParamType } from './params.js';

// ---------------------------------------------------------------------------------------------
// Parameters

const SYMBOL_RE = /^[A-Z][A-Z0-9]{0,11}$/;

/** An asset: its id (integer >= 1) or its symbol (e.g. "USDKG"). */
export function assetRefParam(): ParamType<number | string> {
  return {
    schema: { oneOf: [{ type: 'integer', minimum: 1, maximum: 0xffffffff }, { type: 'string', pattern: SYMBOL_RE.source, maxLength: 12 }] },
    parse(v, name) {
      if (typeof v === 'number') {
        if (!Number.isSafeInteger(v) || v < 1 || v > 0xffffffff) throw invalidParams(name, `must be an asset id from 1 to ${0xffffffff} or a symbol, got ${describe(v)}`);
        return v;
      }
      if (typeof v === 'string') {
        if (!SYMBOL_RE.test(v)) throw invalidParams(name, `must be an asset symbol (1-12 of A-Z and 0-9, starting with a letter) or an integer id, got ${describe(v)}`);
        return v;
      }
      throw invalidParams(name, `must be an asset id (integer) or a symbol (string), got ${describe(v)}`);
    },
  };
}

/** Options of the event-trail methods. */
export interface TrailOptions {
  /** First height to report (default 0). */
  readonly fromHeight: number;
  /** Most events per page (default 100, at most 1000); a page never splits a block. */
  readonly limit: number;
  /** asset_events only: include the events of the asset's mint and compliance group multisigs (default true). */
  readonly groups?: boolean;
}

/** Largest page of events. */
export const MAX_TRAIL_LIMIT = 1000;
/** Default page of events. */
export const DEFAULT_TRAIL_LIMIT = 100;

/** `{fromHeight?, limit?}` (and `groups?` when `withGroups`): an object with only these keys. */
export function trailOptionsParam(withGroups: boolean): ParamType<TrailOptions> {
  const properties: Record<string, JsonSchema> = {
    fromHeight: { type: 'integer', minimum: 0, maximum: 0xffffffff, description: 'first block height (default 0)' },
    limit: { type: 'integer', minimum: 1, maximum: MAX_TRAIL_LIMIT, description: `most events (default ${DEFAULT_TRAIL_LIMIT}); a page ends at a block boundary` },
  };
  if (withGroups) properties.groups = { type: 'boolean', description: "include the events of the asset's group multisigs (default true)" };
  return {
    schema: { type: 'object', properties, additionalProperties: false },
    parse(v, name) {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) throw invalidParams(name, `must be an object like {"fromHeight": 0, "limit": 100}, got ${describe(v)}`);
      const o = v as Record<string, unknown>;
      for (const k of Object.keys(o)) if (!Object.hasOwn(properties, k)) throw invalidParams(`${name}.${k.length > 64 ? k.slice(0, 64) + '...' : k}`, `unknown option; expected ${Object.keys(properties).join(', ')}`);
      const int = (k: string, min: number, max: number, def: number): number => {
        const x = o[k];
        if (x === undefined || x === null) return def;
        if (typeof x !== 'number' || !Number.isSafeInteger(x) || x < min || x > max) throw invalidParams(`${name}.${k}`, `must be an integer from ${min} to ${max}, got ${describe(x)}`);
        return x;
      };
      const g = o.groups;
      if (g !== undefined && g !== null && typeof g !== 'boolean') throw invalidParams(`${name}.groups`, `must be true or false, got ${describe(g)}`);
      const page = { fromHeight: int('fromHeight', 0, 0xffffffff, 0), limit: int('limit', 1, MAX_TRAIL_LIMIT, DEFAULT_TRAIL_LIMIT) };
      return withGroups ? { ...page, groups: g !== false } : page;
    },
  };
}

/** Default trail options (with `groups` for asset_events). */
export function trailDefaults(withGroups: boolean): TrailOptions {
  return withGroups ? { fromHeight: 0, limit: DEFAULT_TRAIL_LIMIT, groups: true } : { fromHeight: 0, limit: DEFAULT_TRAIL_LIMIT };
}

// ---------------------------------------------------------------------------------------------
// Lookups

/** The asset `ref` names (id or symbol); -32001 when there is none. */
export function resolveAsset(state: StateReader, ref: number | string): Asset {
  const id = typeof ref === 'number' ? ref : assetIdBySymbol(state, ref);
  const a = id === undefined ? undefined : getAsset(state, id);
  if (!a) throw notFound('asset', { asset: ref });
  return a;
}

/** The governance of a governed asset; -32602 naming `param` when the asset is not governed. */
export function requireGoverned(state: StateReader, a: Asset, param = 'asset'): Governance {
  const g = getGovernance(state, a.id);
  if (!g) throw invalidParams(param, `asset ${a.id} (${a.symbol}) is not a governed asset; its policy is ${a.policy}`);
  return g;
}
