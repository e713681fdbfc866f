/**
 * Mempool policy limits and their defaults. These are local policy, not consensus: two nodes with
 * different settings still agree on every block.
 */

/** Mempool policy settings; every field is optional and has the default documented on it. */
export interface MempoolOptions {
  /** Most transactions held (default 50,000). */
  readonly maxTxs?: number;
  /** Most encoded bytes held (default 64 MiB). */
  readonly maxBytes?: number;
  /** Most transactions held per sender (default 64). */
  readonly maxPerSender?: number;
  /** Highest nonce accepted is the account nonce plus this (default 64). */
  readonly maxNonceAhead?: bigint;
  /** Percent by which a replacement must raise both maxFeePerGas and maxTipPerGas (default 10, as geth). */
  readonly replacementBumpPercent?: bigint;
  /** Lowest maxTipPerGas accepted (default 0). */
  readonly minTipPerGas?: bigint;
  /** Seconds a transaction may wait before it is dropped (default 3 hours, geth's lifetime). */
  readonly ttlSeconds?: number;
  /** Clock in seconds for `addedAt` and expiry (default: the chain's clock). */
  readonly now?: () => number;
}

/** Settings with every default filled in. */
export type ResolvedMempoolOptions = Required<Omit<MempoolOptions, 'now'>>;

/** The defaults of every limit. */
export const MEMPOOL_DEFAULTS: ResolvedMempoolOptions = Object.freeze({
  maxTxs: 50_000,
  maxBytes: 64 * 1024 * 1024,
  maxPerSender: 64,
  maxNonceAhead: 64n,
  replacementBumpPercent: 10n,
  minTipPerGas: 0n,
  ttlSeconds: 3 * 60 * 60,
});

/** Fills in defaults and rejects nonsensical limits. */
export function resolveMempoolOptions(o: MempoolOptions = {}): ResolvedMempoolOptions {
  const r: ResolvedMempoolOptions = {
    maxTxs: o.maxTxs ?? MEMPOOL_DEFAULTS.maxTxs,
    maxBytes: o.maxBytes ?? MEMPOOL_DEFAULTS.maxBytes,
    maxPerSender: o.maxPerSender ?? MEMPOOL_DEFAULTS.maxPerSender,
    maxNonceAhead: o.maxNonceAhead ?? MEMPOOL_DEFAULTS.maxNonceAhead,
    replacementBumpPercent: o.replacementBumpPercent ?? MEMPOOL_DEFAULTS.replacementBumpPercent,
    minTipPerGas: o.minTipPerGas ?? MEMPOOL_DEFAULTS.minTipPerGas,
    ttlSeconds: o.ttlSeconds ?? MEMPOOL_DEFAULTS.ttlSeconds,
  };
  if (!(r.maxTxs >= 1) || !(r.maxBytes >= 1) || !(r.maxPerSender >= 1)) throw new RangeError('mempool limits must be at least 1');
  if (r.maxNonceAhead < 0n || r.replacementBumpPercent < 0n || r.minTipPerGas < 0n) throw new RangeError('mempool limits must not be negative');
  if (!(r.ttlSeconds > 0)) throw new RangeError('mempool ttlSeconds must be positive');
  return r;
}
