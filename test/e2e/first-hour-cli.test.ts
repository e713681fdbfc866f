/**
 * Issue 14 on one devnet process, each step a real `coinworks` process: amounts a person reads
 * (item 2: an insufficient balance says amount + fee against the balance, in CWC), what `tx`,
 * `block` and `mine` show (item 4: fee split, events, the sale price, the reward, a real hash rate),
 * symbols wherever an asset is named and decimals wherever an amount is shown, `multisig propose
 * --params` with amounts in units (items 6, 7), and
 * the smaller traps of item 10 (`--rpc` without a scheme, `balance --prove` of an absent account,
 * a missing collection, a wallet's accounts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { background, cleanEnv, cli, requireBuiltCli, rpc, until, type RunResult } from '../cli/process-helpers.js';
import { E2E_STEP_TIMEOUT_MS, E2E_TEST_TIMEOUT_MS } from './limits.js';

test('first hour on a devnet: amounts in units, tx/block/mine text, symbols, smaller traps', { timeout: E2E_TEST_TIMEOUT_MS }, async (t) => {
  requireBuiltCli();
  const dir = await mkdtemp(join(tmpdir(), 'cw-first-cli-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const datadir = join(dir, 'devnet');
  const devnet = background(['devnet', '--rpc-port', '0', '--datadir', datadir], { cwd: dir });
  t.after(() => devnet.stop('SIGKILL'));
  const [, url] = await devnet.waitFor(/^RPC: (http:\/\/127\.0\.0\.1:\d+)$/m, E2E_STEP_TIMEOUT_MS);
  const env = cleanEnv({ COINWORKS_RPC: url, COINWORKS_WALLET_DIR: join(datadir, 'wallets'), COINWORKS_DATADIR: datadir });
  const mine = cleanEnv({ COINWORKS_RPC: url, COINWORKS_WALLET_DIR: join(dir, 'wallets') });
  const pw = join(dir, 'pw.txt');
  await writeFile(pw, 'correct horse battery staple\n');
  const run = (args: string[], e = env): Promise<RunResult> => cli(args, { env: e, cwd: dir, timeoutMs: E2E_STEP_TIMEOUT_MS });
  const ok = async (args: string[], e = env) => {
    const r = await run(args, e);
    assert.equal(r.code, 0, `coinworks ${args.join(' ')}\n${r.stdout}\n${r.stderr}`);
    return r;
  };

  // A wallet of one's own: its first account is named after it; add-account derives the next.
  const made = JSON.parse((await ok(['wallet', 'new', '--name', 'me', '--password-file', pw, '--json'], mine)).stdout) as { account: string; address: string };
  assert.equal(made.account, 'me');
  const second = await ok(['wallet', 'add-account', 'me', '--password-file', pw], mine);
  assert.match(second.stdout, /^account:\s+me-1 \(index 1\)$/m);

  // Item 2: exactly 12.5 CWC, then try to send all of it: amount + fee against the balance, in CWC.
  const toLabel = await ok(['send', 'dev-1', '0.5', '--from', 'dev-0', '--no-wait']);
  assert.match(toLabel.stdout, /^to:\s+dev-1 \(cw1\w+\)$/m, 'the recipient as named, with its address');
  const sent = JSON.parse((await ok(['send', made.address, '12.5', '--from', 'dev-0', '--json'])).stdout) as { id: string; height: number };
  const all = await run(['send', 'dev-1', '12.5', '--from', 'me', '--password-file', pw, '--wallet-dir', join(dir, 'wallets')], cleanEnv({ COINWORKS_RPC: url }));
  assert.equal(all.code, 1, all.stderr);
  assert.match(all.stderr, /^error: no account "dev-1" in/, 'a label of another wallet directory is not guessed');
  const dev1 = /^\s+dev-1\s+(cw1\w+)/m.exec(devnet.output().stdout)![1];
  const tooMuch = await run(['send', dev1, '12.5', '--from', 'me', '--password-file', pw], mine);
  assert.equal(tooMuch.code, 1, tooMuch.stderr);
  assert.match(tooMuch.stderr, /^error: amount 12\.50000000 CWC \+ fee 0\.\d{8} CWC = 12\.50\d{6} CWC exceeds the balance 12\.50000000 CWC \(TX_INSUFFICIENT_BALANCE\)\n$/);

  // Item 4: tx shows the fee split and the events; block shows the reward; mine shows a real rate.
  const tx = await ok(['tx', sent.id]);
  assert.match(tx.stdout, /^fee:\s+0\.\d{8} CWC \(\d+ gas at \d+ per gas\)$/m);
  assert.match(tx.stdout, /^ {2}burned:\s+0\.\d{8} CWC \(base fee\)$/m);
  assert.match(tx.stdout, /^ {2}tip:\s+0\.\d{8} CWC \(to the miner\)$/m);
  assert.match(tx.stdout, new RegExp(`^events:\\n  bank\\.transfer from=cw1\\w+ to=${made.address} assetId=0 amount=12\\.50000000 CWC$`, 'm'));
  const block = await ok(['block', String(sent.height)]);
  assert.match(block.stdout, /^reward:\s+50\.\d{8} CWC \(subsidy 50\.00000000 CWC \+ tips 0\.\d{8} CWC\), spendable from height \d+$/m);
  const started = await ok(['mine', '--threads', '2']);
  assert.doesNotMatch(started.stdout, /hashrate:\s+0 H\/s|kernel:\s+none/);
  assert.match(started.stdout, /^threads:\s+2$/m);

  // Items 6 and 7: symbols refused when not as they will be stored; symbols work wherever an asset is named.
  const lower = await run(['asset', 'create', '--symbol', 'goldx', '--name', 'Gold', '--decimals', '2', '--supply', '1000', '--from', 'dev-0']);
  assert.equal(lower.code, 2, lower.stderr);
  assert.equal(lower.stderr, 'error: --symbol "goldx" is not a symbol (1-12 of A-Z and 0-9, starting with a letter): symbols are upper case, use --symbol GOLDX (CLI_BAD_ARGUMENT)\n');
  const created = await ok(['asset', 'create', '--symbol', 'GOLDX', '--name', 'Gold', '--decimals', '2', '--supply', '1000', '--from', 'dev-0']);
  assert.match(created.stdout, /^from:\s+dev-0 \(cw1\w+\)$/m, 'the signer as the user named it, as `send` shows it');
  const supply = await ok(['supply', '--asset', 'GOLDX']);
  assert.match(supply.stdout, /^total:\s+1000\.00 GOLDX$/m);
  const moved = JSON.parse((await ok(['send', made.address, '1.5', '--asset', 'GOLDX', '--from', 'dev-0', '--json'])).stdout) as { id: string; assetId: number; amount: string };
  assert.deepEqual([moved.assetId, moved.amount], [1, '150'], '--json keeps base units');
  const bal = await ok(['balance', made.address]);
  assert.match(bal.stdout, /^balance:\s+12\.50000000 CWC\nasset 1:\s+1\.50 GOLDX$/m);
  assert.match((await ok(['balance', made.address, '--asset', 'GOLDX'])).stdout, /^address:\s+cw1\w+\nbalance:\s+1\.50 GOLDX\nnonce:/m, 'balance --asset names the asset by symbol');
  assert.match((await ok(['tx', moved.id])).stdout, /^amount:\s+1\.50 GOLDX$/m);
  await until(async () => (await rpc<{ height: number }>(url, 'chain_getHead')).height > sent.height + 1);
  const proved = await ok(['balance', made.address, '--prove']);
  assert.match(proved.stdout, /^asset 1:\s+1\.50 GOLDX$/m, 'the proven balance keeps every asset');
  assert.match(proved.stdout, /^proof: valid$/m);

  // Item 7: `multisig propose --params` takes the asset by symbol and amounts with their unit, in its
  // decimals (a bare integer string stays base units), refuses a unit that is not the asset's, and shows the action in units.
  const ms = JSON.parse((await ok(['multisig', 'create', '--owners', 'dev-0,dev-1', '--threshold', '1', '--from', 'dev-0', '--json'])).stdout) as { multisig: string };
  await ok(['send', ms.multisig, '5', '--asset', 'GOLDX', '--from', 'dev-0']);
  const wrongUnit = await run(['multisig', 'propose', ms.multisig, 'bank.transfer', '--params', JSON.stringify({ to: made.address, assetId: 'GOLDX', amount: '1.5 CWC', memo: '' }), '--from', 'dev-0']);
  assert.equal(wrongUnit.code, 2, wrongUnit.stderr);
  assert.equal(wrongUnit.stderr, 'error: --params amount is in CWC but assetId 1 is GOLDX: write it in GOLDX (CLI_BAD_ARGUMENT)\n');
  const proposed = await ok(['multisig', 'propose', ms.multisig, 'bank.transfer', '--params', JSON.stringify({ to: made.address, assetId: 'GOLDX', amount: '1.5 GOLDX', memo: '' }), '--from', 'dev-0']);
  assert.match(proposed.stdout, new RegExp(`^action:\\s+bank\\.transfer to=${made.address} assetId=1 amount=1\\.50 GOLDX memo=$`, 'm'));
  assert.match(proposed.stdout, /^executed:\s+yes$/m);
  assert.match((await ok(['balance', made.address])).stdout, /^asset 1:\s+3\.00 GOLDX$/m);
  const raw = JSON.parse((await ok(['multisig', 'propose', ms.multisig, 'bank.transfer', '--params', JSON.stringify({ to: made.address, assetId: 1, amount: '50', memo: '' }), '--from', 'dev-0', '--json'])).stdout) as { params: { amount: string } };
  assert.equal(raw.params.amount, '50', 'a bare integer string is base units (0.50 GOLDX)');
  assert.match((await ok(['balance', made.address])).stdout, /^asset 1:\s+3\.50 GOLDX$/m);

  // Further traps: a mint shows what it cost, in the price asset's units; no content hash reads
  // "none", not 64 zeros; a listing's expiry is a date too, not only unix seconds.
  await ok(['nft', 'collection', 'create', '--name', 'Open', '--symbol', 'OPN', '--open', '--mint-price', '0.25', '--mint-asset', 'GOLDX', '--from', 'dev-1']);
  const minted = await ok(['nft', 'mint', '1', '1', '--from', 'dev-0']);
  assert.match(minted.stdout, /^owner:\s+dev-0 \(cw1\w+\)$/m);
  assert.match(minted.stdout, /^content hash:\s+none$/m);
  assert.match(minted.stdout, new RegExp(`^paid:\\s+0\\.25 GOLDX to ${dev1} \\(the mint price\\)$`, 'm'));
  const listed = await ok(['market', 'list', '1', '1', '1', '--asset', 'GOLDX', '--from', 'dev-0']);
  assert.match(listed.stdout, /^expires:\s+block time \d+ \(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\)$/m);

  // Item 10: --rpc without a scheme; --prove of an account with no record; a missing collection.
  const noScheme = await run(['balance', made.address, '--rpc', 'localhost:8645']);
  assert.equal(noScheme.code, 2);
  assert.equal(noScheme.stderr, 'error: --rpc must be an http:// or https:// URL, got "localhost:8645"; did you mean http://localhost:8645? (CLI_BAD_RPC_URL)\n');
  const nobody = 'cw1sxn9pmp3f5rxn92s35y3qnpjxddzd8ewafwsp3';
  const none = await run(['balance', nobody, '--prove']);
  assert.equal(none.code, 1, none.stdout);
  assert.match(none.stderr, /^error: nothing to prove: cw1\w+ has no state record at height \d+ .*\(CLI_PROOF_UNAVAILABLE\)\n$/);
  // Not found: which transaction or block, and where the chain is (a reset devnet forgets its old ids).
  const noTx = await run(['tx', 'ff'.repeat(32)]);
  assert.equal(noTx.stderr, `error: transaction not found: ${'ff'.repeat(32)} is in no block of this chain and not in the mempool (RPC_NOT_FOUND)\n`);
  const noBlock = await run(['block', '99999']);
  assert.match(noBlock.stderr, /^error: block not found: no block at height 99999: the tip is at height \d+ \(RPC_NOT_FOUND\)\n$/);
  const noCollection = await run(['nft', 'show', '99', '1']);
  assert.equal(noCollection.code, 1);
  assert.match(noCollection.stderr, /collection 99 not found/);

  assert.deepEqual(await devnet.stop('SIGINT'), { code: 0, signal: null });
});
