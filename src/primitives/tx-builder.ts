/**
 * Builds and signs transactions (browser-safe): fill the body, sign its tagged digest with any
 * signer (a wallet, a secret key through noble, or libsecp256k1 in node tools).
 */
import { encode, type Codec } from '../encoding/codec.js';
import { signDigest, publicKeyOf } from '../crypto/keys.js';
import { txSigningDigest, type Tx, type TxBody } from './tx.js';

/** Signs a 32-byte digest, returning a 64-byte compact low-s signature. */
export type Signer = (digest: Uint8Array) => Uint8Array;

/** Fields of a transaction besides its params. */
export interface TxFields {
  readonly chainId: number;
  readonly nonce: bigint;
  readonly gasLimit: bigint;
  readonly maxFeePerGas: bigint;
  readonly maxTipPerGas: bigint;
  readonly senderPublicKey: Uint8Array;
}

/** Builds an unsigned body for `module.command` with params encoded by `schema`. */
export function buildTxBody<P>(module: string, command: string, schema: Codec<P>, params: P, f: TxFields): TxBody {
  return { chainId: f.chainId, module, command, nonce: f.nonce, gasLimit: f.gasLimit, maxFeePerGas: f.maxFeePerGas, maxTipPerGas: f.maxTipPerGas, senderPublicKey: f.senderPublicKey, params: encode(schema, params) };
}

/** Signs a body. */
export function signTx(body: TxBody, signer: Signer): Tx {
  return { body, signature: signer(txSigningDigest(body)) };
}

/** A signer over a raw secret key (pure JS, works in browsers). */
export function secretKeySigner(secretKey: Uint8Array): { signer: Signer; publicKey: Uint8Array } {
  return { signer: (d) => signDigest(d, secretKey), publicKey: publicKeyOf(secretKey) };
}
