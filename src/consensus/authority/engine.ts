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
import type { ConsensusEngine } from '../engine.js';
import { SignedBlockRules } from '../signed-block-rules.js';

/** Domain tag of the digest an authority signs. */
export const AUTHORITY_SEAL_TAG = 'coinworks/authority-seal';

/** The digest the authority signs for a block: a tagged hash of chain id and block hash. */
export function authoritySealDigest(chainId: number, blockHash: Uint8Array): Uint8Array {
  const msg = new Uint8Array(36);
  new DataView(msg.buffer).setUint32(0, chainId, true);
  msg.set(blockHash, 4);
  return taggedHash(AUTHORITY_SEAL_TAG, msg);
}

/** The authority rules of `params`; throws when the network runs another engine. */
function authorityParamsOf(params: NetworkParams): AuthorityParams {
  if (params.consensus.engine !== 'authority') throw new Error(`network ${params.name} does not run the authority engine`);
  return params.consensus.authority;
}

/** Single-signer engine. */
export class AuthorityEngine extends SignedBlockRules implements ConsensusEngine {
  readonly name = 'authority';
  readonly sealKind = SealKind.authority;
  readonly finality = 'instant';
  private readonly a: AuthorityParams;
  private readonly signer: Uint8Array;

  constructor(private readonly params: NetworkParams) {
    super(authorityParamsOf(params).maxFutureDrift, 'an authority block');
    this.a = authorityParamsOf(params);
    this.signer = hexToBytes(this.a.signerPublicKey);
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
