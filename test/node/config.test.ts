import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveNodeConfig, expandPath, defaultDatadir } from '../../src/node/config.js';
import { NodeError } from '../../src/node/errors.js';

const ADDR = 'cw1yq4me5s7nhnep87f9mw8afha5ek3rn4fmkf5hd';

async function tmp(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'cw-config-'));
}

function rejectsWith(p: Promise<unknown>, code: string, re?: RegExp): Promise<void> {
  return assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof NodeError, String(e));
    assert.equal(e.code, code);
    if (re) assert.match(e.message, re);
    return true;
  });
}

test('defaults: devnet, ~/.coinworks/devnet, 127.0.0.1:8645, no mining, 1 thread, info', async () => {
  const { config, sources, configFile } = await resolveNodeConfig({ env: {}, home: '/home/u', cwd: '/w' });
  assert.deepEqual(config, {
    network: 'devnet',
    datadir: '/home/u/.coinworks/devnet',
    rpcHost: '127.0.0.1',
    rpcAllowedOrigins: [],
    rpcPort: 8645,
    mine: false,
    threads: 1,
    stateCacheMb: 128,
    beneficiary: undefined,
    logLevel: 'info',
    logFormat: 'auto',
    stratumPort: 'off',
    stratumHost: '127.0.0.1',
    stratumDifficulty: 2 ** -10,
    miningPoolScheme: 'pplns',
    miningPoolFeeBps: 100,
    miningPoolMinPayout: 10_000_000n,
    miningPoolPplnsN: 2,
    p2p: true,
    p2pHost: '127.0.0.1',
    p2pPort: 8745,
    bootstrap: [],
    maxPeers: 32,
    dashboard: true,
  });
  assert.equal(configFile, undefined);
  assert.ok(Object.values(sources).every((s) => s === 'default'));
});

test('the default data directory follows the network', async () => {
  const { config } = await resolveNodeConfig({ flags: { network: 'testnet' }, env: {}, home: '/h' });
  assert.equal(config.datadir, defaultDatadir('testnet', '/h'));
  assert.equal(config.datadir, '/h/.coinworks/testnet');
});

test('precedence: flags > env > config file > defaults, per setting', async () => {
  const dir = await tmp();
  try {
    await writeFile(join(dir, 'coinworks.json'), JSON.stringify({ rpcPort: 1111, threads: 3, logLevel: 'warn', rpcHost: '0.0.0.0' }));
    const env = { COINWORKS_DATADIR: dir, COINWORKS_RPC_PORT: '2222', COINWORKS_THREADS: '4' };
    const r = await resolveNodeConfig({ flags: { rpcPort: 3333 }, env, home: '/h' });
    assert.equal(r.configFile, join(dir, 'coinworks.json'));
    assert.equal(r.config.rpcPort, 3333);
    assert.equal(r.sources.rpcPort, 'flag');
    assert.equal(r.config.threads, 4);
    assert.equal(r.sources.threads, 'env');
    assert.equal(r.config.logLevel, 'warn');
    assert.equal(r.sources.logLevel, 'file');
    assert.equal(r.config.rpcHost, '0.0.0.0');
    assert.equal(r.config.datadir, dir);
    assert.equal(r.sources.datadir, 'env');
    assert.equal(r.config.mine, false);
    assert.equal(r.sources.mine, 'default');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('--config names the file explicitly; its relative datadir is relative to the file', async () => {
  const dir = await tmp();
  try {
    await mkdir(join(dir, 'etc'));
    const file = join(dir, 'etc', 'node.json');
    await writeFile(file, JSON.stringify({ datadir: '../data', network: 'regtest', mine: true, beneficiary: ADDR }));
    const r = await resolveNodeConfig({ flags: { config: file }, env: {}, home: '/h' });
    assert.equal(r.config.datadir, join(dir, 'data'));
    assert.equal(r.config.network, 'regtest');
    assert.equal(r.config.mine, true);
    assert.equal(r.config.beneficiary, ADDR);
    await rejectsWith(resolveNodeConfig({ flags: { config: join(dir, 'missing.json') }, env: {} }), 'CONFIG_FILE_INVALID', /cannot read config file/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('env strings are parsed: booleans, integers, log level case', async () => {
  const { config } = await resolveNodeConfig({
    env: { COINWORKS_MINE: 'yes', COINWORKS_BENEFICIARY: ADDR.toUpperCase(), COINWORKS_LOG_LEVEL: 'DEBUG', COINWORKS_NETWORK: 'regtest' },
    home: '/h',
  });
  assert.equal(config.mine, true);
  assert.equal(config.beneficiary, ADDR);
  assert.equal(config.logLevel, 'debug');
  assert.equal(config.network, 'regtest');
  assert.equal(config.datadir, '/h/.coinworks/regtest');
});

test('the state cache size: flag over env over default 128 MiB, integers only', async () => {
  assert.equal((await resolveNodeConfig({ env: { COINWORKS_STATE_CACHE_MB: '64' }, home: '/h' })).config.stateCacheMb, 64);
  assert.equal((await resolveNodeConfig({ flags: { stateCacheMb: 32 }, env: { COINWORKS_STATE_CACHE_MB: '64' }, home: '/h' })).config.stateCacheMb, 32);
  await rejectsWith(resolveNodeConfig({ env: { COINWORKS_STATE_CACHE_MB: '0' }, home: '/h' }), 'CONFIG_INVALID', /COINWORKS_STATE_CACHE_MB "0": must be an integer number of MiB/);
});

test('empty env values count as unset', async () => {
  const { config } = await resolveNodeConfig({ env: { COINWORKS_RPC_PORT: '' }, home: '/h' });
  assert.equal(config.rpcPort, 8645);
});

test('invalid values: one clear error naming the setting, the value and its source', async () => {
  await rejectsWith(resolveNodeConfig({ env: { COINWORKS_RPC_PORT: 'abc' }, home: '/h' }), 'CONFIG_INVALID', /^invalid COINWORKS_RPC_PORT "abc": must be an integer from 0 to 65535$/);
  await rejectsWith(resolveNodeConfig({ flags: { rpcPort: 70000 }, env: {}, home: '/h' }), 'CONFIG_INVALID', /--rpc-port 70000/);
  await rejectsWith(resolveNodeConfig({ flags: { network: 'mainnet' }, env: {}, home: '/h' }), 'CONFIG_INVALID', /--network "mainnet": must be one of devnet, testnet, regtest/);
  await rejectsWith(resolveNodeConfig({ env: { COINWORKS_THREADS: '0' }, home: '/h' }), 'CONFIG_INVALID', /COINWORKS_THREADS/);
  await rejectsWith(resolveNodeConfig({ env: { COINWORKS_MINE: 'maybe' }, home: '/h' }), 'CONFIG_INVALID', /true or false/);
  await rejectsWith(resolveNodeConfig({ flags: { beneficiary: 'cw1nope' }, env: {}, home: '/h' }), 'CONFIG_INVALID', /bech32m address/);
  await rejectsWith(resolveNodeConfig({ env: { COINWORKS_LOG_LEVEL: 'loud' }, home: '/h' }), 'CONFIG_INVALID', /COINWORKS_LOG_LEVEL/);
  await rejectsWith(resolveNodeConfig({ flags: { mine: true }, env: {}, home: '/h' }), 'CONFIG_INVALID', /beneficiary/);
});

test('config file errors: bad JSON, not an object, unknown keys, bad values name the file', async () => {
  const dir = await tmp();
  try {
    const file = join(dir, 'coinworks.json');
    await writeFile(file, '{ nope');
    await rejectsWith(resolveNodeConfig({ flags: { datadir: dir }, env: {} }), 'CONFIG_FILE_INVALID', /not valid JSON/);
    await writeFile(file, '[]');
    await rejectsWith(resolveNodeConfig({ flags: { datadir: dir }, env: {} }), 'CONFIG_FILE_INVALID', /JSON object/);
    await writeFile(file, JSON.stringify({ rpcport: 1 }));
    await rejectsWith(resolveNodeConfig({ flags: { datadir: dir }, env: {} }), 'CONFIG_FILE_INVALID', /unknown setting "rpcport"/);
    await writeFile(file, JSON.stringify({ threads: 'many' }));
    await rejectsWith(resolveNodeConfig({ flags: { datadir: dir }, env: {} }), 'CONFIG_INVALID', new RegExp(`threads in ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('command defaults replace built-in ones but not flags or env', async () => {
  const r = await resolveNodeConfig({ env: { COINWORKS_THREADS: '2' }, home: '/h', defaults: { datadir: '/w/.coinworks/devnet', mine: true, threads: 8, beneficiary: ADDR } });
  assert.equal(r.config.datadir, '/w/.coinworks/devnet');
  assert.equal(r.config.mine, true);
  assert.equal(r.config.threads, 2);
});

test('expandPath expands ~ and resolves relative paths', () => {
  assert.equal(expandPath('~', '/w', '/h'), '/h');
  assert.equal(expandPath('~/x', '/w', '/h'), '/h/x');
  assert.equal(expandPath('x/y', '/w', '/h'), '/w/x/y');
  assert.equal(expandPath('/abs', '/w', '/h'), '/abs');
});

test('p2p settings: --no-p2p, ports, bootstrap lists from flags, env (comma-separated) and file; bad multiaddrs refused', async () => {
  const id = '12D3KooWHEXnS3AVLAwqrnQihmVZiUSCboPfy4DdbQD2WX3hZY9o';
  const a = `/ip4/127.0.0.1/tcp/9001/p2p/${id}`;
  const b = `/ip4/127.0.0.1/tcp/9002/p2p/${id}`;
  const r = await resolveNodeConfig({ flags: { p2p: false, p2pPort: 0, bootstrap: [a, b], maxPeers: 4 }, env: {}, home: '/home/u', cwd: '/w' });
  assert.equal(r.config.p2p, false);
  assert.equal(r.config.p2pPort, 0);
  assert.deepEqual(r.config.bootstrap, [a, b]);
  assert.equal(r.config.maxPeers, 4);
  const e = await resolveNodeConfig({ env: { COINWORKS_BOOTSTRAP: `${a}, ${b}`, COINWORKS_P2P: 'off', COINWORKS_P2P_HOST: '127.0.0.2' }, home: '/home/u', cwd: '/w' });
  assert.deepEqual(e.config.bootstrap, [a, b]);
  assert.equal(e.config.p2p, false);
  assert.equal(e.config.p2pHost, '127.0.0.2');
  assert.equal(e.sources.bootstrap, 'env');
  await assert.rejects(resolveNodeConfig({ flags: { bootstrap: ['/ip4/127.0.0.1/tcp/9001'] }, env: {} }), /invalid --bootstrap "\/ip4\/127.0.0.1\/tcp\/9001": must be a multiaddr/);
  await assert.rejects(resolveNodeConfig({ env: { COINWORKS_MAX_PEERS: '0' } }), /invalid COINWORKS_MAX_PEERS "0"/);
  await assert.rejects(resolveNodeConfig({ env: { COINWORKS_P2P_PORT: '70000' } }), /invalid COINWORKS_P2P_PORT/);
});

test('allowed RPC origins: flag or environment (comma-separated) or config file (a list); each checked', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cw-cfg-origins-'));
  try {
    const flag = await resolveNodeConfig({ flags: { rpcAllowedOrigins: 'http://localhost:5173, https://Dash.example' }, env: {}, home: dir });
    assert.deepEqual(flag.config.rpcAllowedOrigins, ['http://localhost:5173', 'https://dash.example']);
    assert.equal(flag.sources.rpcAllowedOrigins, 'flag');
    const env = await resolveNodeConfig({ env: { COINWORKS_RPC_ALLOWED_ORIGINS: '*' }, home: dir });
    assert.deepEqual(env.config.rpcAllowedOrigins, ['*']);
    await writeFile(join(dir, 'coinworks.json'), JSON.stringify({ rpcAllowedOrigins: ['http://127.0.0.1:3000'] }));
    const file = await resolveNodeConfig({ flags: { datadir: dir }, env: {}, home: dir });
    assert.deepEqual(file.config.rpcAllowedOrigins, ['http://127.0.0.1:3000']);
    assert.equal(file.sources.rpcAllowedOrigins, 'file');
    for (const bad of ['http://x/path', 'ftp://x', 'localhost:5173', 'http://a b']) {
      await assert.rejects(resolveNodeConfig({ flags: { rpcAllowedOrigins: bad }, env: {}, home: dir }), (e: unknown) => e instanceof NodeError && e.code === 'CONFIG_INVALID' && /--rpc-allowed-origins/.test(e.message), bad);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('the dashboard is on by default; --no-dashboard, COINWORKS_DASHBOARD=0 or "dashboard": false turn it off', async () => {
  assert.equal((await resolveNodeConfig({ env: {}, home: '/h' })).config.dashboard, true);
  assert.equal((await resolveNodeConfig({ flags: { dashboard: false }, env: {}, home: '/h' })).config.dashboard, false);
  assert.equal((await resolveNodeConfig({ env: { COINWORKS_DASHBOARD: 'off' }, home: '/h' })).config.dashboard, false);
  await assert.rejects(resolveNodeConfig({ env: { COINWORKS_DASHBOARD: 'maybe' }, home: '/h' }), /COINWORKS_DASHBOARD "maybe": must be true or false/);
});

test('mining pool settings: Stratum port (off, 0, a port), host, start difficulty, scheme, fee percent to basis points, minimum payout in coins, PPLNS N', async () => {
  const { config, sources } = await resolveNodeConfig({
    flags: { stratumPort: '3333', miningPoolScheme: 'PPS', miningPoolFeeBps: '1.5' },
    env: { COINWORKS_STRATUM_HOST: '0.0.0.0', COINWORKS_MINING_POOL_MIN_PAYOUT: '0.25', COINWORKS_MINING_POOL_PPLNS_N: '3', COINWORKS_STRATUM_DIFFICULTY: '0.001' },
    home: '/h',
  });
  assert.equal(config.stratumPort, 3333);
  assert.equal(sources.stratumPort, 'flag');
  assert.equal(config.stratumHost, '0.0.0.0');
  assert.equal(config.miningPoolScheme, 'pps');
  assert.equal(config.miningPoolFeeBps, 150);
  assert.equal(config.miningPoolMinPayout, 25_000_000n);
  assert.equal(config.miningPoolPplnsN, 3);
  assert.equal(config.stratumDifficulty, 0.001);
  assert.equal((await resolveNodeConfig({ flags: { stratumPort: 'off' }, env: {}, home: '/h' })).config.stratumPort, 'off');
  assert.equal((await resolveNodeConfig({ flags: { stratumPort: '0' }, env: {}, home: '/h' })).config.stratumPort, 0);
  assert.equal((await resolveNodeConfig({ env: {}, home: '/h', defaults: { stratumPort: 3333 } })).config.stratumPort, 3333);
  await rejectsWith(resolveNodeConfig({ flags: { stratumPort: '70000' }, env: {}, home: '/h' }), 'CONFIG_INVALID', /--stratum-port "70000": must be an integer from 0 to 65535, or off/);
  await rejectsWith(resolveNodeConfig({ flags: { miningPoolScheme: 'prop' }, env: {}, home: '/h' }), 'CONFIG_INVALID', /pplns or pps/);
  await rejectsWith(resolveNodeConfig({ flags: { miningPoolFeeBps: '101' }, env: {}, home: '/h' }), 'CONFIG_INVALID', /percent from 0 to 100/);
  await rejectsWith(resolveNodeConfig({ flags: { miningPoolFeeBps: '1.234' }, env: {}, home: '/h' }), 'CONFIG_INVALID', /two decimals/);
  await rejectsWith(resolveNodeConfig({ env: { COINWORKS_MINING_POOL_MIN_PAYOUT: '0.123456789' }, home: '/h' }), 'CONFIG_INVALID', /8 decimals/);
  await rejectsWith(resolveNodeConfig({ env: { COINWORKS_STRATUM_DIFFICULTY: '0' }, home: '/h' }), 'CONFIG_INVALID', /2\^-32/);
  const dir = await tmp();
  try {
    await writeFile(join(dir, 'coinworks.json'), JSON.stringify({ stratumPort: 4444, miningPoolScheme: 'pps', miningPoolFeeBps: 2, miningPoolMinPayout: '1', miningPoolPplnsN: 5 }));
    const r = await resolveNodeConfig({ flags: { datadir: dir }, env: {}, home: '/h' });
    assert.equal(r.config.stratumPort, 4444);
    assert.equal(r.sources.stratumPort, 'file');
    assert.equal(r.config.miningPoolFeeBps, 200);
    assert.equal(r.config.miningPoolMinPayout, 100_000_000n);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
