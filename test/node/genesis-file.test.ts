import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { devnet, testnet } from '../../src/params/networks.js';
import { genesisToJson, loadOrCreateGenesis, newGenesis, paramsForGenesis, parseGenesis, readGenesisFile, writeGenesisFile } from '../../src/node/genesis-file.js';
import { datadirKind, wipeDevnetDir } from '../../src/node/datadir.js';
import { NodeError } from '../../src/node/errors.js';
import { LevelKv } from '../../src/storage/level-kv.js';

const A = 'cw1yq4me5s7nhnep87f9mw8afha5ek3rn4fmkf5hd';
const B = 'cw1rmqujnsjgkzxm7cmed8mdl7rtlfjd35898hjf5';

const code = (c: string) => (e: unknown) => e instanceof NodeError && e.code === c;

test('a new devnet genesis is stamped now and carries the allocations', () => {
  const before = Math.floor(Date.now() / 1000);
  const g = newGenesis('devnet', { allocations: [{ address: A, amount: 5n }] });
  assert.ok(g.time >= before && g.time <= before + 5);
  assert.deepEqual(g.allocations, [{ address: A, amount: 5n }]);
  assert.equal(newGenesis('regtest', { time: 1234 }).time, 1234);
});

test('testnet keeps its published genesis and refuses allocations', () => {
  const g = newGenesis('testnet', { time: 99 });
  assert.equal(g.time, testnet.genesis.time);
  assert.throws(() => newGenesis('testnet', { allocations: [{ address: A, amount: 1n }] }), code('GENESIS_INVALID'));
});

test('JSON round trip keeps amounts exact (strings, beyond 2^53)', () => {
  const g = newGenesis('devnet', { time: 1_800_000_000, allocations: [{ address: A, amount: 2n ** 60n + 1n }, { address: B, amount: 1n }] });
  const text = genesisToJson(g);
  assert.match(text, /"amount": "1152921504606846977"/);
  assert.deepEqual(parseGenesis(text), g);
});

test('invalid genesis files are rejected with the reason', () => {
  const bad = [
    ['{', /not valid JSON/],
    ['[]', /JSON object/],
    [JSON.stringify({ network: 'mainnet', time: 1, allocations: [] }), /unknown network/],
    [JSON.stringify({ network: 'devnet', time: -1, allocations: [] }), /time/],
    [JSON.stringify({ network: 'devnet', time: 1, allocations: [{ address: 'x', amount: '1' }] }), /not a valid address/],
    [JSON.stringify({ network: 'devnet', time: 1, allocations: [{ address: A, amount: 1 }] }), /amount/],
    [JSON.stringify({ network: 'devnet', time: 1, allocations: [{ address: A, amount: '0' }] }), /positive/],
    [JSON.stringify({ network: 'devnet', time: 1, allocations: [{ address: A, amount: '1' }, { address: A, amount: '2' }] }), /twice/],
  ] as const;
  for (const [text, re] of bad) assert.throws(() => parseGenesis(text), (e: unknown) => code('GENESIS_INVALID')(e) && re.test((e as Error).message), text);
});

test('params for a genesis: the network with genesis time and allocations replaced', () => {
  const p = paramsForGenesis({ network: 'devnet', time: 1_800_000_000, allocations: [{ address: A, amount: 7n }] });
  assert.equal(p.genesis.time, 1_800_000_000);
  assert.deepEqual(p.genesis.allocations, [{ address: A, amount: 7n }]);
  assert.equal(p.genesis.extraData, devnet.genesis.extraData);
  assert.equal(p.chainId, devnet.chainId);
  assert.equal(devnet.genesis.time, 1_767_225_600, 'the shared params are not modified');
});

test('a data directory keeps its genesis: created once, reused after, never overwritten', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'cw-genesis-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const first = await loadOrCreateGenesis(dir, 'devnet', { time: 1_800_000_000, allocations: [{ address: A, amount: 1n }] });
  assert.equal(first.created, true);
  const again = await loadOrCreateGenesis(dir, 'devnet', { time: 1_900_000_000 });
  assert.equal(again.created, false);
  assert.deepEqual(again.genesis, first.genesis);
  await assert.rejects(writeGenesisFile(dir, newGenesis('devnet')), code('GENESIS_MISMATCH'));
  await assert.rejects(loadOrCreateGenesis(dir, 'regtest'), (e: unknown) => code('GENESIS_MISMATCH')(e) && /holds a devnet genesis, not regtest/.test((e as Error).message));
  assert.deepEqual(await readGenesisFile(dir), first.genesis);
  assert.equal(await readGenesisFile(join(dir, 'nothing')), undefined);
});

test('only devnet data directories (or empty ones) are wiped', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'cw-wipe-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  assert.equal(await datadirKind(join(root, 'missing')), 'missing');
  const empty = join(root, 'empty');
  await mkdir(empty);
  assert.equal(await datadirKind(empty), 'empty');
  const dev = join(root, 'dev');
  await writeGenesisFile(dev, newGenesis('devnet'));
  await writeFile(join(dev, 'other'), 'x');
  assert.equal(await datadirKind(dev), 'devnet');
  await wipeDevnetDir(dev);
  assert.equal(await datadirKind(dev), 'missing');
  const reg = join(root, 'reg');
  await writeGenesisFile(reg, newGenesis('regtest'));
  assert.equal(await datadirKind(reg), 'other');
  await assert.rejects(wipeDevnetDir(reg), code('DATADIR_NOT_DEVNET'));
  const home = join(root, 'home');
  await mkdir(home);
  await writeFile(join(home, 'notes.txt'), 'keep');
  await assert.rejects(wipeDevnetDir(home), code('DATADIR_NOT_DEVNET'));
  assert.equal(await readFile(join(home, 'notes.txt'), 'utf8'), 'keep');
});

test('a devnet directory in use by a running node is not wiped', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'cw-wipe-busy-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeGenesisFile(dir, newGenesis('devnet'));
  const kv = await LevelKv.open(join(dir, 'chain'));
  try {
    await assert.rejects(wipeDevnetDir(dir), (e: unknown) => (e as { code?: string }).code === 'STORAGE_CLOSED');
    assert.equal(await datadirKind(dir), 'devnet');
  } finally {
    await kv.close();
  }
  await wipeDevnetDir(dir);
  assert.equal(await datadirKind(dir), 'missing');
});

test('a proof-of-stake genesis may override the downtime rules; they reach the params and survive JSON; others refuse them', async () => {
  const { testKeys } = await import('../../src/testing/keys.js');
  const { bytesToHex } = await import('../../src/encoding/hex.js');
  const { parseDec } = await import('../../src/util/decimal.js');
  const [op, ck] = testKeys(2, 'genesis slashing');
  const validators = [{ operator: op.addressText, consensusPublicKey: bytesToHex(ck.publicKey), selfStake: 32n * 10n ** 8n, commission: { rate: parseDec('0.05'), maxRate: parseDec('0.2'), maxChangeRate: parseDec('0.01') } }];
  const g = newGenesis('pos-devnet', { allocations: [{ address: op.addressText, amount: 100n * 10n ** 8n }], validators, slashing: { signedBlocksWindow: 10, minSignedPerWindow: parseDec('0.5'), downtimeJailDuration: 20 } });
  const back = parseGenesis(genesisToJson(g));
  assert.deepEqual(back.slashing, g.slashing);
  const p = paramsForGenesis(back);
  assert.equal(p.consensus.engine, 'bft');
  if (p.consensus.engine !== 'bft') return;
  const sl = p.consensus.bft.economics.slashing;
  assert.equal(sl.signedBlocksWindow, 10);
  assert.equal(sl.downtimeJailDuration, 20);
  assert.equal(sl.slashFractionDowntime, parseDec('0.01'), 'what is not overridden stays');
  const withoutOverride = paramsForGenesis(newGenesis('pos-devnet', { allocations: [{ address: op.addressText, amount: 100n * 10n ** 8n }], validators }));
  assert.equal(withoutOverride.consensus.engine === 'bft' && withoutOverride.consensus.bft.economics.slashing.signedBlocksWindow, 100);
  const text = JSON.parse(genesisToJson(g));
  assert.throws(() => parseGenesis(JSON.stringify({ ...text, slashing: { signedBlocksWindow: 0 } })), code('GENESIS_INVALID'));
  assert.throws(() => parseGenesis(JSON.stringify({ ...text, slashing: { slashFractionDoubleSign: '0' } })), code('GENESIS_INVALID'));
  assert.throws(() => parseGenesis(JSON.stringify({ network: 'devnet', time: 1, allocations: [], slashing: { signedBlocksWindow: 5 } })), code('GENESIS_INVALID'));
});

test('a remembered genesis keeps its validators and downtime rules: a restart runs by the same params; the digest covers them', async (t) => {
  const { testKeys } = await import('../../src/testing/keys.js');
  const { bytesToHex } = await import('../../src/encoding/hex.js');
  const { parseDec } = await import('../../src/util/decimal.js');
  const { rememberGenesis, rememberedGenesis, GENESIS_DIGEST_FILE_NAME } = await import('../../src/node/genesis-file.js');
  const { genesisDigest } = await import('../../src/chain/genesis.js');
  const dir = await mkdtemp(join(tmpdir(), 'cw-genesis-remember-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const [op, ck] = testKeys(2, 'remembered genesis');
  const validators = [{ operator: op.addressText, consensusPublicKey: bytesToHex(ck.publicKey), selfStake: 32n * 10n ** 8n, commission: { rate: parseDec('0.05'), maxRate: parseDec('0.2'), maxChangeRate: parseDec('0.01') } }];
  const slashing = { signedBlocksWindow: 10, minSignedPerWindow: parseDec('0.5'), downtimeJailDuration: 20 };
  const g = newGenesis('pos-devnet', { allocations: [{ address: op.addressText, amount: 100n * 10n ** 8n }], validators, slashing });
  await writeGenesisFile(dir, g);
  const full = paramsForGenesis(g);
  await rememberGenesis(dir, g, genesisDigest(full));
  const r = await rememberedGenesis(dir);
  assert.ok(r, 'remembered');
  assert.deepEqual(r.summary, { network: 'pos-devnet', time: g.time, allocations: 1 });
  assert.deepEqual(r.digest, genesisDigest(full));
  assert.deepEqual(r.rules.allocations, [], 'the allocations are not kept');
  assert.deepEqual(paramsForGenesis(r.rules).consensus, full.consensus, 'the same consensus params as the full genesis');

  // A record of an older version (no rules) is not trusted: the node parses the genesis again.
  const old = JSON.parse(await readFile(join(dir, GENESIS_DIGEST_FILE_NAME), 'utf8'));
  delete old.rules;
  await writeFile(join(dir, GENESIS_DIGEST_FILE_NAME), JSON.stringify(old));
  assert.equal(await rememberedGenesis(dir), undefined);

  // Other downtime rules or other genesis validators: another genesis digest (the chain refuses the directory).
  const other = (o: Parameters<typeof newGenesis>[1]) => genesisDigest(paramsForGenesis(newGenesis('pos-devnet', { time: g.time, allocations: g.allocations, validators, ...o })));
  assert.notDeepEqual(other({ slashing: { ...slashing, downtimeJailDuration: 21 } }), genesisDigest(full));
  assert.notDeepEqual(other({ slashing, validators: [{ ...validators[0], selfStake: 33n * 10n ** 8n }] }), genesisDigest(full));
  assert.deepEqual(other({ slashing }), genesisDigest(full));
});

test('a large genesis is written in pieces and read as a stream, with the same bytes, result and errors as the small path', async (t) => {
  const { genesisJsonPieces, genesisFilePath } = await import('../../src/node/genesis-file.js');
  const { encodeAddress } = await import('../../src/crypto/address.js');
  const { testKeys } = await import('../../src/testing/keys.js');
  const { bytesToHex } = await import('../../src/encoding/hex.js');
  const { parseDec } = await import('../../src/util/decimal.js');
  const dir = await mkdtemp(join(tmpdir(), 'cw-genesis-stream-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const addr = (i: number) => encodeAddress(Uint8Array.from({ length: 20 }, (_, j) => (j < 4 ? (i >>> (8 * j)) & 0xff : j)));
  // 25,001 allocations: three pieces of the writer.
  const many = newGenesis('devnet', { time: 1_800_000_000, allocations: Array.from({ length: 25_001 }, (_, i) => ({ address: addr(i), amount: BigInt(i + 1) * 10n ** 12n })) });
  const [op, ck] = testKeys(2, 'genesis stream');
  const pos = newGenesis('pos-devnet', {
    time: 1_800_000_000,
    allocations: [{ address: op.addressText, amount: 100n * 10n ** 8n }],
    validators: [{ operator: op.addressText, consensusPublicKey: bytesToHex(ck.publicKey), selfStake: 32n * 10n ** 8n, commission: { rate: parseDec('0.05'), maxRate: parseDec('0.2'), maxChangeRate: parseDec('0.01') } }],
    slashing: { signedBlocksWindow: 10, downtimeJailDuration: 20 },
  });
  const plain = (g: typeof many) =>
    JSON.stringify({ network: g.network, time: g.time, allocations: g.allocations.map((a) => ({ address: a.address, amount: a.amount.toString() })), ...(g.validators ? { validators: JSON.parse(genesisToJson(g)).validators } : {}), ...(g.slashing ? { slashing: JSON.parse(genesisToJson(g)).slashing } : {}) }, null, 2) + '\n';
  for (const g of [many, pos, { network: 'regtest' as const, time: 5, allocations: [] }]) {
    assert.equal([...genesisJsonPieces(g)].join(''), plain(g), 'the pieces join to the one-string text');
  }
  assert.ok([...genesisJsonPieces(many)].length >= 4);

  for (const [name, g] of [['many', many], ['pos', pos]] as const) {
    const d = join(dir, name);
    await writeGenesisFile(d, g);
    assert.equal(await readFile(genesisFilePath(d), 'utf8'), genesisToJson(g));
    assert.deepEqual(await readGenesisFile(d, { streamAboveBytes: 0 }), await readGenesisFile(d), `${name}: the stream reads what JSON.parse reads`);
  }

  // Bad files: the same GENESIS_INVALID reasons as the small path.
  const text = genesisToJson(pos);
  const cases: Array<[string, RegExp]> = [
    [text.slice(0, text.length - 20), /not valid JSON/],
    [text + 'x', /not valid JSON/],
    ['[1, 2]', /must hold a JSON object/],
    ['', /not valid JSON/],
    [text.replace('"allocations": [', '"allocations": {"x": ').replace(/\n {2}\],/, '\n  },'), /"allocations" must be an array/],
    [text.replace(/"amount": "\d+"/, '"amount": 5'), /allocation #0 needs an "amount" string of base units/],
    [text.replace('"pos-devnet"', '7'), /"network" must be a string/],
    [text.replace(/"signedBlocksWindow": 10/, '"signedBlocksWindow": 0'), /slashing.signedBlocksWindow must be a positive integer/],
  ];
  for (const [i, [body, re]] of cases.entries()) {
    const d = join(dir, `bad-${i}`);
    await mkdir(d, { recursive: true });
    await writeFile(genesisFilePath(d), body);
    await assert.rejects(readGenesisFile(d, { streamAboveBytes: 0 }), (e: unknown) => code('GENESIS_INVALID')(e) && re.test((e as Error).message), `stream, case ${i}: ${re}`);
    if (i !== 3) assert.throws(() => parseGenesis(body), (e: unknown) => code('GENESIS_INVALID')(e) && re.test((e as Error).message), `string, case ${i}: ${re}`);
  }
});
