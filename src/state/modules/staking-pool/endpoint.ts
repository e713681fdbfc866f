/** RPC endpoints of the staking pool: `staking_getPool`. */
import { encodeAddress } from '../../../crypto/address.js';
import { formatDec } from '../../../util/decimal.js';
import { endpoint, type AnyEndpoint } from '../../endpoint.js';
import { requireEconomics } from '../staking/endpoint.js';
import { stakingGetPool } from './api.js';
import { poolPosition, poolStatus } from './method.js';

/** staking_getPool. */
export const stakingGetPoolEndpoint = endpoint(stakingGetPool, async (ctx, [address]) => {
  const p = requireEconomics(ctx);
  return ctx.view((state) => {
    const s = poolStatus(state, p);
    const h = s.holdings;
    const pos = address ? poolPosition(state, address) : null;
    return {
      assetId: s.state.assetId,
      totalShares: s.state.totalShares.toString(),
      pooled: (h.pooled < 0n ? 0n : h.pooled).toString(),
      idle: h.idle.toString(),
      staked: h.staked.toString(),
      unbonding: h.unbonding.toString(),
      owed: h.owed.toString(),
      rate: s.rate,
      rateAfterHarvest: s.rateAfterHarvest,
      pendingRewards: s.pendingRewards.toString(),
      pendingFee: s.pendingFee.toString(),
      feeRate: formatDec(p.pool.feeRate),
      minDeposit: p.pool.minDeposit.toString(),
      validatorStake: p.pool.validatorStake.toString(),
      totals: { deposited: s.state.deposited.toString(), withdrawn: s.state.withdrawn.toString(), rewardsKept: s.state.rewardsKept.toString(), feesPaid: s.state.feesPaid.toString(), funded: s.state.funded },
      validators: s.validators.map((v) => ({ address: encodeAddress(v.address), operator: encodeAddress(v.operator), index: v.index, fundedHeight: Number(v.fundedHeight) })),
      exiting: s.exiting.map(encodeAddress),
      queuedOperators: s.queuedOperators,
      ticketsWaiting: s.ticketsWaiting,
      position: pos && address ? { address: encodeAddress(address), shares: pos.shares.toString(), value: pos.value.toString() } : null,
    };
  });
});

/** Every endpoint of the module, for the RPC registry. */
export const stakingPoolEndpoints: readonly AnyEndpoint[] = [stakingGetPoolEndpoint];
