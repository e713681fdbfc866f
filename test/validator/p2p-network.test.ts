/**
 * The validator service over the real p2p network (libp2p on 127.0.0.1, in one process): two
 * validators (both needed: equal power) commit blocks with proposals and votes carried by the
 * consensus gossip topic; an evil peer on the same chain that publishes forged votes and garbage on
 * that topic is charged for each by the validators it reaches, and banned at the threshold, while
 * the validators keep committing and charge each other nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installNativeHashing, verifyNative } from '../../src/crypto/native.js';
import { Chain } from '../../src/chain/chain.js';
import { Mempool } from '../../src/mempool/mempool.js';
import { BftChainEngine } from '../../src/consensus/bft/chain-engine.js';
import { MemorySignStateStore } from '../../src/consensus/bft/signer.js';
import { voteSignDigest, type Vote } from '../../src/consensus/bft/messages.js';
import { StateMachine } from '../../src/state/state-machine.js';
import { coreModules } from '../../src/state/modules/index.js';
import { ChainStore } from '../../src/storage/chain-store.js';
import { MemoryKv } from '../../src/storage/memory-kv.js';
import { P2pNetwork } from '../../src/p2p/network.js';
import { bftTestParams, FAST_TIMEOUTS } from '../../src/testing/bft-network.js';
import { testKey } from '../../src/testing/keys.js';
import { MemoryLockedValues } from '../../src/validator/durable-signer.js';
import { consensusKeyFromSecret } from '../../src/validator/keys.js';
import { P2pConsensusTransport } from '../../src/validator/p2p-transport.js';
import { ValidatorService } from '../../src/validator/service.js';
import { encodeWire } from '../../src/validator/wire.js';
import { INVALID_MESSAGE_POINTS } from '../../src/validator/screen.js';
import type { NetworkParams } from '../../src/params/networks.js';
import { eventually } from '../p2p/helpers.js';

interface Peer {
  chain: Chain;
  mempool: Mempool;
  net: P2pNetwork;
  service?: ValidatorService;
}

async function peer(params: NetworkParams, dir: string, bootstrap: string[]): Promise<Peer> {
  const engine = new BftChainEngine(params, { verify: verifyNative });
  const chain = new Chain({ params, store: new ChainStore(new MemoryKv()), engine, stateMachine: new StateMachine(params, coreModules(engine.modules())) });
  await chain.open();
  const mempool = new Mempool(chain);
  const net = new P2pNetwork({ chain, mempool, datadir: dir, port: 0, bootstrap, refreshMs: 1000 });
  await net.start();
  return { chain, mempool, net };
}

test('two validators commit over the consensus gossip topic; a peer sending forged votes and garbage is charged and banned', { timeout: 300_000 }, async (t) => {
  installNativeHashing();
  const root = await mkdtemp(join(tmpdir(), 'cw-val-p2p-'));
  // Each height lasts at least 1.5 s (commitMs): a forged vote for the height being decided must still
  // find both validators at that height when it arrives, even on a loaded machine.
  const setup = bftTestParams({ validators: 2, timeouts: { ...FAST_TIMEOUTS, commitMs: 1500 }, genesisTime: Math.floor(Date.now() / 1000) - 1 });
  const a = await peer(setup.params, join(root, 'a'), []);
  const b = await peer(setup.params, join(root, 'b'), [a.net.listenAddresses()[0]]);
  const evil = await peer(setup.params, join(root, 'evil'), [a.net.listenAddresses()[0], b.net.listenAddresses()[0]]);
  const all = [a, b, evil];
  t.after(async () => {
    for (const p of all) {
      await p.service?.stop();
      await p.net.stop();
      p.mempool.dispose();
      await p.chain.close();
    }
    await rm(root, { recursive: true, force: true });
  });
  for (const [i, p] of [a, b].entries()) {
    p.service = new ValidatorService({
      chain: p.chain,
      mempool: p.mempool,
      transport: new P2pConsensusTransport(p.net),
      key: consensusKeyFromSecret(setup.consensusKeys[i].secretKey),
      signState: new MemorySignStateStore(),
      lockedValues: new MemoryLockedValues(),
      verify: verifyNative,
      statusIntervalMs: 300,
    });
    await p.service.start();
  }
  await eventually(() => a.chain.tip.height >= 3 && b.chain.tip.height >= 3, 120_000);

  // The evil peer forges a vote of validator 0 at the current height (signed with another key), and sends garbage.
  const forger = testKey(99, 'forger');
  let nonce = 1n;
  // The set never changes here; the vote names the height validator A's consensus is at (after a
  // commit it stays at the committed height for commitMs, so the chain's tip + 1 would mostly miss).
  const set = await a.chain.view((s) => (a.chain.engine as BftChainEngine).setAt(s, BigInt(a.chain.tip.height + 1)));
  const forged = async () => {
    const height = a.service!.status().height ?? BigInt(a.chain.tip.height + 1);
    const vote: Vote = { type: 'prevote', height, round: 0, blockHash: null, validatorIndex: 0, validatorAddress: set.at(0)!.address };
    return encodeWire({ kind: 'vote', vote: { vote, signature: forger.sign(voteSignDigest(setup.params.chainId, vote)) } }, nonce++);
  };
  const evilId = evil.net.peerId;
  // Forged votes alone are charged (they decode: only the signature check before relay catches them).
  // Paced at 10 a second: the evil peer signs in this same process, and signing in a tight loop would
  // starve the two validators of CPU (a test artefact; a flood from another process meets the rate limit).
  await eventually(async () => {
    await evil.net.publishConsensus(await forged());
    await new Promise((r) => setTimeout(r, 100));
    if (process.env.DBG) console.log('tally', a.net.scores.tally(evilId), b.net.scores.tally(evilId), a.chain.tip.height, b.chain.tip.height);
    // One forged vote charges INVALID_MESSAGE_POINTS; the tally decays from that moment (half-life 10 minutes).
    const charged = INVALID_MESSAGE_POINTS * 0.99;
    return a.net.scores.tally(evilId) >= charged && b.net.scores.tally(evilId) >= charged;
  }, 120_000);
  // Then garbage too, up to the ban.
  let g = 0;
  await eventually(async () => {
    await evil.net.publishConsensus(new Uint8Array([0xff, 0xff, g++ % 250]));
    if (!a.net.scores.isBanned(evilId)) await evil.net.publishConsensus(await forged()).catch(() => undefined);
    return a.net.scores.isBanned(evilId) && b.net.scores.isBanned(evilId);
  }, 120_000);
  assert.equal(a.net.scores.tally(b.net.peerId), 0, 'honest validators charge each other nothing');
  assert.equal(b.net.scores.tally(a.net.peerId), 0);
  const h = a.chain.tip.height;
  await eventually(() => a.chain.tip.height >= h + 2 && b.chain.tip.height >= h + 2, 120_000);
  assert.ok(!a.chain.index.atHeight(h) || a.chain.index.atHeight(h)!.key === b.chain.index.atHeight(h)?.key, 'one chain');
});
