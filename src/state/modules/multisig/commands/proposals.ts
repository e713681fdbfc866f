/**
 * multisig.propose, multisig.approve and multisig.execute (Safe: owners approve a nonce-bound action
 * hash; it executes once approvals from current owners reach the threshold).
 */
import { TxError } from '../../../../errors.js';
import { bytesEqual } from '../../../../encoding/hex.js';
import type { Command, CommandContext } from '../../../module.js';
import { ApprovedEvent, CancelledEvent, ProposedEvent } from '../events.js';
import { assertOpen, checkExecutable, executeProposal, executeReady, pruneExpired } from '../execute.js';
import { actionHash, addrText, countingApprovals, getMultisig, isOwner, proposalKey, requireMultisig, requireProposal } from '../method.js';
import { CancelParams, ProposalRef, ProposeParams } from '../schemas.js';
import { MAX_PENDING, multisigStore, proposalStore } from '../stores.js';

/** Gas of an approval or an execution: it may run the proposed action, which pays no gas of its own. */
export const EXECUTE_GAS = 50_000n;

/** Runs the proposal if approvals reached the threshold and it targets the current nonce, then the queue behind it. */
function executeIfReady(ctx: CommandContext<unknown>, msAddr: Uint8Array, id: bigint): void {
  const ms = requireMultisig(ctx.state, msAddr);
  const p = requireProposal(ctx.state, msAddr, id);
  if (p.nonce === ms.nonce && countingApprovals(ms, p).length >= ms.threshold) {
    executeProposal(ctx, msAddr, id);
    executeReady(ctx, msAddr);
  }
}

/** multisig.propose: an owner queues an action as the multisig; the proposer's approval counts. */
export const proposeCommand: Command<ProposeParams> = {
  name: 'propose',
  schema: ProposeParams,
  gas: () => EXECUTE_GAS,
  verify({ params, sender, state, block }) {
    const ms = requireMultisig(state, params.multisig);
    if (!isOwner(ms, sender)) throw new TxError('TX_UNAUTHORIZED', `${addrText(sender)} is not an owner of multisig ${addrText(params.multisig)}`);
    if (params.nonce < ms.nonce) throw new TxError('TX_PROPOSAL_NONCE', `nonce ${params.nonce} is used up; multisig ${addrText(params.multisig)} is at nonce ${ms.nonce}`);
    if (params.expiresAt < block.height) throw new TxError('TX_PROPOSAL_EXPIRED', `expiry height ${params.expiresAt} is below the current height ${block.height}`);
    if (params.module.length === 0 || params.command.length === 0) throw new TxError('TX_INVALID_PARAMS', 'module and command must be named');
  },
  execute(ctx) {
    const { params, sender, state, events, block } = ctx;
    const ms = pruneExpired(state, events, params.multisig, requireMultisig(state, params.multisig), block.height);
    if (ms.pending.length >= MAX_PENDING) throw new TxError('TX_LIMIT_EXCEEDED', `multisig ${addrText(params.multisig)} already has ${MAX_PENDING} pending proposals`);
    const id = ms.nextProposalId;
    const hash = actionHash({ chainId: block.chainId, multisig: params.multisig, nonce: params.nonce, module: params.module, command: params.command, params: params.params, expiresAt: params.expiresAt });
    multisigStore.set(state, params.multisig, { ...ms, nextProposalId: id + 1n, pending: [...ms.pending, id] });
    proposalStore.set(state, proposalKey(params.multisig, id), {
      id,
      nonce: params.nonce,
      module: params.module,
      command: params.command,
      params: params.params,
      actionHash: hash,
      proposer: sender,
      approvals: [sender],
      createdAt: block.height,
      expiresAt: params.expiresAt,
      status: 'pending',
      result: null,
    });
    events.emit(ProposedEvent, { multisig: params.multisig, proposalId: id, nonce: params.nonce, module: params.module, command: params.command, actionHash: hash, proposer: sender, expiresAt: params.expiresAt });
    events.emit(ApprovedEvent, { multisig: params.multisig, proposalId: id, owner: sender, approvals: 1, threshold: ms.threshold });
    executeIfReady(ctx as CommandContext<unknown>, params.multisig, id);
  },
};

/** multisig.approve: a current owner approves once; the approval that reaches the threshold executes. */
export const approveCommand: Command<ProposalRef> = {
  name: 'approve',
  schema: ProposalRef,
  gas: () => EXECUTE_GAS,
  verify({ params, sender, state, block }) {
    const ms = requireMultisig(state, params.multisig);
    const p = requireProposal(state, params.multisig, params.proposalId);
    assertOpen(params.multisig, p, block.height);
    if (!isOwner(ms, sender)) throw new TxError('TX_UNAUTHORIZED', `${addrText(sender)} is not an owner of multisig ${addrText(params.multisig)}`);
    if (p.approvals.some((a) => bytesEqual(a, sender))) throw new TxError('TX_DUPLICATE', `${addrText(sender)} already approved proposal ${p.id}`);
  },
  execute(ctx) {
    const { params, sender, state, events } = ctx;
    const ms = requireMultisig(state, params.multisig);
    const p = requireProposal(state, params.multisig, params.proposalId);
    const next = { ...p, approvals: [...p.approvals, sender] };
    proposalStore.set(state, proposalKey(params.multisig, p.id), next);
    events.emit(ApprovedEvent, { multisig: params.multisig, proposalId: p.id, owner: sender, approvals: countingApprovals(ms, next).length, threshold: ms.threshold });
    executeIfReady(ctx as CommandContext<unknown>, params.multisig, p.id);
  },
};

/**
 * multisig.execute: anyone may run a proposal whose approvals already reach the threshold (one
 * queued on a later nonce, or after the threshold was lowered); TX_THRESHOLD_NOT_MET otherwise.
 */
export const executeCommand: Command<ProposalRef> = {
  name: 'execute',
  schema: ProposalRef,
  gas: () => EXECUTE_GAS,
  verify({ params, state, block }) {
    checkExecutable(state, params.multisig, params.proposalId, block.height);
  },
  execute(ctx) {
    executeProposal(ctx as CommandContext<unknown>, ctx.params.multisig, ctx.params.proposalId);
    executeReady(ctx as CommandContext<unknown>, ctx.params.multisig);
  },
};

/**
 * multisig.cancel (Safe's rejection): an action for a multisig to propose at a nonce it wants to
 * skip. Executing it (with the threshold's approvals, like any proposal) uses the nonce up, voids
 * the other proposals on it, and lets the queue behind it move; it changes nothing else.
 */
export const cancelCommand: Command<CancelParams> = {
  name: 'cancel',
  schema: CancelParams,
  gas: () => 1_000n,
  verify({ sender, state }) {
    if (!getMultisig(state, sender)) throw new TxError('TX_UNAUTHORIZED', `multisig.cancel is proposed by a multisig (\`coinworks multisig cancel <multisig> <nonce>\`); ${addrText(sender)} is not one`);
  },
  execute({ sender, state, events }) {
    events.emit(CancelledEvent, { multisig: sender, nonce: requireMultisig(state, sender).nonce - 1n });
  },
};
