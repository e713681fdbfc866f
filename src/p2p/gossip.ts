/**
 * Gossip topics with validation before relay, as Lodestar runs gossipsub: messages carry no libp2p
 * signature (StrictNoSign: the payload's own signatures matter), the message id is a hash of the
 * topic and payload (so the same block or transaction is one message however many peers send it,
 * and duplicates are dropped before validation), and with `asyncValidation` every message waits in
 * a bounded per-topic queue for its validator, then is reported as Accept (deliver and relay),
 * Ignore (drop, no penalty) or Reject (drop; the sender is charged). A queue that is full ignores
 * new messages, so a flood cannot starve block processing; a peer above its per-topic rate is
 * ignored and charged for the flood.
 */
import './polyfill.js';
import type { PeerId } from '@libp2p/interface';
import { sha256 } from '../crypto/hash.js';
import { concatBytes } from '../encoding/hex.js';
import { Offence } from './ban-scores.js';
import { RateLimiter, type RateLimit } from './rate-limit.js';

/** A validator's verdict. `points` (Reject only) is charged to the sender. */
export type Verdict = { readonly result: 'accept' } | { readonly result: 'ignore'; readonly reason?: string } | { readonly result: 'reject'; readonly points: number; readonly reason: string };

/** Checks one message from `from` (peer id text); runs it through the node (import, admission). */
export type TopicValidator = (data: Uint8Array, from: string) => Promise<Verdict>;

/** The slice of gossipsub this router uses (so tests can stand in for it). */
export interface PubSubLike {
  subscribe(topic: string): void;
  publish(topic: string, data: Uint8Array): Promise<unknown>;
  reportMessageValidationResult(msgId: string, propagationSource: string, acceptance: 'accept' | 'ignore' | 'reject'): void;
  addEventListener(type: 'gossipsub:message', fn: (e: CustomEvent<{ propagationSource: PeerId; msgId: string; msg: { topic: string; data: Uint8Array } }>) => void): void;
}

/** Limits of one topic. */
export interface TopicLimits {
  /** Messages waiting for validation, beyond which new ones are ignored. */
  readonly queue: number;
  /** Per-peer message rate. */
  readonly rate: RateLimit;
}

/** The message id of a payload on a topic: the first 20 bytes of SHA-256(topic | data). */
export function messageId(topic: string, data: Uint8Array): Uint8Array {
  return sha256(concatBytes(new TextEncoder().encode(topic), data)).subarray(0, 20);
}

interface Job {
  readonly msgId: string;
  readonly from: string;
  readonly data: Uint8Array;
}

interface Topic {
  readonly name: string;
  validator: TopicValidator | undefined;
  readonly limits: TopicLimits;
  readonly rate: RateLimiter;
  readonly queue: Job[];
  running: boolean;
}

/** Routes gossip messages to validators, one queue per topic. */
export class GossipRouter {
  private readonly topics = new Map<string, Topic>();

  constructor(
    private readonly pubsub: PubSubLike,
    private readonly penalize: (peer: string, points: number, reason: string) => void,
    private readonly onError: (topic: string, err: unknown) => void = () => undefined,
  ) {
    pubsub.addEventListener('gossipsub:message', (e) => this.onMessage(e.detail.msg.topic, e.detail.msgId, e.detail.propagationSource.toString(), e.detail.msg.data));
  }

  /** Subscribes to a topic with its validator (which may be set later: until then messages are ignored). */
  add(name: string, limits: TopicLimits, validator?: TopicValidator): void {
    this.topics.set(name, { name, validator, limits, rate: new RateLimiter(limits.rate), queue: [], running: false });
    this.pubsub.subscribe(name);
  }

  /** Sets or replaces a topic's validator. */
  setValidator(name: string, validator: TopicValidator | undefined): void {
    const t = this.topics.get(name);
    if (!t) throw new Error(`unknown topic ${name}`);
    t.validator = validator;
  }

  /** Publishes a payload (a duplicate of a recent message is silently not sent again). */
  async publish(name: string, data: Uint8Array): Promise<void> {
    await this.pubsub.publish(name, data);
  }

  /** Messages waiting on a topic. */
  queued(name: string): number {
    return this.topics.get(name)?.queue.length ?? 0;
  }

  private onMessage(topic: string, msgId: string, from: string, data: Uint8Array): void {
    const t = this.topics.get(topic);
    if (!t || !t.validator) {
      this.pubsub.reportMessageValidationResult(msgId, from, 'ignore');
      return;
    }
    if (!t.rate.take(from)) {
      this.pubsub.reportMessageValidationResult(msgId, from, 'ignore');
      this.penalize(from, Offence.flood, `gossip flood on ${topic}`);
      return;
    }
    if (t.queue.length >= t.limits.queue) {
      this.pubsub.reportMessageValidationResult(msgId, from, 'ignore');
      return;
    }
    t.queue.push({ msgId, from, data });
    if (!t.running) void this.drain(t);
  }

  private async drain(t: Topic): Promise<void> {
    t.running = true;
    try {
      while (t.queue.length > 0) {
        const job = t.queue.shift()!;
        let v: Verdict;
        try {
          v = t.validator ? await t.validator(job.data, job.from) : { result: 'ignore' };
        } catch (e) {
          this.onError(t.name, e);
          v = { result: 'ignore' };
        }
        this.pubsub.reportMessageValidationResult(job.msgId, job.from, v.result);
        if (v.result === 'reject') this.penalize(job.from, v.points, v.reason);
      }
    } finally {
      t.running = false;
    }
  }
}
