/** Helpers of the validator tests: signed transfers with explicit nonces. */
import type { NetworkParams } from '../../src/params/networks.js';
import { prepareTx, type PreparedTx } from '../../src/primitives/tx.js';
import { buildTxBody, signTx } from '../../src/primitives/tx-builder.js';
import { TransferParams } from '../../src/state/modules/bank/schemas.js';
import type { TestKey } from '../../src/testing/keys.js';

/** A native transfer of `amount` from `from` to `to` with nonce `nonce`. */
export function transferTx(params: NetworkParams, from: TestKey, to: Uint8Array, amount: bigint, nonce: bigint): PreparedTx {
  const body = buildTxBody('bank', 'transfer', TransferParams, { to, assetId: 0, amount, memo: new Uint8Array(0) }, {
    chainId: params.chainId,
    nonce,
    gasLimit: 100_000n,
    maxFeePerGas: 1_000n,
    maxTipPerGas: 2n,
    senderPublicKey: from.publicKey,
  });
  return prepareTx(signTx(body, from.sign));
}
