/** The read/write surface the state machine sees. Keys and values are raw bytes; stores add types. */
export interface StateReader {
  /** Current value of a key, or undefined when absent. */
  get(key: string): Uint8Array | undefined;
}

/** A writable view (an overlay over committed state). */
export interface StateWriter extends StateReader {
  /** Sets a key. */
  set(key: string, value: Uint8Array): void;
  /** Deletes a key. */
  del(key: string): void;
}
