/**
 * RPC interface of governed minting (schema-only, browser-safe): `asset_get`, `asset_status`,
 * `asset_collateral`, `asset_collateralHistory` and `asset_events`. Amounts, nonces and ids are
 * decimal strings; heights, times and small counters JSON integers; addresses bech32m.
 */
import { Type } from '@sinclair/typebox';
import { AddressParam, AssetRefParam, TrailOptionsParam, trailDefaults } from '../../../api/params.js';
import { defineSpec, optionalParam, param } from '../../../api/spec.js';
import { Address, Arr, Bool, Dec, Hash, Nullable, Obj, Str, StrEnum, TrailPage, Uint } from '../../../api/wire.js';
import { Asset } from '../assets/api.js';
import * as S from './schemas.js';

/** A reserve attestation; `reportHash` and `reportSha256` are the same 32 bytes in natural order (as `sha256sum` prints a report's hash). */
export const Attestation = Obj({ seq: Dec, reserve: Dec, reportHash: Hash, reportSha256: Hash, time: Uint, height: Uint, auditor: Address });

/** Governance of a governed asset. */
export const Governance = Obj({
  mintGroup: Address,
  complianceGroup: Address,
  auditors: Arr(Address),
  reserveMarginBps: Uint,
  maxAttestationAge: Uint,
  paused: Bool,
  /** Attestations recorded so far. */
  attestations: Dec,
  /** Redemptions recorded so far (the next redemption id). */
  redemptions: Dec,
});

/** An asset with, for a governed one, its governance and latest attestation (asset_get). */
export const AssetDetail = Type.Composite([Asset, Obj({ governance: Nullable(Governance), attestation: Nullable(Attestation) })], { additionalProperties: false });

/** One account's standing for one asset (asset_status). */
export const AssetStatus = Obj({
  assetId: Uint,
  symbol: Str,
  decimals: Uint,
  address: Address,
  balance: Dec,
  governed: Bool,
  frozen: Bool,
  blacklisted: Bool,
  paused: Bool,
  /** Whether the account may send and receive the asset now (not frozen, blacklisted or paused). */
  canTransfer: Bool,
  /** Remaining allowance when the account is a minter of an issuer asset, else null. */
  minterAllowance: Nullable(Dec),
});

/** The collateral position of a governed asset as of the head block's time (asset_collateral). */
export const Collateral = Obj({
  assetId: Uint,
  symbol: Str,
  decimals: Uint,
  height: Uint,
  time: Uint,
  supply: Dec,
  reserve: Dec,
  ratio: Obj({ num: Dec, den: Dec }),
  ratioBps: Nullable(Dec),
  mintLimit: Dec,
  headroom: Dec,
  reserveMarginBps: Uint,
  maxAttestationAge: Uint,
  attestation: Nullable(Attestation),
  attestationAge: Nullable(Type.Integer()),
  stale: Bool,
  staleReason: Nullable(Str),
  paused: Bool,
});

/** A point of the collateral timeline. */
export const CollateralPoint = Obj({
  height: Uint,
  time: Uint,
  cause: StrEnum(['attest', 'mint', 'redeem', 'wipe']),
  amount: Dec,
  reserve: Dec,
  supply: Dec,
  ratioBps: Nullable(Dec),
  minted: Dec,
  redeemed: Dec,
  wiped: Dec,
});

/** A page of the collateral timeline (asset_collateralHistory). */
export const CollateralHistory = Obj({ assetId: Uint, points: Arr(CollateralPoint), nextFromHeight: Nullable(Uint) });

/** asset_get. */
export const assetGet = defineSpec({
  name: 'asset_get',
  summary: 'An asset by id or symbol: metadata, total supply, and for a governed asset its governance and latest reserve attestation (null otherwise); -32001 when unknown.',
  params: [param('asset', AssetRefParam(), 'asset id (integer >= 1) or symbol, e.g. "USDKG"')],
  result: { name: 'asset', schema: AssetDetail },
});

/** asset_status. */
export const assetStatus = defineSpec({
  name: 'asset_status',
  summary: "An account's standing for an asset at the head: balance, frozen and blacklisted (governed assets; false otherwise), paused, canTransfer, and its minter allowance (issuer assets).",
  params: [param('asset', AssetRefParam(), 'asset id or symbol'), param('address', AddressParam(), 'bech32m address (cw1...)')],
  result: { name: 'status', schema: AssetStatus },
});

/** asset_collateral. */
export const assetCollateral = defineSpec({
  name: 'asset_collateral',
  summary:
    "Collateral of a governed asset as of the head block's time: supply, reserve, exact ratio {num, den}, ratioBps (floor, null at zero supply), mintLimit = floor(reserve x (10000 - margin) / 10000), headroom (0 when stale or paused), the latest attestation and its age, stale (+ reason) and paused. -32602 for an asset that is not governed.",
  params: [param('asset', AssetRefParam(), 'governed asset id or symbol')],
  result: { name: 'collateral', schema: Collateral },
});

/** asset_collateralHistory. */
export const assetCollateralHistory = defineSpec({
  name: 'asset_collateralHistory',
  summary:
    'Collateral ratio of a governed asset over time: one point after every attestation, mint, redemption and wipe (height, time, cause, amount, reserve, supply, ratioBps, running minted / redeemed / wiped), oldest first, from `fromHeight`, at most `limit` points per page (blocks are not split).',
  params: [param('asset', AssetRefParam(), 'governed asset id or symbol'), optionalParam('options', TrailOptionsParam(false), trailDefaults(false), '{fromHeight?, limit?}')],
  result: { name: 'history', schema: CollateralHistory },
});

/** asset_events. */
export const assetEvents = defineSpec({
  name: 'asset_events',
  summary:
    'The event trail of an asset, oldest first: every assets / stablecoin event about it and (unless groups is false) every event of its current and former mint and compliance group multisigs, with height, time, block hash, tx id and the event JSON. Paged: from `fromHeight`, at most `limit` events unless one block holds more (blocks are not split); `nextFromHeight` starts the next page.',
  params: [param('asset', AssetRefParam(), 'asset id or symbol'), optionalParam('options', TrailOptionsParam(true), trailDefaults(true), '{fromHeight?, limit?, groups?}')],
  result: { name: 'trail', schema: TrailPage },
});

/** Params codec of each stablecoin command (the same objects its commands declare; test/state/command-params.test.ts holds them equal). */
export const commandParams = {
  create: S.CreateParams,
  attest: S.AttestParams,
  mint: S.MintParams,
  redeem: S.RedeemParams,
  pause: S.AssetRef,
  unpause: S.AssetRef,
  freeze: S.AccountRef,
  unfreeze: S.AccountRef,
  blacklist: S.AccountRef,
  unblacklist: S.AccountRef,
  wipe: S.AccountRef,
  setMintGroup: S.GroupParams,
  setComplianceGroup: S.GroupParams,
  addAuditor: S.AuditorParams,
  removeAuditor: S.AuditorParams,
  setReserveMargin: S.MarginParams,
  setMaxAttestationAge: S.AttestationAgeParams,
} as const;
