/**
 * Import step 4, signatures: every transaction signature not already checked at mempool admission
 * (the shared cache) is verified on worker threads while this thread executes the block; a failure
 * becomes BLOCK_INVALID_TX naming the transaction and its rule.
 */
import { BlockError, TxError } from '../../errors.js';
import type { PreparedBlock } from '../../primitives/block.js';
import type { SignatureCache } from '../../state/tx-signature.js';
import type { SignatureCheck, SignatureVerifier } from '../sig-verifier.js';

/** Starts the checks; `finish()` rejects with BLOCK_INVALID_TX on the first bad signature. */
export function startSignatureChecks(pb: PreparedBlock, verifier: SignatureVerifier, cache: SignatureCache): SignatureCheck {
  const toBlockError = (e: unknown): never => {
    if (e instanceof TxError) {
      const index = pb.txs.findIndex((t) => t.key === e.data.txId);
      throw new BlockError('BLOCK_INVALID_TX', `transaction ${index}: ${e.message}`, { index, txCode: e.code });
    }
    throw e;
  };
  const unchecked = pb.txs.filter((t) => !cache.has(t.key));
  try {
    const check = verifier.start(unchecked);
    return { finish: () => check.finish().catch(toBlockError) };
  } catch (e) {
    return { finish: () => Promise.reject(e).catch(toBlockError) };
  }
}
