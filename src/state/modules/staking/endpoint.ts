/**
 * RPC endpoints of the staking module (Lisk's endpoint.ts): `staking_getValidators`,
 * `staking_getValidator`, `staking_getDelegations`, `staking_getEvidence`. Every read goes through
 * `ctx.view`; on a chain without proof of stake they answer -32001 (RPC_NO_STAKING).
 */
import { bytesToHex } from '../../../encoding/hex.js';
import { encodeAddress } from '../../../crypto/address.js';
import { formatDec } from '../../../util/decimal.js';
import type { ProofOfStakeParams } from '../../../params/staking.js';
import { endpoint, notFound, type AnyEndpoint, type EndpointContext } from '../../endpoint.js';
import type { StateReader } from '../../state-view.js';
import { commissionOf, pendingRewards, validatorRewardsOf } from '../distribution/method.js';
import { maxMissed, recentPunishments, signingInfoOf } from '../slashing/method.js';
import { stakingGetDelegations, stakingGetEvidence, stakingGetValidator, stakingGetValidators } from './api.js';
import {
  activeSetAt,
  delegationsOf,
  economicsOf,
  FOREVER,
  getValidator,
  listValidators,
  powerOf,
  redelegationsOf,
  selfStakeOf,
  stakingTotals,
  unbondingsOf,
  type SetMember,
  type Validator,
} from './method.js';

/** The chain's economics; -32001 RPC_NO_STAKING when it runs no proof of stake. */
export function requireEconomics(ctx: Pick<EndpointContext, 'modules'>): ProofOfStakeParams {
  const p = economicsOf(ctx.modules);
  if (!p) throw notFound('proof of stake on this chain', { code: 'RPC_NO_STAKING' });
  return p;
}

/** A validator as reports show it. */
export function validatorView(state: StateReader, p: ProofOfStakeParams, v: Validator) {
  return {
    address: encodeAddress(v.address),
    operator: encodeAddress(v.operator),
    selfDelegator: encodeAddress(v.selfDelegator),
    rewardAddress: encodeAddress(v.rewardAddress),
    publicKey: bytesToHex(v.publicKey),
    tokens: v.tokens.toString(),
    shares: v.shares.toString(),
    power: powerOf(v.tokens, p.staking.powerReduction).toString(),
    selfStake: selfStakeOf(state, v).toString(),
    commission: { rate: formatDec(v.commission.rate), maxRate: formatDec(v.commission.maxRate), maxChangeRate: formatDec(v.commission.maxChangeRate), updatedAt: Number(v.commission.updatedAt) },
    jailed: v.jailed,
    jailedUntil: v.jailed && v.jailedUntil !== FOREVER ? Number(v.jailedUntil) : null,
    tombstoned: v.tombstoned,
    bonded: v.bonded,
    createdHeight: Number(v.createdHeight),
    commissionDue: commissionOf(state, v.address).toString(),
    outstanding: validatorRewardsOf(state, v.address).outstanding.toString(),
  };
}

function memberView(m: SetMember) {
  return { address: encodeAddress(m.address), publicKey: bytesToHex(m.publicKey), power: m.power.toString() };
}

/** staking_getValidators. */
export const stakingGetValidatorsEndpoint = endpoint(stakingGetValidators, async (ctx) => {
  const p = requireEconomics(ctx);
  return ctx.view((state, head) => {
    const next = activeSetAt(state, BigInt(head.height) + 1n);
    const t = stakingTotals(state);
    return {
      height: head.height,
      activeSet: { fromHeight: Number(next.fromHeight), totalPower: next.totalPower.toString(), validators: next.validators.map(memberView) },
      totals: { staked: t.staked.toString(), bonded: t.bonded.toString(), unbonding: t.unbonding.toString() },
      validators: listValidators(state).map((v) => validatorView(state, p, v)),
    };
  });
});

/** staking_getValidator. */
export const stakingGetValidatorEndpoint = endpoint(stakingGetValidator, async (ctx, [address]) => {
  const p = requireEconomics(ctx);
  const out = await ctx.view((state, head) => {
    const v = getValidator(state, address);
    if (!v) return null;
    const info = signingInfoOf(state, address);
    const next = activeSetAt(state, BigInt(head.height) + 1n);
    return {
      validator: validatorView(state, p, v),
      signing: info
        ? { startHeight: Number(info.startHeight), indexOffset: info.indexOffset.toString(), missedInWindow: info.missedCount, window: p.slashing.signedBlocksWindow, maxMissed: maxMissed(p) }
        : null,
      inNextSet: next.validators.some((m) => bytesToHex(m.address) === bytesToHex(address)),
    };
  });
  if (!out) throw notFound(`validator ${encodeAddress(address)}`);
  return out;
});

/** staking_getDelegations. */
export const stakingGetDelegationsEndpoint = endpoint(stakingGetDelegations, async (ctx, [address]) => {
  requireEconomics(ctx);
  return ctx.view((state) => ({
    delegations: delegationsOf(state, address).map((d) => {
      const r = pendingRewards(state, address, d.validator);
      return { validator: encodeAddress(d.validator), shares: d.shares.toString(), tokens: d.tokens.toString(), pending: { provision: r.provision.toString(), tip: r.tip.toString() } };
    }),
    unbondings: unbondingsOf(state, address).flatMap((u) =>
      u.entries.map((e) => ({ validator: encodeAddress(u.validator), creationHeight: Number(e.creationHeight), completionTime: Number(e.completionTime), initialBalance: e.initialBalance.toString(), balance: e.balance.toString() })),
    ),
    redelegations: redelegationsOf(state, address).flatMap((r) =>
      r.entries.map((e) => ({ src: encodeAddress(r.src), dst: encodeAddress(r.dst), creationHeight: Number(e.creationHeight), completionTime: Number(e.completionTime), initialBalance: e.initialBalance.toString(), sharesDst: e.sharesDst.toString() })),
    ),
  }));
});

/** staking_getEvidence. */
export const stakingGetEvidenceEndpoint = endpoint(stakingGetEvidence, async (ctx) => {
  requireEconomics(ctx);
  return ctx.view((state) =>
    recentPunishments(state).map((x) => ({ height: Number(x.height), validator: encodeAddress(x.validator), kind: x.kind, at: Number(x.at), burned: x.burned.toString(), reason: x.reason })),
  );
});

/** Every endpoint of the module, for the RPC registry. */
export const stakingEndpoints: readonly AnyEndpoint[] = [stakingGetValidatorsEndpoint, stakingGetValidatorEndpoint, stakingGetDelegationsEndpoint, stakingGetEvidenceEndpoint];
