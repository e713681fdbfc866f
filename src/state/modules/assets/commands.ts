/**
 * assets.create, configureMinter, removeMinter, mint, burn and setIssuer. `issuer` assets follow
 * Circle FiatToken: the issuer (masterMinter) sets each minter's allowance, which configureMinter
 * overwrites and mint lowers; burning never restores it; only minters burn.
 */
import { TxError } from '../../../errors.js';
import { bytesEqual } from '../../../encoding/hex.js';
import type { Command } from '../../module.js';
import type { StateReader } from '../../state-view.js';
import { balanceOf, getAccount } from '../accounts/method.js';
import { encodeAddress as addrText } from '../../../crypto/address.js';
import { BurnedEvent, IssuerChangedEvent, MintedEvent, MinterConfiguredEvent, MinterRemovedEvent } from './events.js';
import { checkAssetFields, destroyAsset, mintAsset, putAsset, registerAsset, requireAsset } from './method.js';
import { BurnParams, ConfigureMinterParams, CreateAssetParams, MintParams, RemoveMinterParams, SetIssuerParams } from './schemas.js';
import { accountKey, minterStore, type Asset } from './stores.js';

/** Gas of every assets command. */
export const ASSET_GAS = 10_000n;

/** The `issuer` asset whose issuer is `sender`; TX_UNAUTHORIZED otherwise. */
function issuedBy(state: StateReader, assetId: number, sender: Uint8Array): Asset {
  const a = requireAsset(state, assetId);
  if (a.policy !== 'issuer') throw new TxError('TX_UNAUTHORIZED', `asset ${assetId} has policy ${a.policy}; it has no issuer or minters`);
  if (!a.issuer || !bytesEqual(a.issuer, sender)) throw new TxError('TX_UNAUTHORIZED', `${addrText(sender)} is not the issuer of asset ${assetId}`);
  return a;
}

/** assets.create: a `fixed` asset (whole supply to the creator) or an `issuer` asset (the creator is its issuer). */
export const createAssetCommand: Command<CreateAssetParams> = {
  name: 'create',
  schema: CreateAssetParams,
  gas: () => ASSET_GAS,
  verify({ params, state, block }) {
    checkAssetFields(state, params, block.params.coin.symbol);
    if (params.policy === 'governed') throw new TxError('TX_INVALID_PARAMS', 'governed assets are created with stablecoin.create');
    if (params.policy === 'fixed' && params.supply === 0n) throw new TxError('TX_INVALID_PARAMS', 'a fixed-supply asset needs a positive supply');
    if (params.policy === 'issuer' && params.supply !== 0n) throw new TxError('TX_INVALID_PARAMS', 'an issuer asset starts with no supply; its minters mint');
  },
  execute({ params, sender, state, events, block }) {
    const issuer = params.policy === 'issuer' ? sender : null;
    const id = registerAsset(state, events, { symbol: params.symbol, name: params.name, decimals: params.decimals, policy: params.policy, creator: sender, issuer, height: block.height });
    if (params.policy === 'fixed') {
      mintAsset(state, id, sender, params.supply);
      events.emit(MintedEvent, { assetId: id, minter: sender, to: sender, amount: params.supply, allowance: 0n });
    }
  },
};

/** assets.configureMinter: the issuer makes `minter` a minter with exactly `allowance` (overwrites). */
export const configureMinterCommand: Command<ConfigureMinterParams> = {
  name: 'configureMinter',
  schema: ConfigureMinterParams,
  gas: () => ASSET_GAS,
  verify({ params, sender, state }) {
    issuedBy(state, params.assetId, sender);
  },
  execute({ params, state, events }) {
    minterStore.set(state, accountKey(params.assetId, params.minter), params.allowance);
    events.emit(MinterConfiguredEvent, params);
  },
};

/** assets.removeMinter: the issuer revokes a minter (its allowance is gone). */
export const removeMinterCommand: Command<RemoveMinterParams> = {
  name: 'removeMinter',
  schema: RemoveMinterParams,
  gas: () => ASSET_GAS,
  verify({ params, sender, state }) {
    issuedBy(state, params.assetId, sender);
    if (minterStore.get(state, accountKey(params.assetId, params.minter)) === undefined) throw new TxError('TX_NOT_FOUND', `${addrText(params.minter)} is not a minter of asset ${params.assetId}`);
  },
  execute({ params, state, events }) {
    minterStore.del(state, accountKey(params.assetId, params.minter));
    events.emit(MinterRemovedEvent, params);
  },
};

/** assets.mint: a minter of an `issuer` asset mints up to its allowance, which drops by the amount. */
export const mintCommand: Command<MintParams> = {
  name: 'mint',
  schema: MintParams,
  gas: () => ASSET_GAS,
  verify({ params, sender, state }) {
    const a = requireAsset(state, params.assetId);
    if (a.policy !== 'issuer') throw new TxError('TX_UNAUTHORIZED', `asset ${params.assetId} has policy ${a.policy}; assets.mint is for issuer assets`);
    const allowance = minterStore.get(state, accountKey(params.assetId, sender));
    if (allowance === undefined) throw new TxError('TX_UNAUTHORIZED', `${addrText(sender)} is not a minter of asset ${params.assetId}`);
    if (params.amount === 0n) throw new TxError('TX_INVALID_PARAMS', 'amount must be positive');
    if (params.amount > allowance) throw new TxError('TX_ALLOWANCE_EXCEEDED', `amount ${params.amount} exceeds the minter's allowance ${allowance}`, { assetId: params.assetId, amount: params.amount.toString(), allowance: allowance.toString() });
  },
  execute({ params, sender, state, events }) {
    const left = minterStore.get(state, accountKey(params.assetId, sender))! - params.amount;
    minterStore.set(state, accountKey(params.assetId, sender), left);
    mintAsset(state, params.assetId, params.to, params.amount);
    events.emit(MintedEvent, { assetId: params.assetId, minter: sender, to: params.to, amount: params.amount, allowance: left });
  },
};

/** assets.burn: any holder of a `fixed` asset, or a minter of an `issuer` asset, burns its own units. */
export const burnCommand: Command<BurnParams> = {
  name: 'burn',
  schema: BurnParams,
  gas: () => ASSET_GAS,
  verify({ params, sender, state }) {
    const a = requireAsset(state, params.assetId);
    if (a.policy === 'governed') throw new TxError('TX_UNAUTHORIZED', `asset ${params.assetId} is governed; holders redeem with stablecoin.redeem`);
    if (a.policy === 'issuer' && minterStore.get(state, accountKey(params.assetId, sender)) === undefined) {
      throw new TxError('TX_UNAUTHORIZED', `only minters burn asset ${params.assetId}`);
    }
    if (params.amount === 0n) throw new TxError('TX_INVALID_PARAMS', 'amount must be positive');
    const have = balanceOf(getAccount(state, sender), params.assetId);
    if (have < params.amount) throw new TxError('TX_INSUFFICIENT_BALANCE', `balance ${have} of asset ${params.assetId} is below ${params.amount}`, { assetId: params.assetId, balance: have.toString(), amount: params.amount.toString() });
  },
  execute({ params, sender, state, events }) {
    destroyAsset(state, params.assetId, sender, params.amount, 'burn');
    events.emit(BurnedEvent, { assetId: params.assetId, from: sender, amount: params.amount });
  },
};

/** assets.setIssuer: the issuer hands the role over (e.g. to a multisig). */
export const setIssuerCommand: Command<SetIssuerParams> = {
  name: 'setIssuer',
  schema: SetIssuerParams,
  gas: () => ASSET_GAS,
  verify({ params, sender, state }) {
    issuedBy(state, params.assetId, sender);
  },
  execute({ params, state, events }) {
    const a = requireAsset(state, params.assetId);
    putAsset(state, { ...a, issuer: params.issuer });
    events.emit(IssuerChangedEvent, params);
  },
};
