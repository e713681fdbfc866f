/**
 * Pause, role and setting commands. setReserveMargin / setMaxAttestationAge: the compliance group,
 * like the auditors and for the same reason: the group that mints never loosens its own reserve
 * margin or how stale an attestation may be.
 *
 * Pause and role commands. pause/unpause: the mint group (USDKG owner pauses). setMintGroup /
 * setComplianceGroup: only the group being replaced (its own threshold decides). Auditors are
 * added and removed by the compliance group, so the group that mints never picks who attests
 * its reserves.
 */
import { TxError } from '../../../../errors.js';
import { bytesEqual } from '../../../../encoding/hex.js';
import { encodeAddress } from '../../../../crypto/address.js';
import type { Command } from '../../../module.js';
import { idKey } from '../../assets/method.js';
import { PauseEvent, RoleEvent, SettingEvent } from '../events.js';
import { isAuditor, requireGovernance, requireGroup } from '../method.js';
import { AssetRef, AttestationAgeParams, AuditorParams, BPS, GroupParams, MarginParams, MAX_AUDITORS } from '../schemas.js';
import { governanceStore } from '../stores.js';
import { checkAuditors, requireGroupMultisig, STABLECOIN_GAS } from './create.js';

function pauseCommand(paused: boolean): Command<AssetRef> {
  const name = paused ? 'pause' : 'unpause';
  return {
    name,
    schema: AssetRef,
    gas: () => STABLECOIN_GAS,
    verify({ params, sender, state }) {
      const g = requireGovernance(state, params.assetId);
      requireGroup(g, sender, 'mint', `stablecoin.${name}`);
      if (g.paused === paused) throw new TxError('TX_INVALID_PARAMS', `asset ${params.assetId} is already ${paused ? 'paused' : 'unpaused'}`);
    },
    execute({ params, state, events }) {
      governanceStore.set(state, idKey(params.assetId), { ...requireGovernance(state, params.assetId), paused });
      events.emit(PauseEvent, { assetId: params.assetId, paused: paused ? 'paused' : 'unpaused' });
    },
  };
}

/** stablecoin.pause: blocks transfers, mints and redemptions of the asset (see docs/governed-minting.md). */
export const stablecoinPauseCommand = pauseCommand(true);
/** stablecoin.unpause. */
export const stablecoinUnpauseCommand = pauseCommand(false);

function groupCommand(role: 'mint' | 'compliance'): Command<GroupParams> {
  const name = role === 'mint' ? 'setMintGroup' : 'setComplianceGroup';
  return {
    name,
    schema: GroupParams,
    gas: () => STABLECOIN_GAS,
    verify({ params, sender, state }) {
      const g = requireGovernance(state, params.assetId);
      requireGroup(g, sender, role, `stablecoin.${name}`);
      requireGroupMultisig(state, params.group, `${role} group`);
      const other = role === 'mint' ? g.complianceGroup : g.mintGroup;
      if (bytesEqual(other, params.group)) throw new TxError('TX_INVALID_PARAMS', 'the mint group and the compliance group must be different multisigs');
      if (isAuditor(g, params.group)) throw new TxError('TX_INVALID_PARAMS', `${encodeAddress(params.group)} is an auditor`);
    },
    execute({ params, state, events }) {
      const g = requireGovernance(state, params.assetId);
      governanceStore.set(state, idKey(params.assetId), role === 'mint' ? { ...g, mintGroup: params.group } : { ...g, complianceGroup: params.group });
      events.emit(RoleEvent, { assetId: params.assetId, role: role === 'mint' ? 'mintGroup' : 'complianceGroup', account: params.group });
    },
  };
}

/** stablecoin.setMintGroup: the mint group hands its role to another multisig. */
export const setMintGroupCommand = groupCommand('mint');
/** stablecoin.setComplianceGroup: the compliance group hands its role to another multisig. */
export const setComplianceGroupCommand = groupCommand('compliance');

/** stablecoin.addAuditor (compliance group). */
export const addAuditorCommand: Command<AuditorParams> = {
  name: 'addAuditor',
  schema: AuditorParams,
  gas: () => STABLECOIN_GAS,
  verify({ params, sender, state }) {
    const g = requireGovernance(state, params.assetId);
    requireGroup(g, sender, 'compliance', 'stablecoin.addAuditor');
    if (isAuditor(g, params.auditor)) throw new TxError('TX_DUPLICATE', `${encodeAddress(params.auditor)} is already an auditor`);
    if (g.auditors.length >= MAX_AUDITORS) throw new TxError('TX_LIMIT_EXCEEDED', `an asset has at most ${MAX_AUDITORS} auditors`);
    checkAuditors([params.auditor], [g.mintGroup, g.complianceGroup]);
  },
  execute({ params, state, events }) {
    const g = requireGovernance(state, params.assetId);
    governanceStore.set(state, idKey(params.assetId), { ...g, auditors: [...g.auditors, params.auditor] });
    events.emit(RoleEvent, { assetId: params.assetId, role: 'auditorAdded', account: params.auditor });
  },
};

/** stablecoin.removeAuditor (compliance group); the latest attestation stays until it goes stale. */
export const removeAuditorCommand: Command<AuditorParams> = {
  name: 'removeAuditor',
  schema: AuditorParams,
  gas: () => STABLECOIN_GAS,
  verify({ params, sender, state }) {
    const g = requireGovernance(state, params.assetId);
    requireGroup(g, sender, 'compliance', 'stablecoin.removeAuditor');
    if (!isAuditor(g, params.auditor)) throw new TxError('TX_NOT_FOUND', `${encodeAddress(params.auditor)} is not an auditor`);
  },
  execute({ params, state, events }) {
    const g = requireGovernance(state, params.assetId);
    governanceStore.set(state, idKey(params.assetId), { ...g, auditors: g.auditors.filter((a) => !bytesEqual(a, params.auditor)) });
    events.emit(RoleEvent, { assetId: params.assetId, role: 'auditorRemoved', account: params.auditor });
  },
};

/**
 * stablecoin.setReserveMargin (compliance group): the share of the attested reserve that backs no
 * tokens. A higher margin can leave the supply above the new mint limit; mints then fail until the
 * reserve grows, nothing is taken back.
 */
export const setReserveMarginCommand: Command<MarginParams> = {
  name: 'setReserveMargin',
  schema: MarginParams,
  gas: () => STABLECOIN_GAS,
  verify({ params, sender, state }) {
    const g = requireGovernance(state, params.assetId);
    requireGroup(g, sender, 'compliance', 'stablecoin.setReserveMargin');
    if (BigInt(params.reserveMarginBps) >= BPS) throw new TxError('TX_INVALID_PARAMS', `reserve margin ${params.reserveMarginBps} bps must be below ${BPS}`);
    if (params.reserveMarginBps === g.reserveMarginBps) throw new TxError('TX_INVALID_PARAMS', `the reserve margin of asset ${params.assetId} is already ${params.reserveMarginBps} bps`);
  },
  execute({ params, state, events }) {
    const g = requireGovernance(state, params.assetId);
    governanceStore.set(state, idKey(params.assetId), { ...g, reserveMarginBps: params.reserveMarginBps });
    events.emit(SettingEvent, { assetId: params.assetId, setting: 'reserveMarginBps', from: g.reserveMarginBps, to: params.reserveMarginBps });
  },
};

/** stablecoin.setMaxAttestationAge (compliance group): seconds after which an attestation is stale and mints fail. */
export const setMaxAttestationAgeCommand: Command<AttestationAgeParams> = {
  name: 'setMaxAttestationAge',
  schema: AttestationAgeParams,
  gas: () => STABLECOIN_GAS,
  verify({ params, sender, state }) {
    const g = requireGovernance(state, params.assetId);
    requireGroup(g, sender, 'compliance', 'stablecoin.setMaxAttestationAge');
    if (params.maxAttestationAge === 0) throw new TxError('TX_INVALID_PARAMS', 'the attestation staleness limit must be positive');
    if (params.maxAttestationAge === g.maxAttestationAge) throw new TxError('TX_INVALID_PARAMS', `the staleness limit of asset ${params.assetId} is already ${params.maxAttestationAge} s`);
  },
  execute({ params, state, events }) {
    const g = requireGovernance(state, params.assetId);
    governanceStore.set(state, idKey(params.assetId), { ...g, maxAttestationAge: params.maxAttestationAge });
    events.emit(SettingEvent, { assetId: params.assetId, setting: 'maxAttestationAge', from: g.maxAttestationAge, to: params.maxAttestationAge });
  },
};
