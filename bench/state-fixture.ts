/**
 * The large-state benchmark fixture, built once and cached under the system temp folder, keyed by
 * its parameters (`cw-bench-state-<version>-<accounts>-<blocks>x<txs>`):
 * - a LevelDB state directory whose genesis funds `accounts` accounts: the first `senders` are
 *   deterministic test keys, the rest addresses derived from their number;
 * - `blocks` blocks of `txs` signed transfers (sender i of block b uses nonce b) to accounts drawn
 *   at random from all of them, stored as raw transactions in `txs.bin`;
 * - `fixture.json`: parameters, the build time, the genesis root.
 * The directory is complete only when `fixture.json` exists; an interrupted build starts over.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeAddress } from '../src/crypto/address.js';
import { installNativeHashing } from '../src/crypto/native.js';
import { bytesToHex } from '../src/encoding/hex.js';
import { regtest, withAllocations, type GenesisAllocation, type NetworkParams } from '../src/params/networks.js';
import { buildTxBody, signTx } from '../src/primitives/tx-builder.js';
import { encodeTx } from '../src/primitives/tx.js';
import { TransferParams } from '../src/state/modules/bank/schemas.js';
import { coreModules } from '../src/state/modules/index.js';
import { PowEngine } from '../src/consensus/pow/engine.js';
import { StateMachine } from '../src/state/state-machine.js';
import { DiskWorldState } from '../src/state/disk-world.js';
import { buildDiskGenesis } from '../src/state/disk-genesis.js';
import { KvStateBackend, putGenesisChunk } from '../src/storage/state-store.js';
import { LevelKv } from '../src/storage/level-kv.js';
import { KvBatch } from '../src/storage/kv.js';
import { testKeys } from '../src/testing/keys.js';
import { mulberry32 } from '../src/testing/prng.js';

/** Bump when the fixture's format or content changes. */
const FIXTURE_VERSION = 'v1';

/** Parameters of a fixture. */
export interface StateFixtureSpec {
  readonly accounts: number;
  readonly senders: number;
  readonly blocks: number;
  readonly txs: number;
}

/** A built fixture. */
export interface StateFixture extends StateFixtureSpec {
  readonly dir: string;
  readonly stateDir: string;
  readonly txFile: string;
  readonly buildSeconds: number;
  readonly genesisRoot: string;
}

/** Address of account `i` of the fixture (after the senders). */
export function fixtureAddress(i: number): Uint8Array {
  const a = new Uint8Array(20);
  a[0] = 0xbe;
  new DataView(a.buffer).setUint32(16, i, false);
  return a;
}

/** Allocations of a fixture: senders first, then numbered accounts. */
export function fixtureAllocations(spec: StateFixtureSpec, senderAddresses: readonly string[]): GenesisAllocation[] {
  const out: GenesisAllocation[] = senderAddresses.map((address) => ({ address, amount: 10n ** 15n }));
  for (let i = spec.senders; i < spec.accounts; i++) out.push({ address: encodeAddress(fixtureAddress(i)), amount: 1_000_000n });
  return out;
}

/** Network parameters of a fixture (regtest with its allocations). */
export function fixtureParams(spec: StateFixtureSpec, senderAddresses: readonly string[]): NetworkParams {
  return withAllocations(regtest, fixtureAllocations(spec, senderAddresses));
}

/** Builds the fixture unless a complete one is cached; returns it. */
export async function stateFixture(spec: StateFixtureSpec, log: (m: string) => void = () => undefined): Promise<StateFixture> {
  installNativeHashing();
  const dir = join(tmpdir(), `cw-bench-state-${FIXTURE_VERSION}-${spec.accounts}-${spec.senders}-${spec.blocks}x${spec.txs}`);
  const meta = join(dir, 'fixture.json');
  if (existsSync(meta)) return { ...JSON.parse(readFileSync(meta, 'utf8')), dir, stateDir: join(dir, 'state'), txFile: join(dir, 'txs.bin') };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const t0 = performance.now();
  const keys = testKeys(spec.senders);
  const params = fixtureParams(
    spec,
    keys.map((k) => k.addressText),
  );
  log(`fixture: ${spec.accounts} accounts, building genesis in ${dir}`);
  const kv = await LevelKv.open(join(dir, 'state'));
  const world = await DiskWorldState.open(new KvStateBackend(kv), { cacheBytes: 64 << 20 });
  const sm = new StateMachine(params, coreModules(new PowEngine(params, params.genesis.time).modules()));
  const g = await buildDiskGenesis(sm, world, { chunksDone: 0, chunkHashes: [] }, async (w) => {
    const b = new KvBatch();
    putGenesisChunk(b, new Uint8Array(32), w);
    await kv.write(b);
    if (w.index % 20 === 19) log(`fixture: ${(w.index + 1) * 50_000} allocations written`);
  });
  await kv.close();
  const genesisSeconds = (performance.now() - t0) / 1000;
  log(`fixture: genesis built in ${genesisSeconds.toFixed(1)} s; signing ${spec.blocks * spec.txs} transfers`);
  const rnd = mulberry32(42);
  const parts: Uint8Array[] = [];
  for (let b = 0; b < spec.blocks; b++) {
    for (let s = 0; s < spec.txs; s++) {
      const r = Math.floor(rnd() * spec.accounts);
      const to = r < spec.senders ? keys[r].address : fixtureAddress(r);
      const body = buildTxBody('bank', 'transfer', TransferParams, { to, assetId: 0, amount: 1000n + BigInt(b), memo: new Uint8Array(0) }, {
        chainId: params.chainId,
        nonce: BigInt(b),
        gasLimit: 100_000n,
        maxFeePerGas: 1_000n,
        maxTipPerGas: 2n,
        senderPublicKey: keys[s % spec.senders].publicKey,
      });
      const bytes = encodeTx(signTx(body, keys[s % spec.senders].sign));
      const len = new Uint8Array(4);
      new DataView(len.buffer).setUint32(0, bytes.length, false);
      parts.push(len, bytes);
    }
  }
  writeFileSync(join(dir, 'txs.bin'), Buffer.concat(parts));
  const buildSeconds = +((performance.now() - t0) / 1000).toFixed(1);
  const out = { ...spec, buildSeconds, genesisSeconds: +genesisSeconds.toFixed(1), genesisRoot: bytesToHex(g.root) };
  writeFileSync(meta, JSON.stringify(out));
  return { ...out, dir, stateDir: join(dir, 'state'), txFile: join(dir, 'txs.bin') };
}
