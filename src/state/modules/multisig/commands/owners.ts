/**
 * multisig.addOwner, multisig.removeOwner and multisig.changeThreshold. Safe's OwnerManager rule:
 * the sender must be the multisig itself, so these run only through the multisig's own proposals.
 */
import { TxError } from '../../../../errors.js';
import { bytesEqual } from '../../../../encoding/hex.js';
import type { Command } from '../../../module.js';
import type { StateReader } from '../../../state-view.js';
import { OwnerAddedEvent, OwnerRemovedEvent, ThresholdChangedEvent } from '../events.js';
import { addrText, getMultisig, getProposal, isOwner, proposalKey } from '../method.js';
import { MAX_OWNERS, OwnerParams, ThresholdParams } from '../schemas.js';
import { multisigStore, proposalStore, type Multisig } from '../stores.js';

/** Gas of an owner or threshold change. */
export const OWNER_GAS = 10_000n;

/** The multisig whose own address sent the command; TX_UNAUTHORIZED for any other sender. */
function self(state: StateReader, sender: Uint8Array, what: string): Multisig {
  const ms = getMultisig(state, sender);
  if (!ms) throw new TxError('TX_UNAUTHORIZED', `${what} must be sent by the multisig itself (through its own proposal); ${addrText(sender)} is not a multisig`);
  return ms;
}

function checkThreshold(threshold: number, owners: number): void {
  if (threshold < 1 || threshold > owners) throw new TxError('TX_INVALID_PARAMS', `threshold ${threshold} must be between 1 and the ${owners} owners`);
}

/** multisig.addOwner (Safe addOwnerWithThreshold). */
export const addOwnerCommand: Command<OwnerParams> = {
  name: 'addOwner',
  schema: OwnerParams,
  gas: () => OWNER_GAS,
  verify({ params, sender, state }) {
    const ms = self(state, sender, 'multisig.addOwner');
    if (isOwner(ms, params.owner)) throw new TxError('TX_DUPLICATE', `${addrText(params.owner)} is already an owner`);
    if (bytesEqual(params.owner, sender)) throw new TxError('TX_INVALID_PARAMS', 'a multisig cannot own itself');
    if (ms.owners.length >= MAX_OWNERS) throw new TxError('TX_LIMIT_EXCEEDED', `a multisig has at most ${MAX_OWNERS} owners`);
    checkThreshold(params.threshold, ms.owners.length + 1);
  },
  execute({ params, sender, state, events }) {
    const ms = self(state, sender, 'multisig.addOwner');
    multisigStore.set(state, sender, { ...ms, owners: [...ms.owners, params.owner], threshold: params.threshold });
    events.emit(OwnerAddedEvent, { multisig: sender, owner: params.owner, threshold: params.threshold });
  },
};

/**
 * multisig.removeOwner (Safe removeOwner). The removed owner's approvals are struck from every
 * pending proposal, so they do not count even if the owner is added back later.
 */
export const removeOwnerCommand: Command<OwnerParams> = {
  name: 'removeOwner',
  schema: OwnerParams,
  gas: () => OWNER_GAS,
  verify({ params, sender, state }) {
    const ms = self(state, sender, 'multisig.removeOwner');
    if (!isOwner(ms, params.owner)) throw new TxError('TX_NOT_FOUND', `${addrText(params.owner)} is not an owner`);
    checkThreshold(params.threshold, ms.owners.length - 1);
  },
  execute({ params, sender, state, events }) {
    const ms = self(state, sender, 'multisig.removeOwner');
    let dropped = 0;
    for (const id of ms.pending) {
      const p = getProposal(state, sender, id);
      if (!p || !p.approvals.some((a) => bytesEqual(a, params.owner))) continue;
      proposalStore.set(state, proposalKey(sender, id), { ...p, approvals: p.approvals.filter((a) => !bytesEqual(a, params.owner)) });
      dropped++;
    }
    multisigStore.set(state, sender, { ...ms, owners: ms.owners.filter((o) => !bytesEqual(o, params.owner)), threshold: params.threshold });
    events.emit(OwnerRemovedEvent, { multisig: sender, owner: params.owner, threshold: params.threshold, approvalsDropped: dropped });
  },
};

/** multisig.changeThreshold (Safe changeThreshold). */
export const changeThresholdCommand: Command<ThresholdParams> = {
  name: 'changeThreshold',
  schema: ThresholdParams,
  gas: () => OWNER_GAS,
  verify({ params, sender, state }) {
    const ms = self(state, sender, 'multisig.changeThreshold');
    checkThreshold(params.threshold, ms.owners.length);
  },
  execute({ params, sender, state, events }) {
    const ms = self(state, sender, 'multisig.changeThreshold');
    multisigStore.set(state, sender, { ...ms, threshold: params.threshold });
    events.emit(ThresholdChangedEvent, { multisig: sender, threshold: params.threshold });
  },
};
