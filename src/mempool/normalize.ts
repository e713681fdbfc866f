/**
 * Turns what a peer or client submits (bytes, a decoded transaction or a prepared one) into a
 * PreparedTx, mapping codec failures to transaction rules: over MAX_TX_BYTES is TX_OVERSIZE, any
 * other decode or encode failure is TX_MALFORMED with the codec's message.
 */
import { CoinworksError, TxError } from '../errors.js';
import { decodeTx, MAX_TX_BYTES, prepareTx, type PreparedTx, type Tx } from '../primitives/tx.js';

/** Anything `Mempool.add` accepts. */
export type TxInput = Uint8Array | Tx | PreparedTx;

function oversize(n: number): TxError {
  return new TxError('TX_OVERSIZE', `transaction is ${n} bytes, above the limit ${MAX_TX_BYTES}`, { bytes: n });
}

/** A PreparedTx for any accepted input; throws TX_OVERSIZE or TX_MALFORMED. */
export function toPreparedTx(input: TxInput): PreparedTx {
  if (input instanceof Uint8Array) {
    if (input.length > MAX_TX_BYTES) throw oversize(input.length);
    try {
      return prepareTx(decodeTx(input), input);
    } catch (e) {
      if (e instanceof CoinworksError && e.code === 'DECODE_OVERSIZE') throw oversize(input.length);
      throw malformed(e);
    }
  }
  let ptx: PreparedTx;
  if ('body' in input) {
    try {
      ptx = prepareTx(input);
    } catch (e) {
      throw malformed(e);
    }
  } else {
    ptx = input;
  }
  if (ptx.bytes.length > MAX_TX_BYTES) throw oversize(ptx.bytes.length);
  return ptx;
}

/** TX_MALFORMED for a codec failure (or a Tx object of the wrong shape); anything else is rethrown. */
function malformed(e: unknown): TxError {
  if (!(e instanceof CoinworksError) && !(e instanceof RangeError) && !(e instanceof TypeError)) throw e;
  return new TxError('TX_MALFORMED', `transaction does not decode: ${e.message}`, e instanceof CoinworksError ? { decodeCode: e.code } : {});
}
