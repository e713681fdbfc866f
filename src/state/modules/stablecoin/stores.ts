/**
 * Stablecoin state per governed asset: its governance (groups, auditors, margin, staleness limit,
 * pause flag), the latest reserve attestation, and the frozen and blacklisted accounts.
 */
import { bool, bytes, list, struct, u32, u64, type Infer } from '../../../encoding/codec.js';
import { address } from '../../../primitives/address-codec.js';
import { Store } from '../../store.js';
import { MAX_AUDITORS } from './schemas.js';

/** Governance of a governed asset. */
export const Governance = struct('StablecoinGovernance', {
  assetId: u32,
  mintGroup: address,
  complianceGroup: address,
  auditors: list(address, MAX_AUDITORS),
  reserveMarginBps: u32,
  maxAttestationAge: u32,
  paused: bool,
  nextRedemptionId: u64,
  attestations: u64,
});
/** Governance of a governed asset. */
export type Governance = Infer<typeof Governance>;

/** A reserve attestation (Chainlink's (reserve, updatedAt) with the report hash and who signed it). */
export const Attestation = struct('ReserveAttestation', { seq: u64, reserve: u64, reportHash: bytes(32), time: u64, height: u64, auditor: address });
/** A reserve attestation. */
export type Attestation = Infer<typeof Attestation>;

/** Governance by u32be(asset id). */
export const governanceStore = new Store('stablecoin', 'governance', Governance);
/** Latest attestation by u32be(asset id). */
export const attestationStore = new Store('stablecoin', 'attestation', Attestation);
/** Frozen accounts by u32be(asset id) | address (Paxos asset protection freeze). */
export const frozenStore = new Store('stablecoin', 'frozen', bool);
/** Blacklisted accounts by u32be(asset id) | address (Circle / USDKG blacklist). */
export const blacklistStore = new Store('stablecoin', 'blacklist', bool);
