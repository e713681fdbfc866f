/**
 * `multisig_pending`: the pending proposals of a multisig with the approvals that count (current
 * owners only), the threshold, and whether each is executable or expired as of the next block.
 */
import { encodeAddress } from '../../crypto/address.js';
import { getMultisig, pendingProposals } from '../../state/modules/multisig/method.js';
import { notFound } from '../errors.js';
import { defineMethod, param } from '../method.js';
import { addressParam } from '../params.js';
import { addressS, arrS, decS, objS, uintS } from '../result-schemas.js';
import { proposalS, proposalView, type ProposalView } from '../views-issuance.js';

/** Result of multisig_pending. */
export interface MultisigPendingView {
  readonly multisig: string;
  readonly nonce: string;
  readonly threshold: number;
  /** Height the `expired` / `executable` flags are computed for: the next block's. */
  readonly height: number;
  readonly proposals: ProposalView[];
}

/** multisig_pending. */
export const multisigPending = defineMethod({
  name: 'multisig_pending',
  summary:
    "Pending proposals of a multisig, oldest first, as of the next block: each with its action (decoded params), approvals recorded and counting (current owners only), threshold, executable (current nonce and enough approvals) and expired; -32001 if the address is not a multisig.",
  params: [param('address', addressParam(), 'multisig address (cw1...)')],
  result: { name: 'pending', schema: objS({ multisig: addressS, nonce: decS, threshold: uintS, height: uintS, proposals: arrS(proposalS) }) },
  handler: (call, [address]: [Uint8Array]): MultisigPendingView => {
    const { chain } = call.services.ctx;
    const m = getMultisig(chain.world, address);
    if (!m) throw notFound('multisig', { address: encodeAddress(address) });
    const height = BigInt(chain.tip.height + 1);
    return {
      multisig: encodeAddress(address),
      nonce: m.nonce.toString(),
      threshold: m.threshold,
      height: Number(height),
      proposals: pendingProposals(chain.world, address, height).map((p) => proposalView(chain, address, m, p.proposal, height)),
    };
  },
});
