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

/**
 * A reader that may not hold every record (the disk-backed state's `StateSession`): a read it
 * cannot answer returns undefined and sets `missed`; `loadMissed` loads those keys so a re-run of
 * the same work reads them.
 */
export interface LoadingStateReader extends StateReader {
  /** True when a read since the last load could not be answered. */
  readonly missed: boolean;
  /** Loads the missed keys. */
  loadMissed(): Promise<void>;
}
