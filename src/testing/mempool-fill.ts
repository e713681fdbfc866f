/**
 * Fills a mempool with many unsigned but cache-marked transfers (signing tens of thousands would
 * dominate a test or benchmark; the signature cache holds what admission already checked), with
 * tips spread pseudo-randomly so priority ordering matters.
 */
import type { Chain } from '../chain/chain.js';
import type { Mempool } from '../mempool/mempool.js';
import { buildTxBody } from '../primitives/tx-builder.js';
import { prepareTx } from '../primitives/tx.js';
import { TransferParams } from '../state/modules/bank/schemas.js';
import type { TestKey } from './keys.js';

/** Adds `count` transfers from `keys` in nonce order per sender (tips 1-97). */
export async function fillMempool(chain: Chain, pool: Mempool, keys: readonly TestKey[], count: number): Promise<void> {
  const to = keys[0].address;
  const noSignature = new Uint8Array(64);
  for (let i = 0; pool.size < count; i++) {
    const key = keys[i % keys.length];
    const body = buildTxBody('bank', 'transfer', TransferParams, { to, assetId: 0, amount: 1n, memo: new Uint8Array(0) }, {
      chainId: chain.params.chainId,
      nonce: BigInt(Math.floor(i / keys.length)),
      gasLimit: 100_000n,
      maxFeePerGas: 1_000n,
      maxTipPerGas: 1n + BigInt((i * 7919) % 97),
      senderPublicKey: key.publicKey,
    });
    const ptx = prepareTx({ body, signature: noSignature });
    chain.sigCache.add(ptx.key);
    await pool.add(ptx);
  }
}
