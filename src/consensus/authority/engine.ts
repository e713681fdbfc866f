/**
 * The authority engine: a toy second engine that proves the engine seam. One key, named in the
 * network parameters, seals every block with a signature over the block hash (seal kind 2); there
 * is no proof of work (bits 0), every block weighs 1, and a connected block is final. Its blocks run
 * the same state modules, mempool, storage, import path and RPC as proof-of-work blocks.
 */
import { BlockError } from '../../errors.js';
import { hexToBytes } from '../../encoding/hex.js';
import { isHighS, verifyDigest } from '../../crypto/keys.js';
import { taggedHash } from '../../crypto/hash.js';
import type { AuthorityParams, NetworkParams } from '../../params/networks.js';
import type { Header } from '../../primitives/header.js';
import { SealKind, type PreparedBlock } from '../../primitives/block.js';
import type { Json } from '../../encoding/codec.js';
import { NO_CONSENSUS_FACTS, type ConsensusFacts, type StateModule } from '../../state/module.js';
import { rewardsModule } from '../../state/modules/rewards/module.js';
import type { ChainEntryView, ConsensusEngine } from '../engine.js';

/** Domain tag of the digest an authority signs. */
export const AUTHORITY_SEAL_TAG = 'coinworks/authority-seal';

/** The digest the authority signs for a block: a tagged hash of chain id and block hash. */
export function authoritySealDigest(chainId: number, blockHash: Uint8Array): Uint8Array {
  const msg = new Uint8Array(36);
  new DataView(msg.buffer).setUint32(0, chainId, true);
  msg.set(blockHash, 4);
  return taggedHash(AUTHORITY_SEAL_TAG, msg);
}

/** Single-signer engine. */
export class AuthorityEngine implements ConsensusEngine {
  readonly name = 'authority';
  readonly sealKind = SealKind.authority;
  readonly finality = 'instant';
  private readonly a: AuthorityParams;
  private readonly signer: Uint8Array;

  constructor(private readonly params: NetworkParams) {
    if (params.consensus.engine !== 'authority') throw new Error(`network ${params.name} does not run the authority engine`);
    this.a = params.consensus.authority;
    this.signer = hexToBytes(this.a.signerPublicKey);
  }

  /** No proof of work. */
  genesisBits(): number {
    return 0;
  }

  /** No proof of work. */
  nextBits(): number {
    return 0;
  }

  /** Strictly after the parent. */
  minChildTime(parent: ChainEntryView): number {
    return parent.header.time + 1;
  }

  /** The future-drift limit. */
  maxTime(now: number): number {
    return now + this.a.maxFutureDrift;
  }

  /** Later than the parent, not ahead of the local clock by more than the drift. */
  validateTime(header: Header, parent: ChainEntryView, now: number): void {
    if (header.time <= parent.header.time) throw new BlockError('BLOCK_TIME_TOO_OLD', `block time ${header.time} is not after its parent's ${parent.header.time}`);
    if (header.time > this.maxTime(now)) throw new BlockError('BLOCK_TIME_TOO_NEW', `block time ${header.time} is more than ${this.a.maxFutureDrift}s ahead of the local clock ${now}`, { now });
  }

  /** The header time: the one signer fixes it and nothing rolls it. */
  executionTime(_parent: ChainEntryView, headerTime: number): number {
    return headerTime;
  }

  /** bits and nonce are zero. */
  validateHeader(header: Header): void {
    if (header.bits !== 0 || header.nonce !== 0) throw new BlockError('BLOCK_BAD_DIFFICULTY', 'an authority block carries bits 0 and nonce 0');
  }

  /** The seal is the authority's low-s signature over the block hash. */
  validateSeal(pb: PreparedBlock): void {
    const { seal, coinbase } = pb.block;
    if (seal.kind !== SealKind.authority || seal.data.length !== 64) throw new BlockError('BLOCK_BAD_SEAL', `an authority block carries a 64-byte signature seal of kind ${SealKind.authority}`, { kind: seal.kind });
    if (coinbase.consensus.length !== 0) throw new BlockError('BLOCK_BAD_COINBASE', 'an authority coinbase carries no consensus data');
    if (isHighS(seal.data) || !verifyDigest(seal.data, authoritySealDigest(this.params.chainId, pb.hash), this.signer)) {
      throw new BlockError('BLOCK_BAD_SEAL', 'the seal is not the authority signature of this block');
    }
  }

  /** One per block: the longest chain. */
  blockWeight(): bigint {
    return 1n;
  }

  /** A fixed reward per block, recorded under the block-production cause `mining`. */
  blockReward(): { amount: bigint; cause: 'mining' } {
    return { amount: this.a.reward, cause: 'mining' };
  }

  /** No validators: no proposer, signers or evidence. */
  consensusFacts(): ConsensusFacts {
    return NO_CONSENSUS_FACTS;
  }

  /** The same maturity-locked block reward as proof of work. */
  modules(): StateModule[] {
    return [rewardsModule];
  }

  /** The signer and the seal. */
  describeBlock(pb: PreparedBlock | { readonly block: { readonly header: Header } }): Record<string, Json> {
    const seal = 'hash' in pb ? (pb as PreparedBlock).block.seal : undefined;
    return { engine: this.name, signer: this.a.signerPublicKey, ...(seal ? { sealKind: seal.kind } : {}) };
  }
}
