/**
 * JSON views, parameter types and result schemas of the governed-minting reports (`asset_*`,
 * `multisig_*`): assets, governance, reserve attestations, the collateral position, multisigs and
 * proposals, and pages of the event trail. Amounts, nonces and proposal ids are decimal strings;
 * heights, times and small counters are JSON integers; addresses bech32m.
 */
import type { Chain } from '../chain/chain.js';
import { decode, type Json } from '../encoding/codec.js';
import { bytesToHex, hashToDisplay } from '../encoding/hex.js';
import { encodeAddress } from '../crypto/address.js';
import type { StateReader } from '../state/state-view.js';
import { assetIdBySymbol, getAsset } from '../state/modules/assets/method.js';
import type { Asset } from '../state/modules/assets/stores.js';
import { supplyOf } from '../state/modules/supply/method.js';
import { SUPPLY_CAUSES } from '../state/modules/supply/stores.js';
import { attestationProblem, collateralReport, getGovernance } from '../state/modules/stablecoin/method.js';
import type { CollateralPoint } from '../state/modules/stablecoin/reports.js';
import type { Attestation, Governance } from '../state/modules/stablecoin/stores.js';
import { countingApprovals, isExpired } from '../state/modules/multisig/method.js';
import type { Multisig, Proposal } from '../state/modules/multisig/stores.js';
import { Attestation as AttestationCodec } from '../state/modules/stablecoin/stores.js';
import { Proposal as ProposalCodec } from '../state/modules/multisig/stores.js';
import { invalidParams, notFound } from './errors.js';
import type { IndexedEvent } from './issuance-index.js';
import type { JsonSchema, ParamType } from './params.js';
import { addressS, anyS, arrS, boolS, decS, hashS, hexS, nullableS, objS, strS, uintS } from './result-schemas.js';

// ---------------------------------------------------------------------------------------------
// Parameters

const SYMBOL_RE = /^[A-Z][A-Z0-9]{0,11}$/;

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return v.length > 40 ? `a string of ${v.length} characters` : JSON.stringify(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'a number out of range';
  return typeof v === 'object' ? 'an object' : String(v);
}

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

// ---------------------------------------------------------------------------------------------
// Views

/** An asset as reports show it. */
export interface AssetView {
  readonly assetId: number;
  readonly symbol: string;
  readonly name: string;
  readonly decimals: number;
  readonly policy: 'fixed' | 'issuer' | 'governed';
  readonly creator: string;
  readonly issuer: string | null;
  /** Height of the block that created it. */
  readonly createdAt: number;
  /** Current total supply. */
  readonly supply: string;
}

/** View of an asset. */
export function assetView(state: StateReader, a: Asset): AssetView {
  return {
    assetId: a.id,
    symbol: a.symbol,
    name: a.name,
    decimals: a.decimals,
    policy: a.policy,
    creator: encodeAddress(a.creator),
    issuer: a.issuer ? encodeAddress(a.issuer) : null,
    createdAt: Number(a.createdAt),
    supply: supplyOf(state, a.id).total.toString(),
  };
}

/** A reserve attestation. `reportHash` and `reportSha256` are the same 32 bytes in natural order (as `sha256sum` prints a report's hash); the second name is kept for clients that want it explicit. */
export interface AttestationView {
  readonly seq: string;
  readonly reserve: string;
  readonly reportHash: string;
  readonly reportSha256: string;
  readonly time: number;
  readonly height: number;
  readonly auditor: string;
}

/** View of an attestation. */
export function attestationView(a: Attestation): AttestationView {
  const j = AttestationCodec.toJson(a) as { reportHash: string };
  return { seq: a.seq.toString(), reserve: a.reserve.toString(), reportHash: j.reportHash, reportSha256: bytesToHex(a.reportHash), time: Number(a.time), height: Number(a.height), auditor: encodeAddress(a.auditor) };
}

/** Governance of a governed asset. */
export interface GovernanceView {
  readonly mintGroup: string;
  readonly complianceGroup: string;
  readonly auditors: string[];
  readonly reserveMarginBps: number;
  readonly maxAttestationAge: number;
  readonly paused: boolean;
  /** Attestations recorded so far. */
  readonly attestations: string;
  /** Redemptions recorded so far (the next redemption id). */
  readonly redemptions: string;
}

/** View of a governance record. */
export function governanceView(g: Governance): GovernanceView {
  return {
    mintGroup: encodeAddress(g.mintGroup),
    complianceGroup: encodeAddress(g.complianceGroup),
    auditors: g.auditors.map((a) => encodeAddress(a)),
    reserveMarginBps: g.reserveMarginBps,
    maxAttestationAge: g.maxAttestationAge,
    paused: g.paused,
    attestations: g.attestations.toString(),
    redemptions: g.nextRedemptionId.toString(),
  };
}

/** Supply of an asset by cause. */
export interface AssetSupplyView {
  readonly assetId: number;
  readonly symbol: string;
  readonly decimals: number;
  readonly byCause: Record<string, string>;
  readonly total: string;
}

/** View of an asset's supply ledger. */
export function assetSupplyView(state: StateReader, a: Asset): AssetSupplyView {
  const s = supplyOf(state, a.id);
  return { assetId: a.id, symbol: a.symbol, decimals: a.decimals, byCause: Object.fromEntries(Object.entries(s.byCause).map(([k, v]) => [k, v.toString()])), total: s.total.toString() };
}

/** The collateral position of a governed asset at the head. */
export interface CollateralView {
  readonly assetId: number;
  readonly symbol: string;
  readonly decimals: number;
  /** Head height and block time the position is computed at. */
  readonly height: number;
  readonly time: number;
  readonly supply: string;
  readonly reserve: string;
  /** reserve / supply, exact. */
  readonly ratio: { readonly num: string; readonly den: string };
  /** floor(reserve x 10000 / supply); null while the supply is 0. */
  readonly ratioBps: string | null;
  readonly mintLimit: string;
  readonly headroom: string;
  readonly reserveMarginBps: number;
  readonly maxAttestationAge: number;
  readonly attestation: AttestationView | null;
  /** Seconds between the attestation and the head block (null without one). */
  readonly attestationAge: number | null;
  readonly stale: boolean;
  readonly staleReason: string | null;
  readonly paused: boolean;
}

/** View of the collateral report of a governed asset as of the head block's time. */
export function collateralView(chain: Chain, a: Asset, g: Governance): CollateralView {
  const tip = chain.tip;
  const now = tip.header.time;
  const r = collateralReport(chain.world, a.id, now);
  return {
    assetId: a.id,
    symbol: a.symbol,
    decimals: a.decimals,
    height: tip.height,
    time: now,
    supply: r.supply.toString(),
    reserve: r.reserve.toString(),
    ratio: { num: r.ratio.num.toString(), den: r.ratio.den.toString() },
    ratioBps: r.ratioBps === null ? null : r.ratioBps.toString(),
    mintLimit: r.mintLimit.toString(),
    headroom: r.headroom.toString(),
    reserveMarginBps: g.reserveMarginBps,
    maxAttestationAge: g.maxAttestationAge,
    attestation: r.attestation ? attestationView(r.attestation) : null,
    attestationAge: r.attestation ? now - Number(r.attestation.time) : null,
    stale: r.stale,
    staleReason: attestationProblem(g, r.attestation, now),
    paused: r.paused,
  };
}

/** A point of the collateral timeline. */
export interface CollateralPointView {
  readonly height: number;
  readonly time: number;
  readonly cause: CollateralPoint['cause'];
  readonly amount: string;
  readonly reserve: string;
  readonly supply: string;
  readonly ratioBps: string | null;
  readonly minted: string;
  readonly redeemed: string;
  readonly wiped: string;
}

/** View of a collateral point. */
export function collateralPointView(p: CollateralPoint): CollateralPointView {
  return {
    height: p.height,
    time: p.time,
    cause: p.cause,
    amount: p.amount.toString(),
    reserve: p.reserve.toString(),
    supply: p.supply.toString(),
    ratioBps: p.ratioBps === null ? null : p.ratioBps.toString(),
    minted: p.minted.toString(),
    redeemed: p.redeemed.toString(),
    wiped: p.wiped.toString(),
  };
}

/** An event of the trail. */
export interface TrailEventView {
  readonly height: number;
  readonly time: number;
  readonly blockHash: string;
  readonly txId: string | null;
  readonly txIndex: number | null;
  readonly eventIndex: number;
  readonly module: string;
  readonly name: string;
  readonly data: Json;
}

/** A page of the event trail; `nextFromHeight` is where the next page starts (null at the end). */
export interface TrailPage {
  readonly events: TrailEventView[];
  readonly nextFromHeight: number | null;
}

/** Events matching `match` from `o.fromHeight`, at most `o.limit` of them unless one block holds more (blocks are never split). */
export function trailPage(events: readonly IndexedEvent[], o: TrailOptions, match: (e: IndexedEvent) => boolean): TrailPage {
  const out: TrailEventView[] = [];
  let lastHeight = -1;
  for (const e of events) {
    if (e.height < o.fromHeight || !match(e)) continue;
    if (out.length >= o.limit && e.height !== lastHeight) return { events: out, nextFromHeight: e.height };
    lastHeight = e.height;
    out.push({
      height: e.height,
      time: e.time,
      blockHash: hashToDisplay(e.blockHash),
      txId: e.txId ? hashToDisplay(e.txId) : null,
      txIndex: e.txIndex,
      eventIndex: e.eventIndex,
      module: e.module,
      name: e.name,
      data: e.data,
    });
  }
  return { events: out, nextFromHeight: null };
}

/** Which governed assets a multisig is a group of. */
export interface GroupRoleView {
  readonly assetId: number;
  readonly symbol: string;
  readonly role: 'mint' | 'compliance';
}

/** A multisig account. */
export interface MultisigView {
  readonly address: string;
  readonly owners: string[];
  readonly threshold: number;
  /** Nonce the next executed proposal must target. */
  readonly nonce: string;
  readonly nextProposalId: string;
  /** Ids of pending proposals, oldest first. */
  readonly pending: string[];
  readonly creator: string;
  /** Governed assets whose mint or compliance group it is. */
  readonly governs: GroupRoleView[];
}

/** View of a multisig. */
export function multisigView(addr: Uint8Array, m: Multisig, governs: GroupRoleView[]): MultisigView {
  return {
    address: encodeAddress(addr),
    owners: m.owners.map((o) => encodeAddress(o)),
    threshold: m.threshold,
    nonce: m.nonce.toString(),
    nextProposalId: m.nextProposalId.toString(),
    pending: m.pending.map((id) => id.toString()),
    creator: encodeAddress(m.creator),
    governs,
  };
}

/** A proposal with its counting approvals and whether it can execute now. */
export interface ProposalView {
  readonly multisig: string;
  readonly proposalId: string;
  readonly nonce: string;
  readonly module: string;
  readonly command: string;
  /** Encoded action params, hex. */
  readonly params: string;
  /** The params decoded by the command's schema (null if the command is unknown or they do not decode). */
  readonly decodedParams: Json | null;
  /** What owners approve (chain JSON form of the hash). */
  readonly actionHash: string;
  readonly proposer: string;
  /** Every approval recorded. */
  readonly approvals: string[];
  /** Approvals that count: those of current owners. */
  readonly countingApprovals: string[];
  readonly approvalCount: number;
  readonly threshold: number;
  readonly createdAt: number;
  /** Last height at which it may be approved or executed. */
  readonly expiresAt: number;
  readonly status: Proposal['status'];
  /** `CODE: message` of a failed action. */
  readonly result: string | null;
  /** Past its expiry at the next block (`height` of the report). */
  readonly expired: boolean;
  /** Pending, unexpired, on the current nonce with enough counting approvals: `multisig execute` would run it. */
  readonly executable: boolean;
}

/** View of a proposal as of block `height` (the next block's height for "now"). */
export function proposalView(chain: Chain, addr: Uint8Array, m: Multisig, p: Proposal, height: bigint): ProposalView {
  const counting = countingApprovals(m, p);
  const expired = p.status === 'pending' && isExpired(p, height);
  let decodedParams: Json | null = null;
  const cmd = chain.sm.command(p.module, p.command);
  if (cmd) {
    try {
      decodedParams = cmd.schema.toJson(decode(cmd.schema, p.params));
    } catch {
      decodedParams = null;
    }
  }
  const j = ProposalCodec.toJson(p) as { actionHash: string };
  return {
    multisig: encodeAddress(addr),
    proposalId: p.id.toString(),
    nonce: p.nonce.toString(),
    module: p.module,
    command: p.command,
    params: bytesToHex(p.params),
    decodedParams,
    actionHash: j.actionHash,
    proposer: encodeAddress(p.proposer),
    approvals: p.approvals.map((a) => encodeAddress(a)),
    countingApprovals: counting.map((a) => encodeAddress(a)),
    approvalCount: counting.length,
    threshold: m.threshold,
    createdAt: Number(p.createdAt),
    expiresAt: Number(p.expiresAt),
    status: p.status,
    result: p.result,
    expired,
    executable: p.status === 'pending' && !expired && p.nonce === m.nonce && counting.length >= m.threshold,
  };
}

// ---------------------------------------------------------------------------------------------
// Result schemas

/** asset view. */
export const assetS = objS({
  assetId: uintS,
  symbol: strS,
  name: strS,
  decimals: uintS,
  policy: { type: 'string', enum: ['fixed', 'issuer', 'governed'] },
  creator: addressS,
  issuer: nullableS(addressS),
  createdAt: uintS,
  supply: decS,
});

/** attestation view. */
export const attestationS = objS({ seq: decS, reserve: decS, reportHash: hashS, reportSha256: hashS, time: uintS, height: uintS, auditor: addressS });

/** governance view. */
export const governanceS = objS({
  mintGroup: addressS,
  complianceGroup: addressS,
  auditors: arrS(addressS),
  reserveMarginBps: uintS,
  maxAttestationAge: uintS,
  paused: boolS,
  attestations: decS,
  redemptions: decS,
});

/** supply-by-cause view. */
export const assetSupplyS = objS({
  assetId: uintS,
  symbol: strS,
  decimals: uintS,
  byCause: objS(Object.fromEntries(Object.keys(SUPPLY_CAUSES).map((c) => [c, decS]))),
  total: decS,
});

/** collateral view. */
export const collateralS = objS({
  assetId: uintS,
  symbol: strS,
  decimals: uintS,
  height: uintS,
  time: uintS,
  supply: decS,
  reserve: decS,
  ratio: objS({ num: decS, den: decS }),
  ratioBps: nullableS(decS),
  mintLimit: decS,
  headroom: decS,
  reserveMarginBps: uintS,
  maxAttestationAge: uintS,
  attestation: nullableS(attestationS),
  attestationAge: nullableS({ type: 'integer' }),
  stale: boolS,
  staleReason: nullableS(strS),
  paused: boolS,
});

/** collateral point view. */
export const collateralPointS = objS({
  height: uintS,
  time: uintS,
  cause: { type: 'string', enum: ['attest', 'mint', 'redeem', 'wipe'] },
  amount: decS,
  reserve: decS,
  supply: decS,
  ratioBps: nullableS(decS),
  minted: decS,
  redeemed: decS,
  wiped: decS,
});

/** trail page. */
export const trailPageS = objS({
  events: arrS(
    objS({
      height: uintS,
      time: uintS,
      blockHash: hashS,
      txId: nullableS(hashS),
      txIndex: nullableS(uintS),
      eventIndex: uintS,
      module: strS,
      name: strS,
      data: anyS,
    }),
  ),
  nextFromHeight: nullableS(uintS),
});

/** multisig view. */
export const multisigS = objS({
  address: addressS,
  owners: arrS(addressS),
  threshold: uintS,
  nonce: decS,
  nextProposalId: decS,
  pending: arrS(decS),
  creator: addressS,
  governs: arrS(objS({ assetId: uintS, symbol: strS, role: { type: 'string', enum: ['mint', 'compliance'] } })),
});

/** proposal view. */
export const proposalS = objS({
  multisig: addressS,
  proposalId: decS,
  nonce: decS,
  module: strS,
  command: strS,
  params: hexS,
  decodedParams: { description: 'the params as JSON (null if the command is unknown or they do not decode)' },
  actionHash: hashS,
  proposer: addressS,
  approvals: arrS(addressS),
  countingApprovals: arrS(addressS),
  approvalCount: uintS,
  threshold: uintS,
  createdAt: uintS,
  expiresAt: uintS,
  status: { type: 'string', enum: ['pending', 'executed', 'failed', 'voided', 'expired'] },
  result: nullableS(strS),
  expired: boolS,
  executable: boolS,
});
