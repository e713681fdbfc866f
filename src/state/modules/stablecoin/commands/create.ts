/**
 * stablecoin.create: a governed asset (USDKG: owner and compliance roles are multisigs fixed at
 * construction) with its auditors, reserve margin and attestation staleness limit.
 */
import { TxError } from '../../../../errors.js';
import { bytesEqual } from '../../../../encoding/hex.js';
import { encodeAddress } from '../../../../crypto/address.js';
import type { Command } from '../../../module.js';
import type { StateReader } from '../../../state-view.js';
import { checkAssetFields, idKey, registerAsset } from '../../assets/method.js';
import { isMultisig } from '../../multisig/method.js';
import { GovernedCreatedEvent } from '../events.js';
import { BPS, CreateParams } from '../schemas.js';
import { governanceStore } from '../stores.js';

/** Gas of every stablecoin command. */
export const STABLECOIN_GAS = 10_000n;

/** Throws TX_INVALID_PARAMS unless `group` is a multisig account. */
export function requireGroupMultisig(state: StateReader, group: Uint8Array, role: string): void {
  if (!isMultisig(state, group)) throw new TxError('TX_INVALID_PARAMS', `${role} ${encodeAddress(group)} is not a multisig account`);
}

/** Throws TX_INVALID_PARAMS unless the auditors are unique and hold neither group role (separation of duties). */
export function checkAuditors(auditors: readonly Uint8Array[], groups: readonly Uint8Array[]): void {
  for (let i = 0; i < auditors.length; i++) {
    if (groups.some((g) => bytesEqual(g, auditors[i]))) throw new TxError('TX_INVALID_PARAMS', `auditor ${encodeAddress(auditors[i])} is a group multisig`);
    for (let j = 0; j < i; j++) if (bytesEqual(auditors[i], auditors[j])) throw new TxError('TX_INVALID_PARAMS', `auditor ${encodeAddress(auditors[i])} is listed twice`);
  }
}

/** stablecoin.create. */
export const createCommand: Command<CreateParams> = {
  name: 'create',
  schema: CreateParams,
  gas: () => STABLECOIN_GAS,
  verify({ params, state, block }) {
    checkAssetFields(state, params, block.params.coin.symbol);
    requireGroupMultisig(state, params.mintGroup, 'mint group');
    requireGroupMultisig(state, params.complianceGroup, 'compliance group');
    if (bytesEqual(params.mintGroup, params.complianceGroup)) throw new TxError('TX_INVALID_PARAMS', 'the mint group and the compliance group must be different multisigs');
    if (params.auditors.length === 0) throw new TxError('TX_INVALID_PARAMS', 'a governed asset needs at least one auditor');
    checkAuditors(params.auditors, [params.mintGroup, params.complianceGroup]);
    if (BigInt(params.reserveMarginBps) >= BPS) throw new TxError('TX_INVALID_PARAMS', `reserve margin ${params.reserveMarginBps} bps must be below ${BPS}`);
    if (params.maxAttestationAge === 0) throw new TxError('TX_INVALID_PARAMS', 'the attestation staleness limit must be positive');
  },
  execute({ params, sender, state, events, block }) {
    const assetId = registerAsset(state, events, { symbol: params.symbol, name: params.name, decimals: params.decimals, policy: 'governed', creator: sender, issuer: null, height: block.height });
    const roles = {
      assetId,
      mintGroup: params.mintGroup,
      complianceGroup: params.complianceGroup,
      auditors: params.auditors,
      reserveMarginBps: params.reserveMarginBps,
      maxAttestationAge: params.maxAttestationAge,
    };
    governanceStore.set(state, idKey(assetId), { ...roles, paused: false, nextRedemptionId: 0n, attestations: 0n });
    events.emit(GovernedCreatedEvent, roles);
  },
};
