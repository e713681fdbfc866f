/**
 * `coinworks validator` against a lone-validator proof-of-stake node in this process: list and
 * show read the validators and the node's own consensus status; create registers a second
 * validator from a wallet account (it enters the set two blocks later, the chain goes on because
 * the first holds more than 2/3 of the power); edit changes its reward address and refuses a
 * commission change inside the 24 h interval with the module's code; unjail refuses a validator
 * that is not jailed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoinworksNode } from '../../src/node/node.js';
import { createLogger } from '../../src/node/logger.js';
import { newGenesis, writeGenesisFile } from '../../src/node/genesis-file.js';
import { loadOrCreateConsensusKey } from '../../src/validator/keys.js';
import { bytesToHex } from '../../src/encoding/hex.js';
import { encodeAddress } from '../../src/crypto/address.js';
import { ONE_COIN } from '../../src/params/networks.js';
import { DEV_MNEMONIC, DEV_WALLET_PASSWORD, devAccounts, writeDevWallet } from '../../src/cli/devnet-accounts.js';
import { testKey } from '../../src/testing/keys.js';
import { run } from './helpers.js';

test('validator list, show, create, edit, unjail on a proof-of-stake node', { timeout: 180_000 }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'cw-cli-validator-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const { key } = await loadOrCreateConsensusKey(dir);
  const accounts = devAccounts(DEV_MNEMONIC, 2);
  await writeGenesisFile(
    dir,
    newGenesis('pos-devnet', {
      allocations: accounts.map((a) => ({ address: a.address, amount: 10_000n * ONE_COIN })),
      validators: [{ operator: accounts[0].address, consensusPublicKey: bytesToHex(key.publicKey), selfStake: 1_000n * ONE_COIN, commission: { rate: 5n * 10n ** 16n, maxRate: 2n * 10n ** 17n, maxChangeRate: 10n ** 16n } }],
    }),
  );
  const walletDir = join(dir, 'wallets');
  await writeDevWallet(walletDir, DEV_MNEMONIC, 2);
  const node = new CoinworksNode({ network: 'pos-devnet', datadir: dir, rpcHost: '127.0.0.1', rpcAllowedOrigins: [], rpcPort: 0, mine: false, threads: 1, stateCacheMb: 64, beneficiary: undefined, logLevel: 'warn', logFormat: 'json', p2p: false, p2pHost: '127.0.0.1', p2pPort: 0, bootstrap: [], maxPeers: 8 }, { log: createLogger({ level: 'silent', format: 'json' }) });
  const info = await node.start();
  t.after(() => node.stop());
  const env = { COINWORKS_WALLET_PASSWORD: DEV_WALLET_PASSWORD, COINWORKS_WALLET_DIR: walletDir };
  const cli = (args: string[]) => run(['--rpc', info.rpcUrl, ...args], env);

  const list = await cli(['--json', 'validator', 'list']);
  assert.equal(list.code, 0, list.stderr);
  const l = JSON.parse(list.stdout);
  assert.equal(l.validators.length, 1);
  assert.equal(l.activeSet.validators[0].address, encodeAddress(key.address));

  const show = await cli(['validator', 'show']);
  assert.equal(show.code, 0, show.stderr);
  assert.match(show.stdout, /bonded \(in the active set\)/);
  assert.match(show.stdout, /index 0 in the set/);

  const other = testKey(1, 'cli second validator');
  const created = await cli(['--json', 'validator', 'create', '--from', 'dev-1', '--self-stake', '50', '--commission', '7%', '--consensus-key', bytesToHex(other.publicKey)]);
  assert.equal(created.code, 0, created.stderr);
  const c = JSON.parse(created.stdout);
  assert.equal(c.status, 'success');
  assert.equal(c.validator, encodeAddress(other.address));
  const h = node.chain.tip.height;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const r = JSON.parse((await cli(['--json', 'validator', 'list'])).stdout);
    if (r.activeSet.validators.length === 2 && node.chain.tip.height >= h + 3) break;
    if (Date.now() > deadline) throw new Error('the second validator never joined the set');
    await new Promise((r2) => setTimeout(r2, 200));
  }
  const second = JSON.parse((await cli(['--json', 'validator', 'show', encodeAddress(other.address)])).stdout);
  assert.equal(second.validator.commission.rate, '0.07');
  assert.equal(second.consensus, null, 'not the node\'s own validator');

  const edit = await cli(['--json', 'validator', 'edit', encodeAddress(other.address), '--from', 'dev-1', '--reward-address', accounts[0].address]);
  assert.equal(edit.code, 0, edit.stderr);
  const refused = await cli(['validator', 'edit', encodeAddress(other.address), '--from', 'dev-1', '--commission', '8%']);
  assert.notEqual(refused.code, 0);
  assert.match(refused.stderr, /TX_COMMISSION_INVALID/);

  const unjail = await cli(['validator', 'unjail', '--from', 'dev-0']);
  assert.notEqual(unjail.code, 0);
  assert.match(unjail.stderr, /is not jailed/);
});
