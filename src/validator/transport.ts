/**
 * What the validator service needs of a network: publish opaque bytes to every peer on the
 * consensus topic, and hear what peers publish with a verdict on each message (relay it, drop it,
 * or drop it and charge the sender). The p2p layer's consensus topic provides it
 * (`p2p-transport.ts`); tests use an in-process hub (`testing/bft-hub.ts`).
 */

/** What the receiver says of one message: relay (accept), drop (ignore), or drop and charge the sender `points` (reject). */
export type TransportVerdict =
  | { readonly result: 'accept' }
  | { readonly result: 'ignore'; readonly reason?: string }
  | { readonly result: 'reject'; readonly points: number; readonly reason: string };

/** Handles one message from peer `from`. */
export type TransportHandler = (data: Uint8Array, from: string) => TransportVerdict | Promise<TransportVerdict>;

/** A consensus-topic network. */
export interface ConsensusTransport {
  /** Sends `data` to every peer (best effort: gossip may lose it; the service repeats what matters). */
  publish(data: Uint8Array): Promise<void>;
  /** Sets the handler of incoming messages (replacing any earlier one); undefined removes it. */
  setHandler(handler: TransportHandler | undefined): void;
}

/** A network of one: nothing is sent or heard (a lone validator with all the power still decides). */
export const NO_PEERS: ConsensusTransport = Object.freeze({
  async publish(): Promise<void> {},
  setHandler(): void {},
});
