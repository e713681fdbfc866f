/**
 * Building a signed `bank.transfer` from what the node reports: chain id, the sender's next nonce,
 * suggested fees and the exact gas. Pure functions; the client does the RPC calls.
 */
import { addressOfPublicKey, decodeAddress } from '../crypto/address.js';
import { encode } from '../encoding/codec.js';
import { buildTxBody } from '../primitives/tx-builder.js';
import { txSigningDigest, type Tx } from '../primitives/tx.js';
import { TransferParams } from '../state/modules/bank/schemas.js';

/** Signs a 32-byte digest (sync or async, e.g. a hardware or browser wallet), returning a 64-byte compact low-s signature. */
export type AsyncSigner = (digest: Uint8Array) => Uint8Array | Promise<Uint8Array>;

/** Fee settings of a transfer; anything left out is filled from the node. */
export interface TransferFee {
  readonly maxFeePerGas?: bigint;
  readonly maxTipPerGas?: bigint;
  readonly gasLimit?: bigint;
}

/** What `CoinworksClient.transfer` needs. */
export interface TransferRequest {
  readonly signer: AsyncSigner;
  /** 33-byte compressed public key of the signer. */
  readonly publicKey: Uint8Array;
  /** Recipient, bech32m `cw1...`. */
  readonly to: string;
  readonly amount: bigint;
  /** Asset id (default 0, the native coin). */
  readonly assetId?: number;
  /** Up to 256 bytes (a string is UTF-8 encoded). */
  readonly memo?: Uint8Array | string;
  readonly fee?: TransferFee;
  /** Nonce to use (default: the node's pendingNonce for the sender). */
  readonly nonce?: bigint;
}

/** Encoded bank.transfer params. */
export function transferParams(to: string, amount: bigint, assetId = 0, memo: Uint8Array | string = new Uint8Array(0)): Uint8Array {
  const m = typeof memo === 'string' ? new TextEncoder().encode(memo) : memo;
  return encode(TransferParams, { to: decodeAddress(to), assetId, amount, memo: m });
}

/** The sender address of a public key (20 bytes). */
export function senderOf(publicKey: Uint8Array): Uint8Array {
  return addressOfPublicKey(publicKey);
}

/** Builds and signs a transfer with every field known. */
export async function signTransfer(
  r: TransferRequest,
  f: { chainId: number; nonce: bigint; gasLimit: bigint; maxFeePerGas: bigint; maxTipPerGas: bigint },
): Promise<Tx> {
  const body = buildTxBody('bank', 'transfer', TransferParams, { to: decodeAddress(r.to), assetId: r.assetId ?? 0, amount: r.amount, memo: typeof r.memo === 'string' ? new TextEncoder().encode(r.memo) : (r.memo ?? new Uint8Array(0)) }, {
    chainId: f.chainId,
    nonce: f.nonce,
    gasLimit: f.gasLimit,
    maxFeePerGas: f.maxFeePerGas,
    maxTipPerGas: f.maxTipPerGas,
    senderPublicKey: r.publicKey,
  });
  const signature = await r.signer(txSigningDigest(body));
  return { body, signature };
}
