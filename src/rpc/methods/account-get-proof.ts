/**
 * `account_getProof`: the account record with its state-tree inclusion proof against the head's
 * state root (which the head block's coinbase commits to), for offline verification with
 * `state/proof.ts` `verifyStateProof` or the client's `verifyAccountProof`.
 */
import { encodeAddress } from '../../crypto/address.js';
import { bytesToHex, hashToDisplay } from '../../encoding/hex.js';
import { stringToKey } from '../../state/keys.js';
import { accountStore } from '../../state/modules/accounts/stores.js';
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
    }),
  },
  handler: (call, [address]: [Uint8Array]): AccountProofView => {
    const { chain } = call.services.ctx;
    // Synchronous from here: tip, root and proof all describe the same state.
    const key = accountStore.key(address);
    const tip = chain.tip;
    const p = chain.world.proof(key);
    return {
      address: encodeAddress(address),
      stateRoot: bytesToHex(chain.world.root()),
      blockHash: hashToDisplay(tip.hash),
      height: tip.height,
      key: bytesToHex(stringToKey(key)),
      value: p && p.value ? bytesToHex(p.value) : null,
      index: p ? p.index : null,
      siblings: p ? p.siblings.map((s) => bytesToHex(s)) : [],
    };
  },
});
