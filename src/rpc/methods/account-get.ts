/** `account_get`: an account's nonce, the next nonce counting the mempool, and its balances. */
import { encodeAddress } from '../../crypto/address.js';
import { getAccount } from '../../state/modules/accounts/method.js';
import { defineMethod, param } from '../method.js';
import { addressParam } from '../params.js';
import { addressS, arrS, decS, objS, uintS } from '../result-schemas.js';

/** Result of account_get. */
export interface AccountView {
  readonly address: string;
  readonly nonce: string;
  readonly pendingNonce: string;
  readonly balances: Array<{ assetId: number; amount: string }>;
}

/** account_get. */
export const accountGet = defineMethod({
  name: 'account_get',
  summary: 'An account at the head: nonce, pendingNonce (the nonce to sign the next transaction with, counting pending ones) and balances by asset.',
  params: [param('address', addressParam(), 'bech32m address (cw1...)')],
  result: {
    name: 'account',
    schema: objS({ address: addressS, nonce: decS, pendingNonce: decS, balances: arrS(objS({ assetId: uintS, amount: decS })) }),
  },
  handler: (call, [address]: [Uint8Array]): AccountView => {
    const { chain, mempool } = call.services.ctx;
    const acc = getAccount(chain.world, address);
    const pending = mempool.pendingNonce(address);
    return {
      address: encodeAddress(address),
      nonce: acc.nonce.toString(),
      pendingNonce: (pending > acc.nonce ? pending : acc.nonce).toString(),
      balances: acc.balances.map((b) => ({ assetId: b.assetId, amount: b.amount.toString() })),
    };
  },
});

