/**
 * Signature rules for transactions: the signature must be in low-s form (BIP 62 / EIP-2; checked
 * first so a malleated signature has its own reason) and must verify with libsecp256k1 over the
 * tagged digest of the body (which holds the chain id).
 */
import { TxError } from '../errors.js';
import { isHighS } from '../crypto/keys.js';
import { verifyNative } from '../crypto/native.js';
import { txSigningDigestFromBytes, type PreparedTx } from '../primitives/tx.js';

/** Throws TX_HIGH_S or TX_BAD_SIGNATURE unless the transaction's signature is valid. */
export function checkTxSignature(ptx: PreparedTx): void {
  const { tx } = ptx;
  if (isHighS(tx.signature)) throw new TxError('TX_HIGH_S', 'signature s value is in the upper half of the curve order (non-canonical)');
  if (!verifyNative(tx.signature, txSigningDigestFromBytes(ptx.bytes), tx.body.senderPublicKey)) {
    throw new TxError('TX_BAD_SIGNATURE', 'signature does not verify against the sender public key');
  }
}

/**
 * Remembers transaction ids whose signatures were verified (Bitcoin Core's signature cache), so a
 * transaction checked at mempool admission is not verified again when its block is imported.
 */
export class SignatureCache {
  private readonly ids = new Set<string>();
  constructor(private readonly max = 200_000) {}

  /** Verifies unless cached; caches on success. */
  check(ptx: PreparedTx): void {
    if (this.ids.has(ptx.key)) return;
    checkTxSignature(ptx);
    if (this.ids.size >= this.max) this.ids.clear();
    this.ids.add(ptx.key);
  }

  /** True when this id was verified. */
  has(key: string): boolean {
    return this.ids.has(key);
  }

  /** Records an id verified elsewhere (e.g. by a verification worker). */
  add(key: string): void {
    if (this.ids.size >= this.max) this.ids.clear();
    this.ids.add(key);
  }
}
