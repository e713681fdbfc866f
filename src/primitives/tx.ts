/**
 * Transactions in the Lisk shape: a module and command name select the handler, `params` holds the
 * command's own canonical encoding. The signed payload is the whole body, chain id included, so a
 * transaction signed for one network is invalid on every other; the per-account nonce stops replay
 * within one network. Fees follow EIP-1559: the sender caps the total price per gas and the tip.
 */
import { bytes, decode, encode, str, struct, u32, u64, varBytes, type Infer } from '../encoding/codec.js';
import { sha256d, taggedHash } from '../crypto/hash.js';
import { addressOfPublicKey } from '../crypto/address.js';
import { bytesToHex } from '../encoding/hex.js';

/** Largest encoded command parameters accepted. */
export const MAX_PARAMS_BYTES = 16 * 1024;
/** Largest encoded transaction accepted anywhere. */
export const MAX_TX_BYTES = MAX_PARAMS_BYTES + 512;

/** What the sender signs. */
export const TxBody = struct('TxBody', {
  chainId: u32,
  module: str(32),
  command: str(32),
  nonce: u64,
  gasLimit: u64,
  maxFeePerGas: u64,
  maxTipPerGas: u64,
  senderPublicKey: bytes(33),
  params: varBytes(MAX_PARAMS_BYTES),
});
/** The unsigned part of a transaction. */
export type TxBody = Infer<typeof TxBody>;

/** A signed transaction: body plus a 64-byte compact low-s ECDSA signature. */
export const Tx = struct('Tx', { body: TxBody, signature: bytes(64) });
/** A signed transaction. */
export type Tx = Infer<typeof Tx>;

/** Digest the sender signs: tagged SHA-256 of the canonical body. */
export function txSigningDigest(body: TxBody): Uint8Array {
  return taggedHash('coinworks/tx/v1', encode(TxBody, body));
}

/** The signing digest read straight from signed bytes (the body is everything but the 64-byte signature). */
export function txSigningDigestFromBytes(encodedTx: Uint8Array): Uint8Array {
  return taggedHash('coinworks/tx/v1', encodedTx.subarray(0, encodedTx.length - 64));
}

/** Canonical bytes of a signed transaction. */
export function encodeTx(tx: Tx): Uint8Array {
  return encode(Tx, tx);
}

/** Decodes a signed transaction, rejecting non-canonical or oversize input with DecodeError. */
export function decodeTx(bytes: Uint8Array): Tx {
  return decode(Tx, bytes, MAX_TX_BYTES);
}

/** Transaction id: double SHA-256 of the signed encoding (internal byte order). */
export function txId(encodedTx: Uint8Array): Uint8Array {
  return sha256d(encodedTx);
}

/** The sender's 20-byte address. */
export function txSender(tx: Tx): Uint8Array {
  return addressOfPublicKey(tx.body.senderPublicKey);
}

/**
 * A transaction with the values every layer needs computed once: encoding, id, sender.
 * Frozen by construction; pass this around rather than re-hashing.
 */
export interface PreparedTx {
  readonly tx: Tx;
  readonly bytes: Uint8Array;
  readonly id: Uint8Array;
  /** Hex of `id` in internal order, for map keys. */
  readonly key: string;
  readonly sender: Uint8Array;
}

/** Wraps a decoded transaction with its cached encoding, id and sender. */
export function prepareTx(tx: Tx, encoded?: Uint8Array): PreparedTx {
  const b = encoded ?? encodeTx(tx);
  const id = txId(b);
  return Object.freeze({ tx, bytes: b, id, key: bytesToHex(id), sender: txSender(tx) });
}

