/**
 * Typed stores over the raw state (Lisk's `stores/<name>.ts`): a store owns one key prefix and one
 * value schema, and encodes/decodes canonically on every access.
 */
import { decode, encode, type Codec } from '../encoding/codec.js';
import type { StateReader, StateWriter } from './state-view.js';
import { keyToString, storePrefix } from './keys.js';

/** A typed key-value store inside a module's key space. */
export class Store<V> {
  /** Latin1 prefix of every key of this store. */
  readonly prefix: string;
  /**
   * Decoded values by the identity of their encoded bytes: state values are never mutated in
   * place, so the same bytes object always decodes to the same value. Saves re-decoding hot records.
   */
  private readonly decoded = new WeakMap<Uint8Array, V>();

  constructor(
    readonly module: string,
    readonly name: string,
    readonly schema: Codec<V>,
  ) {
    this.prefix = keyToString(storePrefix(module, name));
  }

  /** Full state key for a suffix. */
  key(suffix: Uint8Array | string): string {
    return this.prefix + (typeof suffix === 'string' ? suffix : keyToString(suffix));
  }

  /** Reads and decodes a value, or undefined. */
  get(state: StateReader, suffix: Uint8Array | string): V | undefined {
    const raw = state.get(this.key(suffix));
    if (raw === undefined) return undefined;
    let v = this.decoded.get(raw);
    if (v === undefined) {
      v = decode(this.schema, raw);
      this.decoded.set(raw, v);
    }
    return v;
  }

  /** Encodes and writes a value. */
  set(state: StateWriter, suffix: Uint8Array | string, value: V): void {
    const raw = encode(this.schema, value);
    this.decoded.set(raw, value);
    state.set(this.key(suffix), raw);
  }

  /** Deletes a value. */
  del(state: StateWriter, suffix: Uint8Array | string): void {
    state.del(this.key(suffix));
  }
}
