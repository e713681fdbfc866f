/**
 * The client SDK's NFT side against a real server: `sendCommand` for any module command (chain id,
 * nonce, fees and gas from the node), NftClient's nft and market commands and reads, the content
 * downloads, and errors (RpcError with the node's code, NftContentError with the HTTP status).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { CoinworksClient, NftClient, NftContentError, RpcError, sendCommand } from '../../src/client/index.js';
import { bytesToHex } from '../../src/encoding/hex.js';
import { Mempool } from '../../src/mempool/mempool.js';
import { renderWav } from '../../src/nft/music.js';
import { createRpcServer, type RpcServer } from '../../src/rpc/server.js';
import { mineBlock, type TestChain } from '../../src/testing/chain.js';
import { createNftTestChain } from '../../src/testing/nft.js';
import type { TestKey } from '../../src/testing/keys.js';
import { TransferParams } from '../../src/state/modules/bank/schemas.js';
import { FakeMiner } from './helpers.js';

let tc: TestChain;
let mempool: Mempool;
let server: RpcServer;
let nft: NftClient;

const signerOf = (k: TestKey) => ({ signer: k.sign, publicKey: k.publicKey });

/** Mines everything pending and returns the receipt of `id`. */
async function mined(client: CoinworksClient, id: string) {
  await mineBlock(tc, { txs: mempool.select({ maxGas: tc.params.fees.blockGasLimit }) });
  const r = await client.waitForTx(id, { timeoutMs: 5_000, pollMs: 20 });
  assert.equal(r.receipt.status, 'success', r.receipt.error ?? '');
  return r;
}

before(async () => {
  tc = await createNftTestChain({ accounts: 3 });
  mempool = new Mempool(tc.chain);
  server = await createRpcServer({ chain: tc.chain, mempool, miner: new FakeMiner() }, { port: 0 });
  nft = new NftClient(new CoinworksClient(server.url));
});

after(async () => {
  await server?.close();
  mempool?.dispose();
});

test('sendCommand signs any module command with what the node reports (here bank.transfer)', async () => {
  const [a, b] = tc.keys;
  const { id, tx } = await sendCommand(nft.client, { ...signerOf(a), module: 'bank', command: 'transfer', schema: TransferParams, params: { to: b.address, assetId: 0, amount: 5n, memo: new Uint8Array(0) } });
  assert.equal(tx.body.chainId, tc.params.chainId);
  assert.equal(tx.body.module, 'bank');
  const gas = await nft.client.estimateGas('bank', 'transfer', tx.body.params);
  assert.equal(tx.body.gasLimit.toString(), gas.gas);
  await mined(nft.client, id);
});

test('NftClient: create, mint, read back, metadata, WAV and metadata document; list, buy, claimable', async () => {
  const [a, b, c] = tc.keys;
  const created = await nft.createCollection(signerOf(a), { name: 'Sdk', symbol: 'SDK', maxSupply: 0n, royalty: { receiver: c.address, bps: 1000 }, baseUri: '', mintRule: 'creator', mintPrice: 0n, mintAsset: 0, pow: null });
  const inc = await mined(nft.client, created.id);
  const collectionId = (inc.receipt.events.find((e) => e.name === 'collectionCreated')!.data as { collectionId: number }).collectionId;
  const contentHash = new Uint8Array(createHash('sha256').update('sdk art').digest());
  await mined(nft.client, (await nft.mint(signerOf(a), { collectionId, tokenId: 7n, to: a.address, contentHash, uri: '', royalty: null })).id);

  const col = await nft.getCollection(collectionId);
  assert.equal(col.name, 'Sdk');
  assert.equal(col.minted, '1');
  const tok = await nft.getToken(collectionId, 7n);
  assert.equal(tok.owner, a.addressText);
  assert.equal(tok.contentHash, bytesToHex(contentHash));
  assert.equal((await nft.tokensOf(a.addressText)).tokens.length, 1);
  assert.deepEqual((await nft.tokensIn(collectionId, { limit: 5 })).tokens.map((t) => t.tokenId), ['7']);
  assert.ok((await nft.listCollections()).collections.some((x) => x.collectionId === collectionId));

  const meta = await nft.metadata(collectionId, 7);
  assert.equal(meta.content_hash, bytesToHex(contentHash));
  const wav = await nft.fetchAudio(collectionId, '7');
  assert.deepEqual(wav, renderWav(contentHash));
  assert.equal(meta.audio.sha256, createHash('sha256').update(wav).digest('hex'));
  const doc = await nft.fetchMetadataDocument(collectionId, 7n);
  assert.equal(doc.animation_url, nft.audioUrl(collectionId, 7n));
  assert.deepEqual(doc.attributes, meta.attributes);

  const head = await nft.client.getHead();
  await mined(nft.client, (await nft.list(signerOf(a), { collectionId, tokenId: 7n, price: 10_001n, assetId: 0, expiresAt: BigInt(head.time + 3600) })).id);
  const l = await nft.getListing(collectionId, 7n);
  assert.equal(l.status, 'active');
  assert.equal(l.royalty, '1000');
  assert.equal((await nft.listings({ seller: a.addressText })).total, 1);
  // The buyer restates price and currency: a wrong one is refused at admission with the rule's code.
  await assert.rejects(nft.buy(signerOf(b), { collectionId, tokenId: 7n, price: 10_000n, assetId: 0 }), (e: unknown) => e instanceof RpcError && e.code === 'TX_LISTING_MISMATCH');
  await mined(nft.client, (await nft.buy(signerOf(b), { collectionId, tokenId: 7n, price: 10_001n, assetId: 0 })).id);
  assert.equal((await nft.getToken(collectionId, 7n)).owner, b.addressText);
  assert.deepEqual(await nft.marketAccount(c.addressText), { address: c.addressText, assetId: 0, counter: '0', claimable: '1000' });
  await mined(nft.client, (await nft.claim(signerOf(c), { assetId: 0 })).id);
  assert.equal((await nft.marketAccount(c.addressText, 0)).claimable, '0');
  await mined(nft.client, (await nft.cancelAll(signerOf(b))).id);
  assert.equal((await nft.marketAccount(b.addressText)).counter, '1');
});

test('errors: RpcError with the node code for reads, NftContentError with the HTTP status for content', async () => {
  await assert.rejects(nft.getToken(9999, 1n), (e: unknown) => e instanceof RpcError && e.rpcCode === -32001 && e.code === 'NFT_NOT_FOUND');
  await assert.rejects(nft.getListing(9999, 1n), (e: unknown) => e instanceof RpcError && e.code === 'LISTING_NOT_FOUND');
  await assert.rejects(nft.miningJob(9999, tc.keys[0].addressText), (e: unknown) => e instanceof RpcError && e.code === 'NFT_NOT_FOUND');
  await assert.rejects(nft.fetchAudio(9999, 1n), (e: unknown) => e instanceof NftContentError && e.status === 404 && e.code === 'NFT_NOT_FOUND');
  await assert.rejects(nft.fetchAudio(1, '01'), (e: unknown) => e instanceof NftContentError && e.status === 400 && e.code === 'NFT_BAD_PARAM');
});

test('content URLs keep the RPC URL path (a node behind a path prefix)', () => {
  const n = new NftClient(new CoinworksClient('http://node.example:8645/rpc/'));
  assert.equal(n.audioUrl(2, 5n), 'http://node.example:8645/rpc/nft/2/5/audio.wav');
  assert.equal(n.metadataUrl(2, '5'), 'http://node.example:8645/rpc/nft/2/5/metadata.json');
  assert.equal(new NftClient(new CoinworksClient('http://127.0.0.1:8645')).audioUrl(1, 1), 'http://127.0.0.1:8645/nft/1/1/audio.wav');
});
