/**
 * Webhook delivery of alarm events: an HTTP POST of the JSON event, signed with HMAC-SHA256 of the
 * exact body under the rule's secret (header `X-Coinworks-Signature: sha256=<hex>`, as GitHub's
 * webhooks do), retried with exponential backoff (1 s, 2 s, 4 s, ... up to `attempts` tries) on a
 * network error, a timeout or a non-2xx answer.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** Header carrying the signature. */
export const SIGNATURE_HEADER = 'x-coinworks-signature';
/** Header naming the event kind. */
export const EVENT_HEADER = 'x-coinworks-event';
/** Header with a unique id per delivery (the same on every retry). */
export const DELIVERY_HEADER = 'x-coinworks-delivery';

/** `sha256=<hex>` of a body under a secret. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** Checks a received signature (constant time): what a webhook receiver should do. */
export function verifySignature(secret: string, body: string, signature: string | undefined): boolean {
  if (typeof signature !== 'string') return false;
  const want = Buffer.from(signBody(secret, body));
  const got = Buffer.from(signature);
  return want.length === got.length && timingSafeEqual(want, got);
}

/** Delivery settings. */
export interface WebhookOptions {
  /** Tries in all (default 6). */
  readonly attempts?: number;
  /** First retry delay in ms, doubled each time (default 1000). */
  readonly backoffMs?: number;
  /** Per-try timeout in ms (default 5000). */
  readonly timeoutMs?: number;
  /** Stops retrying (the node is stopping). */
  readonly signal?: AbortSignal;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Outcome of a delivery. */
export interface DeliveryResult {
  readonly ok: boolean;
  readonly attempts: number;
  readonly status?: number;
  readonly error?: string;
}

function postOnce(url: URL, body: string, headers: Record<string, string>, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers }, timeout: timeoutMs },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** POSTs `event` to `url` with its signature, retrying with backoff. Never throws. */
export async function deliverWebhook(url: string, secret: string, event: object, o: WebhookOptions = {}): Promise<DeliveryResult> {
  const attempts = o.attempts ?? 6;
  const backoff = o.backoffMs ?? 1000;
  const body = JSON.stringify(event);
  const headers = { [SIGNATURE_HEADER]: signBody(secret, body), [EVENT_HEADER]: 'mining-pool.alarm', [DELIVERY_HEADER]: randomBytes(12).toString('hex') };
  let last: DeliveryResult = { ok: false, attempts: 0 };
  for (let i = 0; i < attempts; i++) {
    if (o.signal?.aborted) break;
    if (i > 0) await sleep(backoff * 2 ** (i - 1), o.signal);
    if (o.signal?.aborted) break;
    try {
      const status = await postOnce(new URL(url), body, headers, o.timeoutMs ?? 5000);
      if (status >= 200 && status < 300) return { ok: true, attempts: i + 1, status };
      last = { ok: false, attempts: i + 1, status, error: `HTTP ${status}` };
    } catch (e) {
      last = { ok: false, attempts: i + 1, error: (e as Error).message };
    }
  }
  return last;
}
