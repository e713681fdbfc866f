/**
 * JSON views of the governed-minting reports (`asset_*`, `multisig_*`): assets, governance, reserve
 * attestations, the collateral position, multisigs and proposals, and pages of the event trail.
 * Amounts, nonces and proposal ids are decimal strings; heights, times and small counters are JSON
 * integers; addresses bech32m. Parameters live in issuance-params.ts, result schemas in
 * issuance-schemas.ts (both re-exported here for the method files).
 */
import type { Chain } from '../chain/chain.js';
import { decode, type Json } from '../encoding/codec.js';
import { bytesToHex, hashToDisplay } from '../encoding/hex.js';
import { encodeAddress } from '../crypto/address.js';
import type { StateReader } from '../state/state-view.js';
import type { Asset } from '../state/modules/assets/stores.js';
import { supplyOf } from '../state/modules/supply/method.js';
import { attestationProblem, collateralReport } from '../state/modules/stablecoin/method.js';
import type { CollateralPoint } from '../state/modules/stablecoin/reports.js';
import type { Attestation, Governance } from '../state/modules/stablecoin/stores.js';
import { countingApprovals, isExpired } from '../state/modules/multisig/method.js';
import type { Multisig, Proposal } from '../state/modules/multisig/stores.js';
import { Attestation as AttestationCodec } from '../state/modules/stablecoin/stores.js';
import { Proposal as ProposalCodec } from '../state/modules/multisig/stores.js';
import type { IndexedEvent } from './issuance-index.js';

export * from './issuance-params.js';
export * from './issuance-schemas.js';
import type { TrailOptions } from './issuance-params.js';

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
  // Staleness as the next block will judge it: its execution time.
  const now = chain.nextExecutionTime();
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
