/**
 * What the bank (through its transfer check), the RPC and reports may call on governed assets:
 * roles, compliance status, the proof-of-reserve mint limit and the collateral ratio.
 */
import { TxError } from '../../../errors.js';
import { bytesEqual } from '../../../encoding/hex.js';
import { encodeAddress } from '../../../crypto/address.js';
import type { StateReader } from '../../state-view.js';
import { NATIVE_ASSET } from '../accounts/method.js';
import { accountKey, idKey } from '../assets/method.js';
import { supplyOf } from '../supply/method.js';
import { BPS } from './schemas.js';
import { attestationStore, blacklistStore, frozenStore, governanceStore, type Attestation, type Governance } from './stores.js';

/** Governance of a governed asset, or undefined for any other asset. */
export function getGovernance(state: StateReader, assetId: number): Governance | undefined {
  return assetId === NATIVE_ASSET ? undefined : governanceStore.get(state, idKey(assetId));
}

/** Governance of a governed asset; TX_NOT_FOUND if `assetId` is not one. */
export function requireGovernance(state: StateReader, assetId: number): Governance {
  const g = getGovernance(state, assetId);
  if (!g) throw new TxError('TX_NOT_FOUND', `asset ${assetId} is not a governed asset`);
  return g;
}

/** Role of a group of a governed asset. */
export type GroupRole = 'mint' | 'compliance';

/** Throws TX_UNAUTHORIZED unless `sender` is the asset's mint or compliance group multisig. */
export function requireGroup(g: Governance, sender: Uint8Array, role: GroupRole, what: string): void {
  const group = role === 'mint' ? g.mintGroup : g.complianceGroup;
  if (!bytesEqual(group, sender)) {
    throw new TxError('TX_UNAUTHORIZED', `${what} needs the ${role} group ${encodeAddress(group)} of asset ${g.assetId}; sender is ${encodeAddress(sender)}`);
  }
}

/** Whether `who` is an auditor of the asset. */
export function isAuditor(g: Governance, who: Uint8Array): boolean {
  return g.auditors.some((a) => bytesEqual(a, who));
}

/** The latest reserve attestation, if any. */
export function latestAttestation(state: StateReader, assetId: number): Attestation | undefined {
  return attestationStore.get(state, idKey(assetId));
}

/** Whether the account is frozen for the asset. */
export function isFrozen(state: StateReader, assetId: number, account: Uint8Array): boolean {
  return frozenStore.get(state, accountKey(assetId, account)) === true;
}

/** Whether the account is blacklisted for the asset. */
export function isBlacklisted(state: StateReader, assetId: number, account: Uint8Array): boolean {
  return blacklistStore.get(state, accountKey(assetId, account)) === true;
}

/** Throws TX_FROZEN / TX_BLACKLISTED if the account may not hold or move the asset. */
export function requireClear(state: StateReader, assetId: number, account: Uint8Array, role: string): void {
  if (isFrozen(state, assetId, account)) throw new TxError('TX_FROZEN', `${role} ${encodeAddress(account)} is frozen for asset ${assetId}`);
  if (isBlacklisted(state, assetId, account)) throw new TxError('TX_BLACKLISTED', `${role} ${encodeAddress(account)} is blacklisted for asset ${assetId}`);
}

/**
 * The bank's transfer check for governed assets: nothing moves while paused, and a frozen or
 * blacklisted account neither sends nor receives (Paxos freeze, Circle blacklist).
 */
export function governedTransferCheck(state: StateReader, from: Uint8Array, to: Uint8Array, assetId: number): void {
  const g = getGovernance(state, assetId);
  if (!g) return;
  if (g.paused) throw new TxError('TX_PAUSED', `asset ${assetId} is paused: transfers are blocked`);
  requireClear(state, assetId, from, 'sender');
  requireClear(state, assetId, to, 'recipient');
}

/** Most supply the reserve backs: floor(reserve x (10000 - margin bps) / 10000) (Secure Mint margin). */
export function mintLimit(g: Governance, reserve: bigint): bigint {
  return (reserve * (BPS - BigInt(g.reserveMarginBps))) / BPS;
}

/** The collateral position of a governed asset at time `now` (a block time). */
export interface CollateralReport {
  readonly assetId: number;
  readonly supply: bigint;
  /** Latest attested reserve (0 before any attestation). */
  readonly reserve: bigint;
  /** reserve / supply as an exact fraction. */
  readonly ratio: { readonly num: bigint; readonly den: bigint };
  /** floor(reserve x 10000 / supply); null while supply is 0. */
  readonly ratioBps: bigint | null;
  readonly mintLimit: bigint;
  /** How much more may be minted now (0 if stale, paused or at the limit). */
  readonly headroom: bigint;
  readonly attestation: Attestation | null;
  readonly stale: boolean;
  readonly paused: boolean;
}

/** Collateral ratio, mint limit and headroom of a governed asset at block time `now`. */
export function collateralReport(state: StateReader, assetId: number, now: number): CollateralReport {
  const g = requireGovernance(state, assetId);
  const att = latestAttestation(state, assetId) ?? null;
  const supply = supplyOf(state, assetId).total;
  const reserve = att?.reserve ?? 0n;
  const limit = mintLimit(g, reserve);
  const stale = attestationProblem(g, att, now) !== null;
  const headroom = stale || g.paused || limit <= supply ? 0n : limit - supply;
  return { assetId, supply, reserve, ratio: { num: reserve, den: supply }, ratioBps: supply === 0n ? null : (reserve * BPS) / supply, mintLimit: limit, headroom, attestation: att, stale, paused: g.paused };
}

/** Why an attestation cannot back a mint at time `now` (none, future-dated, too old), or null. */
export function attestationProblem(g: Governance, att: Attestation | null | undefined, now: number): string | null {
  if (!att) return 'no reserve attestation yet';
  const t = BigInt(now);
  if (att.time > t) return `attestation ${att.seq} is dated ${att.time}, after the block time ${now}`;
  if (t - att.time > BigInt(g.maxAttestationAge)) return `attestation ${att.seq} is ${t - att.time} s old; the limit is ${g.maxAttestationAge} s`;
  return null;
}
