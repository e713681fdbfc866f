/** Runs async critical sections one at a time, in call order (block imports, reorgs, close). */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `fn` after every earlier call has settled; returns its result. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn, fn);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
