/** `tx_get`: a transaction with its block, position and receipt, or `pending` while in the mempool. */
import { txGet as spec } from '../../api/core.js';
import { bytesToHex, hashToDisplay } from '../../encoding/hex.js';
import { notFound } from '../errors.js';
import { defineMethod } from '../method.js';
import { inclusionOf } from '../subscriptions.js';
import { txView } from '../views.js';

/** tx_get. */
export const txGet = defineMethod(spec, async (call, [id]) => {
  const { chain, mempool } = call.services.ctx;
  const key = bytesToHex(id);
  const inc = await inclusionOf(chain, key);
  if (inc) {
    const loc = await chain.store.txLocation(id);
    const pb = loc && (await chain.getBlock(loc.blockHash));
    const ptx = pb?.txs[loc!.index];
    if (ptx) return { ...inc, tx: txView(chain, ptx) };
  }
  if (mempool.has(key)) return { id: hashToDisplay(id), status: 'pending' as const };
  throw notFound('transaction', { id: hashToDisplay(id) }, `${hashToDisplay(id)} is in no block of this chain and not in the mempool`);
});
