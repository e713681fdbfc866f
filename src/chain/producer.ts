/**
 * The block-producer seam: what the node starts beside the chain to make new blocks, one kind per
 * engine (proof of work: the mining service in miner/; BFT: the round-driven validator service;
 * authority: a signer on a timer). The node and RPC see only this.
 */

/** What every producer reports (each adds its engine's own figures: threads and hashrate; round and step). */
export interface ProducerStatus {
  readonly running: boolean;
}

/** A service that produces blocks through the chain's one import path. */
export interface BlockProducer {
  /** Starts producing (idempotent). */
  start(): Promise<void>;
  /** Stops producing and releases its threads and timers. */
  stop(): Promise<void>;
  /** Current status. */
  status(): ProducerStatus;
}
