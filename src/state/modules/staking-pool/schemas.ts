/** Parameters of the staking pool's commands. */
import { bytes, struct, u128, u64, type Infer } from '../../../encoding/codec.js';

/** staking-pool.registerOperator: queue for a pool-funded validator with this consensus key. */
export const RegisterOperatorParams = struct('PoolRegisterOperatorParams', { publicKey: bytes(33) });
/** staking-pool.registerOperator parameters. */
export type RegisterOperatorParams = Infer<typeof RegisterOperatorParams>;

/** staking-pool.deposit: pool `amount` CWC for shares at the current rate. */
export const DepositParams = struct('PoolDepositParams', { amount: u64 });
/** staking-pool.deposit parameters. */
export type DepositParams = Infer<typeof DepositParams>;

/** staking-pool.withdraw: burn `shares` for a ticket of their CWC value, paid after the unbonding period. */
export const WithdrawParams = struct('PoolWithdrawParams', { shares: u128 });
/** staking-pool.withdraw parameters. */
export type WithdrawParams = Infer<typeof WithdrawParams>;

/** staking-pool.harvest: collect the pool's rewards now (anyone may; deposits and withdrawals do it too). */
export const HarvestParams = struct('PoolHarvestParams', {});
/** staking-pool.harvest parameters. */
export type HarvestParams = Infer<typeof HarvestParams>;
