/** Parameters of the bank module's commands. */
import { list, struct, u32, u64, varBytes, type Infer } from '../../../encoding/codec.js';
import { address } from '../../../primitives/address-codec.js';

/** Most outputs of one multi-send. */
export const MAX_MULTI_SEND_OUTPUTS = 256;

/** bank.transfer parameters. */
export const TransferParams = struct('TransferParams', { to: address, assetId: u32, amount: u64, memo: varBytes(256) });
/** bank.transfer parameters. */
export type TransferParams = Infer<typeof TransferParams>;

/** One output of a multi-send. */
export const Output = struct('Output', { to: address, assetId: u32, amount: u64 });
/** bank.multiSend parameters. */
export const MultiSendParams = struct('MultiSendParams', { outputs: list(Output, MAX_MULTI_SEND_OUTPUTS) });
/** bank.multiSend parameters. */
export type MultiSendParams = Infer<typeof MultiSendParams>;
