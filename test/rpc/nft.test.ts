/**
 * nft_* and market_* methods and the NFT content routes over a real server on a test chain with a
 * creator collection (royalty, per-token override, a token without content), a mined collection,
 * a sale, an active and a stale listing: results, result schemas as published through OpenRPC,
 * not-found (-32001) and bad params (-32602), GET metadata.json / audio.wav with ETags, 304, 404, 400.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import Fastify from 'fastify';
import { Mempool } from '../../src/mempool/mempool.js';
import { createRpcServer, type RpcServer } from '../../src/rpc/server.js';
import { registerContentRoutes, etagMatches, Lru } from '../../src/rpc/content.js';
import { RPC_METHODS } from '../../src/rpc/methods/index.js';
import { bytesToHex, hexToBytes } from '../../src/encoding/hex.js';
import { encodeTx } from '../../src/primitives/tx.js';
import { renderWav, SAMPLE_RATE, DEFAULT_SECONDS, WAV_HEADER_BYTES } from '../../src/nft/music.js';
import { findNftNonce, mineParamsOf, type NftMiningJob } from '../../src/nft/nft-miner.js';
import { DEFAULT_POW, expectedHashes, generationOf, powPreimage, powTarget } from '../../src/state/modules/nft/pow.js';
import { MineParams, MintParams, NftTransferParams } from '../../src/state/modules/nft/schemas.js';
import { BuyParams, CancelAllParams, ListParams } from '../../src/state/modules/market/schemas.js';
import {
  assertSuccess,
  commandTx,
  collectionParams,
  createCollection,
  createNftTestChain,
  mineToken,
  minedCollectionParams,
  send,
  TEST_ASSET,
} from '../../src/testing/nft.js';
import type { TestChain } from '../../src/testing/chain.js';
import { FakeMiner } from './helpers.js';
import { schemaErrors } from './json-schema.js';

const sha = (s: string) => new Uint8Array(createHash('sha256').update(s).digest());

let tc: TestChain;
let mempool: Mempool;
let server: RpcServer;
let schemas: Map<string, any>;
const exercised = new Set<string>();
let creatorId: number;
let minedId: number;
const PRICE = 1_000_003n;

async function rpc(method: string, params?: unknown): Promise<any> {
  const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, ...(params === undefined ? {} : { params }) }) });
  return res.json();
}

/** Result of a call, checked against the method's published result schema. */
async function call(method: string, params?: unknown): Promise<any> {
  const r = await rpc(method, params);
  if (r.error) throw Object.assign(new Error(`${method}: ${r.error.message}`), { rpc: r.error });
  const m = schemas.get(method);
  if (m) {
    exercised.add(method);
    assert.deepEqual(schemaErrors(m.result.schema, r.result), [], `${method} result conforms to its schema`);
    if (Array.isArray(params)) params.forEach((p, i) => assert.deepEqual(schemaErrors(m.params[i].schema, p), [], `${method} param ${i}`));
  }
  return r.result;
}

/** The error object of a call that must fail with `code`. */
async function fails(method: string, params: unknown, code: number, dataCode?: string): Promise<any> {
  const r = await rpc(method, params);
  assert.ok(r.error, `${method} ${JSON.stringify(params)} should fail`);
  assert.equal(r.error.code, code, `${method} ${JSON.stringify(params)}: ${r.error.message}`);
  if (dataCode) assert.equal(r.error.data.code, dataCode);
  return r.error;
}

before(async () => {
  tc = await createNftTestChain({ accounts: 4 });
  const [a, b, c, d] = tc.keys;
  creatorId = await createCollection(tc, a, collectionParams({ name: 'Gallery', symbol: 'GAL', baseUri: 'ipfs://gallery/', royalty: { receiver: c.address, bps: 500 } }));
  const mint = (tokenId: bigint, to: Uint8Array, over: Partial<MintParams> = {}) =>
    send(tc, a, 'nft', 'mint', MintParams, { collectionId: creatorId, tokenId, to, contentHash: sha(`art ${tokenId}`), uri: '', royalty: null, ...over });
  assertSuccess(await mint(1n, a.address));
  assertSuccess(await mint(2n, b.address, { uri: 'ar://two', royalty: { receiver: d.address, bps: 250 } }));
  assertSuccess(await mint(3n, a.address, { contentHash: new Uint8Array(32) }));
  assertSuccess(await mint(10n, a.address));
  minedId = await createCollection(tc, b, minedCollectionParams({ divisor: 2n }, { mintPrice: 5n }));
  for (let i = 0; i < 3; i++) assertSuccess((await mineToken(tc, minedId, i === 1 ? b : a)).receipt);
  const far = BigInt(tc.clock.t + 1_000_000);
  // a lists token 1, d buys it (royalty to c), d lists it again in the test asset: active.
  assertSuccess(await send(tc, a, 'market', 'list', ListParams, { collectionId: creatorId, tokenId: 1n, price: PRICE, assetId: 0, expiresAt: far }));
  assertSuccess(await send(tc, d, 'market', 'buy', BuyParams, { collectionId: creatorId, tokenId: 1n, price: PRICE, assetId: 0 }));
  assertSuccess(await send(tc, d, 'market', 'list', ListParams, { collectionId: creatorId, tokenId: 1n, price: 777_777n, assetId: TEST_ASSET, expiresAt: far }));
  // b lists token 2, then moves it: stale.
  assertSuccess(await send(tc, b, 'market', 'list', ListParams, { collectionId: creatorId, tokenId: 2n, price: 42n, assetId: 0, expiresAt: far }));
  assertSuccess(await send(tc, b, 'nft', 'transfer', NftTransferParams, { collectionId: creatorId, tokenId: 2n, to: d.address }));
  assertSuccess(await send(tc, a, 'market', 'cancelAll', CancelAllParams, {}));
  mempool = new Mempool(tc.chain);
  server = await createRpcServer({ chain: tc.chain, mempool, miner: new FakeMiner() }, { port: 0 });
  const doc = (await rpc('rpc.discover')).result;
  schemas = new Map(doc.methods.map((m: any) => [m.name, m]));
});

after(async () => {
  await server?.close();
  mempool?.dispose();
});

test('nft_getCollection: a creator collection and a mined one with its next target, expected hashes and price', async () => {
  const [a, b, c] = tc.keys;
  const g = await call('nft_getCollection', [creatorId]);
  assert.equal(g.collectionId, creatorId);
  assert.equal(g.creator, a.addressText);
  assert.equal(g.name, 'Gallery');
  assert.equal(g.symbol, 'GAL');
  assert.equal(g.minted, '4');
  assert.equal(g.mintRule, 'creator');
  assert.deepEqual(g.royalty, { receiver: c.addressText, bps: 500 });
  assert.equal(g.pow, null);
  assert.equal(g.next, undefined);
  const m = await call('nft_getCollection', { collectionId: minedId });
  assert.equal(m.creator, b.addressText);
  assert.equal(m.mintRule, 'mined');
  assert.equal(m.minted, '3');
  assert.deepEqual(m.pow, { divisor: '2', ramp: DEFAULT_POW.ramp, linearAfter: DEFAULT_POW.linearAfter });
  const pow = { ...DEFAULT_POW, divisor: 2n };
  const t = powTarget(pow, 3n);
  assert.deepEqual(m.next, { tokenId: '4', generation: 2, target: t.toString(16).padStart(64, '0'), expectedHashes: expectedHashes(t).toString(), price: '15' });
  await fails('nft_getCollection', [999], -32001, 'NFT_NOT_FOUND');
  for (const bad of [[-1], [2 ** 32], ['1'], [1.5], [null], [], [1, 2], { id: 1 }]) await fails('nft_getCollection', bad, -32602);
});

test('nft_listCollections: every collection in id order, paged', async () => {
  const all = await call('nft_listCollections');
  assert.equal(all.total, 2);
  assert.deepEqual(all.collections.map((c: any) => c.collectionId), [creatorId, minedId]);
  const page = await call('nft_listCollections', [{ offset: 1, limit: 1 }]);
  assert.deepEqual(page.collections.map((c: any) => c.collectionId), [minedId]);
  assert.equal(page.offset, 1);
  assert.equal((await call('nft_listCollections', [{ offset: 5 }])).collections.length, 0);
  for (const bad of [[{ limit: 0 }], [{ limit: 1001 }], [{ offset: -1 }], [{ foo: 1 }], ['x'], [[1]], [{ limit: '1' }]]) await fails('nft_listCollections', bad, -32602);
});

test('nft_getToken: owner, effective URI and royalty (token override, else the collection default), version', async () => {
  const [, b, c, d] = tc.keys;
  const t1 = await call('nft_getToken', [creatorId, '1']);
  assert.equal(t1.owner, d.addressText, 'bought by d');
  assert.equal(t1.tokenUri, 'ipfs://gallery/1');
  assert.deepEqual(t1.effectiveRoyalty, { receiver: c.addressText, bps: 500 });
  assert.equal(t1.royalty, null);
  assert.equal(t1.version, '1');
  assert.equal(t1.contentHash, bytesToHex(sha('art 1')));
  const t2 = await call('nft_getToken', [creatorId, 2]);
  assert.equal(t2.tokenUri, 'ar://two');
  assert.deepEqual(t2.effectiveRoyalty, { receiver: d.addressText, bps: 250 });
  assert.equal(t2.owner, d.addressText);
  assert.notEqual(t2.owner, b.addressText);
  const mined = await call('nft_getToken', { collectionId: minedId, tokenId: '1' });
  assert.equal(mined.owedShare, '10', 'token 1 is owed one unit (5) for each of tokens 2 and 3');
  await fails('nft_getToken', [creatorId, '4'], -32001, 'NFT_NOT_FOUND');
  await fails('nft_getToken', [999, '1'], -32001, 'NFT_NOT_FOUND');
  for (const bad of [[creatorId, '01'], [creatorId, '-1'], [creatorId, (1n << 64n).toString()], [creatorId, 1.5], [creatorId, '0x1'], [creatorId], [creatorId, '1', 3]]) await fails('nft_getToken', bad, -32602);
  assert.equal((await call('nft_getToken', [creatorId, '10'])).tokenId, '10');
});

test('nft_tokensOf and nft_tokensIn: owner index and collection scan, paged', async () => {
  const [a, , , d] = tc.keys;
  const mine = await call('nft_tokensOf', [a.addressText]);
  assert.equal(mine.address, a.addressText);
  assert.deepEqual(mine.tokens.map((t: any) => [t.collectionId, t.tokenId]), [[creatorId, '3'], [creatorId, '10'], [minedId, '1'], [minedId, '3']]);
  assert.equal(mine.total, 4);
  const page = await call('nft_tokensOf', [a.addressText, { offset: 1, limit: 2 }]);
  assert.deepEqual(page.tokens.map((t: any) => [t.collectionId, t.tokenId]), [[creatorId, '10'], [minedId, '1']]);
  assert.deepEqual((await call('nft_tokensOf', [d.addressText])).tokens.map((t: any) => t.tokenId), ['1', '2']);
  await fails('nft_tokensOf', ['cw1notanaddress'], -32602);
  await fails('nft_tokensOf', [a.addressText, { limit: 0 }], -32602);
  const inMined = await call('nft_tokensIn', [minedId]);
  assert.deepEqual(inMined.tokens.map((t: any) => t.tokenId), ['1', '2', '3']);
  assert.equal(inMined.limit, 100);
  const p2 = await call('nft_tokensIn', [creatorId, { offset: 1, limit: 2 }]);
  assert.deepEqual(p2.tokens.map((t: any) => t.tokenId), ['2', '3']);
  await fails('nft_tokensIn', [999], -32001, 'NFT_NOT_FOUND');
  for (const bad of [[minedId, { offset: 'x' }], [minedId, { limit: 2.5 }], [minedId, { page: 1 }], ['1']]) await fails('nft_tokensIn', bad, -32602);
});

test('nft_miningJob: the preimage fields, target and price; a nonce found from them mints the next token', async () => {
  const [a] = tc.keys;
  const job = await call('nft_miningJob', [minedId, a.addressText]);
  const c = await call('nft_getCollection', [minedId]);
  assert.equal(job.prevHash, c.prevHash);
  assert.equal(job.minerBytes, bytesToHex(a.address));
  assert.equal(job.tag, 'cw-nft-pow/1');
  assert.equal(job.preimage, bytesToHex(powPreimage(minedId, hexToBytes(c.prevHash), a.address, 0n, 0)));
  assert.equal(job.tokenId, '4');
  assert.equal(job.minted, '3');
  assert.equal(job.generation, generationOf(3n));
  assert.equal(job.target, c.next.target);
  assert.equal(job.expectedHashes, c.next.expectedHashes);
  assert.equal(job.price, '15');
  assert.equal(job.assetId, 0);
  assert.equal(job.height, tc.chain.tip.height);
  // A miner that only knows the RPC answer finds a nonce the chain accepts.
  const local: NftMiningJob = {
    collectionId: job.collectionId,
    prevHash: hexToBytes(job.prevHash),
    miner: hexToBytes(job.minerBytes),
    minted: BigInt(job.minted),
    tokenId: BigInt(job.tokenId),
    generation: job.generation,
    target: BigInt(`0x${job.target}`),
    expectedHashes: BigInt(job.expectedHashes),
    price: BigInt(job.price),
    assetId: job.assetId,
  };
  const { find } = findNftNonce(local, { maxHashes: 2 ** 24 });
  assert.ok(find);
  const tx = await commandTx(tc, a, 'nft', 'mine', MineParams, mineParamsOf(find));
  await call('tx_send', [bytesToHex(encodeTx(tx.tx))]);
  const { mineBlock } = await import('../../src/testing/chain.js');
  await mineBlock(tc, { txs: mempool.select({ maxGas: tc.params.fees.blockGasLimit }) });
  assert.equal((await call('nft_getToken', [minedId, '4'])).owner, a.addressText);
  const next = await call('nft_miningJob', [minedId, a.addressText]);
  assert.notEqual(next.prevHash, job.prevHash, 'the mint changed prevHash');
  assert.equal(next.tokenId, '5');
  await fails('nft_miningJob', [creatorId, a.addressText], -32000, 'NFT_NOT_MINED');
  await fails('nft_miningJob', [999, a.addressText], -32001, 'NFT_NOT_FOUND');
  await fails('nft_miningJob', [minedId, 'cw1xyz'], -32602);
  await fails('nft_miningJob', [minedId], -32602);
});

test('nft_metadata: traits from the content hash, generation for mined tokens; no content is -32000', async () => {
  const m = await call('nft_metadata', [creatorId, '1']);
  assert.equal(m.name, 'Gallery #1');
  assert.equal(m.content_hash, bytesToHex(sha('art 1')));
  assert.equal(m.audio.sample_rate, SAMPLE_RATE);
  assert.equal(m.audio.sha256, bytesToHex(sha256Bytes(renderWav(sha('art 1')))));
  assert.ok(m.attributes.some((x: any) => x.trait_type === 'Element'));
  assert.ok(!m.attributes.some((x: any) => x.trait_type === 'Generation'));
  const mined = await call('nft_metadata', [minedId, '3']);
  assert.deepEqual(mined.attributes.find((x: any) => x.trait_type === 'Generation'), { trait_type: 'Generation', value: 1, display_type: 'number' });
  await fails('nft_metadata', [creatorId, '3'], -32000, 'NFT_NO_CONTENT');
  await fails('nft_metadata', [creatorId, '4'], -32001, 'NFT_NOT_FOUND');
  await fails('nft_metadata', [998, '1'], -32001, 'NFT_NOT_FOUND');
  await fails('nft_metadata', [creatorId, 'one'], -32602);
});

function sha256Bytes(b: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(b).digest());
}

test('market_getListing: status at the head and the exact split; stale after a transfer; -32001 when not listed', async () => {
  const [, b, c, d] = tc.keys;
  const l = await call('market_getListing', [creatorId, '1']);
  assert.equal(l.seller, d.addressText);
  assert.equal(l.status, 'active');
  assert.equal(l.price, '777777');
  assert.equal(l.assetId, TEST_ASSET);
  assert.equal(l.royaltyReceiver, c.addressText);
  assert.equal(l.royalty, ((777_777n * 500n) / 10_000n).toString());
  assert.equal(l.feeBps, 100);
  assert.equal(l.fee, ((777_777n * 100n) / 10_000n).toString());
  assert.equal(BigInt(l.royalty) + BigInt(l.fee) + BigInt(l.proceeds), 777_777n);
  assert.equal(l.checkedAt, tc.chain.tip.header.time);
  const stale = await call('market_getListing', { collectionId: creatorId, tokenId: '2' });
  assert.equal(stale.seller, b.addressText);
  assert.equal(stale.status, 'TX_LISTING_STALE');
  await fails('market_getListing', [creatorId, '10'], -32001, 'LISTING_NOT_FOUND');
  await fails('market_getListing', [creatorId, 'x'], -32602);
});

test('market_listings: all, by seller, by collection, paged; strict filter', async () => {
  const [a, b, , d] = tc.keys;
  const all = await call('market_listings');
  assert.equal(all.total, 2);
  assert.deepEqual(all.listings.map((l: any) => l.tokenId), ['1', '2']);
  assert.deepEqual((await call('market_listings', [{ seller: d.addressText }])).listings.map((l: any) => l.tokenId), ['1']);
  assert.deepEqual((await call('market_listings', [{ seller: b.addressText, collectionId: creatorId }])).listings.map((l: any) => l.status), ['TX_LISTING_STALE']);
  assert.equal((await call('market_listings', [{ seller: a.addressText }])).total, 0);
  assert.equal((await call('market_listings', [{ collectionId: minedId }])).total, 0);
  assert.deepEqual((await call('market_listings', [{ offset: 1, limit: 1 }])).listings.map((l: any) => l.tokenId), ['2']);
  for (const bad of [[{ seller: 'nope' }], [{ collectionId: -1 }], [{ status: 'active' }], ['all'], [{}, 1]]) await fails('market_listings', bad, -32602);
});

test('market_account: counter and claimable royalty, exactly floor(price x bps / 10000)', async () => {
  const [a, , c] = tc.keys;
  const r = await call('market_account', [c.addressText]);
  assert.deepEqual(r, { address: c.addressText, assetId: 0, counter: '0', claimable: ((PRICE * 500n) / 10_000n).toString() });
  const sellerA = await call('market_account', [a.addressText, 0]);
  assert.equal(sellerA.counter, '1', 'cancelAll bumped it');
  assert.equal(sellerA.claimable, '0');
  assert.equal((await call('market_account', { address: c.addressText, assetId: TEST_ASSET })).claimable, '0');
  await fails('market_account', [c.addressText, 2 ** 32], -32602);
  await fails('market_account', [], -32602);
});

test('every nft_* and market_* method is published and its results conform to its schema', () => {
  const ours = RPC_METHODS.map((m) => m.name).filter((n) => /^(nft|market)_/.test(n));
  assert.deepEqual(ours.sort(), [
    'market_account',
    'market_getListing',
    'market_listings',
    'nft_getCollection',
    'nft_getToken',
    'nft_listCollections',
    'nft_metadata',
    'nft_miningJob',
    'nft_tokensIn',
    'nft_tokensOf',
  ]);
  for (const n of ours) {
    assert.ok(schemas.has(n), `${n} is in rpc.discover`);
    assert.ok(exercised.has(n), `${n} was exercised with a schema check`);
  }
});

function parseWav(b: Uint8Array) {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const ascii = (o: number, n: number) => String.fromCharCode(...b.subarray(o, o + n));
  return { riff: ascii(0, 4), wave: ascii(8, 4), rate: v.getUint32(24, true), bits: v.getUint16(34, true), channels: v.getUint16(22, true), dataSize: v.getUint32(40, true) };
}

test('GET audio.wav: the token music as audio/wav with a strong ETag (the content hash), 304 on If-None-Match, HEAD', async () => {
  const url = `${server.url}/nft/${minedId}/2/audio.wav`;
  const token = await call('nft_getToken', [minedId, '2']);
  const r1 = await fetch(url);
  assert.equal(r1.status, 200);
  assert.equal(r1.headers.get('content-type'), 'audio/wav');
  assert.equal(r1.headers.get('etag'), `"${token.contentHash}"`);
  const wav = new Uint8Array(await r1.arrayBuffer());
  assert.deepEqual(wav, renderWav(hexToBytes(token.contentHash)));
  const w = parseWav(wav);
  assert.deepEqual([w.riff, w.wave, w.rate, w.bits, w.channels], ['RIFF', 'WAVE', SAMPLE_RATE, 16, 1]);
  assert.equal(w.dataSize, SAMPLE_RATE * DEFAULT_SECONDS * 2);
  assert.equal(wav.length, WAV_HEADER_BYTES + SAMPLE_RATE * DEFAULT_SECONDS * 2);
  assert.equal(Number(r1.headers.get('content-length')), wav.length);
  const r2 = await fetch(url);
  assert.deepEqual(new Uint8Array(await r2.arrayBuffer()), wav, 'byte-identical on a second fetch');
  const r304 = await fetch(url, { headers: { 'if-none-match': `W/"x", "${token.contentHash}"` } });
  assert.equal(r304.status, 304);
  assert.equal(r304.headers.get('etag'), `"${token.contentHash}"`);
  assert.equal((await fetch(url, { headers: { 'if-none-match': '"other"' } })).status, 200);
  const head = await fetch(url, { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(head.headers.get('content-type'), 'audio/wav');
});

test('GET metadata.json: traits with an absolute animation_url to the WAV and its SHA-256; ETag and 304', async () => {
  const url = `${server.url}/nft/${minedId}/1/metadata.json`;
  const r = await fetch(url);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type') ?? '', /^application\/json/);
  const etag = r.headers.get('etag');
  assert.match(etag ?? '', /^"[0-9a-f]{64}"$/);
  const m = (await r.json()) as any;
  assert.equal(m.animation_url, `${server.url}/nft/${minedId}/1/audio.wav`);
  assert.deepEqual(m.attributes, (await call('nft_metadata', [minedId, '1'])).attributes);
  const wav = new Uint8Array(await (await fetch(m.animation_url)).arrayBuffer());
  assert.equal(m.audio.sha256, bytesToHex(sha256Bytes(wav)));
  assert.equal((await fetch(url, { headers: { 'if-none-match': etag! } })).status, 304);
});

test('GET content: 404 JSON for unknown tokens and tokens without content, 400 for bad path params, origin policy kept', async () => {
  const notFound = async (path: string, code: string) => {
    const r = await fetch(`${server.url}${path}`);
    assert.equal(r.status, 404, path);
    assert.match(r.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(((await r.json()) as any).error.code, code, path);
  };
  await notFound(`/nft/${creatorId}/4/audio.wav`, 'NFT_NOT_FOUND');
  await notFound(`/nft/999/1/metadata.json`, 'NFT_NOT_FOUND');
  await notFound(`/nft/${creatorId}/3/audio.wav`, 'NFT_NO_CONTENT');
  await notFound(`/nft/${creatorId}/3/metadata.json`, 'NFT_NO_CONTENT');
  for (const [c, t] of [['01', '1'], ['1', '01'], ['-1', '1'], ['1', '-1'], ['4294967296', '1'], ['1', '18446744073709551616'], ['x', '1'], ['1', '1e3'], ['1', '%20'], ['1', '0x1'], [' 1', '1']]) {
    for (const file of ['audio.wav', 'metadata.json']) {
      const r = await fetch(`${server.url}/nft/${encodeURIComponent(c)}/${encodeURIComponent(t)}/${file}`);
      assert.equal(r.status, 400, `${c}/${t}/${file}`);
      assert.equal(((await r.json()) as any).error.code, 'NFT_BAD_PARAM');
    }
  }
  // Largest ids are well-formed: 404, not 400.
  await notFound(`/nft/4294967295/18446744073709551615/audio.wav`, 'NFT_NOT_FOUND');
  assert.equal((await fetch(`${server.url}/nft/${minedId}/1/other.txt`)).status, 404);
  assert.equal((await fetch(`${server.url}/nft/${minedId}/1/audio.wav`, { method: 'POST' })).status, 404);
  const evil = await fetch(`${server.url}/nft/${minedId}/1/audio.wav`, { headers: { origin: 'https://evil.example' } });
  assert.equal(evil.status, 403, 'a browser origin not allowed is refused, as for JSON-RPC');
});

test('content routes: rendered WAVs are cached in an LRU keyed by content hash', async () => {
  const app = Fastify();
  const stats = registerContentRoutes(app, tc.chain, { wavCacheEntries: 1 });
  const get = async (path: string) => (await app.inject({ method: 'GET', url: path })).rawPayload;
  const w1 = await get(`/nft/${minedId}/1/audio.wav`);
  assert.equal(stats.renders, 1);
  assert.deepEqual(await get(`/nft/${minedId}/1/audio.wav`), w1);
  assert.equal(stats.renders, 1, 'second fetch from the cache');
  await get(`/nft/${minedId}/2/audio.wav`);
  assert.equal(stats.renders, 2);
  await get(`/nft/${minedId}/1/audio.wav`);
  assert.equal(stats.renders, 3, 'evicted by the other token (capacity 1)');
  await app.close();
  const lru = new Lru<string, number>(2);
  lru.set('a', 1);
  lru.set('b', 2);
  lru.get('a');
  lru.set('c', 3);
  assert.deepEqual([lru.get('a'), lru.get('b'), lru.get('c'), lru.size], [1, undefined, 3, 2]);
  assert.equal(etagMatches('*', '"x"'), true);
  assert.equal(etagMatches('W/"x"', '"x"'), true);
  assert.equal(etagMatches('"y"', '"x"'), false);
  assert.equal(etagMatches(undefined, '"x"'), false);
});
