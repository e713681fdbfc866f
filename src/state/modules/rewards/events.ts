/** Events of the rewards module. */
import { struct, u64 } from '../../../encoding/codec.js';
import { address } from '../../../primitives/address-codec.js';
import { EventType } from '../../events.js';

/** A block's reward (subsidy + tips) was locked until `unlockHeight`. */
export const RewardLockedEvent = new EventType('rewards', 'locked', struct('RewardLocked', { beneficiary: address, subsidy: u64, tips: u64, unlockHeight: u64 }));
/** A matured reward was credited to its beneficiary. */
export const RewardReleasedEvent = new EventType('rewards', 'released', struct('RewardReleased', { beneficiary: address, amount: u64, fromHeight: u64 }));
