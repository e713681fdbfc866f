/**
 * A misbehaving peer for the ban end-to-end test (a separate process):
 *
 *     node --import tsx src/testing/evil-peer.ts <genesis dir> <own data dir> <bootstrap multiaddr>
 *
 * It joins like an honest node (same genesis, status handshake, gossip topics), then floods the
 * status protocol past its rate limit, sends a garbage request frame, and gossips a block whose
 * proof of work is wrong. It prints one line per step (CONNECTED, FLOOD, GARBAGE, INVALID_BLOCK,
 * DISCONNECTED) and keeps trying to reconnect until it is killed. Never used outside tests.
 */
import '../p2p/polyfill.js';
import { lpStream } from '@libp2p/utils';
import { peerIdFromString } from '@libp2p/peer-id';
import { installNativeHashing } from '../crypto/native.js';
import { Chain } from '../chain/chain.js';
import { assembleBlock, templateToBlock } from '../chain/assembler.js';
import { encode } from '../encoding/codec.js';
import { encodeBlock } from '../primitives/block.js';
import { Mempool } from '../mempool/mempool.js';
import { StateMachine } from '../state/state-machine.js';
import { coreModules } from '../state/modules/index.js';
import { ChainStore } from '../storage/chain-store.js';
import { MemoryKv } from '../storage/memory-kv.js';
import { engineFor } from '../node/engines.js';
import { paramsForGenesis, readGenesisFile } from '../node/genesis-file.js';
import { P2pNetwork } from '../p2p/network.js';
import { GossipBlock } from '../p2p/wire.js';

const [genesisDir, ownDir, bootstrap] = process.argv.slice(2);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  installNativeHashing();
  const genesis = await readGenesisFile(genesisDir);
  if (!genesis) throw new Error(`no genesis.json in ${genesisDir}`);
  const params = paramsForGenesis(genesis);
  const engine = engineFor(params);
  const chain = new Chain({ params, store: new ChainStore(new MemoryKv()), engine, stateMachine: new StateMachine(params, coreModules(engine.modules())) });
  await chain.open();
  const mempool = new Mempool(chain);
  const net = new P2pNetwork({ chain, mempool, datadir: ownDir, port: 0, bootstrap: [bootstrap], refreshMs: 1000 });
  await net.start();
  while (net.peerList().length === 0) await sleep(100);
  const victim = net.peerList()[0].id;
  const pid = peerIdFromString(victim);
  console.log(`CONNECTED ${net.peerId} ${victim}`);

  // 1. A flood of status requests, past the per-peer rate limit.
  for (let i = 0; i < 16; i++) await net.requestStatus(victim).catch(() => undefined);
  console.log('FLOOD');

  // 2. A garbage request frame.
  {
    const s = await net.libp2p.dialProtocol(pid, net.protocols.headers);
    const lp = lpStream(s);
    await lp.write(new Uint8Array([0xde, 0xad, 0xbe, 0xef]));
    await lp.read().catch(() => undefined);
  }
  console.log('GARBAGE');

  // 3. A block with a wrong proof of work, by gossip (once the victim is subscribed to blocks).
  const t = await assembleBlock(chain, { txs: [], beneficiary: new Uint8Array(20) });
  const bad = templateToBlock(t, new Uint8Array(8), 0);
  const pubsub = net.libp2p.services.pubsub as unknown as { getSubscribers(topic: string): Array<{ toString(): string }>; publish(topic: string, d: Uint8Array): Promise<unknown> };
  while (!pubsub.getSubscribers(net.topics.blocks).some((p) => p.toString() === victim)) await sleep(100);
  await pubsub.publish(net.topics.blocks, encode(GossipBlock, { block: encodeBlock(bad), justification: null }));
  console.log('INVALID_BLOCK');

  while (net.libp2p.getConnections(pid).length > 0) await sleep(100);
  console.log('DISCONNECTED');
  // Keep trying to come back (the bootstrap redial); the victim's gater must refuse.
  for (;;) await sleep(1000);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
