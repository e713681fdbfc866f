/** `tx_send`: submits a signed transaction (hex of its canonical bytes) to the mempool. */
import { txSend as spec } from '../../api/core.js';
import { hashToDisplay } from '../../encoding/hex.js';
import { defineMethod } from '../method.js';

/** tx_send. */
export const txSend = defineMethod(spec, async (call, [bytes]) => {
  const ptx = await call.services.ctx.mempool.add(bytes);
  return { id: hashToDisplay(ptx.id) };
});
