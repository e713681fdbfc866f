/**
 * Compliance commands, sender = the compliance group multisig (USDKG compliance role): freeze and
 * unfreeze (Paxos asset protection), blacklist and unblacklist (Circle / USDKG), and wipe of a
 * frozen balance only (Paxos wipeFrozenAddress). All of them work while the asset is paused.
 */
import { TxError } from '../../../../errors.js';
import { encodeAddress } from '../../../../crypto/address.js';
import type { Command } from '../../../module.js';
import { balanceOf, getAccount } from '../../accounts/method.js';
import { accountKey, destroyAsset } from '../../assets/method.js';
import { supplyOf } from '../../supply/method.js';
import type { Store } from '../../../store.js';
import { ComplianceEvent, WipedEvent } from '../events.js';
import { isBlacklisted, isFrozen, requireGovernance, requireGroup } from '../method.js';
import { AccountRef } from '../schemas.js';
import { blacklistStore, frozenStore } from '../stores.js';
import { STABLECOIN_GAS } from './create.js';

type Action = 'freeze' | 'unfreeze' | 'blacklist' | 'unblacklist';

/** Builds one of the four status commands over a status store. */
function statusCommand(action: Action, store: Store<boolean>, on: boolean): Command<AccountRef> {
  const has = action === 'freeze' || action === 'unfreeze' ? isFrozen : isBlacklisted;
  const noun = action === 'freeze' || action === 'unfreeze' ? 'frozen' : 'blacklisted';
  return {
    name: action,
    schema: AccountRef,
    gas: () => STABLECOIN_GAS,
    verify({ params, sender, state }) {
      requireGroup(requireGovernance(state, params.assetId), sender, 'compliance', `stablecoin.${action}`);
      const now = has(state, params.assetId, params.account);
      if (on && now) throw new TxError('TX_DUPLICATE', `${encodeAddress(params.account)} is already ${noun} for asset ${params.assetId}`);
      if (!on && !now) throw new TxError(noun === 'frozen' ? 'TX_NOT_FROZEN' : 'TX_NOT_FOUND', `${encodeAddress(params.account)} is not ${noun} for asset ${params.assetId}`);
    },
    execute({ params, state, events }) {
      if (on) store.set(state, accountKey(params.assetId, params.account), true);
      else store.del(state, accountKey(params.assetId, params.account));
      events.emit(ComplianceEvent, { assetId: params.assetId, account: params.account, action });
    },
  };
}

/** stablecoin.freeze: the account can neither send nor receive the asset; its balance may then be wiped. */
export const freezeCommand = statusCommand('freeze', frozenStore, true);
/** stablecoin.unfreeze. */
export const unfreezeCommand = statusCommand('unfreeze', frozenStore, false);
/** stablecoin.blacklist: the account can neither send, receive, be minted to nor redeem. */
export const blacklistCommand = statusCommand('blacklist', blacklistStore, true);
/** stablecoin.unblacklist. */
export const unblacklistCommand = statusCommand('unblacklist', blacklistStore, false);

/** stablecoin.wipe: destroys a frozen account's whole balance (cause `wipe`); TX_NOT_FROZEN without a prior freeze. */
export const wipeCommand: Command<AccountRef> = {
  name: 'wipe',
  schema: AccountRef,
  gas: () => STABLECOIN_GAS,
  verify({ params, sender, state }) {
    requireGroup(requireGovernance(state, params.assetId), sender, 'compliance', 'stablecoin.wipe');
    if (!isFrozen(state, params.assetId, params.account)) throw new TxError('TX_NOT_FROZEN', `${encodeAddress(params.account)} must be frozen before its balance of asset ${params.assetId} is wiped`);
    if (balanceOf(getAccount(state, params.account), params.assetId) === 0n) throw new TxError('TX_INVALID_PARAMS', `${encodeAddress(params.account)} holds none of asset ${params.assetId}`);
  },
  execute({ params, state, events }) {
    const amount = balanceOf(getAccount(state, params.account), params.assetId);
    destroyAsset(state, params.assetId, params.account, amount, 'wipe');
    events.emit(WipedEvent, { assetId: params.assetId, account: params.account, amount, supply: supplyOf(state, params.assetId).total });
  },
};
