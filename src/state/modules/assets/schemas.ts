/** Parameters of the assets module's commands (Circle FiatToken's minter roles for `issuer` assets). */
import { enumOf, str, struct, u32, u64, u8, type Infer } from '../../../encoding/codec.js';
import { address } from '../../../primitives/address-codec.js';

/** How an asset's supply may change: fixed at creation, minted by an issuer's minters, or governed (stablecoin module). */
export const Policy = enumOf('AssetPolicy', ['fixed', 'issuer', 'governed'] as const);
/** An asset's issuance policy. */
export type Policy = Infer<typeof Policy>;

/** Fields every asset declares at creation. */
export const assetFields = { symbol: str(12), name: str(64), decimals: u8 };

/** assets.create parameters: `supply` is credited to the creator for `fixed`, and must be 0 for `issuer`. */
export const CreateAssetParams = struct('AssetCreateParams', { ...assetFields, policy: Policy, supply: u64 });
/** assets.create parameters. */
export type CreateAssetParams = Infer<typeof CreateAssetParams>;

/** assets.configureMinter parameters: the allowance is overwritten, not added to (Circle configureMinter). */
export const ConfigureMinterParams = struct('AssetConfigureMinterParams', { assetId: u32, minter: address, allowance: u64 });
/** assets.configureMinter parameters. */
export type ConfigureMinterParams = Infer<typeof ConfigureMinterParams>;

/** assets.removeMinter parameters. */
export const RemoveMinterParams = struct('AssetRemoveMinterParams', { assetId: u32, minter: address });
/** assets.removeMinter parameters. */
export type RemoveMinterParams = Infer<typeof RemoveMinterParams>;

/** assets.mint parameters. */
export const MintParams = struct('AssetMintParams', { assetId: u32, to: address, amount: u64 });
/** assets.mint parameters. */
export type MintParams = Infer<typeof MintParams>;

/** assets.burn parameters: the sender burns its own balance. */
export const BurnParams = struct('AssetBurnParams', { assetId: u32, amount: u64 });
/** assets.burn parameters. */
export type BurnParams = Infer<typeof BurnParams>;

/** assets.setIssuer parameters: the issuer hands its role to another account (Circle's owner reassigning roles). */
export const SetIssuerParams = struct('AssetSetIssuerParams', { assetId: u32, issuer: address });
/** assets.setIssuer parameters. */
export type SetIssuerParams = Infer<typeof SetIssuerParams>;
