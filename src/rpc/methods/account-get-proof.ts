/**
 * `account_getProof`: the account record with its state-tree inclusion proof against the head's
 * state root, plus the head's 80-byte header, its coinbase and the coinbase's merkle branch, so a
 * client can check the whole chain of commitments offline (header -> merkle root -> coinbase ->
 * state root -> account) with `verifyAccountProofWithHeader`.
 */
import { encodeAddress } from '../../crypto/address.js';
import { bytesToHex, hashToDisplay } from '../../encoding/hex.js';
import { stringToKey } from '../../state/keys.js';
import { accountStore } from '../../state/modules/accounts/stores.js';
import { encodeHeader } from '../../primitives/header.js';
import { encodeCoinbase } from '../../primitives/coinbase.js';
import { coinbaseBranch } from '../../primitives/merkle.js';
import { defineMethod, param } from '../method.js';
import { addressParam } from '../params.js';
import { addressS, arrS, bytes32S, hashS, hexS, nullableS, objS, uintS } from '../result-schemas.js';

/** Result of account_getProof. */
export interface AccountProofView {
  readonly address: string;
  readonly stateRoot: string;
  readonly blockHash: string;
  readonly height: number;
  readonly key: string;
  readonly value: string | null;
  readonly index: number | null;
  readonly siblings: string[];
  /** The block's 80-byte header (hex). */
  readonly header: string;
  /** The block's encoded coinbase (hex); it holds the state root. */
  readonly coinbase: string;
  /** Merkle branch from the coinbase to the header's merkle root (hex, internal order). */
  readonly coinbaseBranch: string[];
}

/** account_getProof. */
export const accountGetProof = defineMethod({
  name: 'account_getProof',
  summary:
    'State proof of an account at the head: key, value (canonical Account record, hex; null if the account has no record), leaf index and the 32 sibling hashes bottom-up, with the state root and the block committing to it.',
  params: [param('address', addressParam(), 'bech32m address (cw1...)')],
  result: {
    name: 'proof',
    schema: objS({
      address: addressS,
      stateRoot: bytes32S,
      blockHash: hashS,
      height: uintS,
      key: hexS,
      value: nullableS(hexS),
      index: nullableS(uintS),
      siblings: arrS(bytes32S),
      header: hexS,
      coinbase: hexS,
      coinbaseBranch: arrS(bytes32S),
    }),
  },
  handler: async (call, [address]: [Uint8Array]): Promise<AccountProofView> => {
    const { chain } = call.services.ctx;
    // Read synchronously: tip, root and proof all describe the same state. The block is then
    // loaded by hash (immutable), so it is the one whose coinbase commits to that root.
    const key = accountStore.key(address);
    const tip = chain.tip;
    const p = chain.world.proof(key);
    const stateRoot = chain.world.root();
    const block = await chain.getBlock(tip.hash);
    if (!block) throw new Error(`head block ${hashToDisplay(tip.hash)} is missing from the store`);
    return {
      address: encodeAddress(address),
      stateRoot: bytesToHex(stateRoot),
      blockHash: hashToDisplay(tip.hash),
      height: tip.height,
      key: bytesToHex(stringToKey(key)),
      value: p && p.value ? bytesToHex(p.value) : null,
      index: p ? p.index : null,
      siblings: p ? p.siblings.map((s) => bytesToHex(s)) : [],
      header: bytesToHex(encodeHeader(block.block.header)),
      coinbase: bytesToHex(encodeCoinbase(block.block.coinbase)),
      coinbaseBranch: coinbaseBranch(block.txs.map((t) => t.id)).map((b) => bytesToHex(b)),
    };
  },
});
