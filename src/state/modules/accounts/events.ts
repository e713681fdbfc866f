/** Events of the accounts module. */
import { struct, u32, u64 } from '../../../encoding/codec.js';
import { address } from '../../../primitives/address-codec.js';
import { EventType } from '../../events.js';

/** Coins credited to an account outside a transfer (genesis, matured rewards). */
export const CreditedEvent = new EventType('accounts', 'credited', struct('Credited', { address, assetId: u32, amount: u64 }));
