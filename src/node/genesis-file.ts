/**
 * The genesis of a data directory, `<datadir>/genesis.json`:
 *
 *     { "network": "devnet", "time": 1767225600, "allocations": [{ "address": "cw1...", "amount": "100000000000000" }] }
 *
 * Devnet and regtest difficulty (ASERT) is anchored at the genesis time, so a fresh devnet gets its
 * own genesis stamped with the time it was created; the file keeps that genesis for every later
 * start from the same directory. Amounts are base units as decimal strings. Testnet is a shared
 * network and always uses its published genesis.
 *
 * A proof-of-stake network's genesis also names its genesis validators, each bonded at genesis
 * from its operator's allocation (rates as decimal fractions):
 *
 *     "validators": [{ "operator": "cw1...", "consensusPublicKey": "02ab...", "selfStake": "100000000000",
 *                      "commission": { "rate": "0.05", "maxRate": "0.2", "maxChangeRate": "0.01" } }]
 *
 * It may also override the downtime rules of the network (as a Cosmos genesis carries x/slashing's
 * params), so a local network can show a downtime jail in a minute instead of ten:
 *
 *     "slashing": { "signedBlocksWindow": 20, "minSignedPerWindow": "0.5", "downtimeJailDuration": 30 }
 */
import { link, mkdir, open, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { bytesToHex, hexToBytes } from '../encoding/hex.js';
import { isAddress } from '../crypto/address.js';
import { isValidPublicKey } from '../crypto/keys.js';
import { formatDec, parseDec } from '../util/decimal.js';
import { NETWORKS, type GenesisAllocation, type NetworkParams } from '../params/networks.js';
import { withGenesisValidators, type GenesisValidator, type SlashingParams } from '../params/staking.js';
import { NETWORK_NAMES, type NetworkName } from './config.js';
import { NodeError } from './errors.js';
import { JsonStreamError, readJsonStream } from './json-stream.js';

/** File name of the genesis inside a data directory. */
export const GENESIS_FILE_NAME = 'genesis.json';
/** File name of the remembered genesis digest, next to the genesis (`rememberedGenesis`). */
export const GENESIS_DIGEST_FILE_NAME = 'genesis.digest.json';

/** The genesis of one data directory. */
export interface GenesisSpec {
  /** Network whose parameters apply. */
  readonly network: NetworkName;
  /** Genesis block time in seconds. */
  readonly time: number;
  /** Funded accounts at genesis. */
  readonly allocations: readonly GenesisAllocation[];
  /** Validators bonded at genesis (proof-of-stake networks only, where at least one is needed). */
  readonly validators?: readonly GenesisValidator[];
  /** Downtime rules replacing the network's (proof-of-stake networks only). */
  readonly slashing?: SlashingOverrides;
}

/** The downtime rules a proof-of-stake genesis may override. */
export type SlashingOverrides = Partial<Pick<SlashingParams, 'signedBlocksWindow' | 'minSignedPerWindow' | 'downtimeJailDuration'>>;

/** Path of the genesis file of a data directory. */
export function genesisFilePath(datadir: string): string {
  return join(datadir, GENESIS_FILE_NAME);
}

/** A new genesis for `network`: devnet and regtest start now (or at `time`); testnet uses its published genesis. */
export function newGenesis(network: NetworkName, o: { time?: number; allocations?: readonly GenesisAllocation[]; validators?: readonly GenesisValidator[]; slashing?: SlashingOverrides } = {}): GenesisSpec {
  const base = NETWORKS[network];
  if (network === 'testnet') {
    if (o.allocations?.length) throw new NodeError('GENESIS_INVALID', 'testnet is a shared network: its genesis allocations cannot be changed');
    return { network, time: base.genesis.time, allocations: [...base.genesis.allocations] };
  }
  const time = o.time ?? Math.floor(Date.now() / 1000);
  const validators = o.validators ?? [];
  return checkGenesis({ network, time, allocations: [...base.genesis.allocations, ...(o.allocations ?? [])], ...(isBft(network) ? { validators, ...(o.slashing ? { slashing: o.slashing } : {}) } : {}) }, 'new genesis');
}

function isBft(network: NetworkName): boolean {
  return NETWORKS[network]?.consensus.engine === 'bft';
}

function checkGenesis(g: GenesisSpec, what: string): GenesisSpec {
  const bad = (m: string) => new NodeError('GENESIS_INVALID', `${what}: ${m}`);
  if (!NETWORK_NAMES.includes(g.network)) throw bad(`unknown network ${JSON.stringify(g.network)}`);
  if (!Number.isSafeInteger(g.time) || g.time <= 0 || g.time > 0xffffffff) throw bad('time must be a positive integer of seconds that fits in 32 bits');
  const seen = new Set<string>();
  for (const a of g.allocations) {
    if (!isAddress(a.address)) throw bad(`allocation address ${JSON.stringify(a.address)} is not a valid address`);
    const key = a.address.toLowerCase();
    if (seen.has(key)) throw bad(`address ${a.address} is allocated twice`);
    seen.add(key);
    if (a.amount <= 0n) throw bad(`allocation to ${a.address} must be positive`);
  }
  if (!isBft(g.network)) {
    if (g.validators?.length) throw bad(`${g.network} is not a proof-of-stake network: it has no genesis validators`);
    if (g.slashing) throw bad(`${g.network} is not a proof-of-stake network: it has no slashing rules`);
    return g;
  }
  const sl = g.slashing ?? {};
  if (sl.signedBlocksWindow !== undefined && !(Number.isSafeInteger(sl.signedBlocksWindow) && sl.signedBlocksWindow >= 1)) throw bad('slashing.signedBlocksWindow must be a positive integer');
  if (sl.downtimeJailDuration !== undefined && !(Number.isSafeInteger(sl.downtimeJailDuration) && sl.downtimeJailDuration >= 0)) throw bad('slashing.downtimeJailDuration must be a whole number of seconds');
  if (sl.minSignedPerWindow !== undefined && (sl.minSignedPerWindow < 0n || sl.minSignedPerWindow > parseDec('1'))) throw bad('slashing.minSignedPerWindow must be a fraction between 0 and 1');
  const vals = g.validators ?? [];
  if (vals.length === 0) throw bad('a proof-of-stake genesis needs at least one validator ("validators")');
  const keys = new Set<string>();
  const stakeOf = new Map<string, bigint>();
  for (const [i, v] of vals.entries()) {
    if (!isAddress(v.operator)) throw bad(`validator #${i}: operator ${JSON.stringify(v.operator)} is not a valid address`);
    let key: Uint8Array;
    try {
      key = hexToBytes(v.consensusPublicKey);
    } catch {
      throw bad(`validator #${i}: consensusPublicKey is not hex`);
    }
    if (key.length !== 33 || !isValidPublicKey(key)) throw bad(`validator #${i}: consensusPublicKey is not a 33-byte compressed secp256k1 key`);
    if (keys.has(v.consensusPublicKey.toLowerCase())) throw bad(`validator #${i}: consensus key used twice`);
    keys.add(v.consensusPublicKey.toLowerCase());
    if (v.rewardAddress !== undefined && !isAddress(v.rewardAddress)) throw bad(`validator #${i}: rewardAddress is not a valid address`);
    const op = v.operator.toLowerCase();
    stakeOf.set(op, (stakeOf.get(op) ?? 0n) + v.selfStake);
  }
  for (const [op, stake] of stakeOf) {
    const funded = g.allocations.find((a) => a.address.toLowerCase() === op)?.amount ?? 0n;
    if (funded < stake) throw bad(`operator ${op} bonds ${stake} base units at genesis but is allocated only ${funded}`);
  }
  return g;
}

function validatorToJson(v: GenesisValidator): Record<string, unknown> {
  return {
    operator: v.operator,
    consensusPublicKey: v.consensusPublicKey,
    selfStake: v.selfStake.toString(),
    commission: { rate: formatDec(v.commission.rate), maxRate: formatDec(v.commission.maxRate), maxChangeRate: formatDec(v.commission.maxChangeRate) },
    ...(v.rewardAddress ? { rewardAddress: v.rewardAddress } : {}),
  };
}

function validatorFromJson(x: unknown, i: number, bad: (m: string) => NodeError): GenesisValidator {
  if (typeof x !== 'object' || x === null) throw bad(`validator #${i} must be an object`);
  const o = x as Record<string, unknown>;
  if (typeof o.operator !== 'string' || typeof o.consensusPublicKey !== 'string') throw bad(`validator #${i} needs "operator" and "consensusPublicKey" strings`);
  if (typeof o.selfStake !== 'string' || !/^\d+$/.test(o.selfStake)) throw bad(`validator #${i} needs a "selfStake" string of base units`);
  const c = o.commission as Record<string, unknown> | undefined;
  const rate = (k: string): bigint => {
    const v = c?.[k];
    if (typeof v !== 'string') throw bad(`validator #${i}: commission.${k} must be a decimal string such as "0.05"`);
    try {
      return parseDec(v);
    } catch {
      throw bad(`validator #${i}: commission.${k} ${JSON.stringify(v)} is not a decimal fraction`);
    }
  };
  return {
    operator: o.operator,
    consensusPublicKey: o.consensusPublicKey,
    selfStake: BigInt(o.selfStake),
    commission: { rate: rate('rate'), maxRate: rate('maxRate'), maxChangeRate: rate('maxChangeRate') },
    ...(typeof o.rewardAddress === 'string' ? { rewardAddress: o.rewardAddress } : {}),
  };
}

function slashingToJson(s: SlashingOverrides): Record<string, unknown> {
  return {
    ...(s.signedBlocksWindow !== undefined ? { signedBlocksWindow: s.signedBlocksWindow } : {}),
    ...(s.minSignedPerWindow !== undefined ? { minSignedPerWindow: formatDec(s.minSignedPerWindow) } : {}),
    ...(s.downtimeJailDuration !== undefined ? { downtimeJailDuration: s.downtimeJailDuration } : {}),
  };
}

function slashingFromJson(x: unknown, bad: (m: string) => NodeError): SlashingOverrides {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) throw bad('"slashing" must be an object');
  const o = x as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!['signedBlocksWindow', 'minSignedPerWindow', 'downtimeJailDuration'].includes(k)) throw bad(`slashing.${k} cannot be set in a genesis file`);
  const int = (k: string): number | undefined => {
    if (o[k] === undefined) return undefined;
    if (typeof o[k] !== 'number') throw bad(`slashing.${k} must be a number`);
    return o[k] as number;
  };
  let min: bigint | undefined;
  if (o.minSignedPerWindow !== undefined) {
    if (typeof o.minSignedPerWindow !== 'string') throw bad('slashing.minSignedPerWindow must be a decimal string such as "0.5"');
    try {
      min = parseDec(o.minSignedPerWindow);
    } catch {
      throw bad(`slashing.minSignedPerWindow ${JSON.stringify(o.minSignedPerWindow)} is not a decimal fraction`);
    }
  }
  const w = int('signedBlocksWindow');
  const d = int('downtimeJailDuration');
  return { ...(w !== undefined ? { signedBlocksWindow: w } : {}), ...(min !== undefined ? { minSignedPerWindow: min } : {}), ...(d !== undefined ? { downtimeJailDuration: d } : {}) };
}

/** Allocations per piece of `genesisJsonPieces` (about 1 MB of text). */
const ALLOCATIONS_PER_PIECE = 10_000;

/**
 * The JSON text of a genesis (amounts as decimal strings) in pieces, so a genesis too large for
 * one string (over about 4.8 million allocations: `json-stream.ts`) can still be written. Joined,
 * the pieces are `JSON.stringify(genesis, null, 2)` and a newline.
 */
export function* genesisJsonPieces(g: GenesisSpec): Generator<string> {
  const frame = JSON.stringify(
    {
      network: g.network,
      time: g.time,
      allocations: [],
      ...(g.validators ? { validators: g.validators.map(validatorToJson) } : {}),
      ...(g.slashing ? { slashing: slashingToJson(g.slashing) } : {}),
    },
    null,
    2,
  );
  const n = g.allocations.length;
  if (n === 0) {
    yield frame + '\n';
    return;
  }
  const at = frame.indexOf('"allocations": [') + '"allocations": ['.length;
  yield frame.slice(0, at) + '\n';
  for (let i = 0; i < n; i += ALLOCATIONS_PER_PIECE) {
    const part = g.allocations.slice(i, i + ALLOCATIONS_PER_PIECE).map((a) => `    {\n      "address": ${JSON.stringify(a.address)},\n      "amount": "${a.amount}"\n    }`);
    yield part.join(',\n') + (i + ALLOCATIONS_PER_PIECE < n ? ',\n' : '\n');
  }
  yield '  ' + frame.slice(at) + '\n';
}

/** The JSON text of a genesis (amounts as decimal strings). */
export function genesisToJson(g: GenesisSpec): string {
  return [...genesisJsonPieces(g)].join('');
}

/** Above this size a genesis file is parsed as a stream (`json-stream.ts`) rather than as one string. */
export const GENESIS_STREAM_BYTES = 64 * 1024 * 1024;

type Bad = (m: string) => NodeError;

function allocationFromJson(a: unknown, i: number, bad: Bad): GenesisAllocation {
  if (typeof a !== 'object' || a === null) throw bad(`allocation #${i} must be an object`);
  const { address, amount } = a as Record<string, unknown>;
  if (typeof address !== 'string') throw bad(`allocation #${i} needs an "address" string`);
  if (typeof amount !== 'string' || !/^\d+$/.test(amount)) throw bad(`allocation #${i} needs an "amount" string of base units`);
  return { address, amount: BigInt(amount) };
}

/** The genesis of the top-level values `o` and the allocations already read, checked. */
function genesisFromJson(o: Record<string, unknown>, allocations: GenesisAllocation[], bad: Bad, where: string): GenesisSpec {
  if (typeof o.network !== 'string') throw bad('"network" must be a string');
  if (typeof o.time !== 'number') throw bad('"time" must be a number');
  if (o.validators !== undefined && !Array.isArray(o.validators)) throw bad('"validators" must be an array');
  const validators = (o.validators as unknown[] | undefined)?.map((v, i) => validatorFromJson(v, i, bad));
  const slashing = o.slashing === undefined ? undefined : slashingFromJson(o.slashing, bad);
  return checkGenesis({ network: o.network as NetworkName, time: o.time, allocations, ...(validators ? { validators } : {}), ...(slashing ? { slashing } : {}) }, where);
}

/** Parses and checks genesis JSON; NodeError GENESIS_INVALID with the reason. */
export function parseGenesis(text: string, where = GENESIS_FILE_NAME): GenesisSpec {
  const bad = (m: string) => new NodeError('GENESIS_INVALID', `${where}: ${m}`);
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch (e) {
    throw bad(`not valid JSON (${(e as Error).message})`);
  }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) throw bad('must hold a JSON object');
  const o = obj as Record<string, unknown>;
  if (!Array.isArray(o.allocations)) throw bad('"allocations" must be an array');
  return genesisFromJson(
    o,
    o.allocations.map((a: unknown, i: number) => allocationFromJson(a, i, bad)),
    bad,
    where,
  );
}

/** Parses and checks a genesis file as a stream (a large one: `GENESIS_STREAM_BYTES`), allocation by allocation. */
async function parseGenesisStream(path: string): Promise<GenesisSpec> {
  const bad = (m: string) => new NodeError('GENESIS_INVALID', `${path}: ${m}`);
  const allocations: GenesisAllocation[] = [];
  let top: Map<string, unknown>;
  try {
    top = await readJsonStream(path, { values: ['network', 'time', 'validators', 'slashing'], items: 'allocations', onItem: (a, i) => allocations.push(allocationFromJson(a, i, bad)) });
  } catch (e) {
    if (e instanceof JsonStreamError) throw bad(e.message);
    throw e;
  }
  // A file this large with no allocation read has none, or no array of them.
  if (allocations.length === 0) throw bad('"allocations" must be an array');
  return genesisFromJson(Object.fromEntries(top), allocations, bad, path);
}

/**
 * Reads the genesis of a data directory; undefined when it has none. A file over
 * `o.streamAboveBytes` (default `GENESIS_STREAM_BYTES`) is parsed as a stream.
 */
export async function readGenesisFile(datadir: string, o: { streamAboveBytes?: number } = {}): Promise<GenesisSpec | undefined> {
  const path = genesisFilePath(datadir);
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new NodeError('GENESIS_INVALID', `cannot read ${path}: ${(e as Error).message}`);
  }
  if (size > (o.streamAboveBytes ?? GENESIS_STREAM_BYTES)) return parseGenesisStream(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new NodeError('GENESIS_INVALID', `cannot read ${path}: ${(e as Error).message}`);
  }
  return parseGenesis(text, path);
}

/** Writes the genesis of a data directory atomically; GENESIS_MISMATCH if it already has one. */
export async function writeGenesisFile(datadir: string, g: GenesisSpec): Promise<void> {
  await mkdir(datadir, { recursive: true });
  const path = genesisFilePath(datadir);
  const tmp = join(datadir, `.${GENESIS_FILE_NAME}.${randomBytes(6).toString('hex')}.tmp`);
  const h = await open(tmp, 'wx', 0o644);
  try {
    for (const piece of genesisJsonPieces(g)) await h.write(piece, null, 'utf8');
    await h.sync();
  } finally {
    await h.close();
  }
  try {
    await link(tmp, path); // atomic, and never replaces an existing genesis
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new NodeError('GENESIS_MISMATCH', `${path} already exists; use another data directory or remove it`);
    }
    throw e;
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

/**
 * The genesis of `datadir`: the stored one (which must be for `network`), else a new one written
 * now with `create` options. Returns it with `created` telling which.
 */
export async function loadOrCreateGenesis(
  datadir: string,
  network: NetworkName,
  create: { time?: number; allocations?: readonly GenesisAllocation[]; validators?: readonly GenesisValidator[]; slashing?: SlashingOverrides } = {},
): Promise<{ genesis: GenesisSpec; created: boolean }> {
  const stored = await readGenesisFile(datadir);
  if (stored) {
    if (stored.network !== network) {
      throw new NodeError('GENESIS_MISMATCH', `data directory ${datadir} holds a ${stored.network} genesis, not ${network}; use another --datadir`, {
        stored: stored.network,
        wanted: network,
      });
    }
    return { genesis: stored, created: false };
  }
  const genesis = newGenesis(network, create);
  await writeGenesisFile(datadir, genesis);
  return { genesis, created: true };
}

/** Network parameters for a genesis: the network's own, with the genesis time, allocations (and genesis validators and downtime rules) replaced. */
export function paramsForGenesis(g: GenesisSpec): NetworkParams {
  const base = NETWORKS[g.network];
  let consensus = base.consensus;
  if (consensus.engine === 'bft') {
    const economics = withGenesisValidators(consensus.bft.economics, g.validators ?? []);
    consensus = { ...consensus, bft: { ...consensus.bft, economics: { ...economics, slashing: { ...economics.slashing, ...(g.slashing ?? {}) } } } };
  }
  return { ...base, consensus, genesis: { ...base.genesis, time: g.time, allocations: g.allocations } };
}

/** What a node shows of its genesis (the allocations themselves are not kept in memory). */
export interface GenesisSummary {
  readonly network: NetworkName;
  readonly time: number;
  readonly allocations: number;
}

/** The summary of a genesis. */
export function summarizeGenesis(g: GenesisSpec): GenesisSummary {
  return { network: g.network, time: g.time, allocations: g.allocations.length };
}

/** SHA-256 of the genesis file's bytes (streamed: a file of a million allocations is read, not parsed). */
export async function genesisFileHash(datadir: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(genesisFilePath(datadir))) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** What a restart needs of a genesis it remembered: its identity, and its rules without the allocations. */
export interface RememberedGenesis {
  readonly summary: GenesisSummary;
  readonly digest: Uint8Array;
  /**
   * The genesis with its allocations left out (`allocations: []`) but everything else that shapes
   * the network's parameters kept (genesis validators, downtime rules), for `paramsForGenesis`.
   */
  readonly rules: GenesisSpec;
}

/**
 * The genesis identity remembered for this data directory's genesis file: its network and time,
 * the chain's genesis digest (`chain/genesis.ts` `genesisDigest`) and the rules the file sets
 * besides its allocations (validators, downtime overrides), valid while the file's bytes are
 * unchanged (their SHA-256 is kept with it). A node whose chain already holds its genesis then
 * starts without parsing the allocations or hashing them again, by the same rules; undefined when
 * nothing (or a record of an older version, without the rules) is remembered or the file changed.
 */
export async function rememberedGenesis(datadir: string): Promise<RememberedGenesis | undefined> {
  let text: string;
  try {
    text = await readFile(join(datadir, GENESIS_DIGEST_FILE_NAME), 'utf8');
  } catch {
    return undefined;
  }
  let r: { fileSha256?: unknown; digest?: unknown; network?: unknown; time?: unknown; allocations?: unknown; rules?: unknown };
  try {
    r = JSON.parse(text) as typeof r;
  } catch {
    return undefined;
  }
  if (typeof r.fileSha256 !== 'string' || typeof r.digest !== 'string' || !/^[0-9a-f]{64}$/.test(r.digest)) return undefined;
  if (!NETWORK_NAMES.includes(r.network as NetworkName) || typeof r.time !== 'number' || typeof r.allocations !== 'number') return undefined;
  if (typeof r.rules !== 'object' || r.rules === null || Array.isArray(r.rules)) return undefined;
  let rules: GenesisSpec;
  try {
    rules = rulesFromJson(r.network as NetworkName, r.time, r.rules as Record<string, unknown>);
  } catch {
    return undefined;
  }
  let sha: string;
  try {
    sha = await genesisFileHash(datadir);
  } catch {
    return undefined;
  }
  if (sha !== r.fileSha256) return undefined;
  return { summary: { network: r.network as NetworkName, time: r.time, allocations: r.allocations }, digest: hexToBytes(r.digest), rules };
}

function rulesToJson(g: GenesisSpec): Record<string, unknown> {
  return { ...(g.validators ? { validators: g.validators.map(validatorToJson) } : {}), ...(g.slashing ? { slashing: slashingToJson(g.slashing) } : {}) };
}

function rulesFromJson(network: NetworkName, time: number, o: Record<string, unknown>): GenesisSpec {
  const bad = (m: string) => new NodeError('GENESIS_INVALID', `${GENESIS_DIGEST_FILE_NAME}: ${m}`);
  if (o.validators !== undefined && !Array.isArray(o.validators)) throw bad('"validators" must be an array');
  const validators = (o.validators as unknown[] | undefined)?.map((v, i) => validatorFromJson(v, i, bad));
  const slashing = o.slashing === undefined ? undefined : slashingFromJson(o.slashing, bad);
  return { network, time, allocations: [], ...(validators ? { validators } : {}), ...(slashing ? { slashing } : {}) };
}

/** Remembers the genesis identity and rules of this data directory's genesis file `g` (see `rememberedGenesis`). */
export async function rememberGenesis(datadir: string, g: GenesisSpec, digest: Uint8Array): Promise<void> {
  const body = JSON.stringify({ fileSha256: await genesisFileHash(datadir), digest: bytesToHex(digest), ...summarizeGenesis(g), rules: rulesToJson(g) }) + '\n';
  const path = join(datadir, GENESIS_DIGEST_FILE_NAME);
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(tmp, body, 'utf8');
  await rename(tmp, path);
}
