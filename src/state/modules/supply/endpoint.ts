/** RPC endpoints of the supply module (Lisk's endpoint.ts): `supply_get`. */
import { endpoint, type AnyEndpoint } from '../../endpoint.js';
import { supplyGet } from './api.js';
import { supplyOf } from './method.js';
import type { SupplyCause } from './stores.js';

/** Decimal strings of a ledger by cause. */
export function byCauseView(byCause: Record<SupplyCause, bigint>): Record<SupplyCause, string> {
  return Object.fromEntries(Object.entries(byCause).map(([k, v]) => [k, v.toString()])) as Record<SupplyCause, string>;
}

/** supply_get. */
export const supplyGetEndpoint = endpoint(supplyGet, async (ctx, [assetId]) => {
  const s = await ctx.view((state) => supplyOf(state, assetId));
  return { assetId, byCause: byCauseView(s.byCause), minedByMining: s.byCause.mining.toString(), burnedByFees: s.byCause['fee-burn'].toString(), total: s.total.toString() };
});

/** Every endpoint of the module, for the RPC registry. */
export const supplyEndpoints: readonly AnyEndpoint[] = [supplyGetEndpoint];
