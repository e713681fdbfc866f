/** Parameters of the staking pool's commands. */
import { bytes, struct, u128, u64, type Infer } from '../../../encoding/codec.js';

/** stakingPool.registerOperator: queue for a pool-funded validator with this consensus key. */
export const RegisterOperatorParams = struct('PoolRegisterOperatorParams', { publicKey: bytes(33) });
/** stakingPool.registerOperator parameters. */
export type RegisterOperatorParams = Infer<typeof RegisterOperatorParams>;

/** stakingPool.deposit: pool `amount` CWC for shares at the current rate. */
export const DepositParams = struct('PoolDepositParams', { amount: u64 });
/** stakingPool.deposit parameters. */
export type DepositParams = Infer<typeof DepositParams>;

/** stakingPool.withdraw: burn `shares` for a ticket of their CWC value, paid after the unbonding period. */
export const WithdrawParams = struct('PoolWithdrawParams', { shares: u128 });
/** stakingPool.withdraw parameters. */
export type WithdrawParams = Infer<typeof WithdrawParams>;

/** stakingPool.harvest: collect the pool's rewards now (anyone may; deposits and withdrawals do it too). */
export const HarvestParams = struct('PoolHarvestParams', {});
/** stakingPool.harvest parameters. */
export type HarvestParams = Infer<typeof HarvestParams>;
