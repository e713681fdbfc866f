/**
 * Asset registry: metadata per asset id (ids allocated from 1; 0 is the native coin), a symbol
 * index so symbols are unique, and the minters of `issuer` assets with their allowances. Balances
 * live in the accounts module and supply in the supply ledger.
 */
import { optional, str, struct, u32, u64, u8, type Infer } from '../../../encoding/codec.js';
import { address } from '../../../primitives/address-codec.js';
import { Store } from '../../store.js';
import { Policy } from './schemas.js';

/** An asset's metadata. */
export const Asset = struct('Asset', {
  id: u32,
  symbol: str(12),
  name: str(64),
  decimals: u8,
  policy: Policy,
  creator: address,
  /** The issuer of an `issuer` asset (configures minters); null for other policies. */
  issuer: optional(address),
  createdAt: u64,
});
/** An asset's metadata. */
export type Asset = Infer<typeof Asset>;

/** Assets by u32be(id). */
export const assetStore = new Store('assets', 'asset', Asset);
/** The next asset id to allocate (key suffix `next`). */
export const nextIdStore = new Store('assets', 'meta', u32);
/** Asset id by symbol. */
export const symbolStore = new Store('assets', 'symbol', u32);
/** Minter allowances by u32be(asset id) | minter address; presence makes the account a minter. */
export const minterStore = new Store('assets', 'minter', u64);

/** Key suffix of an asset id. */
export function idKey(assetId: number): Uint8Array {
  const k = new Uint8Array(4);
  new DataView(k.buffer).setUint32(0, assetId, false);
  return k;
}

/** Key suffix of (asset id, account). */
export function accountKey(assetId: number, account: Uint8Array): Uint8Array {
  const k = new Uint8Array(4 + account.length);
  new DataView(k.buffer).setUint32(0, assetId, false);
  k.set(account, 4);
  return k;
}
