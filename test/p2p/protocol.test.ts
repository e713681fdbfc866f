/**
 * The protocols without sockets: status of a chain and the mismatch rules, headers after a
 * locator's fork point, blocks by range and by hash (order, caps, never an invalid block), wire
 * codecs refusing trailing bytes and oversize lists, response heads, and the gossip router's
 * Accept/Ignore/Reject reports, queue bound, per-peer flood charge and payload message ids.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decode, encode } from '../../src/encoding/codec.js';
import { bytesToHex } from '../../src/encoding/hex.js';
import { DecodeError } from '../../src/errors.js';
import { headerHash } from '../../src/primitives/header.js';
import { decodePreparedBlock } from '../../src/primitives/block.js';
import { mineBlock } from '../../src/testing/chain.js';
import { answerBlocksByHash, answerBlocksByRange, answerHeaders, localStatus, statusMismatch } from '../../src/p2p/server.js';
import { BlocksByHashRequest, decodeHead, encodeHead, HeadersRequest, MAX_BLOCKS_PER_REQUEST, protocolIds, RespCode, Status, topics } from '../../src/p2p/wire.js';
import { GossipRouter, messageId, type PubSubLike } from '../../src/p2p/gossip.js';
import { chains } from './helpers.js';

test('status: carries chain, genesis, engine and head; another chain, genesis, engine or version is a mismatch', async () => {
  const { nodes } = await chains(1);
  const s = localStatus(nodes[0].chain);
  assert.equal(s.headHeight, 0);
  assert.equal(s.engine, 'pow');
  assert.deepEqual(decode(Status, encode(Status, s)), s);
  assert.equal(statusMismatch(s, s), undefined);
  assert.match(statusMismatch(s, { ...s, chainId: s.chainId + 1 })!, /chain id/);
  assert.match(statusMismatch(s, { ...s, genesisHash: new Uint8Array(32) })!, /genesis/);
  assert.match(statusMismatch(s, { ...s, engine: 'bft' })!, /engine/);
  assert.match(statusMismatch(s, { ...s, version: 99 })!, /version/);
  assert.throws(() => decode(Status, new Uint8Array([...encode(Status, s), 0])), DecodeError);
  const ids = protocolIds(s.genesisHash);
  assert.match(ids.headers, new RegExp(`^/coinworks/${bytesToHex(s.genesisHash).slice(0, 8)}/headers/1$`));
  assert.notEqual(topics(s.genesisHash).blocks, topics(new Uint8Array(32)).blocks, 'topics differ per chain');
});

test('headers after the fork of a locator; blocks by range and by hash in order, capped, never invalid', async () => {
  const { nodes } = await chains(2);
  const [a, b] = nodes;
  for (let i = 0; i < 80; i++) await b.chain.importBlock(await mineBlock(a));
  // b is 80 blocks in; a fresh locator (genesis only) gets all 80 headers; one from height 50 gets 30.
  const all = answerHeaders(a.chain, { locator: [a.chain.genesis.hash], limit: 2000 });
  assert.equal(all.length, 80);
  const from50 = answerHeaders(a.chain, { locator: [a.chain.index.atHeight(50)!.hash, a.chain.genesis.hash], limit: 2000 });
  assert.equal(from50.length, 30);
  assert.equal(bytesToHex(from50[0].prevHash), a.chain.index.atHeight(50)!.key);
  assert.equal(answerHeaders(a.chain, { locator: [new Uint8Array(32).fill(9)], limit: 5 }).length, 5, 'unknown locator: from genesis, limited');
  const range = await answerBlocksByRange(a.chain, { start: 10, count: 1000 });
  assert.equal(range.length, MAX_BLOCKS_PER_REQUEST);
  assert.equal(decodePreparedBlock(range[0].block).block.coinbase.height, 10n);
  const capped = await answerBlocksByRange(a.chain, { start: 1, count: 10 }, 1);
  assert.equal(capped.length, 1, 'the byte cap still sends one block');
  const hashes = [5, 3, 9].map((h) => a.chain.index.atHeight(h)!.hash);
  const byHash = await answerBlocksByHash(a.chain, { hashes });
  assert.deepEqual(byHash.map((c) => bytesToHex(headerHash(decodePreparedBlock(c.block).block.header))), hashes.map(bytesToHex));
  const gap = await answerBlocksByHash(a.chain, { hashes: [hashes[0], new Uint8Array(32), hashes[1]] });
  assert.equal(gap.length, 1, 'stops at the first unknown block');
  assert.throws(() => decode(BlocksByHashRequest, encode(BlocksByHashRequest, { hashes: Array(MAX_BLOCKS_PER_REQUEST + 1).fill(hashes[0]) })), /exceeds|maximum|length/i);
  assert.throws(() => decode(HeadersRequest, new Uint8Array([1, 2, 3])), DecodeError);
});

test('response heads: code, count, message; malformed heads refused', () => {
  const h = decodeHead(encodeHead(RespCode.rateLimited, 0, 'slow down'));
  assert.deepEqual(h, { code: RespCode.rateLimited, count: 0, message: 'slow down' });
  assert.equal(decodeHead(encodeHead(RespCode.ok, 17)).count, 17);
  assert.throws(() => decodeHead(new Uint8Array([0, 1])), DecodeError);
  assert.throws(() => decodeHead(new Uint8Array([9, 0, 0, 0, 0])), DecodeError);
});

class FakePubSub implements PubSubLike {
  readonly reports: Array<[string, string, string]> = [];
  readonly published: Array<[string, Uint8Array]> = [];
  private fn: ((e: CustomEvent<{ propagationSource: { toString(): string }; msgId: string; msg: { topic: string; data: Uint8Array } }>) => void) | undefined;
  subscribe(): void {}
  async publish(topic: string, data: Uint8Array): Promise<void> {
    this.published.push([topic, data]);
  }
  reportMessageValidationResult(msgId: string, from: string, r: 'accept' | 'ignore' | 'reject'): void {
    this.reports.push([msgId, from, r]);
  }
  addEventListener(_t: 'gossipsub:message', fn: never): void {
    this.fn = fn;
  }
  deliver(topic: string, msgId: string, from: string, data: Uint8Array): void {
    this.fn!(new CustomEvent('gossipsub:message', { detail: { propagationSource: { toString: () => from }, msgId, msg: { topic, data } } }));
  }
}

test('gossip router: verdicts are reported, rejects charged, a full queue ignores, a flooding peer is charged', async () => {
  const ps = new FakePubSub();
  const charged: Array<[string, number, string]> = [];
  const router = new GossipRouter(ps, (p, pts, why) => charged.push([p, pts, why]));
  let release: () => void = () => undefined;
  const gate = new Promise<void>((r) => (release = r));
  router.add('t', { queue: 2, rate: { perSecond: 1000, burst: 1000 } }, async (d) => {
    await gate;
    return d[0] === 1 ? { result: 'accept' } : d[0] === 2 ? { result: 'ignore' } : { result: 'reject', points: 40, reason: 'bad' };
  });
  ps.deliver('t', 'm1', 'A', Uint8Array.of(1)); // taken by the validator at once
  ps.deliver('t', 'm2', 'A', Uint8Array.of(2)); // queued
  ps.deliver('t', 'm3', 'B', Uint8Array.of(3)); // queued
  ps.deliver('t', 'm4', 'B', Uint8Array.of(1)); // queue full: ignored at once
  assert.deepEqual(ps.reports, [['m4', 'B', 'ignore']]);
  release();
  await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(ps.reports.slice(1), [
    ['m1', 'A', 'accept'],
    ['m2', 'A', 'ignore'],
    ['m3', 'B', 'reject'],
  ]);
  assert.deepEqual(charged, [['B', 40, 'bad']]);
  // A topic without a validator ignores; a peer above its rate is ignored and charged for the flood.
  router.add('quiet', { queue: 10, rate: { perSecond: 0, burst: 1 } });
  ps.deliver('quiet', 'q1', 'C', Uint8Array.of(1));
  assert.deepEqual(ps.reports.at(-1), ['q1', 'C', 'ignore']);
  router.add('slow', { queue: 10, rate: { perSecond: 0, burst: 1 } }, async () => ({ result: 'accept' }));
  ps.deliver('slow', 's1', 'D', Uint8Array.of(1));
  ps.deliver('slow', 's2', 'D', Uint8Array.of(1));
  await new Promise((r) => setTimeout(r, 10));
  assert.ok(charged.some(([p, , why]) => p === 'D' && /flood/.test(why)));
  // Message ids come from topic and payload only.
  assert.deepEqual(messageId('t', Uint8Array.of(1, 2)), messageId('t', Uint8Array.of(1, 2)));
  assert.notDeepEqual(messageId('t', Uint8Array.of(1, 2)), messageId('u', Uint8Array.of(1, 2)));
  assert.equal(messageId('t', Uint8Array.of(1)).length, 20);
});
