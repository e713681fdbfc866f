/** Locked block rewards: the reward of block h unlocks at h + coinbaseMaturity (Bitcoin's maturity rule). */
import { struct, u64 } from '../../../encoding/codec.js';
import { address } from '../../../primitives/address-codec.js';
import { Store } from '../../store.js';

/** A locked reward. */
export const LockedReward = struct('LockedReward', { beneficiary: address, amount: u64 });

/** Locked rewards keyed by u64be(height of the block that earned them). */
export const lockedRewardStore = new Store('rewards', 'locked', LockedReward);

/** Key suffix for a height. */
export function heightKey(height: bigint): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, height, false);
  return out;
}
