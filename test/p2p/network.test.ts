/**
 * The network in one process over real libp2p on 127.0.0.1 (in-memory chains): the status
 * handshake connects nodes of one chain and drops a node of another; a late node syncs; a mined
 * block and a transaction reach every node by gossip; garbage and oversize request frames and a
 * request flood get a peer banned, the ban is written to disk and survives a restart (the banned
 * peer cannot reconnect); the peer identity survives a restart too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '../../src/p2p/polyfill.js';
import { lpStream } from '@libp2p/utils';
import { peerIdFromString } from '@libp2p/peer-id';
import { createTestChain, mineBlock, transfer, TestClock, type TestChain } from '../../src/testing/chain.js';
import { regtest } from '../../src/params/networks.js';
import { Mempool } from '../../src/mempool/mempool.js';
import { P2pNetwork } from '../../src/p2p/network.js';
import { eventually } from './helpers.js';

interface TestNode {
  tc: TestChain;
  mempool: Mempool;
  net: P2pNetwork;
  dir: string;
}

async function startNode(clock: TestClock, dir: string, bootstrap: string[] = [], o: { params?: typeof regtest; tc?: TestChain; port?: number } = {}): Promise<TestNode> {
  const tc = o.tc ?? (await createTestChain({ clock, params: o.params }));
  const mempool = new Mempool(tc.chain);
  const net = new P2pNetwork({ chain: tc.chain, mempool, datadir: dir, port: o.port ?? 0, bootstrap, refreshMs: 500 });
  await net.start();
  return { tc, mempool, net, dir };
}

async function stopAll(nodes: TestNode[]): Promise<void> {
  for (const n of nodes) {
    await n.net.stop();
    n.mempool.dispose();
  }
}

test('handshake, late-joiner sync, block and transaction gossip; a node of another chain is dropped', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'cw-p2p-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const clock = new TestClock(regtest.genesis.time + 1000);
  const a = await startNode(clock, join(root, 'a'));
  for (let i = 0; i < 30; i++) await mineBlock(a.tc);
  const b = await startNode(clock, join(root, 'b'), [a.net.listenAddresses()[0]]);
  const c = await startNode(clock, join(root, 'c'), [b.net.listenAddresses()[0]]);
  const other = await startNode(clock, join(root, 'x'), [a.net.listenAddresses()[0]], { params: { ...regtest, chainId: regtest.chainId + 7 } });
  const nodes = [a, b, c, other];
  t.after(() => stopAll(nodes));
  await eventually(() => b.tc.chain.tip.key === a.tc.chain.tip.key && c.tc.chain.tip.key === a.tc.chain.tip.key);
  assert.equal(other.net.peerList().length, 0, 'the node of another chain keeps no peer');
  assert.ok(!a.net.peerList().some((p) => p.id === other.net.peerId));
  // A block mined on c reaches a through b (c is not connected to a).
  await eventually(() => b.net.peerList().length === 2);
  await mineBlock(c.tc);
  await eventually(() => a.tc.chain.tip.key === c.tc.chain.tip.key);
  // A transaction submitted on a reaches c's mempool.
  const tx = transfer(a.tc.chain, a.tc.keys[0], a.tc.keys[1].address, 1234n, 0n);
  await a.mempool.add(tx.bytes);
  await eventually(() => c.mempool.has(tx.key));
  assert.equal(a.net.info().sync.state, 'synced');
  for (const n of [a, b, c]) for (const p of n.net.peerList()) assert.equal(p.score, 0, 'no honest peer was charged');
});

test('garbage, oversize frames and floods get a peer banned; the ban is persisted and holds after a restart', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'cw-p2p-ban-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const clock = new TestClock(regtest.genesis.time + 1000);
  const honest = await startNode(clock, join(root, 'h'));
  const evil = await startNode(clock, join(root, 'e'), [honest.net.listenAddresses()[0]]);
  t.after(() => stopAll([honest, evil]));
  await eventually(() => honest.net.peerList().length === 1);
  const evilId = evil.net.peerId;
  const hid = peerIdFromString(honest.net.peerId);
  // Garbage headers requests: each a DecodeError on the honest side.
  for (let i = 0; i < 2; i++) {
    const s = await evil.net.libp2p.dialProtocol(hid, honest.net.protocols.headers);
    const lp = lpStream(s);
    await lp.write(new Uint8Array([1, 2, 3, 4, 5]));
    await lp.read().catch(() => undefined);
  }
  assert.ok(honest.net.scores.tally(evilId) >= 25, `tally ${honest.net.scores.tally(evilId)}`);
  // An oversize request frame (above the 256 KiB cap of a headers request).
  {
    const s = await evil.net.libp2p.dialProtocol(hid, honest.net.protocols.headers);
    const lp = lpStream(s);
    await lp.write(new Uint8Array(300 * 1024)).catch(() => undefined);
    await lp.read().catch(() => undefined);
  }
  // A flood of status requests until banned.
  for (let i = 0; i < 40 && !honest.net.scores.isBanned(evilId); i++) await evil.net.requestStatus(honest.net.peerId).catch(() => undefined);
  await eventually(() => honest.net.scores.isBanned(evilId));
  await eventually(() => honest.net.peerList().length === 0);
  await honest.net.scores.flush();
  const bans = JSON.parse(await readFile(join(root, 'h', 'p2p', 'bans.json'), 'utf8')) as Array<{ peer: string; reason: string }>;
  assert.equal(bans[0].peer, evilId);
  // Restart the honest node on the same directory: same peer id, ban still in force, evil cannot reconnect.
  const id = honest.net.peerId;
  const addr = honest.net.listenAddresses()[0];
  const port = Number(addr.split('/')[4]);
  await honest.net.stop();
  honest.mempool.dispose();
  const again = await startNode(clock, join(root, 'h'), [], { tc: honest.tc, port });
  t.after(() => stopAll([again]));
  assert.equal(again.net.peerId, id);
  assert.ok(again.net.scores.isBanned(evilId));
  const { multiaddr } = await import('@multiformats/multiaddr');
  // The dial may complete the encryption handshake on the dialler's side; the gater then closes it.
  await evil.net.libp2p.dial(multiaddr(addr)).catch(() => undefined);
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(again.net.libp2p.getConnections(peerIdFromString(evilId)).length, 0);
  assert.equal(again.net.peerList().length, 0);
  assert.ok(!evil.net.peerList().some((p) => p.id === id));
});

test('the consensus topic: opaque bytes reach the engine hook with their sender; accept relays, reject charges', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'cw-p2p-consensus-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const clock = new TestClock(regtest.genesis.time + 1000);
  const a = await startNode(clock, join(root, 'a'));
  const b = await startNode(clock, join(root, 'b'), [a.net.listenAddresses()[0]]);
  const c = await startNode(clock, join(root, 'c'), [b.net.listenAddresses()[0]]);
  t.after(() => stopAll([a, b, c]));
  const seenB: Array<[string, string]> = [];
  const seenC: string[] = [];
  b.net.setConsensusValidator(async (d, from) => {
    seenB.push([Buffer.from(d).toString(), from]);
    return d[0] === 0x78 ? { result: 'reject', points: 30, reason: 'bad vote' } : { result: 'accept' };
  });
  c.net.setConsensusValidator(async (d) => {
    seenC.push(Buffer.from(d).toString());
    return { result: 'accept' };
  });
  await eventually(() => b.net.peerList().length === 2);
  // Subscriptions travel with the heartbeat: retry until the first message lands.
  await eventually(async () => {
    await a.net.publishConsensus(new TextEncoder().encode(`vote ${Date.now()}`));
    return seenC.length > 0;
  }, 20_000);
  assert.equal(seenB[0][1], a.net.peerId, 'the hook sees who sent it');
  assert.ok(seenC[0].startsWith('vote'), 'accepted messages are relayed (a -> b -> c)');
  await a.net.publishConsensus(new TextEncoder().encode('xbad'));
  await eventually(() => b.net.scores.tally(a.net.peerId) >= 25);
  await new Promise((r) => setTimeout(r, 300));
  assert.ok(!seenC.includes('xbad'), 'a rejected message is not relayed');
});
