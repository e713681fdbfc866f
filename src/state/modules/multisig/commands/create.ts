/** multisig.create: a new multisig account with unique owners and 1 <= threshold <= owners (Safe setupOwners). */
import { TxError } from '../../../../errors.js';
import { bytesEqual } from '../../../../encoding/hex.js';
import type { Command } from '../../../module.js';
import { CreatedEvent } from '../events.js';
import { addrText, isMultisig, nextMultisigAddress } from '../method.js';
import { CreateParams } from '../schemas.js';
import { createdStore, multisigStore } from '../stores.js';

/** Gas of multisig.create per owner, on top of a fixed part. */
export const CREATE_GAS_PER_OWNER = 2_000n;

/** Throws TX_INVALID_PARAMS unless owners are unique, non-empty and 1 <= threshold <= owners. */
export function checkOwners(owners: readonly Uint8Array[], threshold: number): void {
  if (owners.length === 0) throw new TxError('TX_INVALID_PARAMS', 'a multisig needs at least one owner');
  for (let i = 0; i < owners.length; i++) {
    for (let j = 0; j < i; j++) if (bytesEqual(owners[i], owners[j])) throw new TxError('TX_INVALID_PARAMS', `owner ${addrText(owners[i])} is listed twice`);
  }
  if (threshold < 1 || threshold > owners.length) throw new TxError('TX_INVALID_PARAMS', `threshold ${threshold} must be between 1 and the ${owners.length} owners`);
}

/** multisig.create. */
export const createCommand: Command<CreateParams> = {
  name: 'create',
  schema: CreateParams,
  gas: (p) => 20_000n + CREATE_GAS_PER_OWNER * BigInt(p.owners.length),
  verify({ params, sender, state }) {
    checkOwners(params.owners, params.threshold);
    const addr = nextMultisigAddress(state, sender);
    if (isMultisig(state, addr)) throw new TxError('TX_DUPLICATE', `multisig ${addrText(addr)} already exists`);
  },
  execute({ params, sender, state, events }) {
    const addr = nextMultisigAddress(state, sender);
    createdStore.set(state, sender, (createdStore.get(state, sender) ?? 0n) + 1n);
    multisigStore.set(state, addr, { owners: params.owners, threshold: params.threshold, nonce: 0n, nextProposalId: 0n, pending: [], creator: sender });
    events.emit(CreatedEvent, { multisig: addr, creator: sender, owners: params.owners, threshold: params.threshold });
  },
};
