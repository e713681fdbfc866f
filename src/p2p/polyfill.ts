/**
 * Node 20 lacks `Promise.withResolvers` (ES2024), which libp2p 3, yamux, ping, it-queue and mortice
 * call (shared/reference/networking.md). This side-effect module defines it once; every file of p2p/
 * that loads libp2p imports it first.
 */
interface Resolvers<T> {
  promise: Promise<T>;
  resolve: (value: T | PromiseLike<T>) => void;
  reject: (reason?: unknown) => void;
}

const P = Promise as unknown as { withResolvers?: <T>() => Resolvers<T> };
if (typeof P.withResolvers !== 'function') {
  P.withResolvers = function withResolvers<T>(): Resolvers<T> {
    let resolve!: Resolvers<T>['resolve'];
    let reject!: Resolvers<T>['reject'];
    const promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}

/** True once the polyfill (or a native implementation) is in place. */
export const HAS_WITH_RESOLVERS = true;
