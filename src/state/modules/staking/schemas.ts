/** Parameters of the staking module's commands (Cosmos MsgCreateValidator, MsgDelegate, MsgUndelegate, MsgBeginRedelegate, MsgCancelUnbondingDelegation, MsgEditValidator, MsgUnjail). */
import { bytes, optional, struct, u128, u64, type Infer } from '../../../encoding/codec.js';
import { address } from '../../../primitives/address-codec.js';
import { PUBLIC_KEY_BYTES } from './stores.js';

/**
 * staking.registerValidator: the sender becomes the operator of a validator whose address is that
 * of `publicKey`, bonding `selfStake` from its balance; commission rates are 18-decimal fixed point.
 */
export const RegisterValidatorParams = struct('StakingRegisterValidatorParams', {
  publicKey: bytes(PUBLIC_KEY_BYTES),
  rewardAddress: address,
  selfStake: u64,
  commissionRate: u64,
  commissionMaxRate: u64,
  commissionMaxChangeRate: u64,
});
/** staking.registerValidator parameters. */
export type RegisterValidatorParams = Infer<typeof RegisterValidatorParams>;

/** staking.delegate: bond `amount` of the sender's coins to `validator` for shares. */
export const DelegateParams = struct('StakingDelegateParams', { validator: address, amount: u64 });
/** staking.delegate parameters. */
export type DelegateParams = Infer<typeof DelegateParams>;

/** staking.undelegate: start unbonding `amount` tokens' worth of the sender's shares of `validator`. */
export const UndelegateParams = struct('StakingUndelegateParams', { validator: address, amount: u128 });
/** staking.undelegate parameters. */
export type UndelegateParams = Infer<typeof UndelegateParams>;

/** staking.redelegate: move `amount` tokens' worth from `src` to `dst` at once (tracked until it matures). */
export const RedelegateParams = struct('StakingRedelegateParams', { src: address, dst: address, amount: u128 });
/** staking.redelegate parameters. */
export type RedelegateParams = Infer<typeof RedelegateParams>;

/** staking.cancelUnbonding: bond `amount` of the entry created at `creationHeight` back to `validator`. */
export const CancelUnbondingParams = struct('StakingCancelUnbondingParams', { validator: address, creationHeight: u64, amount: u128 });
/** staking.cancelUnbonding parameters. */
export type CancelUnbondingParams = Infer<typeof CancelUnbondingParams>;

/** staking.editValidator: a new commission rate and/or reward address (null keeps the current one). */
export const EditValidatorParams = struct('StakingEditValidatorParams', { validator: address, commissionRate: optional(u64), rewardAddress: optional(address) });
/** staking.editValidator parameters. */
export type EditValidatorParams = Infer<typeof EditValidatorParams>;

/** staking.unjail: the operator brings its validator back once the jail has expired. */
export const UnjailParams = struct('StakingUnjailParams', { validator: address });
/** staking.unjail parameters. */
export type UnjailParams = Infer<typeof UnjailParams>;
