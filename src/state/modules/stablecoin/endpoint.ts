/**
 * RPC endpoints of governed minting (Lisk's endpoint.ts): `asset_get`, `asset_status`,
 * `asset_collateral`, `asset_collateralHistory` and `asset_events`. They report assets with their
 * stablecoin governance, so they live with the stablecoin module (which builds on assets and
 * multisig) and read the other modules through their method.ts.
 */
import type { Static } from '@sinclair/typebox';
import { decodeAddress, encodeAddress } from '../../../crypto/address.js';
import type { Json } from '../../../encoding/codec.js';
import { bytesToHex } from '../../../encoding/hex.js';
import { getProposal } from '../multisig/method.js';
import { endpoint, invalidParam, trailPage, type AnyEndpoint, type IndexedEvent } from '../../endpoint.js';
import type { StateReader } from '../../state-view.js';
import { balanceOf, getAccount } from '../accounts/method.js';
import { assetView, resolveAsset } from '../assets/endpoint.js';
import { minterAllowance, type Asset } from '../assets/method.js';
import { Attestation as AttestationSchema, assetCollateral, assetCollateralHistory, assetEvents, assetGet, assetStatus, Collateral, CollateralPoint as CollateralPointSchema, Governance as GovernanceSchema } from './api.js';
import { attestationProblem, collateralReport, getGovernance, isBlacklisted, isFrozen, latestAttestation } from './method.js';
import { collateralTimeline, type CollateralPoint, type TimelineBlock } from './reports.js';
import { Attestation as AttestationCodec, type Attestation, type Governance } from './stores.js';

/** Modules whose events make up the issuance trail. */
export const ISSUANCE_MODULES: readonly string[] = ['multisig', 'assets', 'stablecoin'];

/** View of an attestation. */
export function attestationView(a: Attestation): Static<typeof AttestationSchema> {
  const j = AttestationCodec.toJson(a) as { reportHash: string };
  return { seq: a.seq.toString(), reserve: a.reserve.toString(), reportHash: j.reportHash, reportSha256: bytesToHex(a.reportHash), time: Number(a.time), height: Number(a.height), auditor: encodeAddress(a.auditor) };
}

/** View of a governance record. */
export function governanceView(g: Governance): Static<typeof GovernanceSchema> {
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

/** The governance of a governed asset; -32602 naming `param` when the asset is not governed. */
export function requireGoverned(state: StateReader, a: Asset, param = 'asset'): Governance {
  const g = getGovernance(state, a.id);
  if (!g) throw invalidParam(param, `asset ${a.id} (${a.symbol}) is not a governed asset; its policy is ${a.policy}`);
  return g;
}

function collateralView(state: StateReader, a: Asset, g: Governance, height: number, now: number): Static<typeof Collateral> {
  const r = collateralReport(state, a.id, now);
  return {
    assetId: a.id,
    symbol: a.symbol,
    decimals: a.decimals,
    height,
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

function collateralPointView(p: CollateralPoint): Static<typeof CollateralPointSchema> {
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

/** Groups indexed events into timeline blocks (for `collateralTimeline`). */
export function timelineBlocks(events: readonly IndexedEvent[]): TimelineBlock[] {
  const out: Array<{ height: number; time: number; events: IndexedEvent['record'][] }> = [];
  for (const e of events) {
    const last = out[out.length - 1];
    if (last && last.height === e.height) last.events.push(e.record);
    else out.push({ height: e.height, time: e.time, events: [e.record] });
  }
  return out;
}

/** A field of an event's data object, if it has one. */
function field(data: Json, key: string): Json | undefined {
  return data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, Json>)[key] : undefined;
}

/** asset_get. */
export const assetGetEndpoint = endpoint(assetGet, (ctx, [ref]) =>
  ctx.view((state) => {
    const a = resolveAsset(state, ref);
    const g = getGovernance(state, a.id);
    const att = g ? latestAttestation(state, a.id) : undefined;
    return { ...assetView(state, a), governance: g ? governanceView(g) : null, attestation: att ? attestationView(att) : null };
  }),
);

/** asset_status. */
export const assetStatusEndpoint = endpoint(assetStatus, (ctx, [ref, address]) =>
  ctx.view((state) => {
    const a = resolveAsset(state, ref);
    const g = getGovernance(state, a.id);
    const frozen = g ? isFrozen(state, a.id, address) : false;
    const blacklisted = g ? isBlacklisted(state, a.id, address) : false;
    const paused = g?.paused ?? false;
    const allowance = minterAllowance(state, a.id, address);
    return {
      assetId: a.id,
      symbol: a.symbol,
      decimals: a.decimals,
      address: encodeAddress(address),
      balance: balanceOf(getAccount(state, address), a.id).toString(),
      governed: g !== undefined,
      frozen,
      blacklisted,
      paused,
      canTransfer: !frozen && !blacklisted && !paused,
      minterAllowance: allowance === undefined ? null : allowance.toString(),
    };
  }),
);

/** asset_collateral. */
export const assetCollateralEndpoint = endpoint(assetCollateral, (ctx, [ref]) =>
  ctx.view((state, head) => {
    const a = resolveAsset(state, ref);
    // Staleness as the next block will judge it: its execution time.
    return collateralView(state, a, requireGoverned(state, a), head.height, head.nextExecutionTime);
  }),
);

/** asset_collateralHistory. */
export const assetCollateralHistoryEndpoint = endpoint(assetCollateralHistory, async (ctx, [ref, o]) => {
  const a = await ctx.view((state) => {
    const asset = resolveAsset(state, ref);
    requireGoverned(state, asset);
    return asset;
  });
  const events = (await ctx.events(ISSUANCE_MODULES)).filter((e) => e.module === 'stablecoin' && field(e.data, 'assetId') === a.id);
  const points = collateralTimeline(timelineBlocks(events), a.id);
  const out: Static<typeof CollateralPointSchema>[] = [];
  let last = -1;
  for (const p of points) {
    if (p.height < o.fromHeight) continue;
    if (out.length >= o.limit && p.height !== last) return { assetId: a.id, points: out, nextFromHeight: p.height };
    last = p.height;
    out.push(collateralPointView(p));
  }
  return { assetId: a.id, points: out, nextFromHeight: null };
});

/** asset_events. */
export const assetEventsEndpoint = endpoint(assetEvents, async (ctx, [ref, o]) => {
  const { a, g } = await ctx.view((state) => {
    const asset = resolveAsset(state, ref);
    return { a: asset, g: getGovernance(state, asset.id) };
  });
  const events = await ctx.events(ISSUANCE_MODULES);
  const groups = new Set<string>();
  if (g && o.groups !== false) {
    groups.add(encodeAddress(g.mintGroup));
    groups.add(encodeAddress(g.complianceGroup));
    // Former groups, from the creation and role-change events.
    for (const e of events) {
      if (e.module !== 'stablecoin' || field(e.data, 'assetId') !== a.id) continue;
      if (e.name === 'created') for (const k of ['mintGroup', 'complianceGroup']) groups.add(field(e.data, k) as string);
      if (e.name === 'role' && (field(e.data, 'role') === 'mintGroup' || field(e.data, 'role') === 'complianceGroup')) groups.add(field(e.data, 'account') as string);
    }
  }
  // A group's proposals belong to this asset's trail only when their action is about it (its
  // assetId) or changes the group itself (owners, threshold, cancel): a group shared with another
  // asset never brings that asset's mints here.
  const proposals = new Map<string, boolean>();
  for (const e of events) {
    const ms = field(e.data, 'multisig');
    const id = field(e.data, 'proposalId');
    if (e.module === 'multisig' && typeof ms === 'string' && groups.has(ms) && typeof id === 'string') proposals.set(`${ms}/${id}`, false);
  }
  if (proposals.size > 0) {
    await ctx.view((state) => {
      for (const key of proposals.keys()) {
        const [ms, id] = key.split('/');
        const p = getProposal(state, decodeAddress(ms), BigInt(id));
        const params = p ? ctx.paramsJson(p.module, p.command, p.params) : null;
        proposals.set(key, p !== undefined && (p.module === 'multisig' || field(params, 'assetId') === a.id));
      }
    });
  }
  return trailPage(events, o, (e) => {
    if (e.module !== 'multisig') return field(e.data, 'assetId') === a.id;
    const ms = field(e.data, 'multisig');
    if (typeof ms !== 'string' || !groups.has(ms)) return false;
    const id = field(e.data, 'proposalId');
    return typeof id !== 'string' || proposals.get(`${ms}/${id}`) === true;
  });
});

/** Every endpoint of the governed-minting reports, for the RPC registry. */
export const stablecoinEndpoints: readonly AnyEndpoint[] = [assetGetEndpoint, assetCollateralEndpoint, assetCollateralHistoryEndpoint, assetStatusEndpoint, assetEventsEndpoint];
