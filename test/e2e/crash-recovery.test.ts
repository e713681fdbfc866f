/**
 * Crash recovery: a worker process (src/testing/crash-worker.ts) mines and imports blocks, with a
 * reorganisation every few blocks, on a LevelDB data directory; it is SIGKILLed at a random moment
 * and restarted on the same directory, round after round, so any damage accumulates. After every
 * kill the test copies the directory (an exact crash image), opens a Chain on the copy and checks:
 *
 *   - Chain.open succeeds (it checks the stored state against the head block's state root);
 *   - every block the worker reported as COMMITTED is still known and valid, and is either on the
 *     main chain or was replaced by a branch with more work; the tip has at least the work of the
 *     last committed block;
 *   - the state root is the head block's coinbase state root, and the native supply adds up;
 *   - the store's indexes agree with the main chain (height index, undo and receipts records, tx
 *     index, head pointer, blocks vs entries);
 *   - an in-memory chain that imports the same main-chain blocks reaches the same tip and state root
 *     (incrementally each round; from genesis once at the end);
 *
 * and the next worker, recovering the original directory, must come up READY at the same tip and
 * state root. Some extra rounds kill the worker during start-up (while it opens and recovers).
 *
 * CRASH_SEED=<n> repeats a run's kill schedule and transactions (the seed is logged; where a kill
 * lands still depends on timing); CRASH_ROUNDS=<n> sets the number of kills while mining (default
 * 20). scripts/soak-crash.mjs runs many more rounds. On failure the data directory is kept.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomInt } from 'node:crypto';
import { LevelKv } from '../../src/storage/level-kv.js';
import { Keys, Prefix } from '../../src/storage/layout.js';
import { TxLocation } from '../../src/storage/records.js';
import { decode } from '../../src/encoding/codec.js';
import { bytesToHex } from '../../src/encoding/hex.js';
import type { Chain } from '../../src/chain/chain.js';
import type { ChainEntry } from '../../src/chain/chain-index.js';
import { testChainParts, TestClock } from '../../src/testing/chain.js';
import { nativeSupplyCheck } from '../../src/testing/invariants.js';
import { mulberry32 } from '../../src/testing/prng.js';
import { E2E_TEST_TIMEOUT_MS } from './limits.js';

const WORKER = fileURLToPath(new URL('../../src/testing/crash-worker.ts', import.meta.url));
const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 20);
const SEED = Number(process.env.CRASH_SEED ?? randomInt(1, 2 ** 31));
/** Every this many mining rounds, one extra round kills the worker while it starts up. */
const STARTUP_KILL_EVERY = 5;
const READY_TIMEOUT_MS = 30_000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Ready {
  height: number;
  hash: string;
  stateRoot: string;
  at: number;
}

/** A running worker and what it printed. */
class Worker {
  readonly proc: ChildProcessWithoutNullStreams;
  readonly started = Date.now();
  ready: Ready | undefined;
  readonly committed: Array<{ height: number; hash: string }> = [];
  reorgs = 0;
  stderr = '';
  readonly closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  #buf = '';
  #onLine: (() => void) | undefined;

  constructor(dir: string, seed: number) {
    this.proc = spawn(process.execPath, ['--import', 'tsx', WORKER, dir, String(seed)], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stdout.setEncoding('utf8');
    this.proc.stderr.setEncoding('utf8');
    this.proc.stdout.on('data', (s: string) => {
      this.#buf += s;
      let i;
      while ((i = this.#buf.indexOf('\n')) >= 0) {
        this.#line(this.#buf.slice(0, i));
        this.#buf = this.#buf.slice(i + 1);
      }
    });
    this.proc.stderr.on('data', (s: string) => (this.stderr += s));
    this.closed = new Promise((resolve) => this.proc.on('close', (code, signal) => resolve({ code, signal })));
  }

  #line(l: string): void {
    const [kind, a, b, c] = l.split(' ');
    if (kind === 'READY') this.ready = { height: Number(a), hash: b, stateRoot: c, at: Date.now() };
    else if (kind === 'COMMITTED') this.committed.push({ height: Number(a), hash: b });
    else if (kind === 'REORG') this.reorgs++;
    this.#onLine?.();
  }

  /** Resolves once READY was printed; throws if the worker exits first or the timeout passes. */
  async waitReady(timeoutMs: number): Promise<Ready> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ready) {
      if (this.proc.exitCode !== null || this.proc.signalCode !== null) throw new Error(`worker exited before READY (code ${this.proc.exitCode}, signal ${this.proc.signalCode}):\n${this.stderr}`);
      if (Date.now() > deadline) throw new Error(`worker not READY after ${timeoutMs} ms:\n${this.stderr}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 50);
        this.#onLine = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.#onLine = undefined;
    }
    return this.ready;
  }

  /** SIGKILLs the worker (which must still be running) and waits until its output is fully read. */
  async kill(): Promise<void> {
    const alive = this.proc.exitCode === null && this.proc.signalCode === null;
    this.proc.kill('SIGKILL');
    const { code, signal } = await this.closed;
    assert.ok(alive && signal === 'SIGKILL', `worker died on its own (code ${code}, signal ${signal}):\n${this.stderr}`);
  }
}

/** Per-block transaction ids, cached across rounds (blocks never change once stored). */
const txidsOf = new Map<string, string[]>();

async function readBlock(chain: Chain, e: ChainEntry) {
  const pb = await chain.getBlock(e.hash);
  assert.ok(pb, `block ${e.key} at height ${e.height} is missing from the store`);
  txidsOf.set(e.key, pb.txs.map((t) => bytesToHex(t.id)));
  return pb;
}

async function keysUnder(chain: Chain, prefix: number): Promise<string[]> {
  const out: string[] = [];
  for await (const [k] of chain.store.kv.iterate(Uint8Array.of(prefix))) out.push(bytesToHex(k.subarray(1)));
  return out;
}

/** The store's own indexes must describe exactly the main chain ending at the tip. */
async function checkStoreIndexes(chain: Chain): Promise<void> {
  const main: ChainEntry[] = [];
  for (let h = 0; h <= chain.tip.height; h++) main.push(chain.index.atHeight(h)!);
  const mainKeys = main.map((e) => e.key);
  assert.equal(bytesToHex((await chain.store.headHash())!), chain.tip.key, 'head pointer is the tip');
  // Height index n|height -> hash: exactly heights 0..tip.
  const heights: string[] = [];
  for await (const [k, v] of chain.store.kv.iterate(Uint8Array.of(Prefix.height))) {
    heights.push(bytesToHex(v));
    assert.equal(bytesToHex(k), bytesToHex(Keys.height(heights.length - 1)), 'height index has a gap or a stale height');
  }
  assert.deepEqual(heights, mainKeys, 'height index is the main chain');
  // Receipts exist for exactly the connected (main-chain) blocks; undo records for those of them
  // above genesis (never disconnected) within the undo window.
  const sorted = [...mainKeys].sort();
  const undoable = mainKeys.slice(1).slice(-chain.undoWindow).sort();
  assert.deepEqual(await keysUnder(chain, Prefix.undo), undoable, 'undo records are those of the main chain within the undo window');
  assert.deepEqual(await keysUnder(chain, Prefix.receipts), sorted, 'receipts are those of the main chain');
  // Every block has an index entry and vice versa; main-chain entries are valid.
  assert.deepEqual(await keysUnder(chain, Prefix.block), await keysUnder(chain, Prefix.entry), 'blocks and index entries match');
  for (const e of main) assert.equal(e.status, 'valid', `main-chain block ${e.key} is ${e.status}`);
  // Tx index: every main-chain transaction, at its position, and nothing else.
  const expected = new Map<string, { block: string; index: number }>();
  for (const e of main) {
    const ids = txidsOf.get(e.key) ?? (await readBlock(chain, e)).txs.map((t) => bytesToHex(t.id));
    ids.forEach((id, index) => expected.set(id, { block: e.key, index }));
  }
  let count = 0;
  for await (const [k, v] of chain.store.kv.iterate(Uint8Array.of(Prefix.tx))) {
    count++;
    const id = bytesToHex(k.subarray(1));
    const loc = decode(TxLocation, v);
    const want = expected.get(id);
    assert.ok(want, `tx index holds ${id}, which is not in the main chain`);
    assert.equal(bytesToHex(loc.blockHash), want.block, `tx ${id} points at the wrong block`);
    assert.equal(loc.index, want.index, `tx ${id} points at the wrong position`);
  }
  assert.equal(count, expected.size, 'tx index misses main-chain transactions');
}

/** Imports into `replay` the main-chain blocks of `chain` it does not know yet; both must then agree. */
async function catchUp(replay: { chain: Chain; clock: TestClock }, chain: Chain): Promise<number> {
  const path: ChainEntry[] = [];
  for (let e: ChainEntry | null = chain.tip; e && !replay.chain.index.get(e.hash); e = e.parent) path.push(e);
  path.reverse();
  for (const e of path) {
    const pb = await readBlock(chain, e);
    replay.clock.t = pb.block.header.time;
    await replay.chain.importBlock(pb.bytes);
  }
  assert.equal(replay.chain.tip.key, chain.tip.key, 'replayed chain reaches the same tip');
  assert.equal(bytesToHex(replay.chain.stateRoot()), bytesToHex(chain.stateRoot()), 'replayed chain reaches the same state root');
  return path.length;
}

test(`SIGKILL while mining and reorganising, restart on the same directory (${ROUNDS} rounds)`, { timeout: E2E_TEST_TIMEOUT_MS }, async (t) => {
  const rnd = mulberry32(SEED);
  t.diagnostic(`CRASH_SEED=${SEED} CRASH_ROUNDS=${ROUNDS}`);
  console.log(`# crash-recovery: CRASH_SEED=${SEED} CRASH_ROUNDS=${ROUNDS}`);
  const base = mkdtempSync(join(tmpdir(), 'coinworks-crash-'));
  const dir = join(base, 'data');
  const image = join(base, 'image');
  const committed = new Map<string, number>();
  const replay = (() => {
    const clock = new TestClock(0);
    return { chain: testChainParts({ clock }).chain, clock };
  })();
  await replay.chain.open();
  let worker: Worker | undefined;
  let expected: { hash: string; stateRoot: string } | undefined;
  let readyMs = 1000;
  let reorgs = 0;
  let mined = 0;
  let midReorg = 0;
  const ms = { startup: 0, mining: 0, verify: 0, replay: 0 };
  const startedAt = Date.now();
  try {
    let miningRounds = 0;
    for (let round = 0; miningRounds < ROUNDS; round++) {
      const startupKill = round > 0 && round % (STARTUP_KILL_EVERY + 1) === STARTUP_KILL_EVERY;
      worker = new Worker(dir, SEED);
      if (startupKill) {
        // Kill somewhere in module loading, LevelDB open, index/state load or recovery.
        await sleep(readyMs * (0.5 + 0.6 * rnd()));
      } else {
        const ready = await worker.waitReady(READY_TIMEOUT_MS);
        readyMs = ready.at - worker.started;
        ms.startup += readyMs;
        const delay = 150 + Math.floor(rnd() * 1050);
        ms.mining += delay;
        await sleep(delay);
        miningRounds++;
      }
      const ready = worker.ready;
      if (ready && expected) {
        assert.equal(ready.hash, expected.hash, `round ${round}: worker recovered to another tip than the crash image`);
        assert.equal(ready.stateRoot, expected.stateRoot, `round ${round}: worker recovered to another state root than the crash image`);
      }
      await worker.kill();
      for (const c of worker.committed) committed.set(c.hash, c.height);
      const lastCommitted = worker.committed.at(-1);
      reorgs += worker.reorgs;
      worker = undefined;

      // Verify an exact copy of the crash image, so the next worker recovers the original itself.
      const verifyStart = Date.now();
      rmSync(image, { recursive: true, force: true });
      cpSync(dir, image, { recursive: true });
      const kv = await LevelKv.open(image);
      const { chain } = testChainParts({ kv, clock: new TestClock(0) });
      try {
        const rawHead = await chain.store.headHash();
        await chain.open();
        const tip = chain.tip;
        // Chain.open finishes a reorganisation the crash interrupted (a heavier branch stored, not active).
        if (rawHead && bytesToHex(rawHead) !== tip.key) midReorg++;
        for (const [hash, height] of committed) {
          const e = chain.index.get(hash);
          assert.ok(e, `round ${round}: committed block ${hash} at height ${height} is lost`);
          assert.equal(e.height, height);
          assert.equal(e.status, 'valid', `round ${round}: committed block ${hash} is ${e.status}`);
          assert.ok(chain.index.isMain(e) || tip.chainWork > e.chainWork, `round ${round}: committed block ${hash} left the main chain without a heavier branch`);
        }
        if (lastCommitted) {
          const e = chain.index.get(lastCommitted.hash)!;
          assert.ok(tip.chainWork >= e.chainWork, `round ${round}: tip has less work than the last committed block`);
        }
        const head = await chain.getBlock(tip.hash);
        assert.ok(head);
        assert.equal(bytesToHex(chain.stateRoot()), bytesToHex(head.block.coinbase.stateRoot), `round ${round}: state root is not the head block's`);
        const s = await nativeSupplyCheck(chain);
        assert.equal(s.held, s.ledger, `round ${round}: native supply does not add up`);
        mined += await catchUp(replay, chain);
        await checkStoreIndexes(chain);
        expected = { hash: tip.key, stateRoot: bytesToHex(chain.stateRoot()) };
        t.diagnostic(`round ${round}${startupKill ? ' (start-up kill)' : ''}: height ${tip.height}, ${committed.size} committed blocks, ${reorgs} reorgs, ${midReorg} crashes mid-reorg`);
      } finally {
        await chain.close();
        ms.verify += Date.now() - verifyStart;
      }
    }

    // A last restart must come up on the verified tip; then replay the whole main chain from genesis.
    worker = new Worker(dir, SEED);
    const ready = await worker.waitReady(READY_TIMEOUT_MS);
    assert.equal(ready.hash, expected!.hash);
    assert.equal(ready.stateRoot, expected!.stateRoot);
    await worker.kill();
    worker = undefined;
    const kv = await LevelKv.open(dir);
    const { chain } = testChainParts({ kv, clock: new TestClock(0) });
    try {
      await chain.open();
      const fresh = (() => {
        const clock = new TestClock(0);
        return { chain: testChainParts({ clock }).chain, clock };
      })();
      await fresh.chain.open();
      const replayStart = Date.now();
      for (let h = 1; h <= chain.tip.height; h++) {
        const pb = await chain.getBlock(chain.index.atHeight(h)!.hash);
        assert.ok(pb);
        fresh.clock.t = pb.block.header.time;
        const r = await fresh.chain.importBlock(pb.bytes);
        assert.equal(r.status, 'connected');
      }
      assert.equal(fresh.chain.tip.key, chain.tip.key);
      assert.equal(bytesToHex(fresh.chain.stateRoot()), bytesToHex(chain.stateRoot()), 'replay from genesis reaches the same state root');
      const s = await nativeSupplyCheck(fresh.chain);
      assert.equal(s.held, s.ledger);
      await fresh.chain.close();
      ms.replay = Date.now() - replayStart;
      assert.ok(reorgs > 0, 'the worker never reorganised');
      assert.ok(committed.size > ROUNDS, 'the worker hardly committed anything');
      const summary = `${ROUNDS} mining kills, final height ${chain.tip.height}, ${committed.size} committed blocks, ${reorgs} reorgs, ${midReorg} kills landed mid-reorg, ${mined} blocks replayed; ${((Date.now() - startedAt) / 1000).toFixed(1)} s (worker start-up ${(ms.startup / 1000).toFixed(1)} s, mining ${(ms.mining / 1000).toFixed(1)} s, checks ${(ms.verify / 1000).toFixed(1)} s, replay from genesis ${(ms.replay / 1000).toFixed(1)} s)`;
      t.diagnostic(summary);
      console.log(`# crash-recovery: ${summary}`);
    } finally {
      await chain.close();
    }
  } catch (e) {
    console.error(`# crash-recovery failed with CRASH_SEED=${SEED}; data left in ${base}`);
    throw e;
  } finally {
    if (worker) {
      worker.proc.kill('SIGKILL');
      await worker.closed;
    }
    await replay.chain.close();
  }
  rmSync(base, { recursive: true, force: true });
});
