/**
 * What other modules (the stablecoin), the RPC and reports may call on assets: registration,
 * reads, and mint/burn that keep balances and the supply ledger in step.
 */
import { TxError } from '../../../errors.js';
import type { EventSink } from '../../module.js';
import type { StateReader, StateWriter } from '../../state-view.js';
import { credit, debit, NATIVE_ASSET } from '../accounts/method.js';
import { recordSupply, type SupplyCause, supplyOf, type SupplyReport } from '../supply/method.js';
import { AssetCreatedEvent } from './events.js';
import type { Policy } from './schemas.js';
import { accountKey, assetStore, idKey, minterStore, nextIdStore, symbolStore, type Asset } from './stores.js';

/** Keys by asset id and by (asset id, account), which the stablecoin keys its own stores by; the asset record. */
export { accountKey, idKey, type Asset } from './stores.js';

/** Most decimals an asset may declare. */
export const MAX_DECIMALS = 18;
const SYMBOL = /^[A-Z][A-Z0-9]{0,11}$/;

/** An asset, or undefined. */
export function getAsset(state: StateReader, assetId: number): Asset | undefined {
  return assetId === NATIVE_ASSET ? undefined : assetStore.get(state, idKey(assetId));
}

/** An asset; TX_NOT_FOUND if there is none with this id. */
export function requireAsset(state: StateReader, assetId: number): Asset {
  const a = getAsset(state, assetId);
  if (!a) throw new TxError('TX_NOT_FOUND', `asset ${assetId} does not exist`);
  return a;
}

/** Id of the asset with `symbol`, if any. */
export function assetIdBySymbol(state: StateReader, symbol: string): number | undefined {
  return symbolStore.get(state, symbol);
}

/** Every asset, by id. */
export function listAssets(state: StateReader): Asset[] {
  const next = nextIdStore.get(state, 'next') ?? 1;
  const out: Asset[] = [];
  for (let id = 1; id < next; id++) {
    const a = getAsset(state, id);
    if (a) out.push(a);
  }
  return out;
}

/** Throws TX_INVALID_PARAMS / TX_DUPLICATE unless symbol, name and decimals are acceptable and the symbol is free. */
export function checkAssetFields(state: StateReader, f: { symbol: string; name: string; decimals: number }, nativeSymbol: string): void {
  if (!SYMBOL.test(f.symbol)) throw new TxError('TX_INVALID_PARAMS', `symbol "${f.symbol}" must be 1-12 of A-Z and 0-9, starting with a letter`);
  if (f.symbol === nativeSymbol) throw new TxError('TX_DUPLICATE', `symbol ${f.symbol} is the native coin's`);
  if (f.name.trim().length === 0) throw new TxError('TX_INVALID_PARAMS', 'name must not be empty');
  if (f.decimals > MAX_DECIMALS) throw new TxError('TX_INVALID_PARAMS', `decimals ${f.decimals} exceed ${MAX_DECIMALS}`);
  if (symbolStore.get(state, f.symbol) !== undefined) throw new TxError('TX_DUPLICATE', `symbol ${f.symbol} is taken by asset ${symbolStore.get(state, f.symbol)}`);
}

/** Allocates the next asset id (from 1), stores the asset and emits `assets.created`; returns the id. */
export function registerAsset(
  state: StateWriter,
  events: EventSink,
  a: { symbol: string; name: string; decimals: number; policy: Policy; creator: Uint8Array; issuer: Uint8Array | null; height: bigint },
): number {
  const id = nextIdStore.get(state, 'next') ?? 1;
  nextIdStore.set(state, 'next', id + 1);
  assetStore.set(state, idKey(id), { id, symbol: a.symbol, name: a.name, decimals: a.decimals, policy: a.policy, creator: a.creator, issuer: a.issuer, createdAt: a.height });
  symbolStore.set(state, a.symbol, id);
  events.emit(AssetCreatedEvent, { assetId: id, symbol: a.symbol, name: a.name, decimals: a.decimals, policy: a.policy, creator: a.creator });
  return id;
}

/** Rewrites an asset's metadata (its id and symbol never change). */
export function putAsset(state: StateWriter, a: Asset): void {
  assetStore.set(state, idKey(a.id), a);
}

/** Credits new units and records them in the supply ledger under `mint`. */
export function mintAsset(state: StateWriter, assetId: number, to: Uint8Array, amount: bigint): void {
  if (amount <= 0n) throw new TxError('TX_INVALID_PARAMS', 'amount must be positive');
  credit(state, to, assetId, amount);
  recordSupply(state, assetId, 'mint', amount);
}

/** Debits units and records their destruction in the supply ledger under `cause` (burn, redeem, wipe). */
export function destroyAsset(state: StateWriter, assetId: number, from: Uint8Array, amount: bigint, cause: Extract<SupplyCause, 'burn' | 'redeem' | 'wipe'>): void {
  if (amount <= 0n) throw new TxError('TX_INVALID_PARAMS', 'amount must be positive');
  debit(state, from, assetId, amount);
  recordSupply(state, assetId, cause, amount);
}

/** An asset's supply by cause (mint, burn, redeem, wipe, ...) and its total. */
export function assetSupply(state: StateReader, assetId: number): SupplyReport {
  return supplyOf(state, assetId);
}

/** A minter's remaining allowance, or undefined if `minter` is not a minter of the asset. */
export function minterAllowance(state: StateReader, assetId: number, minter: Uint8Array): bigint | undefined {
  return minterStore.get(state, accountKey(assetId, minter));
}
