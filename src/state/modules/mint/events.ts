/** Events of the mint module. */
import { struct, u128, u64 } from '../../../encoding/codec.js';
import { EventType } from '../../events.js';

/** A block minted its provision at this inflation and bonded ratio (18-decimal rates). */
export const MintedEvent = new EventType('mint', 'minted', struct('Minted', { provision: u128, inflation: u64, bondedRatio: u64, annualProvisions: u128 }));
