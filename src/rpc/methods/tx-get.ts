/** `tx_get`: a transaction with its block, position and receipt, or `pending` while in the mempool. */
import { bytesToHex, hashToDisplay } from '../../encoding/hex.js';
import { notFound } from '../errors.js';
import { defineMethod, param } from '../method.js';
import { hashParam } from '../params.js';
import { hashS, inclusionS, objS, txS } from '../result-schemas.js';
import { inclusionOf, type TxInclusionView } from '../subscriptions.js';
import { txView, type TxView } from '../views.js';

const includedS = { ...inclusionS, properties: { ...(inclusionS.properties as object), tx: txS }, required: [...(inclusionS.required as string[]), 'tx'] };
const pendingS = objS({ id: hashS, status: { type: 'string', enum: ['pending'] } });

/** Result of tx_get. */
export type TxGetResult = (TxInclusionView & { tx: TxView }) | { id: string; status: 'pending' };

/** tx_get. */
export const txGet = defineMethod({
  name: 'tx_get',
  summary: 'A transaction by id: the transaction, its block, position and receipt (events decoded) once included; {status: "pending"} while in the mempool; -32001 when unknown.',
  params: [param('id', hashParam(), 'transaction id (64 hex digits, display order)')],
  result: { name: 'transaction', schema: { oneOf: [includedS, pendingS] } },
  handler: async (call, [id]: [Uint8Array]): Promise<TxGetResult> => {
    const { chain, mempool } = call.services.ctx;
    const key = bytesToHex(id);
    const inc = await inclusionOf(chain, key);
    if (inc) {
      const loc = await chain.store.txLocation(id);
      const pb = loc && (await chain.getBlock(loc.blockHash));
      const ptx = pb?.txs[loc!.index];
      if (ptx) return { ...inc, tx: txView(chain, ptx) };
    }
    if (mempool.has(key)) return { id: hashToDisplay(id), status: 'pending' };
    throw notFound('transaction', { id: hashToDisplay(id) });
  },
});
