/**
 * A proof-of-stake node in one process: the data directory's consensus key is the one genesis
 * validator (all the power), so the node alone proposes, votes and commits one block a second
 * through its validator service; `consensus_getStatus` reports it; mining is refused; after a
 * stop the node restarts on the same chain, sign state and key and carries on.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoinworksNode } from '../../src/node/node.js';
import type { NodeConfig } from '../../src/node/config.js';
import { createLogger } from '../../src/node/logger.js';
import { newGenesis, readGenesisFile, writeGenesisFile } from '../../src/node/genesis-file.js';
import { loadOrCreateConsensusKey, SIGN_STATE_FILE, validatorFile } from '../../src/validator/keys.js';
import { bytesToHex } from '../../src/encoding/hex.js';
import { encodeAddress } from '../../src/crypto/address.js';
import { ONE_COIN } from '../../src/params/networks.js';
import { testKey } from '../../src/testing/keys.js';

function config(datadir: string): NodeConfig {
  return { network: 'pos-devnet', datadir, rpcHost: '127.0.0.1', rpcAllowedOrigins: [], rpcPort: 0, mine: false, threads: 1, stateCacheMb: 64, beneficiary: undefined, logLevel: 'warn', logFormat: 'json', p2p: false, p2pHost: '127.0.0.1', p2pPort: 0, bootstrap: [], maxPeers: 8 };
}

async function waitFor(cond: () => boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function rpc(url: string, method: string, params: unknown[] = []): Promise<any> {
  const r = (await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) })).json()) as { result?: unknown; error?: unknown };
  if (r.error) throw Object.assign(new Error(JSON.stringify(r.error)), { rpc: r.error });
  return r.result;
}

test('a lone validator node commits blocks, reports its consensus status, refuses to mine, and restarts where it was', { timeout: 120_000 }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'cw-pos-node-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const { key } = await loadOrCreateConsensusKey(dir);
  const operator = testKey(0, 'pos node operator');
  await writeGenesisFile(
    dir,
    newGenesis('pos-devnet', {
      allocations: [{ address: operator.addressText, amount: 2_000n * ONE_COIN }],
      validators: [{ operator: operator.addressText, consensusPublicKey: bytesToHex(key.publicKey), selfStake: 1_000n * ONE_COIN, commission: { rate: 5n * 10n ** 16n, maxRate: 2n * 10n ** 17n, maxChangeRate: 10n ** 16n } }],
      slashing: { signedBlocksWindow: 12, downtimeJailDuration: 34 },
    }),
  );
  assert.equal((await readGenesisFile(dir))!.validators!.length, 1, 'the validators survive the JSON round trip');
  const log = createLogger({ level: 'warn', format: 'json' });
  const node = new CoinworksNode(config(dir), { log });
  const info = await node.start();
  assert.equal(info.validator, encodeAddress(key.address));
  await waitFor(() => node.chain.tip.height >= 3);
  const s = await rpc(info.rpcUrl, 'consensus_getStatus');
  assert.equal(s.engine, 'bft');
  assert.equal(s.validator.address, encodeAddress(key.address));
  assert.equal(s.validator.index, 0);
  assert.equal(s.proposer, encodeAddress(key.address));
  const b = await rpc(info.rpcUrl, 'chain_getBlock', [2]);
  assert.equal(b.consensus.proposer, encodeAddress(key.address));
  assert.equal(b.consensus.commit.signatures, 1);
  await assert.rejects(node.miner.start(1), (e: unknown) => (e as { code?: string }).code === 'CONFIG_INVALID' && /nothing to mine/.test((e as Error).message));
  assert.ok(existsSync(validatorFile(dir, SIGN_STATE_FILE)), 'the sign state is on disk');
  const h = node.chain.tip.height;
  await node.stop();
  const again = new CoinworksNode(config(dir), { log });
  await again.start();
  assert.ok(again.chain.tip.height >= h);
  // The restart takes the genesis identity it remembered (no allocation is parsed), and the rules
  // the genesis overrides with it: a node that forgot them would execute blocks by other rules.
  assert.deepEqual(again.params.consensus, node.params.consensus);
  const sl = again.params.consensus.engine === 'bft' ? again.params.consensus.bft.economics.slashing : undefined;
  assert.equal(sl?.signedBlocksWindow, 12);
  assert.equal(sl?.downtimeJailDuration, 34);
  await waitFor(() => again.chain.tip.height >= h + 2);
  await again.stop();
});
