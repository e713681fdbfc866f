/** `mempool_list`: the pending transactions. */
import { defineMethod } from '../method.js';
import { arrS, decS, hashS, objS, strS, uintS, numberS } from '../result-schemas.js';

/** One pending transaction as listed. */
export interface MempoolItemView {
  readonly id: string;
  readonly sender: string;
  readonly nonce: string;
  readonly tipPerGas: string;
  readonly gas: string;
  readonly bytes: number;
  readonly addedAt: number;
}

/** mempool_list. */
export const mempoolList = defineMethod({
  name: 'mempool_list',
  summary: 'Pending transactions: id, sender, nonce, tip per gas, gas, size and when each was added.',
  params: [],
  result: {
    name: 'mempool',
    schema: objS({ size: uintS, txs: arrS(objS({ id: hashS, sender: strS, nonce: decS, tipPerGas: { type: 'string', pattern: '^-?(0|[1-9][0-9]*)$', description: 'effective tip per gas at the next base fee (negative: cannot pay it now)' }, gas: decS, bytes: uintS, addedAt: numberS })) }),
  },
  handler: (call, _: []): { size: number; txs: MempoolItemView[] } => {
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
  },
});
