/**
 * The account record: nonce and balances keyed by asset id, the native coin (asset 0) first.
 * Balances are kept sorted by asset id with no zero entries, so one record has one encoding.
 */
import { list, struct, u32, u64, type Infer } from '../../../encoding/codec.js';
import { Store } from '../../store.js';

/** Asset id of the native coin. */
export const NATIVE_ASSET = 0;
/** Largest amount of any asset an account can hold (u64). */
export const MAX_AMOUNT = 0xffff_ffff_ffff_ffffn;
/** Most distinct assets one account may hold. */
export const MAX_ASSETS_PER_ACCOUNT = 256;

/** One balance entry. */
export const Balance = struct('Balance', { assetId: u32, amount: u64 });
/** An account's nonce and balances. */
export const Account = struct('Account', { nonce: u64, balances: list(Balance, MAX_ASSETS_PER_ACCOUNT) });
/** An account record. */
export type Account = Infer<typeof Account>;

/** Accounts keyed by 20-byte address. */
export const accountStore = new Store('accounts', 'account', Account);

/** An account that has never been touched. */
export function emptyAccount(): Account {
  return { nonce: 0n, balances: [] };
}
