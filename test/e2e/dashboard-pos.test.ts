/**
 * The dashboard on a proof-of-stake devnet (`coinworks devnet --consensus pos`, four validator
 * processes) in Chromium: the staking page shows live figures (the four bonded validators, APR and
 * APY from staking_getApr), a dev account kept in the page delegates (twice: the second pays the
 * first's rewards, shown with that cause) and deposits into the staking pool (checked over RPC), the
 * pool's exchange-rate chart draws, the yield calculator shows exactly what `coinworks stake calc`
 * prints for the same inputs, the explorer's account page links to the address's delegations and
 * rewards, the overview follows new blocks and its supply chart draws the staked
 * coins, the mining page says proof-of-work mining is not on this network, axe-core finds nothing
 * serious, no console errors; screenshots land in test-results/dashboard/ (pos-*).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { background, cleanEnv, cli, requireBuiltCli, rpc } from '../cli/process-helpers.js';
import { DEV_MNEMONIC, devAccounts } from '../../src/cli/devnet-accounts.js';
import { E2E_STEP_TIMEOUT_MS, E2E_TEST_TIMEOUT_MS } from './limits.js';
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

  // Acting from the page: dev-6 delegates 10 CWC, then 1 CWC more (which pays the first's rewards), then deposits 1 CWC into the pool.
  const dev = devAccounts(DEV_MNEMONIC, 10).map((a) => a.address);
  const me = dev[6];
  const validators = (await rpc<{ validators: Array<{ address: string }> }>(url, 'staking_getValidators')).validators;
  const target = validators[0].address;
  await page.click('[data-testid="use-dev"]');
  await page.selectOption('[data-testid="account-select"]', me);
  const act = async (id: string, what: RegExp) => {
    await page.click(`[data-testid="${id}-submit"]`);
    return poll(async () => {
      const err = page.locator(`[data-testid="${id}-error"]`);
      if ((await err.count()) > 0) return `error: ${await err.first().innerText()}`;
      const s = (await page.locator(`[data-testid="${id}-status"]`).count()) > 0 ? await text(`${id}-status`) : '';
      return what.test(s) || /failed/.test(s) ? s : false;
    }, `${id} to be included`, 180_000);
  };
  await page.selectOption('[data-testid="delegate-validator"]', target);
  await page.fill('[data-testid="delegate-amount"]', '10');
  assert.match(await act('delegate', /delegated/), /delegated 10.00 CWC/);
  const d1 = await rpc<{ delegations: Array<{ validator: string; tokens: string }> }>(url, 'staking_getDelegations', [me]);
  assert.equal(d1.delegations.find((x) => x.validator === target)?.tokens, '1000000000', 'staking_getDelegations shows the 10 CWC delegation');
  const h0 = (await rpc<{ height: number }>(url, 'chain_getHead')).height;
  await poll(async () => (await rpc<{ height: number }>(url, 'chain_getHead')).height >= h0 + 2, 'rewards to accrue over two blocks', 180_000);
  await page.fill('[data-testid="delegate-amount"]', '1');
  assert.match(await act('delegate', /delegated 1.00 CWC/), /delegated/);
  const rewards = await rpc<{ history: Array<{ cause: string; validator: string }> }>(url, 'staking_getRewards', [me]);
  assert.ok(rewards.history.some((r) => r.cause === 'provision' && r.validator === target), 'the second delegation paid the first one\'s rewards');
  await poll(async () => (await page.locator('[data-testid="reward-row"]:has-text("auto-paid on a delegation change (staking.delegate)")').count()) > 0, 'the reward listed with its cause and occasion');
  assert.match(await page.locator('[data-testid="reward-row"]:has-text("auto-paid on a delegation change")').first().innerText(), /delegation reward: (block provision|tips)/);
  await poll(async () => (await page.locator('[data-testid="delegation-row"]').count()) === 1 && /Staked\s+1[01]\.\d+ CWC with 1 validator/.test(await text('delegations')), 'the delegation shown with its worth');
  const shares0 = BigInt((await rpc<{ position: { shares: string } | null }>(url, 'staking_getPool', [me])).position?.shares ?? '0');
  await page.fill('[data-testid="deposit-amount"]', '1');
  assert.match(await act('deposit', /deposited/), /deposited 1.00 CWC/);
  const shares1 = BigInt((await rpc<{ position: { shares: string } | null }>(url, 'staking_getPool', [me])).position?.shares ?? '0');
  assert.ok(shares1 > shares0, `the deposit credited pool shares (${shares0} -> ${shares1})`);
  await poll(async () => (await page.locator('[data-testid="pool-position"]').count()) > 0 && !/^0 /.test(await text('pool-position')), 'the pool position shown');
  const ratePx = await poll(async () => {
    const px = await colouredPixels(page, '[data-testid="chart-pool-rate"]', '#7c3aed');
    return px > 50 ? px : false;
  }, 'the exchange-rate chart to draw');
  t.diagnostic(`chart-pool-rate: ${ratePx} pixels of its series colour`);
  assert.match(await text('pool-rate-note'), /rebuilt from the pool's deposit, withdrawal, harvest and slash events/);

  // The yield calculator shows what `coinworks stake calc` prints for the same inputs (rates move every block: retried until both read one block).
  await page.fill('[data-testid="calc-amount"]', '100');
  await page.fill('[data-testid="calc-days"]', '30');
  await page.selectOption('[data-testid="calc-via"]', `v:${target}`);
  const env = cleanEnv({ COINWORKS_RPC: url });
  const units = (s: string) => BigInt(s.replace(/ CWC$/, '').replace(/,/g, '').replace('.', ''));
  let tries = 0;
  const same = await poll(async () => {
    tries++;
    const before = units(await text('calc-net'));
    const r = await cli(['--json', 'stake', 'calc', '--amount', '100', '--days', '30', '--validator', target], { env, cwd: dir, timeoutMs: E2E_STEP_TIMEOUT_MS });
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { reward: { net: string; commission: string } };
    const after = units(await text('calc-net'));
    return before === after && BigInt(out.reward.net) === after ? out.reward : false;
  }, 'the page and the CLI to give the same reward', 180_000, 1000);
  t.diagnostic(`stake calc and the page agree after ${tries} tries: net ${same.net}, commission ${same.commission}`);
  assert.ok(BigInt(same.net) > 0n);

  // The explorer's account page links to the address's delegations and rewards.
  await page.goto(`${url}/#/address/${me}`);
  await page.click('[data-testid="staking-link"]');
  await poll(async () => (await page.locator('[data-testid="delegation-row"]').count()) === 1, 'the staking page of the address');
  assert.equal(await page.inputValue('[data-testid="stake-address"]'), me);

  await page.goto(`${url}/#/`);
  const first = await poll(async () => Number((await text('ov-height')).replace(/,/g, '')) || false, 'a height');
  await poll(async () => Number((await text('ov-height')).replace(/,/g, '')) > first, 'the overview to follow a new block', 180_000);
  await poll(async () => (await colouredPixels(page, '[data-testid="chart-supply"]', '#059669')) > 50, 'the staked series on the supply chart');

  await page.goto(`${url}/#/mining`);
  await poll(async () => /Proof-of-work mining: not on this network/.test(await text('absent')), 'mining absent');

  const violations: Array<AxeViolation & { page: string; width: number }> = [];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width < 600 ? 812 : 900 });
    for (const [name, route] of [['pos-overview', ''], ['pos-staking', 'staking'], ['pos-staking-account', `staking/${me}`], ['pos-wallet', 'wallet'], ['pos-mining', 'mining']] as const) {
      await page.goto(`${url}/#/${route}`);
      await poll(async () => (await page.locator('main [role="status"]:has-text("Loading")').count()) === 0 && (await page.locator('main h1').count()) > 0, `${name} to load`);
      await page.waitForTimeout(name.startsWith('pos-staking') ? 1500 : 500);
      for (const v of await seriousViolations(page)) violations.push({ ...v, page: name, width });
      await screenshot(page, name, width);
    }
  }
  assert.deepEqual(violations, [], 'axe-core: no serious or critical violations');
  assert.deepEqual(errors, [], 'no console errors');
  await browser.close();
  assert.deepEqual(await devnet.stop('SIGINT', 60_000), { code: 0, signal: null }, devnet.output().stderr);
});
