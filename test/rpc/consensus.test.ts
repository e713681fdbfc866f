/**
 * RPC faces of the BFT engine over a real server on a node of an in-process proof-of-stake
 * network: `consensus_getStatus` (height, round, step, proposer, the tip's commit, this node's
 * validator and its index, finality figures) and the `consensus` view of `chain_getBlock`
 * (proposer, round, its own commit from the justification, the parent's commit), both to their
 * published schemas.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRpcServer } from '../../src/rpc/server.js';
import { RPC_METHODS } from '../../src/rpc/methods/index.js';
import { encodeAddress } from '../../src/crypto/address.js';
import { hashToDisplay } from '../../src/encoding/hex.js';
import { decodeBlockData } from '../../src/consensus/bft/chain-data.js';
import { BftTestNetwork } from '../../src/testing/bft-network.js';
import { FakeMiner } from './helpers.js';
import { schemaErrors } from './json-schema.js';

test('consensus_getStatus and the consensus view of chain_getBlock on a BFT node', { timeout: 120_000 }, async () => {
  const net = await BftTestNetwork.start();
  const node = net.nodes[1];
  const server = await createRpcServer({ chain: node.chain, mempool: node.mempool, miner: new FakeMiner(), consensus: node.service }, { port: 0, methods: RPC_METHODS });
  try {
    await net.waitForHeight(4);
    let id = 1;
    const doc = (await (await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: id++, method: 'rpc.discover' }) })).json()).result;
    const byName = new Map<string, any>(doc.methods.map((m: any) => [m.name, m]));
    const call = async (method: string, params: unknown[] = []) => {
      const r = await (await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: id++, method, params }) })).json();
      assert.equal(r.error, undefined, JSON.stringify(r.error));
      assert.deepEqual(schemaErrors(byName.get(method).result.schema, r.result), [], `${method} result`);
      return r.result;
    };
    const s = await call('consensus_getStatus');
    assert.equal(s.engine, 'bft');
    assert.equal(s.running, true);
    assert.ok(s.height >= 4);
    assert.equal(s.validator.address, encodeAddress(node.key!.address));
    assert.ok(s.validator.index >= 0 && s.validator.index < 4);
    assert.ok(s.lastCommit.height >= 3 && s.lastCommit.signatures >= 3);
    const b = await call('chain_getBlock', [3]);
    const pb = (await node.chain.getBlock(node.chain.index.atHeight(3)!.hash))!;
    const data = decodeBlockData(pb.block.coinbase.consensus);
    assert.equal(b.consensus.engine, 'bft');
    assert.equal(b.consensus.proposer, encodeAddress(data.proposer));
    assert.equal(b.consensus.round, data.round);
    assert.equal(b.consensus.commit.height, '3');
    assert.equal(b.consensus.commit.blockHash, hashToDisplay(pb.hash));
    assert.equal(b.consensus.parentCommit.height, '2');
  } finally {
    await server.close();
    await net.close();
  }
});
