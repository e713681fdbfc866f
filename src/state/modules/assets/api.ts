/** RPC interface of the assets module (schema-only, browser-safe): `asset_list`, `asset_supply`, and the asset shapes other reports reuse. */
import { AssetRefParam, IntParam, OptionsParam } from '../../../api/params.js';
import { defineSpec, optionalParam, param } from '../../../api/spec.js';
import { Address, Arr, Dec, Nullable, Obj, Str, StrEnum, Uint } from '../../../api/wire.js';
import { SupplyByCause } from '../supply/api.js';
import * as S from './schemas.js';

/** An asset as reports show it: metadata, creator, issuer and total supply. */
export const Asset = Obj({
  assetId: Uint,
  symbol: Str,
  name: Str,
  decimals: Uint,
  policy: StrEnum(['fixed', 'issuer', 'governed']),
  creator: Address,
  issuer: Nullable(Address),
  /** Height of the block that created it. */
  createdAt: Uint,
  /** Current total supply. */
  supply: Dec,
});

/** An asset's supply by cause and its total. */
export const AssetSupply = Obj({ assetId: Uint, symbol: Str, decimals: Uint, byCause: SupplyByCause, total: Dec });

/** Default and largest page of asset_list. */
export const ASSET_PAGE = 1000;

/** asset_list. */
export const assetList = defineSpec({
  name: 'asset_list',
  summary: `Issued assets at the head in id order: symbol, name, decimals, policy (fixed, issuer, governed), creator, issuer and total supply. Paged: up to \`limit\` assets (default and at most ${ASSET_PAGE}) with ids above \`after\` (the last assetId of the previous page; read in key order, O(limit)); fewer than \`limit\` means the last page.`,
  params: [
    optionalParam(
      'page',
      OptionsParam({ after: IntParam(0, 0xffffffff, 'list assets with ids above this one (the last assetId of the previous page)'), limit: IntParam(1, ASSET_PAGE, `most assets (default ${ASSET_PAGE})`) }, 'paging: {after, limit}'),
      {},
      'paging: {after?, limit?}',
    ),
  ],
  result: { name: 'assets', schema: Arr(Asset) },
});

/** asset_supply. */
export const assetSupply = defineSpec({
  name: 'asset_supply',
  summary: "An asset's supply at the head by cause (mint adds; burn, redeem and wipe subtract; the other causes stay 0 for issued assets) and the total.",
  params: [param('asset', AssetRefParam(), 'asset id (integer >= 1) or symbol')],
  result: { name: 'supply', schema: AssetSupply },
});

/** Params codec of each assets command (the same objects its commands declare; test/state/command-params.test.ts holds them equal). */
export const commandParams = { create: S.CreateAssetParams, configureMinter: S.ConfigureMinterParams, removeMinter: S.RemoveMinterParams, mint: S.MintParams, burn: S.BurnParams, setIssuer: S.SetIssuerParams } as const;
