/**
 * Alarms (issue 12 item 5): rules per payout address, checked every `checkMs`:
 * - `hashrate-drop`: fires when the address's current hashrate (10-minute window) is more than
 *   `threshold` percent below its recent average (the 1-hour window), which must be above zero;
 *   it resolves once the current hashrate is back above that level;
 * - `workers-offline`: fires when at least `threshold` of the address's workers have sent no share
 *   for `offlineAfterSeconds` (default 600 s, Kele Pool's end of "active"); resolves below that.
 * Alarms are edge-triggered (a firing and a resolution each deliver once) and their state is kept
 * in the ledger, so a restart neither repeats nor forgets one. Each event is delivered as a
 * webhook (HTTP POST of JSON, HMAC-signed, retried with backoff: webhook.ts), a WebSocket event
 * (the `alarm` event, which RPC subscribers receive) and a log line.
 */
import { EventEmitter } from 'node:events';
import { decodeAddress, encodeAddress } from '../../crypto/address.js';
import { MiningPoolError } from '../errors.js';
import type { PoolLedger } from '../ledger/ledger.js';
import type { AlarmKind, AlarmRule } from '../ledger/records.js';
import { Scope, type HashrateMonitor } from '../monitor/hashrate.js';
import type { StratumLog } from '../stratum/server.js';
import { deliverWebhook, type DeliveryResult, type WebhookOptions } from './webhook.js';

/** Default seconds without a share after which a worker counts as offline for an alarm. */
export const DEFAULT_OFFLINE_AFTER_SECONDS = 600;

/** An alarm event as delivered (webhook body, WebSocket notification). */
export interface AlarmEvent {
  readonly type: 'mining-pool.alarm';
  readonly state: 'firing' | 'resolved';
  readonly ruleId: number;
  readonly address: string;
  readonly kind: AlarmKind;
  readonly threshold: number;
  /** Unix ms. */
  readonly time: number;
  /** hashrate-drop: current and average hashes per second. */
  readonly hashrate?: { readonly current: number; readonly average: number };
  /** workers-offline: the workers counted offline. */
  readonly offlineWorkers?: readonly string[];
  readonly message: string;
}

/** A new rule as RPC and the CLI give it. */
export interface AlarmRuleInput {
  readonly address: string;
  readonly kind: AlarmKind;
  readonly threshold: number;
  readonly offlineAfterSeconds?: number;
  readonly webhook?: string;
  readonly secret?: string;
}

/** Options of the alarm service. */
export interface AlarmOptions {
  readonly ledger: PoolLedger;
  readonly monitor: HashrateMonitor;
  readonly log?: StratumLog;
  /** How often rules are checked (default 30 s). */
  readonly checkMs?: number;
  readonly webhook?: WebhookOptions;
  readonly nowMs?: () => number;
}

/** Most rules in all. */
export const MAX_ALARM_RULES = 1000;

/** Checks a rule's input; throws MINING_POOL_BAD_ALARM. */
export function checkRuleInput(r: AlarmRuleInput): void {
  const bad = (m: string) => new MiningPoolError('MINING_POOL_BAD_ALARM', m);
  try {
    decodeAddress(r.address);
  } catch {
    throw bad('address must be a cw1 address');
  }
  if (r.kind === 'hashrate-drop' && (!Number.isInteger(r.threshold) || r.threshold < 1 || r.threshold > 100)) throw bad('a hashrate-drop threshold is a percent from 1 to 100');
  if (r.kind === 'workers-offline' && (!Number.isInteger(r.threshold) || r.threshold < 1 || r.threshold > 100_000)) throw bad('a workers-offline threshold is a number of workers from 1');
  if (r.offlineAfterSeconds !== undefined && (!Number.isInteger(r.offlineAfterSeconds) || r.offlineAfterSeconds < 1 || r.offlineAfterSeconds > 30 * 86_400)) throw bad('offlineAfterSeconds must be 1 to 2592000');
  if (r.webhook !== undefined && r.webhook !== '') {
    let u: URL;
    try {
      u = new URL(r.webhook);
    } catch {
      throw bad('webhook must be an http:// or https:// URL');
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw bad('webhook must be an http:// or https:// URL');
    if (r.webhook.length > 512) throw bad('webhook URL is too long');
  }
  if ((r.secret ?? '').length > 256) throw bad('secret is too long (256 characters at most)');
}

/** The alarm service. */
export class AlarmService extends EventEmitter<{ alarm: [AlarmEvent]; delivered: [AlarmEvent, DeliveryResult] }> {
  private timer: NodeJS.Timeout | undefined;
  private readonly abort = new AbortController();
  private readonly nowMs: () => number;
  private checking: Promise<void> | undefined;
  /** Deliveries still retrying. */
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly o: AlarmOptions) {
    super();
    this.nowMs = o.nowMs ?? Date.now;
  }

  /** Starts the periodic checks. */
  start(): void {
    this.timer ??= setInterval(() => void this.check(), this.o.checkMs ?? 30_000);
    this.timer.unref();
  }

  /** Stops checking and abandons retries. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.abort.abort();
  }

  /** Waits for deliveries in progress (tests). */
  async settled(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }

  /** Adds a rule; returns it. */
  async add(input: AlarmRuleInput): Promise<AlarmRule> {
    checkRuleInput(input);
    const { ledger } = this.o;
    if (ledger.alarms.size >= MAX_ALARM_RULES) throw new MiningPoolError('MINING_POOL_BAD_ALARM', `at most ${MAX_ALARM_RULES} alarm rules`);
    const rule: AlarmRule = {
      id: ledger.takeAlarmId(),
      address: decodeAddress(input.address),
      kind: input.kind,
      threshold: input.threshold,
      offlineAfterSeconds: input.offlineAfterSeconds ?? DEFAULT_OFFLINE_AFTER_SECONDS,
      webhook: input.webhook ?? '',
      secret: input.secret ?? '',
      createdMs: BigInt(this.nowMs()),
      firing: 0,
      lastFiredMs: 0n,
      fired: 0,
    };
    ledger.putAlarm(rule);
    await ledger.commit();
    return rule;
  }

  /** Removes a rule; false when there is none. */
  async remove(id: number): Promise<boolean> {
    if (!this.o.ledger.alarms.has(id)) return false;
    this.o.ledger.delAlarm(id);
    await this.o.ledger.commit();
    return true;
  }

  /** Rules, of one address or all. */
  rules(address?: string): AlarmRule[] {
    const all = [...this.o.ledger.alarms.values()].sort((a, b) => a.id - b.id);
    if (address === undefined) return all;
    return all.filter((r) => encodeAddress(r.address) === address.toLowerCase());
  }

  /** Checks every rule once (serialised). */
  check(): Promise<void> {
    this.checking ??= this.checkOnce().finally(() => {
      this.checking = undefined;
    });
    return this.checking;
  }

  private async checkOnce(): Promise<void> {
    const { ledger } = this.o;
    let changed = false;
    for (const rule of [...ledger.alarms.values()]) {
      const e = this.evaluate(rule);
      const firing = e.firing ? 1 : 0;
      if (firing === rule.firing) continue;
      const now = this.nowMs();
      ledger.putAlarm({ ...rule, firing, lastFiredMs: firing ? BigInt(now) : rule.lastFiredMs, fired: rule.fired + firing });
      changed = true;
      const event: AlarmEvent = { type: 'mining-pool.alarm', state: firing ? 'firing' : 'resolved', ruleId: rule.id, address: encodeAddress(rule.address), kind: rule.kind, threshold: rule.threshold, time: now, ...e.detail };
      this.fire(rule, event);
    }
    if (changed) await ledger.commit();
  }

  private evaluate(rule: AlarmRule): { firing: boolean; detail: Pick<AlarmEvent, 'hashrate' | 'offlineWorkers' | 'message'> } {
    const addressText = encodeAddress(rule.address);
    if (rule.kind === 'hashrate-drop') {
      const current = this.o.monitor.hashrate(Scope.address(addressText), 600);
      const average = this.o.monitor.hashrate(Scope.address(addressText), 3600);
      const level = (average * (100 - rule.threshold)) / 100;
      const firing = rule.firing ? !(current > 0 && current >= level) : average > 0 && current < level;
      return { firing, detail: { hashrate: { current, average }, message: `hashrate of ${addressText} is ${fmt(current)} H/s against a 1-hour average of ${fmt(average)} H/s (alarm below -${rule.threshold}%)` } };
    }
    const now = this.nowMs();
    const offline: string[] = [];
    for (const w of this.o.ledger.workers.values()) {
      if (w.lastShareMs === 0n || encodeAddress(w.address) !== addressText) continue;
      if (now - Number(w.lastShareMs) >= rule.offlineAfterSeconds * 1000) offline.push(w.worker);
    }
    offline.sort();
    return { firing: offline.length >= rule.threshold, detail: { offlineWorkers: offline, message: `${offline.length} worker(s) of ${addressText} sent no share for ${rule.offlineAfterSeconds} s (alarm at ${rule.threshold})` } };
  }

  private fire(rule: AlarmRule, event: AlarmEvent): void {
    this.o.log?.warn({ alarm: rule.id, address: event.address, kind: event.kind, state: event.state }, `mining pool alarm ${event.state}: ${event.message}`);
    this.emit('alarm', event);
    if (rule.webhook === '') return;
    const p = deliverWebhook(rule.webhook, rule.secret, event, { ...this.o.webhook, signal: this.abort.signal }).then((r) => {
      if (!r.ok) this.o.log?.warn({ alarm: rule.id, attempts: r.attempts, err: r.error }, 'mining pool alarm webhook not delivered');
      this.emit('delivered', event, r);
    });
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }
}

function fmt(h: number): string {
  return h >= 100 ? Math.round(h).toString() : h.toFixed(2);
}
