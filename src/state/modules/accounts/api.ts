/** RPC interface of the accounts module (schema-only, browser-safe): `account_get`. */
import { AddressParam } from '../../../api/params.js';
import { defineSpec, param } from '../../../api/spec.js';
import { Address, Arr, Dec, Obj, Uint } from '../../../api/wire.js';

/** An account at the head: nonce, the nonce to sign the next transaction with, and balances by asset. */
export const Account = Obj({ address: Address, nonce: Dec, pendingNonce: Dec, balances: Arr(Obj({ assetId: Uint, amount: Dec })) });

/** account_get. */
export const accountGet = defineSpec({
  name: 'account_get',
  summary: 'An account at the head: nonce, pendingNonce (the nonce to sign the next transaction with, counting pending ones) and balances by asset.',
  params: [param('address', AddressParam(), 'bech32m address (cw1...)')],
  result: { name: 'account', schema: Account },
});
