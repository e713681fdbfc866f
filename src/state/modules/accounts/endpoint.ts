/** RPC endpoints of the accounts module (Lisk's endpoint.ts): `account_get`. */
import { encodeAddress } from '../../../crypto/address.js';
import { endpoint, type AnyEndpoint } from '../../endpoint.js';
import { accountGet } from './api.js';
import { getAccount } from './method.js';

/** account_get. */
export const accountGetEndpoint = endpoint(accountGet, async (ctx, [address]) => {
  const acc = await ctx.view((state) => getAccount(state, address));
  const pending = ctx.pendingNonce(address, acc.nonce);
  return {
    address: encodeAddress(address),
    nonce: acc.nonce.toString(),
    pendingNonce: (pending > acc.nonce ? pending : acc.nonce).toString(),
    balances: acc.balances.map((b) => ({ assetId: b.assetId, amount: b.amount.toString() })),
  };
});

/** Every endpoint of the module, for the RPC registry. */
export const accountsEndpoints: readonly AnyEndpoint[] = [accountGetEndpoint];
