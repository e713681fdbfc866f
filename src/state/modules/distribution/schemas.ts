/** Parameters of the distribution module's commands (Cosmos MsgWithdrawDelegatorReward, MsgWithdrawValidatorCommission). */
import { struct, type Infer } from '../../../encoding/codec.js';
import { address } from '../../../primitives/address-codec.js';

/** distribution.claim: the sender's rewards from one validator. */
export const ClaimParams = struct('DistributionClaimParams', { validator: address });
/** distribution.claim parameters. */
export type ClaimParams = Infer<typeof ClaimParams>;

/** distribution.claimAll: the sender's rewards from every validator it delegates to. */
export const ClaimAllParams = struct('DistributionClaimAllParams', {});
/** distribution.claimAll parameters. */
export type ClaimAllParams = Infer<typeof ClaimAllParams>;

/** distribution.claimCommission: a validator's commission, paid to its reward address. */
export const ClaimCommissionParams = struct('DistributionClaimCommissionParams', { validator: address });
/** distribution.claimCommission parameters. */
export type ClaimCommissionParams = Infer<typeof ClaimCommissionParams>;
