/**
 * The staking module's commands: registerValidator, delegate, undelegate, redelegate,
 * cancelUnbonding, editValidator and unjail (Cosmos's Msg service). `verify` runs the read-only
 * checks the mempool can make; `execute` does the operation through the staking methods, whose
 * hooks pay pending rewards first (an event in the same receipt).
 */
import { TxError } from '../../../errors.js';
import type { BlockInfo, Command, CommandContext } from '../../module.js';
import { balanceOf, getAccount, NATIVE_ASSET } from '../accounts/method.js';
import type { StakingMethods } from './operations.js';
import type { StakingContext } from './hooks.js';
import { requireValidator, sharesOf } from './reads.js';
import {
  CancelUnbondingParams,
  DelegateParams,
  EditValidatorParams,
  RedelegateParams,
  RegisterValidatorParams,
  UndelegateParams,
  UnjailParams,
} from './schemas.js';
import { checkEdit, checkNewValidator, checkUnjail } from './validators.js';

/** Gas of a staking command (a registration writes more records). */
export const STAKING_GAS = 30_000n;
/** Gas of staking.registerValidator. */
export const REGISTER_GAS = 80_000n;

/** The staking context of a command. */
export function stakingContext(ctx: Pick<CommandContext<unknown>, 'state' | 'events'> & { block: BlockInfo }): StakingContext {
  return { state: ctx.state, events: ctx.events, height: ctx.block.height, time: ctx.block.time };
}

/** The staking module's commands over `staking`. */
export function stakingCommands(staking: StakingMethods): Command<any>[] {
  const p = staking.params;
  const registerValidator: Command<RegisterValidatorParams> = {
    name: 'registerValidator',
    schema: RegisterValidatorParams,
    gas: () => REGISTER_GAS,
    verify({ params, sender, state }) {
      checkNewValidator(p, state, {
        operator: sender,
        selfDelegator: sender,
        rewardAddress: params.rewardAddress,
        publicKey: params.publicKey,
        selfStake: params.selfStake,
        commission: { rate: params.commissionRate, maxRate: params.commissionMaxRate, maxChangeRate: params.commissionMaxChangeRate },
      });
      const have = balanceOf(getAccount(state, sender), NATIVE_ASSET);
      if (have < params.selfStake) throw new TxError('TX_INSUFFICIENT_BALANCE', `balance ${have} is below the self-stake ${params.selfStake}`);
    },
    execute(ctx) {
      const { params, sender } = ctx;
      staking.createValidator(stakingContext(ctx), {
        operator: sender,
        selfDelegator: sender,
        rewardAddress: params.rewardAddress,
        publicKey: params.publicKey,
        selfStake: params.selfStake,
        commission: { rate: params.commissionRate, maxRate: params.commissionMaxRate, maxChangeRate: params.commissionMaxChangeRate },
      });
    },
  };
  const delegate: Command<DelegateParams> = {
    name: 'delegate',
    schema: DelegateParams,
    gas: () => STAKING_GAS,
    verify({ params, state }) {
      const v = requireValidator(state, params.validator);
      if (v.tombstoned) throw new TxError('TX_VALIDATOR_TOMBSTONED', 'the validator is tombstoned; it takes no new stake');
    },
    execute(ctx) {
      staking.delegate(stakingContext(ctx), ctx.sender, ctx.params.validator, ctx.params.amount);
    },
  };
  const undelegate: Command<UndelegateParams> = {
    name: 'undelegate',
    schema: UndelegateParams,
    gas: () => STAKING_GAS,
    verify({ params, sender, state }) {
      requireValidator(state, params.validator);
      if (sharesOf(state, sender, params.validator) === 0n) throw new TxError('TX_NOT_FOUND', 'no delegation to this validator');
    },
    execute(ctx) {
      staking.undelegate(stakingContext(ctx), ctx.sender, ctx.params.validator, ctx.params.amount);
    },
  };
  const redelegate: Command<RedelegateParams> = {
    name: 'redelegate',
    schema: RedelegateParams,
    gas: () => STAKING_GAS,
    verify({ params, sender, state }) {
      requireValidator(state, params.src);
      requireValidator(state, params.dst);
      if (sharesOf(state, sender, params.src) === 0n) throw new TxError('TX_NOT_FOUND', 'no delegation to the source validator');
    },
    execute(ctx) {
      staking.redelegate(stakingContext(ctx), ctx.sender, ctx.params.src, ctx.params.dst, ctx.params.amount);
    },
  };
  const cancelUnbonding: Command<CancelUnbondingParams> = {
    name: 'cancelUnbonding',
    schema: CancelUnbondingParams,
    gas: () => STAKING_GAS,
    verify({ params, state }) {
      requireValidator(state, params.validator);
    },
    execute(ctx) {
      staking.cancelUnbonding(stakingContext(ctx), ctx.sender, ctx.params.validator, ctx.params.creationHeight, ctx.params.amount);
    },
  };
  const editValidator: Command<EditValidatorParams> = {
    name: 'editValidator',
    schema: EditValidatorParams,
    gas: () => STAKING_GAS,
    verify({ params, sender, state, block }) {
      checkEdit(p, requireValidator(state, params.validator), sender, params.commissionRate, block.time);
    },
    execute(ctx) {
      staking.editValidator(stakingContext(ctx), ctx.sender, ctx.params.validator, ctx.params.commissionRate, ctx.params.rewardAddress);
    },
  };
  const unjail: Command<UnjailParams> = {
    name: 'unjail',
    schema: UnjailParams,
    gas: () => STAKING_GAS,
    verify({ params, sender, state, block }) {
      checkUnjail(p, state, requireValidator(state, params.validator), sender, block.time);
    },
    execute(ctx) {
      staking.unjail(stakingContext(ctx), ctx.sender, ctx.params.validator);
    },
  };
  return [registerValidator, delegate, undelegate, redelegate, cancelUnbonding, editValidator, unjail];
}
