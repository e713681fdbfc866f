/**
 * The client SDK's governed-minting wrappers against a real RPC server and mempool: reads,
 * `sendCommand` for a direct command, `propose` with Safe's recommended nonce (queued behind
 * pending proposals) or an explicit one, `approve` reaching the threshold, `execute` of a
 * proposal that waited for its nonce, and typed errors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CoinworksClient, IssuanceClient, recommendedNonce, RpcError } from '../../src/client/index.js';
import { encodeAddress } from '../../src/crypto/address.js';
import { Mempool } from '../../src/mempool/mempool.js';
import { createRpcServer } from '../../src/rpc/server.js';
import { mineBlock } from '../../src/testing/chain.js';
import type { TestKey } from '../../src/testing/keys.js';
import { AssetRef, AttestParams, MintParams } from '../../src/state/modules/stablecoin/schemas.js';
import { FakeMiner } from './helpers.js';
import { governed, reportHash } from '../state/stablecoin-helpers.js';

const USD = 1_000_000n;

test('IssuanceClient: sendCommand, propose (recommended and explicit nonces), approve, execute, reads', async (t) => {
  const s = await governed();
  const { g, id } = s;
  const mempool = new Mempool(s.tc.chain);
  const server = await createRpcServer({ chain: s.tc.chain, mempool, miner: new FakeMiner() }, { port: 0 });
  t.after(async () => {
    await server.close();
    mempool.dispose();
  });
  const ic = new IssuanceClient(new CoinworksClient(server.url));
  const mine = async (expect: number) => {
    const txs = mempool.select({ maxGas: s.tc.params.fees.blockGasLimit });
    assert.equal(txs.length, expect, 'transactions waiting in the mempool');
    await mineBlock(s.tc, { txs });
  };
  const as = (k: TestKey) => ({ signer: k.sign, publicKey: k.publicKey });
  const MG = encodeAddress(g.mintGroup);
  const [exchange] = g.holders;

  // A direct command: the auditor attests.
  await ic.sendCommand({ ...as(g.auditor), module: 'stablecoin', command: 'attest', schema: AttestParams, params: { assetId: id, reserve: 1_000n * USD, reportHash: reportHash('bars') } });
  await mine(1);
  const col = await ic.getCollateral('USDKG');
  assert.deepEqual([col.reserve, col.attestation?.reportSha256, col.headroom], [(1_000n * USD).toString(), Buffer.from(reportHash('bars')).toString('hex'), (1_000n * USD).toString()]);

  // Proposals: the first at the multisig's nonce, the next queued behind it (Safe's recommended nonce).
  const head = await ic.client.getHead();
  const p0 = await ic.propose({ ...as(g.minters[0]), multisig: MG, action: { module: 'stablecoin', command: 'mint', schema: MintParams, params: { assetId: id, to: exchange.address, amount: 600n * USD } } });
  assert.deepEqual([p0.proposalNonce, p0.expiresAt], [0n, BigInt(head.height + 1000)]);
  await mine(1);
  const p1 = await ic.propose({ ...as(g.minters[1]), multisig: MG, expiresIn: 50, action: { module: 'stablecoin', command: 'pause', schema: AssetRef, params: { assetId: id } } });
  assert.deepEqual([p1.proposalNonce, p1.expiresAt], [1n, BigInt(s.tc.chain.tip.height + 50)]);
  // An explicit nonce: unpause at nonce 2, approved to the threshold before nonce 1 is used.
  const p2 = await ic.propose({ ...as(g.minters[2]), multisig: MG, proposalNonce: 2n, action: { module: 'stablecoin', command: 'unpause', schema: AssetRef, params: { assetId: id } } });
  assert.equal(p2.proposalNonce, 2n);
  await mine(2);
  let pending = await ic.getPendingProposals(MG);
  assert.deepEqual(pending.proposals.map((p) => [p.proposalId, p.nonce, p.command, p.approvalCount]), [['0', '0', 'mint', 1], ['1', '1', 'pause', 1], ['2', '2', 'unpause', 1]]);
  assert.equal(recommendedNonce(await ic.getMultisig(MG), pending), 3n);

  // Approvals: two more on the mint execute it; two on the unpause reach the threshold but it waits for nonce 2.
  await ic.approve({ ...as(g.minters[3]), multisig: MG, proposalId: 0n });
  await ic.approve({ ...as(g.minters[4]), multisig: MG, proposalId: '0' });
  await ic.approve({ ...as(g.minters[3]), multisig: MG, proposalId: 2n });
  await ic.approve({ ...as(g.minters[4]), multisig: MG, proposalId: 2n });
  await mine(4);
  assert.equal((await ic.getAssetSupply(id)).total, (600n * USD).toString());
  assert.equal((await ic.getProposal(MG, 0)).status, 'executed');
  pending = await ic.getPendingProposals(MG);
  assert.deepEqual(pending.proposals.map((p) => [p.proposalId, p.approvalCount, p.executable]), [['1', 1, false], ['2', 3, false]]);

  // The pause passes (nonce 1), and the unpause queued behind it runs in the same transaction.
  await ic.approve({ ...as(g.minters[5]), multisig: MG, proposalId: 1n });
  await ic.approve({ ...as(g.minters[6]), multisig: MG, proposalId: 1n });
  await mine(2);
  // The fully approved unpause on nonce 2 executes right behind the pause (no manual execute left waiting).
  assert.equal((await ic.getCollateral(id)).paused, false);
  const p2view = await ic.getProposal(MG, 2n);
  assert.deepEqual([p2view.status, p2view.executable, p2view.queue.state], ['executed', false, 'closed']);
  assert.equal((await ic.getMultisig(MG)).nonce, '3');

  // Reads.
  assert.deepEqual((await ic.listAssets()).map((a) => a.symbol), ['USDKG']);
  assert.equal((await ic.getAsset(id)).governance?.mintGroup, MG);
  assert.equal((await ic.getAssetStatus('USDKG', exchange.addressText)).balance, (600n * USD).toString());
  const trail = await ic.getMultisigEvents(MG, { limit: 1000 });
  assert.deepEqual(trail.events.filter((e) => e.name === 'executed').map((e) => (e.data as { command: string }).command), ['mint', 'pause', 'unpause']);
  const own = await ic.getAssetEvents(id, { groups: false });
  assert.deepEqual(own.events.map((e) => e.name).slice(-4), ['attested', 'minted', 'pause', 'pause']);
  assert.deepEqual((await ic.getCollateralHistory(id)).points.map((p) => p.cause), ['attest', 'mint']);
  assert.equal((await ic.nextMultisigAddress(s.tc.keys[0].addressText)).index, '2');

  // Errors arrive typed.
  await assert.rejects(ic.getAsset('NOPE'), (e: unknown) => e instanceof RpcError && e.code === 'RPC_NOT_FOUND' && e.rpcCode === -32001);
  await assert.rejects(ic.getCollateralHistory(id, { limit: 0 }), (e: unknown) => e instanceof RpcError && e.rpcCode === -32602);
  // A proposal by a non-owner is refused at admission with the rule's code.
  await assert.rejects(ic.propose({ ...as(s.outsider), multisig: MG, action: { module: 'stablecoin', command: 'pause', schema: AssetRef, params: { assetId: id } } }), (e: unknown) => e instanceof RpcError && e.code === 'TX_UNAUTHORIZED');
});

test('recommendedNonce: the multisig nonce, or one past the highest pending (unexpired) nonce', () => {
  const p = (nonce: string, expired = false) => ({ nonce, expired }) as never;
  assert.equal(recommendedNonce({ nonce: '4' }, { proposals: [] }), 4n);
  assert.equal(recommendedNonce({ nonce: '4' }, { proposals: [p('4')] }), 5n);
  assert.equal(recommendedNonce({ nonce: '4' }, { proposals: [p('7'), p('4')] }), 8n);
  assert.equal(recommendedNonce({ nonce: '4' }, { proposals: [p('6', true)] }), 4n);
});
