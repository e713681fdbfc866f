/** `tx_send`: submits a signed transaction (hex of its canonical bytes) to the mempool. */
import { hashToDisplay } from '../../encoding/hex.js';
import { MAX_TX_BYTES } from '../../primitives/tx.js';
import { defineMethod, param } from '../method.js';
import { hexParam } from '../params.js';
import { hashS, objS } from '../result-schemas.js';

/** tx_send. */
export const txSend = defineMethod({
  name: 'tx_send',
  summary: 'Submits a signed transaction to the mempool; returns its id. Rejections are -32000 with data.code naming the rule (e.g. TX_NONCE_GAP, MEMPOOL_FEE_TOO_LOW).',
  params: [param('tx', hexParam(1, MAX_TX_BYTES), 'canonical bytes of the signed transaction, hex')],
  result: { name: 'accepted', schema: objS({ id: hashS }) },
  handler: async (call, [bytes]: [Uint8Array]): Promise<{ id: string }> => {
    const ptx = await call.services.ctx.mempool.add(bytes);
    return { id: hashToDisplay(ptx.id) };
  },
});
