/**
 * RPC interface of the staking pool (schema-only, browser-safe): `staking_getPool` (its totals,
 * holdings, exchange rate, pending rewards and fee, validators, queue, and optionally one
 * account's shares and their value), and its commands' params codecs.
 */
import { AddressParam } from '../../../api/params.js';
import { defineSpec, optionalParam } from '../../../api/spec.js';
import { Address, Arr, Dec, Nullable, Obj, Uint } from '../../../api/wire.js';
import { Rate } from '../staking/api.js';
import * as S from './schemas.js';

/** staking_getPool. */
export const stakingGetPool = defineSpec({
  name: 'staking_getPool',
  summary:
    'The staking pool at the head: share token, total shares, pooled CWC (idle + staked + unbonding - owed to tickets), the exchange rate pooled / shares (exact decimal; after harvesting the pending rewards, too), the rewards and operators fee a harvest would add now, its validators and operator queue, and with `address` that account\'s shares and their value.',
  params: [optionalParam('address', AddressParam(), undefined, 'an account whose position to show')],
  result: {
    name: 'pool',
    schema: Obj({
      assetId: Uint,
      totalShares: Dec,
      pooled: Dec,
      idle: Dec,
      staked: Dec,
      unbonding: Dec,
      owed: Dec,
      rate: Rate,
      rateAfterHarvest: Rate,
      pendingRewards: Dec,
      pendingFee: Dec,
      feeRate: Rate,
      minDeposit: Dec,
      validatorStake: Dec,
      totals: Obj({ deposited: Dec, withdrawn: Dec, rewardsKept: Dec, feesPaid: Dec, funded: Uint }),
      validators: Arr(Obj({ address: Address, operator: Address, index: Uint, fundedHeight: Uint })),
      exiting: Arr(Address),
      queuedOperators: Uint,
      ticketsWaiting: Uint,
      position: Nullable(Obj({ address: Address, shares: Dec, value: Dec })),
    }),
  },
});

/** Params codec of each staking-pool command. */
export const commandParams = { registerOperator: S.RegisterOperatorParams, deposit: S.DepositParams, withdraw: S.WithdrawParams, harvest: S.HarvestParams } as const;
