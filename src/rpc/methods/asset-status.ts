/** `asset_status`: one account's standing for one asset: balance, frozen, blacklisted, paused, minter allowance. */
import { encodeAddress } from '../../crypto/address.js';
import { balanceOf, getAccount } from '../../state/modules/accounts/method.js';
import { minterAllowance } from '../../state/modules/assets/method.js';
import { getGovernance, isBlacklisted, isFrozen } from '../../state/modules/stablecoin/method.js';
import { defineMethod, param } from '../method.js';
import { addressParam } from '../params.js';
import { addressS, boolS, decS, nullableS, objS, strS, uintS } from '../result-schemas.js';
import { assetRefParam, resolveAsset } from '../views-issuance.js';

/** Result of asset_status. */
export interface AssetStatusView {
  readonly assetId: number;
  readonly symbol: string;
  readonly decimals: number;
  readonly address: string;
  readonly balance: string;
  readonly governed: boolean;
  readonly frozen: boolean;
  readonly blacklisted: boolean;
  readonly paused: boolean;
  /** Whether the account may send and receive the asset now (not frozen, blacklisted or paused). */
  readonly canTransfer: boolean;
  /** Remaining allowance when the account is a minter of an issuer asset, else null. */
  readonly minterAllowance: string | null;
}

/** asset_status. */
export const assetStatus = defineMethod({
  name: 'asset_status',
  summary: "An account's standing for an asset at the head: balance, frozen and blacklisted (governed assets; false otherwise), paused, canTransfer, and its minter allowance (issuer assets).",
  params: [param('asset', assetRefParam(), 'asset id or symbol'), param('address', addressParam(), 'bech32m address (cw1...)')],
  result: {
    name: 'status',
    schema: objS({
      assetId: uintS,
      symbol: strS,
      decimals: uintS,
      address: addressS,
      balance: decS,
      governed: boolS,
      frozen: boolS,
      blacklisted: boolS,
      paused: boolS,
      canTransfer: boolS,
      minterAllowance: nullableS(decS),
    }),
  },
  handler: (call, [ref, address]: [number | string, Uint8Array]): AssetStatusView => {
    const state = call.services.ctx.chain.world;
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
  },
});
