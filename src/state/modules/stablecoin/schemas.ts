/**
 * Parameters of the stablecoin module's commands: a governed asset (USDKG model) whose mint group
 * and compliance group are multisigs, with proof-of-reserve gated minting (Chainlink Secure Mint).
 */
import { bytes, list, str, struct, u32, u64, u8, varBytes, type Infer } from '../../../encoding/codec.js';
import { address } from '../../../primitives/address-codec.js';

/** Most auditors of one governed asset. */
export const MAX_AUDITORS = 16;
/** Basis points in one whole (100%). */
export const BPS = 10_000n;

/**
 * stablecoin.create parameters. `reserveMarginBps`: the share of the attested reserve that may not
 * back tokens (Secure Mint margin); `maxAttestationAge`: seconds after which an attestation is stale.
 */
export const CreateParams = struct('StablecoinCreateParams', {
  symbol: str(12),
  name: str(64),
  decimals: u8,
  mintGroup: address,
  complianceGroup: address,
  auditors: list(address, MAX_AUDITORS),
  reserveMarginBps: u32,
  maxAttestationAge: u32,
});
/** stablecoin.create parameters. */
export type CreateParams = Infer<typeof CreateParams>;

/** stablecoin.attest parameters: reserve in the asset's own decimals and the hash of the audit report. */
export const AttestParams = struct('StablecoinAttestParams', { assetId: u32, reserve: u64, reportHash: bytes(32) });
/** stablecoin.attest parameters. */
export type AttestParams = Infer<typeof AttestParams>;

/** stablecoin.mint parameters. */
export const MintParams = struct('StablecoinMintParams', { assetId: u32, to: address, amount: u64 });
/** stablecoin.mint parameters. */
export type MintParams = Infer<typeof MintParams>;

/** stablecoin.redeem parameters: `reference` identifies the off-chain settlement (e.g. a hash of payout details). */
export const RedeemParams = struct('StablecoinRedeemParams', { assetId: u32, amount: u64, reference: varBytes(64) });
/** stablecoin.redeem parameters. */
export type RedeemParams = Infer<typeof RedeemParams>;

/** stablecoin.pause / stablecoin.unpause parameters. */
export const AssetRef = struct('StablecoinAssetRef', { assetId: u32 });
/** stablecoin.pause / stablecoin.unpause parameters. */
export type AssetRef = Infer<typeof AssetRef>;

/** Parameters of freeze, unfreeze, blacklist, unblacklist and wipe: one account of one asset. */
export const AccountRef = struct('StablecoinAccountRef', { assetId: u32, account: address });
/** Parameters of the compliance commands. */
export type AccountRef = Infer<typeof AccountRef>;

/** stablecoin.addAuditor / stablecoin.removeAuditor parameters. */
export const AuditorParams = struct('StablecoinAuditorParams', { assetId: u32, auditor: address });
/** stablecoin.addAuditor / stablecoin.removeAuditor parameters. */
export type AuditorParams = Infer<typeof AuditorParams>;

/** stablecoin.setMintGroup / stablecoin.setComplianceGroup parameters: the new group multisig. */
export const GroupParams = struct('StablecoinGroupParams', { assetId: u32, group: address });

/** stablecoin.setReserveMargin parameters: the new margin in basis points (< 10,000). */
export const MarginParams = struct('StablecoinMarginParams', { assetId: u32, reserveMarginBps: u32 });
/** stablecoin.setReserveMargin parameters. */
export type MarginParams = Infer<typeof MarginParams>;

/** stablecoin.setMaxAttestationAge parameters: the new staleness limit in seconds (> 0). */
export const AttestationAgeParams = struct('StablecoinAttestationAgeParams', { assetId: u32, maxAttestationAge: u32 });
/** stablecoin.setMaxAttestationAge parameters. */
export type AttestationAgeParams = Infer<typeof AttestationAgeParams>;
/** stablecoin.setMintGroup / stablecoin.setComplianceGroup parameters. */
export type GroupParams = Infer<typeof GroupParams>;
