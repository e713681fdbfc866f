/** `mempool_list`: the pending transactions. */
import { mempoolList as spec } from '../../api/core.js';
import { defineMethod } from '../method.js';

/** mempool_list. */
export const mempoolList = defineMethod(spec, (call) => {
  const { mempool } = call.services.ctx;
  const txs = mempool.list().map((t) => ({
    id: t.id,
    sender: t.sender,
    nonce: t.nonce.toString(),
    tipPerGas: t.tipPerGas.toString(),
    gas: t.gas.toString(),
    bytes: t.bytes,
    addedAt: t.addedAt,
  }));
  return { size: mempool.size, txs };
});
