/**
 * Error messages at the RPC edge: a typed error whose data carries amounts (base units and an asset
 * id) gets its message rewritten for people with api/amounts.ts, in the asset's decimals and symbol
 * (the native coin's from the network parameters, others from the head state); `data` keeps the
 * base units for programs. State modules' own messages stay in base units: they are consensus data.
 */
import { assetIdsOf, txErrorText, type AssetUnit } from '../api/amounts.js';
import { CoinworksError } from '../errors.js';
import { getAsset } from '../state/modules/assets/method.js';
import type { RpcServices } from './services.js';

/** Units of the assets `ids` (0 = the native coin) at the head. */
export async function unitsOf(services: RpcServices, ids: readonly number[]): Promise<Map<number, AssetUnit>> {
  const { chain } = services.ctx;
  const out = new Map<number, AssetUnit>([[0, chain.params.coin]]);
  const others = ids.filter((id) => id !== 0);
  if (others.length === 0) return out;
  const found = await chain.view((s) => others.map((id) => [id, getAsset(s, id)] as const));
  for (const [id, a] of found) if (a) out.set(id, { symbol: a.symbol, decimals: a.decimals });
  return out;
}

/** `e` with a message for people when its data has amounts to show; `e` itself otherwise. */
export async function readableError(e: unknown, services: RpcServices): Promise<unknown> {
  if (!(e instanceof CoinworksError)) return e;
  try {
    const units = await unitsOf(services, assetIdsOf(e.data));
    const text = txErrorText(e.code, e.data, (id) => units.get(id));
    if (text === undefined) return e;
    const out = new CoinworksError(e.code, text, e.data, { fault: e.fault, banScore: e.banScore });
    return out;
  } catch {
    return e;
  }
}
