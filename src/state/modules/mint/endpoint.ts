/** RPC endpoints of the mint module: `staking_getApr`. */
import { encodeAddress } from '../../../crypto/address.js';
import { formatDec } from '../../../util/decimal.js';
import { endpoint, notFound, type AnyEndpoint } from '../../endpoint.js';
import { getValidator } from '../staking/method.js';
import { requireEconomics } from '../staking/endpoint.js';
import { stakingGetApr } from './api.js';
import { nextMint, yieldAt } from './method.js';

/** staking_getApr. */
export const stakingGetAprEndpoint = endpoint(stakingGetApr, async (ctx, [validator, pool, compounding]) => {
  const p = requireEconomics(ctx);
  const out = await ctx.view((state) => {
    let commission = 0n;
    if (validator) {
      const v = getValidator(state, validator);
      if (!v) return null;
      commission = v.commission.rate;
    }
    const y = yieldAt(state, p, { commission: pool ? 0n : commission, poolFee: pool ? p.pool.feeRate : 0n, compoundingPeriods: BigInt(compounding) });
    const next = nextMint(state, p.mint);
    return {
      inflation: formatDec(y.inflation),
      bondedRatio: formatDec(y.bondedRatio),
      communityTax: formatDec(y.communityTax),
      commission: formatDec(y.commission),
      poolFee: formatDec(y.poolFee),
      apr: formatDec(y.apr),
      apy: formatDec(y.apy),
      compoundingPeriods: Number(y.compoundingPeriods),
      validator: validator && !pool ? encodeAddress(validator) : null,
      nextBlockProvision: next.provision.toString(),
      annualProvisions: next.annualProvisions.toString(),
      blocksPerYear: p.mint.blocksPerYear.toString(),
    };
  });
  if (!out) throw notFound(`validator ${encodeAddress(validator!)}`);
  return out;
});

/** Every endpoint of the module, for the RPC registry. */
export const mintEndpoints: readonly AnyEndpoint[] = [stakingGetAprEndpoint];
