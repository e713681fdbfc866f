/**
 * An in-process consensus topic for tests: every member's publication is delivered to every
 * other connected member after a delay (fixed, or drawn from a seeded generator), unless the
 * pair is cut off by a partition or the member is disconnected. Verdicts are collected, so a test
 * can see what a node refused.
 */
import type { ConsensusTransport, TransportHandler, TransportVerdict } from '../validator/transport.js';
import { mulberry32 } from './prng.js';

/** Options of a hub. */
export interface HubOptions {
  /** Delay of each delivery in ms: [min, max] drawn per delivery (default [0, 2]). */
  readonly delayMs?: readonly [number, number];
  /** Seed of the delay and drop draws. */
  readonly seed?: number;
  /** Probability of losing a delivery (default 0). */
  readonly dropRate?: number;
  /** Sees every publication (before any loss), e.g. to check that no validator signed twice. */
  readonly tap?: (from: string, data: Uint8Array) => void;
}

/** One member's transport. */
export class HubTransport implements ConsensusTransport {
  handler: TransportHandler | undefined;
  /** Messages published. */
  published = 0;

  constructor(
    readonly id: string,
    private readonly hub: ConsensusHub,
  ) {}

  /** Delivers to the other members. */
  async publish(data: Uint8Array): Promise<void> {
    this.published++;
    this.hub.deliver(this.id, data);
  }

  /** Sets the handler. */
  setHandler(handler: TransportHandler | undefined): void {
    this.handler = handler;
  }
}

/** The shared topic. */
export class ConsensusHub {
  private readonly members = new Map<string, HubTransport>();
  private readonly down = new Set<string>();
  private groups: Map<string, number> | null = null;
  private readonly rnd: () => number;
  /** Every reject verdict (the sender charged), with who sent the message. */
  readonly refusals: Array<{ from: string; to: string; verdict: TransportVerdict }> = [];

  constructor(private readonly o: HubOptions = {}) {
    this.rnd = mulberry32(o.seed ?? 1);
  }

  /** A transport for member `id`. */
  join(id: string): HubTransport {
    const t = new HubTransport(id, this);
    this.members.set(id, t);
    this.down.delete(id);
    return t;
  }

  /** Cuts `id` off (its messages and those to it are lost) until `reconnect`. */
  disconnect(id: string): void {
    this.down.add(id);
  }

  /** Connects `id` again. */
  reconnect(id: string): void {
    this.down.delete(id);
  }

  /** Splits members into groups that hear only each other. */
  partition(groups: readonly (readonly string[])[]): void {
    this.groups = new Map();
    groups.forEach((g, i) => g.forEach((id) => this.groups!.set(id, i)));
  }

  /** Ends a partition. */
  heal(): void {
    this.groups = null;
  }

  /** Delivers one publication. */
  deliver(from: string, data: Uint8Array): void {
    if (this.down.has(from)) return;
    this.o.tap?.(from, data);
    const [lo, hi] = this.o.delayMs ?? [0, 2];
    for (const [id, t] of this.members) {
      if (id === from || this.down.has(id)) continue;
      if (this.groups && this.groups.get(id) !== this.groups.get(from)) continue;
      if ((this.o.dropRate ?? 0) > 0 && this.rnd() < this.o.dropRate!) continue;
      const delay = lo + Math.floor(this.rnd() * (hi - lo + 1));
      setTimeout(() => {
        if (this.down.has(id) || this.down.has(from) || !t.handler) return;
        void Promise.resolve(t.handler(data, from)).then((v) => {
          if (v.result === 'reject') this.refusals.push({ from, to: id, verdict: v });
        });
      }, delay);
    }
  }
}
