/** `net_info`, `net_peers`: the node's peer-to-peer network as the RPC sees it (read-only). */
import { netInfo as infoSpec, netPeers as peersSpec } from '../../api/core.js';
import { defineMethod } from '../method.js';

/** net_info. */
export const netInfo = defineMethod(infoSpec, (call) => {
  const { chain, network } = call.services.ctx;
  if (!network) {
    const h = chain.tip.height;
    return { enabled: false, peerId: null, listen: [], peers: 0, bans: 0, sync: { state: 'off' as const, tipHeight: h, bestHeaderHeight: h, bestPeerHeight: 0, inFlight: 0, buffered: 0 } };
  }
  const i = network.info();
  return { enabled: true, peerId: i.peerId, listen: [...i.listen], peers: i.peers, bans: i.bans, sync: { ...i.sync } };
});

/** net_peers. */
export const netPeers = defineMethod(peersSpec, (call) =>
  (call.services.ctx.network?.peerList() ?? []).map((p) => ({ id: p.id, address: p.address, direction: p.direction, head: p.head && { ...p.head }, score: p.score, connectedAt: p.connectedAt })),
);
