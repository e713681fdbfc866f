/**
 * Sends any `module.command` from the client SDK (browser-safe): chain id, nonce, fees and exact gas
 * are filled from the node, as `transfer` does for bank transfers.
 */
import { encode, type Codec } from '../encoding/codec.js';
import { addressOfPublicKey, encodeAddress } from '../crypto/address.js';
import { buildTxBody } from '../primitives/tx-builder.js';
import { txSigningDigest, type Tx } from '../primitives/tx.js';
import type { CoinworksClient } from './client.js';
import type { AsyncSigner, TransferFee } from './transfer.js';

/** Who signs a command: a signer and its 33-byte compressed public key. */
export interface CommandSigner {
  readonly signer: AsyncSigner;
  readonly publicKey: Uint8Array;
}

/** Fee and nonce settings of a command; anything left out is filled from the node. */
export interface CommandOptions {
  readonly fee?: TransferFee;
  /** Nonce to use (default: the node's pendingNonce for the sender). */
  readonly nonce?: bigint;
}

/** What `sendCommand` needs. */
export interface CommandRequest<P> extends CommandSigner, CommandOptions {
  readonly module: string;
  readonly command: string;
  /** Codec of the command's params (the module's schema). */
  readonly schema: Codec<P>;
  readonly params: P;
}

/**
 * Signs and submits `module.command`: chain id from chain_getHead, nonce from account_get's
 * pendingNonce, fees from tx_estimateFee and the exact gas from tx_estimateGas, unless given.
 * The node checks the transaction against its head state on admission (a rule it breaks comes back
 * as an RpcError with that rule's code). Returns the id and the signed transaction.
 */
export async function sendCommand<P>(client: CoinworksClient, r: CommandRequest<P>): Promise<{ id: string; tx: Tx }> {
  const sender = encodeAddress(addressOfPublicKey(r.publicKey));
  const encoded = encode(r.schema, r.params);
  const fee = r.fee ?? {};
  const [head, account, estimate, gas] = await Promise.all([
    client.getHead(),
    r.nonce === undefined ? client.getAccount(sender) : undefined,
    fee.maxFeePerGas === undefined || fee.maxTipPerGas === undefined ? client.estimateFee() : undefined,
    fee.gasLimit === undefined ? client.estimateGas(r.module, r.command, encoded) : undefined,
  ]);
  const maxFeePerGas = fee.maxFeePerGas ?? BigInt(estimate!.maxFeePerGas);
  let maxTipPerGas = fee.maxTipPerGas ?? BigInt(estimate!.maxTipPerGas);
  if (maxTipPerGas > maxFeePerGas) maxTipPerGas = maxFeePerGas;
  const body = buildTxBody(r.module, r.command, r.schema, r.params, {
    chainId: head.chainId,
    nonce: r.nonce ?? BigInt(account!.pendingNonce),
    gasLimit: fee.gasLimit ?? BigInt(gas!.gas),
    maxFeePerGas,
    maxTipPerGas,
    senderPublicKey: r.publicKey,
  });
  const tx: Tx = { body, signature: await r.signer(txSigningDigest(body)) };
  const id = await client.sendTransaction(tx);
  return { id, tx };
}

