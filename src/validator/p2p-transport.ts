/**
 * The validator service's transport over the peer-to-peer network's consensus gossip topic
 * (`p2p/network.ts`): publications go out on the topic; every message a peer sends comes to the
 * service's handler BEFORE gossip relays it, and the handler's verdict decides: accept (relay),
 * ignore (drop, no charge) or reject (drop and charge the sender the verdict's points, which the
 * network adds to the peer's score and bans at the threshold). The network also refuses oversize
 * messages itself.
 */
import type { ConsensusTransport, TransportHandler, TransportVerdict } from './transport.js';

/** The slice of the p2p network this transport uses (`P2pNetwork` fits). */
export interface ConsensusGossip {
  /** Sets the consensus topic's validator (undefined removes it: messages are then ignored). */
  setConsensusValidator(validator: ((data: Uint8Array, from: string) => Promise<TransportVerdict>) | undefined): void;
  /** Publishes on the consensus topic. */
  publishConsensus(data: Uint8Array): Promise<void>;
}

/** A consensus transport over the p2p network's consensus topic. */
export class P2pConsensusTransport implements ConsensusTransport {
  constructor(private readonly net: ConsensusGossip) {}

  /** Publishes to every peer on the topic (gossip may still lose it; the service repeats what matters). */
  publish(data: Uint8Array): Promise<void> {
    return this.net.publishConsensus(data);
  }

  /** Routes the topic's messages to `handler`, whose verdict the gossip layer applies before relay. */
  setHandler(handler: TransportHandler | undefined): void {
    this.net.setConsensusValidator(handler && (async (data, from) => handler(data, from)));
  }
}
