/** RPC endpoints of the distribution module: `staking_getRewards`. */
import { bytesToHex } from '../../../encoding/hex.js';
import { encodeAddress } from '../../../crypto/address.js';
import { endpoint, type AnyEndpoint } from '../../endpoint.js';
import { listValidators } from '../staking/method.js';
import { requireEconomics } from '../staking/endpoint.js';
import { stakingGetRewards } from './api.js';
import { commissionOf, earningsOf, pendingRewardsOf, recentRewards } from './method.js';

/** staking_getRewards. */
export const stakingGetRewardsEndpoint = endpoint(stakingGetRewards, async (ctx, [address]) => {
  requireEconomics(ctx);
  return ctx.view((state) => {
    const pending = pendingRewardsOf(state, address);
    let provision = 0n;
    let tip = 0n;
    for (const r of pending) {
      provision += r.provision;
      tip += r.tip;
    }
    const e = earningsOf(state, address);
    const me = bytesToHex(address);
    return {
      pending: pending.map((r) => ({ validator: encodeAddress(r.validator), provision: r.provision.toString(), tip: r.tip.toString() })),
      pendingTotal: { provision: provision.toString(), tip: tip.toString() },
      commissionDue: listValidators(state)
        .filter((v) => bytesToHex(v.operator) === me || bytesToHex(v.rewardAddress) === me)
        .map((v) => ({ validator: encodeAddress(v.address), amount: commissionOf(state, v.address).toString() })),
      earned: { provision: e.provision.toString(), tip: e.tip.toString(), commission: e.commission.toString(), poolFee: e.poolFee.toString() },
      history: recentRewards(state, address).map((r) => ({ height: Number(r.height), validator: encodeAddress(r.validator), cause: r.cause, amount: r.amount.toString() })),
    };
  });
});

/** Every endpoint of the module, for the RPC registry. */
export const distributionEndpoints: readonly AnyEndpoint[] = [stakingGetRewardsEndpoint];
