/**
 * Assets as a person names and reads them on the command line: an id or a symbol wherever an asset
 * is named (`--asset USDKG`, `--asset 1`, `0` or `CWC` for the native coin), and every amount shown
 * in its asset's decimals with its symbol (api/amounts.ts), units looked up once per command.
 */
import { amountOf, formatAmount, type AssetUnit } from '../api/amounts.js';
// client.js and errors.js, not the SDK's index: a read command need not load transaction builders (start-up, issue 14).
import type { CoinworksClient } from '../client/client.js';
import { RpcError } from '../client/errors.js';
import { COIN_DECIMALS, COIN_SYMBOL } from './amount.js';
import { CliError } from './errors.js';

/** The native coin's unit. */
export const NATIVE_UNIT: AssetUnit = { symbol: COIN_SYMBOL, decimals: COIN_DECIMALS };

/** An asset named on the command line, resolved. */
export interface NamedAsset extends AssetUnit {
  readonly assetId: number;
}

/** Asset units of one command run, fetched from the node on first use. */
export class Units {
  private readonly cache = new Map<number, AssetUnit | null>([[0, NATIVE_UNIT]]);

  constructor(private readonly client: CoinworksClient) {}

  /** The unit of `assetId` (null when the node has no such asset). */
  async of(assetId: number): Promise<AssetUnit | null> {
    if (!this.cache.has(assetId)) {
      try {
        const a = await this.client.call<{ symbol: string; decimals: number }>('asset_get', [assetId]);
        this.cache.set(assetId, { symbol: a.symbol, decimals: a.decimals });
      } catch (e) {
        if (!(e instanceof RpcError && e.code === 'RPC_NOT_FOUND')) throw e;
        this.cache.set(assetId, null);
      }
    }
    return this.cache.get(assetId)!;
  }

  /** Loads the units of `ids` (so `show` can format synchronously). */
  async load(ids: Iterable<number>): Promise<this> {
    await Promise.all([...new Set(ids)].map((id) => this.of(id)));
    return this;
  }

  /** The unit of `assetId` if loaded. */
  unitIfLoaded(assetId: number): AssetUnit | undefined {
    return this.cache.get(assetId) ?? undefined;
  }

  /** `units` of `assetId` as `1.500000 USDKG` (units must be loaded). */
  show(units: bigint | string, assetId: number): string {
    return amountOf(units, assetId, (id) => this.cache.get(id) ?? undefined);
  }

  /** The asset `ref` names: a decimal id or a symbol (exact; `CWC` and `0` are the native coin); CLI_NOT_FOUND if unknown. */
  async resolve(ref: string): Promise<NamedAsset> {
    const t = ref.trim();
    if (t === '0' || t === COIN_SYMBOL) return { assetId: 0, ...NATIVE_UNIT };
    if (/^\d+$/.test(t)) {
      const id = Number(t);
      if (!Number.isSafeInteger(id) || id > 0xffffffff) throw new CliError('CLI_BAD_ARGUMENT', `asset id must be from 0 to ${0xffffffff}, got ${t}`, { usage: true });
      const u = await this.of(id);
      if (!u) throw new CliError('CLI_NOT_FOUND', `no asset ${id} on this node (see \`coinworks asset list\`)`);
      return { assetId: id, ...u };
    }
    if (!/^[A-Za-z][A-Za-z0-9]{0,11}$/.test(t)) throw new CliError('CLI_BAD_ARGUMENT', `expected an asset id or symbol, got ${JSON.stringify(ref)}`, { usage: true });
    try {
      const a = await this.client.call<{ assetId: number; symbol: string; decimals: number }>('asset_get', [t.toUpperCase()]);
      this.cache.set(a.assetId, { symbol: a.symbol, decimals: a.decimals });
      return { assetId: a.assetId, symbol: a.symbol, decimals: a.decimals };
    } catch (e) {
      if (e instanceof RpcError && e.code === 'RPC_NOT_FOUND') throw new CliError('CLI_NOT_FOUND', `no asset "${t}" on this node (see \`coinworks asset list\`)`);
      throw e;
    }
  }
}

/** Base units of the native coin as `1.50000000 CWC`. */
export function showNative(units: bigint | string): string {
  return formatAmount(units, NATIVE_UNIT);
}
