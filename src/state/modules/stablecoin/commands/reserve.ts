/**
 * stablecoin.attest, stablecoin.mint and stablecoin.redeem: proof-of-reserve gated issuance
 * (Chainlink Secure Mint) by the mint group multisig (USDKG issue), and holder redemption.
 */
import { TxError } from '../../../../errors.js';
import { encodeAddress } from '../../../../crypto/address.js';
import type { Command } from '../../../module.js';
import { balanceOf, getAccount } from '../../accounts/method.js';
import { destroyAsset, idKey, mintAsset } from '../../assets/method.js';
import { supplyOf } from '../../supply/method.js';
import { AttestedEvent, MintedEvent, RedeemedEvent } from '../events.js';
import { attestationProblem, isAuditor, latestAttestation, mintLimit, requireClear, requireGovernance, requireGroup } from '../method.js';
import { AttestParams, MintParams, RedeemParams } from '../schemas.js';
import { attestationStore, governanceStore } from '../stores.js';
import { STABLECOIN_GAS } from './create.js';

/** stablecoin.attest: an auditor records the reserve (asset decimals), the report hash, and the block time. */
export const attestCommand: Command<AttestParams> = {
  name: 'attest',
  schema: AttestParams,
  gas: () => STABLECOIN_GAS,
  verify({ params, sender, state }) {
    const g = requireGovernance(state, params.assetId);
    if (!isAuditor(g, sender)) throw new TxError('TX_UNAUTHORIZED', `${encodeAddress(sender)} is not an auditor of asset ${params.assetId}`);
  },
  execute({ params, sender, state, events, block }) {
    const g = requireGovernance(state, params.assetId);
    const seq = g.attestations + 1n;
    const time = BigInt(block.time);
    governanceStore.set(state, idKey(params.assetId), { ...g, attestations: seq });
    attestationStore.set(state, idKey(params.assetId), { seq, reserve: params.reserve, reportHash: params.reportHash, time, height: block.height, auditor: sender });
    const supply = supplyOf(state, params.assetId).total;
    events.emit(AttestedEvent, { assetId: params.assetId, seq, auditor: sender, reserve: params.reserve, reportHash: params.reportHash, time, supply });
  },
};

/**
 * stablecoin.mint: only the mint group multisig; not while paused; not to a frozen or blacklisted
 * account; only on an attestation no older than the staleness limit (TX_STALE_ATTESTATION) and only
 * while supply + amount <= reserve less the margin (TX_RESERVE_EXCEEDED).
 */
export const mintCommand: Command<MintParams> = {
  name: 'mint',
  schema: MintParams,
  gas: () => STABLECOIN_GAS,
  verify({ params, sender, state, block }) {
    const g = requireGovernance(state, params.assetId);
    requireGroup(g, sender, 'mint', 'stablecoin.mint');
    if (g.paused) throw new TxError('TX_PAUSED', `asset ${params.assetId} is paused: minting is blocked`);
    if (params.amount === 0n) throw new TxError('TX_INVALID_PARAMS', 'amount must be positive');
    requireClear(state, params.assetId, params.to, 'recipient');
    const att = latestAttestation(state, params.assetId);
    const problem = attestationProblem(g, att, block.time);
    if (problem !== null) throw new TxError('TX_STALE_ATTESTATION', `cannot mint asset ${params.assetId}: ${problem}`);
    const supply = supplyOf(state, params.assetId).total;
    const limit = mintLimit(g, att!.reserve);
    if (supply + params.amount > limit) {
      throw new TxError('TX_RESERVE_EXCEEDED', `supply ${supply} + ${params.amount} exceeds ${limit}: reserve ${att!.reserve} less the ${g.reserveMarginBps} bps margin`, {
        assetId: params.assetId,
        supply: supply.toString(),
        amount: params.amount.toString(),
        limit: limit.toString(),
        reserve: att!.reserve.toString(),
        marginBps: g.reserveMarginBps,
      });
    }
  },
  execute({ params, state, events }) {
    const att = latestAttestation(state, params.assetId)!;
    mintAsset(state, params.assetId, params.to, params.amount);
    const supply = supplyOf(state, params.assetId).total;
    events.emit(MintedEvent, { assetId: params.assetId, to: params.to, amount: params.amount, supply, reserve: att.reserve, attestationSeq: att.seq });
  },
};

/** stablecoin.redeem: a holder burns its units (cause `redeem`); the issuer settles off chain by `reference`. */
export const redeemCommand: Command<RedeemParams> = {
  name: 'redeem',
  schema: RedeemParams,
  gas: () => STABLECOIN_GAS,
  verify({ params, sender, state }) {
    const g = requireGovernance(state, params.assetId);
    if (g.paused) throw new TxError('TX_PAUSED', `asset ${params.assetId} is paused: redemptions are blocked`);
    requireClear(state, params.assetId, sender, 'holder');
    if (params.amount === 0n) throw new TxError('TX_INVALID_PARAMS', 'amount must be positive');
    const have = balanceOf(getAccount(state, sender), params.assetId);
    if (have < params.amount) throw new TxError('TX_INSUFFICIENT_BALANCE', `balance ${have} of asset ${params.assetId} is below ${params.amount}`, { assetId: params.assetId, balance: have.toString(), amount: params.amount.toString() });
  },
  execute({ params, sender, state, events }) {
    const g = requireGovernance(state, params.assetId);
    governanceStore.set(state, idKey(params.assetId), { ...g, nextRedemptionId: g.nextRedemptionId + 1n });
    destroyAsset(state, params.assetId, sender, params.amount, 'redeem');
    const supply = supplyOf(state, params.assetId).total;
    events.emit(RedeemedEvent, { assetId: params.assetId, redemptionId: g.nextRedemptionId, holder: sender, amount: params.amount, reference: params.reference, supply });
  },
};
