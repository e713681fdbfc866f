/**
 * The staking pool module (Kele Pool / Rocket Pool): commands registerOperator, deposit, withdraw
 * and harvest; at genesis it registers the share token; after every block's transactions it pays
 * matured withdrawal tickets, exits validators it must, and funds validators for waiting operators.
 */
import type { Command, StateModule } from '../../module.js';
import { stakingContext } from '../staking/method.js';
import { STAKING_POOL_ERRORS } from './errors.js';
import { stakingPoolEvents } from './events.js';
import type { StakingPool } from './pool.js';
import { DepositParams, HarvestParams, RegisterOperatorParams, WithdrawParams } from './schemas.js';
import { STAKING_POOL } from './stores.js';

/** The pool's operations and its staking hooks (the bundle builds them). */
export { StakingPool, stakingPoolHooks } from './pool.js';

/** Gas of a pool command (deposits and withdrawals harvest every pool validator). */
export const POOL_GAS = 60_000n;

/** The staking pool module over `pool`. */
export function createStakingPoolModule(pool: StakingPool): StateModule {
  const registerOperator: Command<RegisterOperatorParams> = {
    name: 'registerOperator',
    schema: RegisterOperatorParams,
    gas: () => POOL_GAS,
    verify({ params, state }) {
      pool.checkOperator(state, params.publicKey);
    },
    execute(ctx) {
      pool.registerOperator(stakingContext(ctx), ctx.sender, ctx.params.publicKey);
    },
  };
  const deposit: Command<DepositParams> = {
    name: 'deposit',
    schema: DepositParams,
    gas: () => POOL_GAS,
    execute(ctx) {
      pool.deposit(stakingContext(ctx), ctx.sender, ctx.params.amount);
    },
  };
  const withdraw: Command<WithdrawParams> = {
    name: 'withdraw',
    schema: WithdrawParams,
    gas: () => POOL_GAS,
    execute(ctx) {
      pool.withdraw(stakingContext(ctx), ctx.sender, ctx.params.shares);
    },
  };
  const harvest: Command<HarvestParams> = {
    name: 'harvest',
    schema: HarvestParams,
    gas: () => POOL_GAS,
    execute(ctx) {
      pool.harvest(stakingContext(ctx));
    },
  };
  return {
    name: STAKING_POOL,
    commands: [registerOperator, deposit, withdraw, harvest],
    events: stakingPoolEvents,
    errors: STAKING_POOL_ERRORS,
    genesis({ state, events }) {
      pool.genesis(state, events);
    },
    afterTransactions({ block, state, events }) {
      pool.endBlock({ state, events, height: block.height, time: block.time });
    },
  };
}
