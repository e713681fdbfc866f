/**
 * RPC interface of the distribution module (schema-only, browser-safe): `staking_getRewards`
 * (pending rewards by validator and cause, earnings by cause, the recent history of every reward
 * with its cause: block provision, tip, commission, pool fee), and its commands' params codecs.
 */
import { AddressParam } from '../../../api/params.js';
import { defineSpec, param } from '../../../api/spec.js';
import { Address, Arr, Dec, Obj, StrEnum, Uint } from '../../../api/wire.js';
import { RewardsByCause } from '../staking/api.js';
import * as S from './schemas.js';

/** staking_getRewards. */
export const stakingGetRewards = defineSpec({
  name: 'staking_getRewards',
  summary:
    "An account's rewards at the head: pending per validator by cause (what a claim would pay now), commission due on validators it operates, all-time earnings by cause, and its most recent rewards (height, validator, cause: provision | tip | commission | poolFee, amount), oldest first.",
  params: [param('address', AddressParam(), 'account')],
  result: {
    name: 'rewards',
    schema: Obj({
      pending: Arr(Obj({ validator: Address, provision: Dec, tip: Dec })),
      pendingTotal: RewardsByCause,
      commissionDue: Arr(Obj({ validator: Address, amount: Dec })),
      earned: Obj({ provision: Dec, tip: Dec, commission: Dec, poolFee: Dec }),
      history: Arr(Obj({ height: Uint, validator: Address, cause: StrEnum(['provision', 'tip', 'commission', 'poolFee']), amount: Dec })),
    }),
  },
});

/** Params codec of each distribution command. */
export const commandParams = { claim: S.ClaimParams, claimAll: S.ClaimAllParams, claimCommission: S.ClaimCommissionParams } as const;
