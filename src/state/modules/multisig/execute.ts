/**
 * Executing a proposal (Safe execTransaction): it must be pending, unexpired, target the current
 * nonce and have approvals from at least `threshold` CURRENT owners. The nonce is used up and every
 * other proposal queued on it is voided before the action runs as the multisig; an inner failure is
 * recorded in the `executed` event and does not give the nonce back.
 */
import { CoinworksError, TxError } from '../../../errors.js';
import type { CommandContext, EventSink } from '../../module.js';
import type { StateReader, StateWriter } from '../../state-view.js';
import { ExecutedEvent, ExpiredEvent, MAX_ERROR_FIELDS, VoidedEvent } from './events.js';
import { addrText, countingApprovals, getProposal, isExpired, proposalKey, requireMultisig, requireProposal } from './method.js';
import { multisigStore, proposalStore, type Multisig, type Proposal } from './stores.js';

/** Throws TX_PROPOSAL_CLOSED / TX_PROPOSAL_EXPIRED unless the proposal is still open at `height`. */
export function assertOpen(ms: Uint8Array, p: Proposal, height: bigint): void {
  if (p.status !== 'pending') throw new TxError('TX_PROPOSAL_CLOSED', `proposal ${p.id} of multisig ${addrText(ms)} is ${p.status}; it cannot be approved or executed again`);
  if (isExpired(p, height)) throw new TxError('TX_PROPOSAL_EXPIRED', `proposal ${p.id} of multisig ${addrText(ms)} expired after height ${p.expiresAt}`);
}

/** Marks pending proposals past their expiry as expired (evented) and drops them from the queue. */
export function pruneExpired(state: StateWriter, events: EventSink, msAddr: Uint8Array, ms: Multisig, height: bigint): Multisig {
  const keep: bigint[] = [];
  for (const id of ms.pending) {
    const p = getProposal(state, msAddr, id);
    if (p && p.status === 'pending' && isExpired(p, height)) {
      proposalStore.set(state, proposalKey(msAddr, id), { ...p, status: 'expired' });
      events.emit(ExpiredEvent, { multisig: msAddr, proposalId: id, expiresAt: p.expiresAt });
    } else if (p && p.status === 'pending') keep.push(id);
  }
  if (keep.length === ms.pending.length) return ms;
  const next = { ...ms, pending: keep };
  multisigStore.set(state, msAddr, next);
  return next;
}

/** Checks every execution rule without writing; returns the multisig and proposal. */
export function checkExecutable(state: StateReader, msAddr: Uint8Array, id: bigint, height: bigint): { ms: Multisig; p: Proposal } {
  const ms = requireMultisig(state, msAddr);
  const p = requireProposal(state, msAddr, id);
  assertOpen(msAddr, p, height);
  if (p.nonce !== ms.nonce) throw new TxError('TX_PROPOSAL_NONCE', `proposal ${id} targets nonce ${p.nonce}; multisig ${addrText(msAddr)} is at nonce ${ms.nonce}`);
  const have = countingApprovals(ms, p).length;
  if (have < ms.threshold) throw new TxError('TX_THRESHOLD_NOT_MET', `proposal ${id} has ${have} approvals from current owners; the threshold is ${ms.threshold}`);
  return { ms, p };
}

/** Executes proposal `id` of multisig `msAddr` (all rules checked); returns whether the action succeeded. */
export function executeProposal(ctx: CommandContext<unknown>, msAddr: Uint8Array, id: bigint): boolean {
  const { state, events, block } = ctx;
  const { p } = checkExecutable(state, msAddr, id, block.height);
  const ms = pruneExpired(state, events, msAddr, requireMultisig(state, msAddr), block.height);
  // Use up the nonce and void every other proposal on it before the action runs (no re-entry).
  const keep: bigint[] = [];
  for (const other of ms.pending) {
    if (other === id) continue;
    const q = getProposal(state, msAddr, other);
    if (q && q.nonce === p.nonce) {
      proposalStore.set(state, proposalKey(msAddr, other), { ...q, status: 'voided' });
      events.emit(VoidedEvent, { multisig: msAddr, proposalId: other, nonce: q.nonce, byProposalId: id });
    } else keep.push(other);
  }
  multisigStore.set(state, msAddr, { ...ms, nonce: ms.nonce + 1n, pending: keep });
  proposalStore.set(state, proposalKey(msAddr, id), { ...p, status: 'executed' });
  // Safe's execTransaction: the nonce is used up even when the action fails; invoke is atomic.
  let err: CoinworksError | null = null;
  try {
    ctx.invoke(p.module, p.command, p.params, msAddr);
  } catch (e) {
    if (!(e instanceof CoinworksError)) throw e;
    err = e;
  }
  const error = err ? clip(`${err.code}: ${err.message}`, 512) : null;
  proposalStore.set(state, proposalKey(msAddr, id), { ...p, status: err ? 'failed' : 'executed', result: error });
  events.emit(ExecutedEvent, { multisig: msAddr, proposalId: id, nonce: p.nonce, module: p.module, command: p.command, ok: !err, error, errorData: err ? errorFields(err.data) : [] });
  return !err;
}

/** Most proposals one transaction executes in a row (the approval's own, then the queue behind it). */
export const MAX_CASCADE = 16;

/**
 * The pending proposal that may execute now: on the current nonce, unexpired, with approvals from
 * current owners reaching the threshold; the lowest id if several compete for the nonce.
 */
export function readyProposal(state: StateReader, msAddr: Uint8Array, height: bigint): bigint | undefined {
  const ms = requireMultisig(state, msAddr);
  for (const id of ms.pending) {
    const p = getProposal(state, msAddr, id);
    if (p && p.status === 'pending' && p.nonce === ms.nonce && !isExpired(p, height) && countingApprovals(ms, p).length >= ms.threshold) return id;
  }
  return undefined;
}

/**
 * Executes whatever is ready, in nonce order (rule, docs/governed-minting.md "Execution"): a
 * proposal runs as soon as it is fully approved and its nonce is the multisig's, whether the
 * approval that completes it comes first or the proposal before it executes; so a fully approved
 * proposal never waits for a manual `execute`. At most MAX_CASCADE per transaction.
 */
export function executeReady(ctx: CommandContext<unknown>, msAddr: Uint8Array): number {
  let n = 0;
  for (let id = readyProposal(ctx.state, msAddr, ctx.block.height); id !== undefined && n < MAX_CASCADE; id = readyProposal(ctx.state, msAddr, ctx.block.height)) {
    executeProposal(ctx, msAddr, id);
    n++;
  }
  return n;
}

/** A failure's data as event fields: scalars only, as decimal or plain strings, within the event's bounds. */
export function errorFields(data: Record<string, unknown>): Array<{ key: string; value: string }> {
  const out: Array<{ key: string; value: string }> = [];
  for (const [key, v] of Object.entries(data)) {
    if (out.length >= MAX_ERROR_FIELDS || key.length > 32) continue;
    if (typeof v !== 'string' && typeof v !== 'bigint' && typeof v !== 'number' && typeof v !== 'boolean') continue;
    out.push({ key, value: clip(String(v), 128) });
  }
  return out;
}

/** Cuts a string to at most `max` UTF-8 bytes (the event field's bound). */
function clip(s: string, max: number): string {
  const enc = new TextEncoder();
  while (enc.encode(s).length > max) s = s.slice(0, -1);
  return s;
}
