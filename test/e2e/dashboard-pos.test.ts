/**
 * The dashboard on a proof-of-stake devnet (`coinworks devnet --consensus pos`, four validator
 * processes) in Chromium: the staking page shows live figures (the four bonded validators, APR and
 * APY from staking_getApr), the overview follows new blocks and its supply chart draws the staked
 * coins, the mining page says proof-of-work mining is not on this network, axe-core finds nothing
 * serious, no console errors; screenshots land in test-results/dashboard/ (pos-*).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { background, requireBuiltCli, rpc } from '../cli/process-helpers.js';
import { E2E_TEST_TIMEOUT_MS } from './limits.js';
import { browserMissing, colouredPixels, launch, poll, screenshot, seriousViolations, WIDTHS, type AxeViolation } from './dashboard-browser.js';

test('the dashboard on a proof-of-stake devnet: live staking figures, overview, mining absent', { timeout: E2E_TEST_TIMEOUT_MS, skip: browserMissing() }, async (t) => {
  requireBuiltCli();
  const dir = await mkdtemp(join(tmpdir(), 'cw-dashboard-pos-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const devnet = background(['devnet', '--consensus', 'pos', '--rpc-port', '0', '--datadir', join(dir, 'd')], { cwd: dir });
  // SIGINT stops the validator processes too; SIGKILL is the last resort if the test fails first.
  t.after(() => devnet.stop('SIGINT', 60_000));
  const [, url] = await devnet.waitFor(/^\s+node-0\s+(http:\/\/127\.0\.0\.1:\d+)/m);
  await poll(async () => (await rpc<{ height: number }>(url, 'chain_getHead')).height >= 2, 'the validators to commit blocks', 180_000);

  const browser = await launch();
  t.after(() => browser.close());
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  const text = (id: string) => page.locator(`[data-testid="${id}"]`).first().innerText();

  await page.goto(`${url}/#/staking`);
  await poll(async () => (await page.locator('[data-testid="validators"] tbody tr').count()) === 4, 'four validators listed');
  assert.equal((await page.locator('[data-testid="validators"] tbody tr:has-text("active")').count()), 4);
  await poll(async () => / %$/.test(await text('staking-apr')) && / %$/.test(await text('staking-apy')), 'APR and APY');
  const apr = await rpc<{ apr: string }>(url, 'staking_getApr');
  assert.ok(Number(apr.apr) > 0, `staking_getApr ${apr.apr}`);

  await page.goto(`${url}/#/`);
  const first = await poll(async () => Number((await text('ov-height')).replace(/,/g, '')) || false, 'a height');
  await poll(async () => Number((await text('ov-height')).replace(/,/g, '')) > first, 'the overview to follow a new block', 180_000);
  await poll(async () => (await colouredPixels(page, '[data-testid="chart-supply"]', '#059669')) > 50, 'the staked series on the supply chart');

  await page.goto(`${url}/#/mining`);
  await poll(async () => /Proof-of-work mining: not on this network/.test(await text('absent')), 'mining absent');

  const violations: Array<AxeViolation & { page: string; width: number }> = [];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width < 600 ? 812 : 900 });
    for (const [name, route] of [['pos-overview', ''], ['pos-staking', 'staking'], ['pos-mining', 'mining']] as const) {
      await page.goto(`${url}/#/${route}`);
      await poll(async () => (await page.locator('main [role="status"]:has-text("Loading")').count()) === 0 && (await page.locator('main h1').count()) > 0, `${name} to load`);
      await page.waitForTimeout(500);
      for (const v of await seriousViolations(page)) violations.push({ ...v, page: name, width });
      await screenshot(page, name, width);
    }
  }
  assert.deepEqual(violations, [], 'axe-core: no serious or critical violations');
  assert.deepEqual(errors, [], 'no console errors');
  await browser.close();
  assert.deepEqual(await devnet.stop('SIGINT', 60_000), { code: 0, signal: null }, devnet.output().stderr);
});
