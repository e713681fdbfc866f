/**
 * Sync rules with in-memory chains and a fake transport (no sockets): headers-first catch-up from
 * several peers in parallel, imports in order, reorganisation to the branch of most work, a peer
 * that sends a bad block is charged and its branch dropped while an honest peer's branch wins,
 * a body answer that is not what was asked is a protocol violation, gossip orphans are closed by
 * fetching their ancestors, and a peer's side branch is never an offence.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mineBlock, makeBlock, transfer } from '../../src/testing/chain.js';
import { encodeBlock } from '../../src/primitives/block.js';
import { SyncManager } from '../../src/p2p/sync.js';
import { chains, eventually, FakeTransport } from './helpers.js';

test('a fresh node catches up 300 blocks headers-first from two peers, bodies from both, imported in order', async () => {
  const { nodes } = await chains(3);
  const [a, b, fresh] = nodes;
  for (let i = 0; i < 300; i++) {
    const blk = await mineBlock(a);
    await b.chain.importBlock(blk);
  }
  const net = new FakeTransport([
    { id: 'A', chain: a.chain },
    { id: 'B', chain: b.chain },
  ]);
  const sync = new SyncManager(fresh.chain, net, { batchSize: 8 });
  let synced: { height: number } | undefined;
  sync.on('synced', (i) => (synced = i));
  const heights: number[] = [];
  fresh.chain.on('connect', (e) => heights.push(e.height));
  sync.schedule();
  await eventually(() => synced !== undefined);
  assert.equal(fresh.chain.tip.key, a.chain.tip.key);
  assert.deepEqual(heights, Array.from({ length: 300 }, (_, i) => i + 1), 'imported strictly in height order');
  const froms = new Set(net.requests.filter((r) => r.kind === 'blocks').map((r) => r.peer));
  assert.deepEqual([...froms].sort(), ['A', 'B'], 'bodies came from both peers');
  assert.ok(net.requests.filter((r) => r.kind === 'blocks').every((r) => r.count <= 8));
  assert.deepEqual(net.penalties, []);
  assert.equal(sync.state().state, 'synced');
  sync.stop();
});

test('a node on a lighter branch reorganises to the peer branch of more work; its own branch is no offence to anyone', async () => {
  const { nodes } = await chains(2);
  const [a, b] = nodes;
  for (let i = 0; i < 5; i++) await b.chain.importBlock(await mineBlock(a));
  // Split: b mines 3 of its own, a mines 6.
  for (let i = 0; i < 3; i++) await mineBlock(b, { beneficiary: b.keys[1].address });
  for (let i = 0; i < 6; i++) await mineBlock(a);
  const sync = new SyncManager(b.chain, new FakeTransport([{ id: 'A', chain: a.chain }]));
  let reorged = false;
  b.chain.on('reorg', () => (reorged = true));
  sync.schedule();
  await eventually(() => b.chain.tip.key === a.chain.tip.key);
  assert.ok(reorged);
  // The other way: a asks b, which is now on a's branch: nothing to do, no penalties.
  const back = new FakeTransport([{ id: 'B', chain: b.chain }]);
  const s2 = new SyncManager(a.chain, back);
  s2.schedule();
  await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual(back.penalties, []);
  sync.stop();
  s2.stop();
});

test('an invalid block from one peer is charged to it, its branch is dropped, and the honest peer branch is synced', async () => {
  const { nodes } = await chains(3);
  const [honest, liar, fresh] = nodes;
  for (let i = 0; i < 4; i++) {
    const blk = await mineBlock(honest);
    await liar.chain.importBlock(blk);
    await fresh.chain.importBlock(blk);
  }
  // The liar serves a longer branch whose first block has a bad state root (valid proof of work).
  const bad: Uint8Array[] = [];
  liar.clock.t += 2;
  const good = await makeBlock(liar.chain, { beneficiary: liar.keys[0].address, time: liar.clock.t });
  const forged = { ...good, coinbase: { ...good.coinbase, stateRoot: new Uint8Array(32).fill(7) } };
  const { solve } = await import('../../src/testing/chain.js');
  const { blockMerkleRoot } = await import('../../src/primitives/block.js');
  const re = solve({ ...forged, header: { ...forged.header, merkleRoot: blockMerkleRoot(forged.coinbase, []) } });
  bad.push(encodeBlock(re));
  // Its headers chain continues on the bad block: build them on a scratch copy that accepts anything (headers only).
  const { headerHash } = await import('../../src/primitives/header.js');
  let prev = re.header;
  const liarHeaders = [re.header];
  for (let i = 0; i < 10; i++) {
    const h = solve({ ...re, header: { ...prev, prevHash: headerHash(prev), time: prev.time + 1, nonce: 0 } }).header;
    liarHeaders.push(h);
    prev = h;
  }
  for (let i = 0; i < 2; i++) await mineBlock(honest);
  const net = new FakeTransport([
    { id: 'L', chain: liar.chain, blocks: async (hashes) => (hashes.length && headerHash(re.header).every((x, i) => x === hashes[0][i]) ? [{ block: bad[0], justification: null }] : []) },
    { id: 'H', chain: honest.chain },
  ]);
  // The liar's status claims a lot of weight and its headers answer is the forged branch.
  const origPeers = net.peers.bind(net);
  const liarStatus = () => ({ ...origPeers().find((p) => p.id === 'H')!.status, headHash: headerHash(prev), headHeight: 15, headWork: 10n ** 6n });
  net.peers = () => origPeers().map((p) => (p.id === 'L' ? { id: 'L', status: liarStatus() } : p));
  const origHeaders = net.headers.bind(net);
  net.headers = async (peer, req) => (peer === 'L' ? liarHeaders : origHeaders(peer, req));
  const sync = new SyncManager(fresh.chain, net);
  sync.schedule();
  await eventually(() => net.penalties.some((p) => p.peer === 'L' && p.points >= 100)).catch((e) => { console.log('P', JSON.stringify(net.penalties.slice(0, 5)), fresh.chain.tip.height, JSON.stringify(sync.state()), JSON.stringify(net.requests.slice(0, 10))); throw e; });
  await eventually(() => fresh.chain.tip.key === honest.chain.tip.key);
  assert.ok(net.penalties.every((p) => p.peer === 'L'), JSON.stringify(net.penalties));
  assert.match(net.penalties[0].reason, /BLOCK_BAD_STATE_ROOT/);
  sync.stop();
});

test('a body answer with a block that was not asked for is a protocol violation; the batch goes to another peer', async () => {
  const { nodes } = await chains(3);
  const [a, b, fresh] = nodes;
  for (let i = 0; i < 20; i++) await b.chain.importBlock(await mineBlock(a));
  const other = encodeBlock(await makeBlock(b.chain, { beneficiary: b.keys[2].address, time: b.clock.t + 1 }));
  const net = new FakeTransport([
    { id: 'A', chain: a.chain, blocks: async () => [{ block: other, justification: null }] },
    { id: 'B', chain: b.chain },
  ]);
  const sync = new SyncManager(fresh.chain, net, { batchSize: 4 });
  sync.schedule();
  await eventually(() => fresh.chain.tip.height >= 20);
  assert.ok(net.penalties.some((p) => p.peer === 'A' && /not asked/.test(p.reason)));
  assert.ok(!net.penalties.some((p) => p.peer === 'B'));
  sync.stop();
});

test('a gossip orphan: its missing ancestors are fetched by hash from the sender, then it connects', async () => {
  const { nodes } = await chains(2);
  const [a, b] = nodes;
  const blocks = [];
  for (let i = 0; i < 4; i++) blocks.push(await mineBlock(a, { txs: i === 0 ? [transfer(a.chain, a.keys[0], a.keys[1].address, 5n, 0n)] : [] }));
  const net = new FakeTransport([{ id: 'A', chain: a.chain }]);
  const sync = new SyncManager(b.chain, net);
  const r = await b.chain.importBlock(blocks[3], { from: 'A' });
  assert.equal(r.status, 'orphan');
  await sync.onOrphan('A', r.status === 'orphan' ? r.missing : new Uint8Array());
  assert.equal(b.chain.tip.key, a.chain.tip.key);
  assert.equal(net.requests.filter((x) => x.kind === 'blocks').length, 3);
  assert.deepEqual(net.penalties, []);
  sync.stop();
});
