/** `multisig_proposal`: one proposal of a multisig, in any status, with its counting approvals. */
import { encodeAddress } from '../../crypto/address.js';
import { getMultisig, getProposal } from '../../state/modules/multisig/method.js';
import { notFound } from '../errors.js';
import { defineMethod, param } from '../method.js';
import { addressParam, bigUintParam, type ParamType } from '../params.js';
import { proposalS, proposalView, type ProposalView } from '../views-issuance.js';

const U64_MAX = (1n << 64n) - 1n;
const idType = bigUintParam(U64_MAX);
/** A proposal id: a decimal string (any u64) or a safe JSON integer. */
const proposalIdParam: ParamType<bigint> = {
  schema: { oneOf: [idType.schema, { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER }] },
  parse: idType.parse,
};

/** multisig_proposal. */
export const multisigProposal = defineMethod({
  name: 'multisig_proposal',
  summary:
    'A proposal of a multisig by id: action (decoded params), proposer, approvals recorded and counting, threshold, status (pending, executed, failed, voided, expired), the failure of a failed action, and expired / executable as of the next block; -32001 when unknown.',
  params: [param('address', addressParam(), 'multisig address (cw1...)'), param('proposalId', proposalIdParam, 'proposal id (decimal string, or a JSON integer)')],
  result: { name: 'proposal', schema: proposalS },
  handler: (call, [address, id]: [Uint8Array, bigint]): ProposalView => {
    const { chain } = call.services.ctx;
    const m = getMultisig(chain.world, address);
    if (!m) throw notFound('multisig', { address: encodeAddress(address) });
    const p = getProposal(chain.world, address, id);
    if (!p) throw notFound('proposal', { address: encodeAddress(address), proposalId: id.toString() });
    return proposalView(chain, address, m, p, BigInt(chain.tip.height + 1));
  },
});
