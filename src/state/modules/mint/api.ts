/**
 * RPC interface of the mint module (schema-only, browser-safe): `staking_getApr`, the yield of
 * staking from live parameters (inflation, bonded ratio, community tax, the validator's commission
 * or the pool's fee, APR and APY with the compounding assumed), and what the next block mints.
 */
import { AddressParam, BoolParam, IntParam } from '../../../api/params.js';
import { defineSpec, optionalParam } from '../../../api/spec.js';
import { Address, Dec, Nullable, Obj, Uint } from '../../../api/wire.js';
import { Rate } from '../staking/api.js';

/** staking_getApr. */
export const stakingGetApr = defineSpec({
  name: 'staking_getApr',
  summary:
    'The staking yield at the head from live parameters: APR = inflation x (1 - community tax) x (1 - commission) x (1 - pool fee) / bonded ratio, and APY = (1 + APR / n)^n - 1 for n compounding periods a year (default 365); tips are not counted. With `validator`, after its commission; with `pool`, through the staking pool (its fee, commission 0). Rates are exact decimal strings.',
  params: [
    optionalParam('validator', AddressParam(), undefined, 'validator whose commission applies (null: none)'),
    optionalParam('pool', BoolParam(), false, 'through the staking pool'),
    optionalParam('compounding', IntParam(1, 1_000_000), 365, 'compounding periods per year the APY assumes'),
  ],
  result: {
    name: 'apr',
    schema: Obj({
      inflation: Rate,
      bondedRatio: Rate,
      communityTax: Rate,
      commission: Rate,
      poolFee: Rate,
      apr: Rate,
      apy: Rate,
      compoundingPeriods: Uint,
      validator: Nullable(Address),
      /** Provision of the next block and the annual provisions at this inflation. */
      nextBlockProvision: Dec,
      annualProvisions: Dec,
      blocksPerYear: Dec,
    }),
  },
});
