/**
 * The web dashboard in a real browser (Debian's Chromium through playwright-core) against a real
 * `coinworks devnet` process on 127.0.0.1: the page the node serves at its RPC port's root updates
 * when a block is mined (over the WebSocket subscription), every chart draws its series on its
 * canvas, the search finds a block (by height and hash) and a transaction, a dev account kept in
 * the page buys a listed NFT and the royalty receiver is credited exactly (checked over RPC), then
 * lists it again from the page (market_listings shows it) and sends CWC from the wallet page (the
 * recipient's balance moves by exactly that, over RPC), a governed stablecoin shows its supply against
 * the attested reserve with its chart, its reserve ratio chart and audit trail, a
 * token's audio element loads its WAV and reports the duration the metadata states, pages whose
 * feature is absent say so, the devnet's mining pool lists a Stratum worker as active with its hashrate, axe-core finds no serious or critical violation on any page, no console
 * errors, and screenshots of every page at desktop and phone widths land in test-results/dashboard/.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { background, cleanEnv, cli, requireBuiltCli, rpc, type RunResult } from '../cli/process-helpers.js';
import { E2E_STEP_TIMEOUT_MS, E2E_TEST_TIMEOUT_MS } from './limits.js';
import { StratumMiner } from '../../src/testing/stratum-miner.js';
import { browserMissing, colouredPixels, launch, poll, screenshot, seriousViolations, WIDTHS, type AxeViolation } from './dashboard-browser.js';

const ROYALTY_BPS = 500n;
const PRICE = 250_000_000n; // 2.5 CWC

function ok(r: RunResult, what: string): RunResult {
  assert.equal(r.code, 0, `${what}: exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return r;
}

const text = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`).first().innerText();

test('the dashboard in Chromium against a devnet: live head, charts, search, NFT purchase with royalty, audio, accessibility, screenshots', { timeout: E2E_TEST_TIMEOUT_MS, skip: browserMissing() }, async (t) => {
  requireBuiltCli();
  const dir = await mkdtemp(join(tmpdir(), 'cw-dashboard-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const datadir = join(dir, 'devnet');
  const devnet = background(['devnet', '--rpc-port', '0', '--datadir', datadir], { cwd: dir });
  t.after(() => devnet.stop('SIGKILL'));
  const [, url] = await devnet.waitFor(/^RPC: (http:\/\/127\.0\.0\.1:\d+)$/m);
  const dev = Object.fromEntries([...devnet.output().stdout.matchAll(/^\s+(dev-\d+)\s+(cw1\w+)/gm)].map((m) => [m[1], m[2]]));
  const env = cleanEnv({ COINWORKS_RPC: url, COINWORKS_WALLET_DIR: join(datadir, 'wallets'), COINWORKS_WALLET_PASSWORD: 'devnet' });
  const run = (args: string[]) => cli(args, { env, cwd: dir, timeoutMs: E2E_STEP_TIMEOUT_MS });

  // Chain content to look at: a transfer, a collection with a 5% royalty to dev-2, two tokens, one listed.
  const sent = JSON.parse(ok(await run(['send', dev['dev-1'], '1.5', '--from', 'dev-0', '--json']), 'send').stdout) as { id: string; height: number; blockHash: string };
  const created = JSON.parse(ok(await run(['nft', 'collection', 'create', '--name', 'Chimes', '--symbol', 'CHM', '--royalty', ROYALTY_BPS.toString(), '--royalty-to', 'dev-2', '--from', 'dev-0', '--json']), 'collection').stdout) as { collectionId: number };
  const col = created.collectionId;
  for (const [tok, hash] of [['1', 'a1'.repeat(32)], ['2', '5c'.repeat(32)]]) ok(await run(['nft', 'mint', String(col), tok, '--content-hash', hash, '--from', 'dev-0', '--json']), `mint ${tok}`);
  ok(await run(['market', 'list', String(col), '1', '2.5', '--from', 'dev-0', '--json']), 'market list');
  // A governed stablecoin: 1-of-1 mint and compliance groups, an attested reserve of 1,000, 800 minted.
  const json = async (args: string[], what: string) => JSON.parse(ok(await run([...args, '--json']), what).stdout);
  const mg = (await json(['multisig', 'create', '--owners', 'dev-1', '--threshold', '1', '--from', 'dev-0'], 'mint group')).multisig as string;
  const cg = (await json(['multisig', 'create', '--owners', 'dev-4', '--threshold', '1', '--from', 'dev-5'], 'compliance group')).multisig as string;
  const coin = await json(['asset', 'stablecoin', 'create', '--symbol', 'USDT', '--name', 'Test dollar', '--decimals', '6', '--mint-group', mg, '--compliance-group', cg, '--auditors', 'dev-3', '--margin-bps', '0', '--max-attestation-age', '86400', '--from', 'dev-0'], 'stablecoin');
  await writeFile(join(dir, 'report.json'), '{"usd":"1000"}');
  await json(['asset', 'attest', 'USDT', '1000', '--report', join(dir, 'report.json'), '--from', 'dev-3'], 'attest');
  assert.equal((await json(['asset', 'mint', 'USDT', 'dev-6', '800', '--via-multisig', mg, '--from', 'dev-1'], 'mint')).proposal.executed, true);
  const listing = await rpc<{ status: string; royalty: string; royaltyReceiver: string }>(url, 'market_getListing', [col, '1']);
  assert.equal(listing.status, 'active');
  const royalty = (PRICE * ROYALTY_BPS) / 10_000n;
  assert.equal(listing.royalty, royalty.toString());

  const browser = await launch();
  t.after(() => browser.close());
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));

  // 1. GET / of the RPC port is the dashboard; the head follows new blocks over the WebSocket.
  const res = await page.goto(`${url}/`);
  assert.equal(res?.status(), 200);
  assert.match(res?.headers()['content-type'] ?? '', /^text\/html/);
  await poll(async () => (await text(page, 'live')).includes('live'), 'the WebSocket subscription');
  const shown = Number((await text(page, 'ov-height')).replace(/,/g, ''));
  const first = await poll(async () => Number((await text(page, 'ov-height')).replace(/,/g, '')) || false, 'a height on the overview');
  await poll(async () => (await rpc<{ height: number }>(url, 'chain_getHead')).height > first, 'the devnet to mine a block');
  const next = await poll(async () => {
    const h = Number((await text(page, 'ov-height')).replace(/,/g, ''));
    return h > first ? h : false;
  }, 'the overview to show the new block');
  assert.ok(next > first && next >= shown, `overview height moved from ${first} to ${next}`);
  await poll(async () => (await page.locator('[data-testid="block-row"]').count()) >= Math.min(10, next), 'recent blocks listed');
  const topRow = await page.locator('[data-testid="block-row"]').first().innerText();
  assert.match(topRow, /#\d+/);

  // 2. Each chart draws its series: pixels of the series' colour on the canvas.
  const charts: Array<[string, string, string]> = [
    ['', 'chart-supply', '#d97706'],
    ['', 'chart-fees', '#2563eb'],
    ['mining', 'chart-hashrate', '#d97706'],
    ['mining', 'chart-difficulty', '#dc2626'],
  ];
  for (const [route, id, colour] of charts) {
    await page.goto(`${url}/#/${route}`);
    const n = await poll(async () => {
      const px = await colouredPixels(page, `[data-testid="${id}"]`, colour);
      return px > 50 ? px : false;
    }, `${id} to draw`);
    t.diagnostic(`${id}: ${n} pixels of its series colour`);
  }
  await poll(async () => /H\/s$/.test(await text(page, 'mining-hashrate')), 'the network hashrate figure');
  // The devnet's mining pool: a Stratum miner (dev-7's "rig") connects; the pool section shows it active and its hashrate.
  const [, stratumPort] = await devnet.waitFor(/^Mining pool: stratum\+tcp:\/\/127\.0\.0\.1:(\d+)/m);
  const miner = new StratumMiner({ port: Number(stratumPort), user: `${dev['dev-7']}.rig`, chunk: 4096, pauseMs: 2 });
  t.after(() => miner.stop());
  await miner.start();
  await poll(async () => miner.accepted >= 3, 'the pool to accept shares');
  await page.goto(`${url}/#/mining`);
  await poll(async () => /rig\s+active/.test(await text(page, 'pool-card')), 'the worker listed as active');
  await poll(async () => /[1-9][\d.]* [kMG]?H\/s/.test(await text(page, 'pool-hashrate')), 'a pool hashrate');
  const poolPx = await poll(async () => {
    const px = await colouredPixels(page, '[data-testid="chart-pool-hashrate"]', '#0891b2');
    return px > 50 ? px : false;
  }, 'the pool hashrate chart to draw');
  t.diagnostic(`chart-pool-hashrate: ${poolPx} pixels of its series colour`);
  await page.click('[data-testid="pool-card"] form.calc button[type="submit"]');
  await poll(async () => /Per day[\s\S]*CWC[\s\S]*profit/.test(await text(page, 'pool-card')), 'the profitability estimate');
  await miner.stop();

  // The governed asset: supply against the attested reserve, its chart, and the audit trail with the multisig behind the mint.
  await page.goto(`${url}/#/assets`);
  const card = `asset-${coin.assetId}`;
  await poll(async () => /125\.00 %/.test(await text(page, card)), 'the reserve ratio of the stablecoin');
  assert.match(await text(page, card), /800\.000000 USDT[\s\S]*1,000\.000000 USDT/);
  await poll(async () => (await colouredPixels(page, `[data-testid="chart-reserve-${coin.assetId}"]`, '#059669')) > 50, 'the reserve chart to draw');
  await poll(async () => (await colouredPixels(page, `[data-testid="chart-ratio-${coin.assetId}"]`, '#b45309')) > 50, 'the reserve ratio chart to draw');
  await poll(async () => (await text(page, card)).includes('multisig.executed'), 'the audit trail');
  const trail = await text(page, card);
  for (const e of ['stablecoin.attested', 'multisig.proposed', 'multisig.approved', 'stablecoin.minted', 'multisig.executed']) assert.ok(trail.includes(e), `audit trail shows ${e}`);

  // 3. Search: by height, by block hash, by transaction id.
  const search = async (q: string) => {
    await page.fill('#q', q);
    await page.press('#q', 'Enter');
  };
  await search(String(sent.height));
  await poll(async () => (await text(page, 'block-height')) === String(sent.height), 'the block page by height');
  await poll(async () => (await page.locator('[data-testid="tx-row"]').allInnerTexts()).some((r) => r.includes('bank.transfer')), 'the transfer in its block');
  await search(sent.blockHash);
  await poll(async () => (await text(page, 'block-hash')) === sent.blockHash, 'the block page by hash');
  await search(sent.id);
  await poll(async () => (await text(page, 'tx-status')) === 'success', 'the transaction page');
  assert.equal(await text(page, 'tx-id'), sent.id);
  assert.match(await text(page, 'fee-split'), /Burned \(base fee\)/);

  // 4. Buying the listed token in the browser with dev-3 pays dev-2 the royalty.
  const claimBefore = BigInt((await rpc<{ claimable: string }>(url, 'market_account', [dev['dev-2'], 0])).claimable);
  await page.goto(`${url}/#/nfts`);
  await page.click('[data-testid="use-dev"]');
  await page.selectOption('[data-testid="account-select"]', dev['dev-3']);
  await page.click(`[data-testid="buy-${col}-1"]`);
  const bought = await poll(async () => {
    const alert = page.locator('[data-testid="buy-error"]');
    if ((await alert.count()) > 0) return `error: ${await alert.first().innerText()}`;
    const s = page.locator('[data-testid="buy-status"]');
    return (await s.count()) > 0 && /bought|failed/.test(await s.first().innerText()) ? s.first().innerText() : false;
  }, 'the purchase to be included', 180_000);
  assert.match(bought, /bought/);
  const claimAfter = BigInt((await rpc<{ claimable: string }>(url, 'market_account', [dev['dev-2'], 0])).claimable);
  assert.equal(claimAfter - claimBefore, royalty, 'royalty receiver credited floor(price x bps / 10000)');
  assert.equal((await rpc<{ owner: string }>(url, 'nft_getToken', [col, '1'])).owner, dev['dev-3']);

  // 4b. dev-3 now owns token 1 and lists it from the page at 3 CWC: market_listings shows it.
  await poll(async () => (await page.locator(`[data-testid="list-${col}-1-price"]`).count()) > 0, 'the list form on the bought token', 180_000);
  await page.fill(`[data-testid="list-${col}-1-price"]`, '3');
  await page.click(`[data-testid="list-${col}-1-submit"]`);
  const listed = await poll(async () => {
    const err = page.locator(`[data-testid="list-${col}-1-error"]`);
    if ((await err.count()) > 0) return `error: ${await err.first().innerText()}`;
    const st = page.locator(`[data-testid="list-${col}-1-status"]`);
    return (await st.count()) > 0 && /listed|failed/.test(await st.first().innerText()) ? st.first().innerText() : false;
  }, 'the listing to be included', 180_000);
  assert.match(listed, /listed #1 for 3.00 CWC/);
  const market = await rpc<{ listings: Array<{ collectionId: number; tokenId: string; seller: string; price: string; status: string }> }>(url, 'market_listings', [{ collectionId: col }]);
  assert.ok(market.listings.some((l) => l.collectionId === col && l.tokenId === '1' && l.seller === dev['dev-3'] && l.price === '300000000' && l.status === 'active'), JSON.stringify(market.listings));

  // 5. A token's audio element loads the WAV and reports its duration.
  const meta = await rpc<{ audio: { seconds: number } }>(url, 'nft_metadata', [col, '2']);
  const duration = await poll(
    () =>
      page.evaluate(() => {
        const a = document.querySelector('[data-testid="token-audio"]') as HTMLAudioElement | null;
        return a && a.readyState >= 1 && Number.isFinite(a.duration) && a.duration > 0 ? a.duration : false;
      }),
    'the audio metadata',
  );
  assert.ok(Math.abs(duration - meta.audio.seconds) < 0.1, `audio duration ${duration} s vs ${meta.audio.seconds} s in the metadata`);

  // 5b. Sending from the wallet page as dev-3 (the account chosen above stays picked): dev-8's balance grows by exactly 1.25 CWC.
  const balance = async (a: string) => BigInt((await rpc<{ balances: Array<{ assetId: number; amount: string }> }>(url, 'account_get', [a])).balances.find((b) => b.assetId === 0)?.amount ?? '0');
  const before8 = await balance(dev['dev-8']);
  await page.click('nav a[href="#/wallet"]');
  await poll(async () => /dev-3/.test(await text(page, 'wallet-balances')), 'the wallet page with the picked account');
  await page.fill('[data-testid="send-to"]', dev['dev-8']);
  await page.fill('[data-testid="send-amount"]', '1.25');
  await page.click('[data-testid="send-submit"]');
  const sentNow = await poll(async () => {
    const err = page.locator('[data-testid="send-error"]');
    if ((await err.count()) > 0) return `error: ${await err.first().innerText()}`;
    const st = page.locator('[data-testid="send-status"]');
    return (await st.count()) > 0 && /sent 1|failed/.test(await st.first().innerText()) ? st.first().innerText() : false;
  }, 'the transfer to be included', 180_000);
  assert.match(sentNow, /sent 1.25 CWC/);
  assert.equal((await balance(dev['dev-8'])) - before8, 125_000_000n, 'the recipient got exactly 1.25 CWC');

  // 6. Every page at desktop and phone widths: absent features say so, axe finds nothing serious.
  const pages: Array<[string, string]> = [
    ['overview', ''],
    ['explorer', 'explorer'],
    ['block', `block/${sent.height}`],
    ['tx', `tx/${sent.id}`],
    ['address', `address/${dev['dev-0']}`],
    ['nfts', 'nfts'],
    ['assets', 'assets'],
    ['mining', 'mining'],
    ['staking', 'staking'],
    ['wallet', 'wallet'],
  ];
  const violations: Array<AxeViolation & { page: string; width: number }> = [];
  const shots: string[] = [];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width < 600 ? 812 : 900 });
    for (const [name, route] of pages) {
      await page.goto(`${url}/#/${route}`);
      await poll(async () => (await page.locator('main [role="status"]:has-text("Loading")').count()) === 0 && (await page.locator('main h1').count()) > 0, `${name} to load`);
      await page.waitForTimeout(500);
      if (name === 'staking') assert.match(await text(page, 'absent'), /Staking: not on this network/);
      for (const v of await seriousViolations(page)) violations.push({ ...v, page: name, width });
      shots.push(await screenshot(page, name, width));
    }
  }
  t.diagnostic(`screenshots: ${shots.length} in test-results/dashboard/`);
  assert.deepEqual(violations, [], 'axe-core: no serious or critical violations');
  assert.deepEqual(errors, [], 'no console errors');
  assert.deepEqual(await devnet.stop('SIGINT'), { code: 0, signal: null }, devnet.output().stderr);

  // 7. --no-dashboard: the same node serves JSON-RPC but no page.
  const plain = background(['devnet', '--rpc-port', '0', '--datadir', join(dir, 'plain'), '--no-mine', '--no-dashboard'], { cwd: dir });
  t.after(() => plain.stop('SIGKILL'));
  const [, plainUrl] = await plain.waitFor(/^RPC: (http:\/\/127\.0\.0\.1:\d+)$/m);
  assert.equal((await fetch(`${plainUrl}/`)).status, 404);
  assert.equal((await rpc<{ height: number }>(plainUrl, 'chain_getHead')).height, 0);
  assert.deepEqual(await plain.stop('SIGINT'), { code: 0, signal: null }, plain.output().stderr);
});
