/**
 * Events: every state change a module makes is announced by a typed event (Lisk's `events/`),
 * stored canonically in the transaction's receipt and committed through the receipts root.
 */
import { bytesToHex } from '../encoding/hex.js';
import { encode, decode, str, struct, varBytes, type Codec, type Infer, type Json } from '../encoding/codec.js';

/** The committed form of an event: module, name and the canonical encoding of its data. */
export const EventRecord = struct('EventRecord', { module: str(32), name: str(32), data: varBytes(4096) });
/** An event as committed in a receipt. */
export type EventRecord = Infer<typeof EventRecord>;

/** Declares one event type with its data schema. */
export class EventType<T> {
  constructor(
    readonly module: string,
    readonly name: string,
    readonly schema: Codec<T>,
  ) {}

  /** Builds the committed record for data `v`. */
  record(v: T): EventRecord {
    return { module: this.module, name: this.name, data: encode(this.schema, v) };
  }
}

/** Looks up event schemas by module and name, to show events as JSON. */
export class EventRegistry {
  private readonly types = new Map<string, EventType<any>>();

  /** Adds event types. */
  register(...types: EventType<any>[]): void {
    for (const t of types) this.types.set(`${t.module}.${t.name}`, t);
  }

  /** JSON form of a committed event (raw hex data if the type is unknown). */
  toJson(e: EventRecord): { module: string; name: string; data: Json } {
    const t = this.types.get(`${e.module}.${e.name}`);
    if (!t) return { module: e.module, name: e.name, data: bytesToHex(e.data) };
    return { module: e.module, name: e.name, data: t.schema.toJson(decode(t.schema, e.data)) };
  }
}
