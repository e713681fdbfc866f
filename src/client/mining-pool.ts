/**
 * The mining pool from the client SDK (browser-safe): `MiningPoolClient` wraps the miningPool_*
 * methods with their schema-derived types; `setAlarm` and `removeAlarm` need the node's cookie
 * (the client's `auth` option).
 */
import type { CoinworksClient } from './client.js';
import type { MethodParams, MethodResult } from './types.js';

/** miningPool_* calls. */
export class MiningPoolClient {
  constructor(readonly client: CoinworksClient) {}

  /** miningPool_getStats. */
  stats(): Promise<MethodResult<'miningPool_getStats'>> {
    return this.client.request('miningPool_getStats');
  }

  /** miningPool_getWorkers (of one address, or all). */
  workers(address?: string): Promise<MethodResult<'miningPool_getWorkers'>> {
    return this.client.request('miningPool_getWorkers', address === undefined ? [] : [address]);
  }

  /** miningPool_getHashrate: a series for the hour, day or month view. */
  hashrate(view: 'hour' | 'day' | 'month' = 'hour', options: MethodParams<'miningPool_getHashrate'>['options'] = {}): Promise<MethodResult<'miningPool_getHashrate'>> {
    return this.client.request('miningPool_getHashrate', [view, options]);
  }

  /** miningPool_getPayouts (of one address, or all). */
  payouts(address?: string, limit?: number): Promise<MethodResult<'miningPool_getPayouts'>> {
    return this.client.request('miningPool_getPayouts', [address ?? null, limit ?? null]);
  }

  /** miningPool_setAlarm (needs the cookie). */
  setAlarm(rule: MethodParams<'miningPool_setAlarm'>['rule']): Promise<MethodResult<'miningPool_setAlarm'>> {
    return this.client.request('miningPool_setAlarm', [rule]);
  }

  /** miningPool_removeAlarm (needs the cookie). */
  removeAlarm(id: number): Promise<MethodResult<'miningPool_removeAlarm'>> {
    return this.client.request('miningPool_removeAlarm', [id]);
  }

  /** miningPool_getAlarms. */
  alarms(address?: string): Promise<MethodResult<'miningPool_getAlarms'>> {
    return this.client.request('miningPool_getAlarms', address === undefined ? [] : [address]);
  }

  /** miningPool_getProfitability. */
  profitability(p: { hashrate: string; watts: string; kwhPrice: string; coinPrice: string; collectionId?: number }): Promise<MethodResult<'miningPool_getProfitability'>> {
    return this.client.request('miningPool_getProfitability', [p.hashrate, p.watts, p.kwhPrice, p.coinPrice, p.collectionId ?? null]);
  }
}
