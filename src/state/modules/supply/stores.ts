/**
 * The supply ledger: for each asset, an amount per cause. Causes that create coins add to supply,
 * causes that destroy them subtract, so total supply always equals the sum of its parts.
 */
import { u128 } from '../../../encoding/codec.js';
import { Store } from '../../store.js';

/** Every cause of a supply change and whether it adds (+1) or removes (-1) coins. */
export const SUPPLY_CAUSES = {
  genesis: 1,
  mining: 1,
  staking: 1,
  mint: 1,
  'fee-burn': -1,
  burn: -1,
  redeem: -1,
  wipe: -1,
} as const;
/** A cause of a supply change. */
export type SupplyCause = keyof typeof SUPPLY_CAUSES;

/** Amount per (asset id, cause); key suffix = u32be(assetId) | cause. */
export const supplyStore = new Store('supply', 'amount', u128);
