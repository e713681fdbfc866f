/**
 * RPC endpoints of the multisig module (Lisk's endpoint.ts): `multisig_get`, `multisig_pending`,
 * `multisig_proposal`, `multisig_events`, `multisig_nextAddress`. The governed assets a multisig is
 * a group of come from the assets and stablecoin modules through their method.ts.
 */
import type { Static } from '@sinclair/typebox';
import { encodeAddress } from '../../../crypto/address.js';
import { bytesEqual, bytesToHex } from '../../../encoding/hex.js';
import { endpoint, notFound, trailPage, type AnyEndpoint, type EndpointContext } from '../../endpoint.js';
import type { StateReader } from '../../state-view.js';
import { listAssets } from '../assets/method.js';
import { getGovernance } from '../stablecoin/method.js';
import { GroupRole, multisigEvents, multisigGet, multisigNextAddress, multisigPending, multisigProposal, Proposal as ProposalSchema } from './api.js';
import { countingApprovals, getMultisig, getProposal, isExpired, nextMultisigAddress, pendingProposals } from './method.js';
import { createdStore, Proposal as ProposalCodec, type Multisig, type Proposal } from './stores.js';

/** Modules whose events make up a multisig's trail. */
const TRAIL_MODULES: readonly string[] = ['multisig'];

/** Governed assets whose mint or compliance group `addr` is. */
export function groupRoles(state: StateReader, addr: Uint8Array): Static<typeof GroupRole>[] {
  const out: Static<typeof GroupRole>[] = [];
  for (const a of listAssets(state)) {
    if (a.policy !== 'governed') continue;
    const g = getGovernance(state, a.id);
    if (!g) continue;
    if (bytesEqual(g.mintGroup, addr)) out.push({ assetId: a.id, symbol: a.symbol, role: 'mint' });
    if (bytesEqual(g.complianceGroup, addr)) out.push({ assetId: a.id, symbol: a.symbol, role: 'compliance' });
  }
  return out;
}

/** View of a proposal as of block `height` (the next block's height for "now"). */
export function proposalView(ctx: EndpointContext, addr: Uint8Array, m: Multisig, p: Proposal, height: bigint): Static<typeof ProposalSchema> {
  const counting = countingApprovals(m, p);
  const expired = p.status === 'pending' && isExpired(p, height);
  const j = ProposalCodec.toJson(p) as { actionHash: string };
  return {
    multisig: encodeAddress(addr),
    proposalId: p.id.toString(),
    nonce: p.nonce.toString(),
    module: p.module,
    command: p.command,
    params: bytesToHex(p.params),
    decodedParams: ctx.paramsJson(p.module, p.command, p.params),
    actionHash: j.actionHash,
    proposer: encodeAddress(p.proposer),
    approvals: p.approvals.map((a) => encodeAddress(a)),
    countingApprovals: counting.map((a) => encodeAddress(a)),
    approvalCount: counting.length,
    threshold: m.threshold,
    createdAt: Number(p.createdAt),
    expiresAt: Number(p.expiresAt),
    status: p.status,
    result: p.result,
    expired,
    executable: p.status === 'pending' && !expired && p.nonce === m.nonce && counting.length >= m.threshold,
    queue: {
      state: p.status !== 'pending' ? 'closed' : expired ? 'expired' : p.nonce > m.nonce ? 'queued' : counting.length >= m.threshold ? 'ready' : 'needs-approvals',
      approvalsNeeded: Math.max(0, m.threshold - counting.length),
      waitsForNonce: p.status === 'pending' && !expired && p.nonce > m.nonce ? m.nonce.toString() : null,
    },
  };
}

function requireMultisigAt(state: StateReader, address: Uint8Array): Multisig {
  const m = getMultisig(state, address);
  if (!m) throw notFound('multisig', { address: encodeAddress(address) });
  return m;
}

/** multisig_get. */
export const multisigGetEndpoint = endpoint(multisigGet, (ctx, [address]) =>
  ctx.view((state) => {
    const m = requireMultisigAt(state, address);
    return {
      address: encodeAddress(address),
      owners: m.owners.map((o) => encodeAddress(o)),
      threshold: m.threshold,
      nonce: m.nonce.toString(),
      nextProposalId: m.nextProposalId.toString(),
      pending: m.pending.map((id) => id.toString()),
      creator: encodeAddress(m.creator),
      governs: groupRoles(state, address),
    };
  }),
);

/** multisig_pending. */
export const multisigPendingEndpoint = endpoint(multisigPending, (ctx, [address]) =>
  ctx.view((state, head) => {
    const m = requireMultisigAt(state, address);
    const height = BigInt(head.height + 1);
    return {
      multisig: encodeAddress(address),
      nonce: m.nonce.toString(),
      threshold: m.threshold,
      height: Number(height),
      proposals: pendingProposals(state, address, height).map((p) => proposalView(ctx, address, m, p.proposal, height)),
    };
  }),
);

/** multisig_proposal. */
export const multisigProposalEndpoint = endpoint(multisigProposal, (ctx, [address, id]) =>
  ctx.view((state, head) => {
    const m = requireMultisigAt(state, address);
    const p = getProposal(state, address, id);
    if (!p) throw notFound('proposal', { address: encodeAddress(address), proposalId: id.toString() });
    return proposalView(ctx, address, m, p, BigInt(head.height + 1));
  }),
);

/** multisig_events. */
export const multisigEventsEndpoint = endpoint(multisigEvents, async (ctx, [address, o]) => {
  const text = encodeAddress(address);
  const events = await ctx.events(TRAIL_MODULES);
  return trailPage(events, o, (e) => {
    const d = e.data;
    return d !== null && typeof d === 'object' && !Array.isArray(d) && (d as Record<string, unknown>).multisig === text;
  });
});

/** multisig_nextAddress. */
export const multisigNextAddressEndpoint = endpoint(multisigNextAddress, (ctx, [creator]) =>
  ctx.view((state) => ({ creator: encodeAddress(creator), index: (createdStore.get(state, creator) ?? 0n).toString(), address: encodeAddress(nextMultisigAddress(state, creator)) })),
);

/** Every endpoint of the module, for the RPC registry. */
export const multisigEndpoints: readonly AnyEndpoint[] = [multisigGetEndpoint, multisigPendingEndpoint, multisigProposalEndpoint, multisigEventsEndpoint, multisigNextAddressEndpoint];
