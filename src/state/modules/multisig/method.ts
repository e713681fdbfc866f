/**
 * What other modules, the RPC and reports may call on multisigs: address derivation, reads, and
 * approval counting under Safe's rule that only current owners' approvals count.
 */
import { encode, str, struct, u32, u64, varBytes } from '../../../encoding/codec.js';
import { bytesEqual } from '../../../encoding/hex.js';
import { taggedHash } from '../../../crypto/hash.js';
import { encodeAddress } from '../../../crypto/address.js';
import { address } from '../../../primitives/address-codec.js';
import { TxError } from '../../../errors.js';
import type { StateReader } from '../../state-view.js';
import { MAX_ACTION_BYTES } from './schemas.js';
import { createdStore, multisigStore, proposalStore, type Multisig, type Proposal } from './stores.js';

/** Address of the `index`-th multisig created by `creator`: sha256('multisig' | creator | u64be(index))[0:20]. */
export function multisigAddress(creator: Uint8Array, index: bigint): Uint8Array {
  const data = new Uint8Array(28);
  data.set(creator, 0);
  new DataView(data.buffer).setBigUint64(20, index, false);
  return taggedHash('multisig', data).subarray(0, 20);
}

/** Address the next multisig created by `creator` will get. */
export function nextMultisigAddress(state: StateReader, creator: Uint8Array): Uint8Array {
  return multisigAddress(creator, createdStore.get(state, creator) ?? 0n);
}

/** A multisig account, or undefined if `addr` is not one. */
export function getMultisig(state: StateReader, addr: Uint8Array): Multisig | undefined {
  return multisigStore.get(state, addr);
}

/** A multisig account; TX_NOT_FOUND if `addr` is not one. */
export function requireMultisig(state: StateReader, addr: Uint8Array): Multisig {
  const ms = multisigStore.get(state, addr);
  if (!ms) throw new TxError('TX_NOT_FOUND', `${addrText(addr)} is not a multisig account`);
  return ms;
}

/** Whether `addr` is a multisig account. */
export function isMultisig(state: StateReader, addr: Uint8Array): boolean {
  return multisigStore.get(state, addr) !== undefined;
}

/** Key suffix of a proposal: multisig address | u64be(id). */
export function proposalKey(ms: Uint8Array, id: bigint): Uint8Array {
  const k = new Uint8Array(28);
  k.set(ms, 0);
  new DataView(k.buffer).setBigUint64(20, id, false);
  return k;
}

/** A proposal, or undefined. */
export function getProposal(state: StateReader, ms: Uint8Array, id: bigint): Proposal | undefined {
  return proposalStore.get(state, proposalKey(ms, id));
}

/** A proposal; TX_NOT_FOUND if it does not exist. */
export function requireProposal(state: StateReader, ms: Uint8Array, id: bigint): Proposal {
  const p = getProposal(state, ms, id);
  if (!p) throw new TxError('TX_NOT_FOUND', `multisig ${addrText(ms)} has no proposal ${id}`);
  return p;
}

/** Whether `who` is a current owner. */
export function isOwner(ms: Multisig, who: Uint8Array): boolean {
  return ms.owners.some((o) => bytesEqual(o, who));
}

/** Approvals of a proposal that count: those of current owners (Safe: signers must be current owners). */
export function countingApprovals(ms: Multisig, p: Proposal): Uint8Array[] {
  return p.approvals.filter((a) => isOwner(ms, a));
}

/** Whether a proposal has passed its expiry height at block `height`. */
export function isExpired(p: Proposal, height: bigint): boolean {
  return height > p.expiresAt;
}

const ActionHashInput = struct('MultisigAction', {
  chainId: u32,
  multisig: address,
  nonce: u64,
  module: str(32),
  command: str(32),
  params: varBytes(MAX_ACTION_BYTES),
  expiresAt: u64,
});

/** Hash an approval binds to (Safe's safeTxHash): chain, multisig, nonce, action and expiry. */
export function actionHash(a: { chainId: number; multisig: Uint8Array; nonce: bigint; module: string; command: string; params: Uint8Array; expiresAt: bigint }): Uint8Array {
  return taggedHash('multisig-action', encode(ActionHashInput, a));
}

/** A pending proposal as reports show it. */
export interface PendingProposal {
  readonly proposal: Proposal;
  /** Approvals by current owners. */
  readonly approvals: Uint8Array[];
  readonly threshold: number;
  /** Approvals reach the threshold and the proposal targets the current nonce. */
  readonly executable: boolean;
  readonly expired: boolean;
}

/** Pending proposals of a multisig with their counting approvals, as of block `height`. */
export function pendingProposals(state: StateReader, ms: Uint8Array, height: bigint): PendingProposal[] {
  const m = getMultisig(state, ms);
  if (!m) return [];
  const out: PendingProposal[] = [];
  for (const id of m.pending) {
    const p = getProposal(state, ms, id);
    if (!p) continue;
    const approvals = countingApprovals(m, p);
    const expired = isExpired(p, height);
    out.push({ proposal: p, approvals, threshold: m.threshold, expired, executable: !expired && p.nonce === m.nonce && approvals.length >= m.threshold });
  }
  return out;
}

/** Bech32m text of an address, for error messages. */
export function addrText(a: Uint8Array): string {
  return encodeAddress(a);
}
