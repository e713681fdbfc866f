/** Events of the bank module. */
import { struct, u32, u64 } from '../../../encoding/codec.js';
import { address } from '../../../primitives/address-codec.js';
import { EventType } from '../../events.js';

/** Coins moved from one account to another. */
export const TransferEvent = new EventType('bank', 'transfer', struct('Transfer', { from: address, to: address, assetId: u32, amount: u64 }));
