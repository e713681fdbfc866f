/**
 * `account_getProof`: the account record with its state-tree inclusion proof against the head's
 * state root, plus the head's 80-byte header, its coinbase and the coinbase's merkle branch, so a
 * client can check the whole chain of commitments offline (header -> merkle root -> coinbase ->
 * state root -> account) with `verifyAccountProofWithHeader`.
 */
import { accountGetProof as spec } from '../../api/core.js';
import { encodeAddress } from '../../crypto/address.js';
import { bytesToHex, hashToDisplay } from '../../encoding/hex.js';
import { encodeCoinbase } from '../../primitives/coinbase.js';
import { encodeHeader } from '../../primitives/header.js';
import { coinbaseBranch } from '../../primitives/merkle.js';
import { stringToKey } from '../../state/keys.js';
import { accountStore } from '../../state/modules/accounts/stores.js';
import { defineMethod } from '../method.js';

/** account_getProof. */
export const accountGetProof = defineMethod(spec, async (call, [address]) => {
  const { chain } = call.services.ctx;
  const key = accountStore.key(address);
  // The proof (record, leaf page and upper tree, loaded from disk if need be), the root and the tip
  // are taken at one head version, so all three describe the same state. The block is then loaded
  // by hash (immutable), so it is the one whose coinbase commits to that root.
  const { tip, proof: p, root: stateRoot } = await chain.proof(key);
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
});
