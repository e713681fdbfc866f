/**
 * Safety of the validator service on in-process networks: a validator stopped and restarted at
 * seeded random moments, many times, on the same sign state, never signs two different messages
 * for one (height, round, step) and the chain never forks; a validator made to double-sign (the
 * test switch) is caught, its evidence is included, and it is slashed 5% and tombstoned in state
 * while the others go on; a validator registered by a transaction joins the set two heights later
 * and its node starts signing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bytesEqual, bytesToHex } from '../../src/encoding/hex.js';
import { ONE_COIN } from '../../src/params/networks.js';
import type { BftChainEngine } from '../../src/consensus/bft/chain-engine.js';
import { getValidator } from '../../src/state/modules/staking/method.js';
import { RegisterValidatorParams } from '../../src/state/modules/staking/schemas.js';
import { prepareTx } from '../../src/primitives/tx.js';
import { buildTxBody, signTx } from '../../src/primitives/tx-builder.js';
import { BftTestNetwork } from '../../src/testing/bft-network.js';
import { DoubleSignWatch } from '../../src/testing/bft-watch.js';
import { mulberry32 } from '../../src/testing/prng.js';
import { decodeWire } from '../../src/validator/wire.js';

function assertNoFork(net: BftTestNetwork): void {
  const max = Math.max(...net.nodes.map((n) => n.chain.tip.height));
  for (let h = 1; h <= max; h++) {
    const hashes = new Set(net.nodes.map((n) => n.chain.index.atHeight(h)?.key).filter((x) => x !== undefined));
    assert.ok(hashes.size <= 1, `two blocks committed at height ${h}`);
  }
}

const RESTARTS = Number(process.env.COINWORKS_BFT_RESTARTS ?? 15);

test(`a validator restarted at random moments (${RESTARTS} times) never double-signs; no fork; it keeps voting`, { timeout: 300_000 }, async () => {
  const watch = new DoubleSignWatch();
  const caught: string[] = [];
  let resumed = 0;
  // Every third stop comes right after validator 0 publishes a vote, so the restart resumes a
  // height it signed in whatever the machine's speed (random moments alone mostly fall between
  // heights, where nothing is signed yet: on a loaded machine, sometimes all 15 did).
  let node0: string | undefined;
  let onVote0: (() => void) | undefined;
  const net = await BftTestNetwork.start({
    hub: {
      delayMs: [0, 5],
      tap: (from, d) => {
        watch.observe(from, d);
        if (onVote0 && from === node0 && decodeWire(d).kind === 'vote') onVote0();
      },
    },
    log: () => ({
      info: (_o, m) => (m.startsWith('resuming') ? resumed++ : undefined),
      debug() {},
      warn: (o, m) => (m === 'duplicate vote caught' ? caught.push(JSON.stringify(o)) : undefined),
    }),
  });
  const rnd = mulberry32(42);
  try {
    await net.waitForHeight(2);
    node0 = net.nodes[0].id;
    for (let i = 0; i < RESTARTS; i++) {
      const pause = 20 + Math.floor(rnd() * 300);
      if (i % 3 === 0) {
        await new Promise<void>((r) => {
          const give = setTimeout(r, 30_000);
          onVote0 = () => {
            clearTimeout(give);
            onVote0 = undefined;
            r();
          };
        });
      } else await new Promise((r) => setTimeout(r, pause));
      await net.stop(0);
      await new Promise((r) => setTimeout(r, Math.floor(rnd() * 100)));
      await net.restart(0);
    }
    await net.waitForHeight(net.height(1) + 3, { timeoutMs: 120_000 });
    assert.deepEqual(watch.equivocations(), [], 'no step signed twice');
    assert.deepEqual(caught, [], 'no engine caught a duplicate vote');
    assertNoFork(net);
    assert.ok(watch.messages > 100);
    assert.ok(resumed >= 1, 'some restarts resumed a height the validator had already signed in');
  } finally {
    await net.close();
  }
});

test('a double-signing validator is caught, slashed 5% and tombstoned in state; the others go on', { timeout: 180_000 }, async () => {
  const watch = new DoubleSignWatch();
  const net = await BftTestNetwork.start({ doubleSigners: [2], hub: { tap: (from, d) => watch.observe(from, d) } });
  try {
    const offender = net.nodes[2].key!.address;
    const chain0 = net.nodes[0].chain;
    const validator = async () => (await chain0.view((st) => getValidator(st, offender)))!;
    const before = (await validator()).tokens;
    const deadline = Date.now() + 120_000;
    while (!(await validator()).tombstoned) {
      if (Date.now() > deadline) throw new Error('the double signer was never punished');
      await new Promise((r) => setTimeout(r, 50));
    }
    const v = await validator();
    assert.ok(v.jailed);
    assert.ok(watch.equivocations().some((e) => e.signer === bytesToHex(offender) && e.step === 'prevote'), 'the watch sees the double sign');
    assert.equal(v.tokens, before - (before * 5n) / 100n);
    const h = net.height(0);
    await net.waitForHeight(h + 5, { nodes: [0, 1, 3] });
    // Out of the set from two heights after the punishment.
    const engine = net.nodes[0].chain.engine as BftChainEngine;
    const set = await net.nodes[0].chain.view((s) => engine.setAt(s, BigInt(net.height(0) + 1)));
    assert.equal(set.indexOf(offender), -1);
    assertNoFork(net);
  } finally {
    await net.close();
  }
});

test('a validator registered by a transaction joins the set at h + 2 and its node signs', { timeout: 180_000 }, async () => {
  const net = await BftTestNetwork.start({ extraValidators: 1 });
  try {
    await net.waitForHeight(2);
    const newcomer = net.nodes[4];
    const operator = net.users[0];
    const body = buildTxBody(
      'staking',
      'registerValidator',
      RegisterValidatorParams,
      { publicKey: newcomer.key!.publicKey, rewardAddress: operator.address, selfStake: 800n * ONE_COIN, commissionRate: 5n * 10n ** 16n, commissionMaxRate: 2n * 10n ** 17n, commissionMaxChangeRate: 10n ** 16n },
      { chainId: net.params.chainId, nonce: 0n, gasLimit: 1_000_000n, maxFeePerGas: 1_000n, maxTipPerGas: 2n, senderPublicKey: operator.publicKey },
    );
    const tx = prepareTx(signTx(body, operator.sign));
    for (const n of net.nodes) n.mempool.add(tx.bytes);
    const engine = net.nodes[0].chain.engine as BftChainEngine;
    const deadline = Date.now() + 120_000;
    let signed = false;
    while (!signed) {
      if (Date.now() > deadline) throw new Error('the new validator never signed');
      const lc = net.nodes[0].service.status().lastCommit;
      if (lc) {
        const set = await net.nodes[0].chain.view((s) => engine.setAt(s, lc.height));
        signed = lc.signatures.some((s) => bytesEqual(set.validators[s.validatorIndex].address, newcomer.key!.address));
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(newcomer.service.status().validator!.index >= 0, true, `the node knows it is in the set (${bytesToHex(newcomer.key!.address)})`);
    await net.waitForHeight(net.height(0) + 3);
    assertNoFork(net);
  } finally {
    await net.close();
  }
});
