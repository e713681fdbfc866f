/**
 * Crash-test worker: opens a chain on a LevelDB data directory and mines and imports blocks
 * forever, with a reorganisation every few blocks, so a parent process can SIGKILL it at any
 * moment and check what survived (test/e2e/crash-recovery.test.ts, scripts/soak-crash.mjs).
 *
 *   node --import tsx src/testing/crash-worker.ts <datadir> <seed>
 *
 * Protocol on stdout, one line each:
 *   READY <height> <hashhex> <stateRootHex>   after the chain opened (and recovered) on the directory
 *   COMMITTED <height> <hashhex>              after importBlock resolved with this block as the tip
 *                                             (the chain store writes with sync: true, so it is durable)
 *   REORG <disconnected> <connected> <hashhex> after a side branch became the main chain
 *
 * Everything is deterministic given the directory's contents and the seed: the clock follows the
 * tip (each block is one target spacing after its parent), and transfer amounts come from a PRNG
 * seeded with the seed and the height. The worker exits when its stdin closes (parent gone).
 */
import { LevelKv } from '../storage/level-kv.js';
import { MemoryKv } from '../storage/memory-kv.js';
import { KvBatch } from '../storage/kv.js';
import { Keys, Prefix } from '../storage/layout.js';
import type { Chain } from '../chain/chain.js';
import { bytesToHex } from '../encoding/hex.js';
import { getAccount } from '../state/modules/accounts/method.js';
import type { PreparedTx } from '../primitives/tx.js';
import type { Block } from '../primitives/block.js';
import { makeBlock, testChainParts, TestClock, transfer } from './chain.js';
import type { TestKey } from './keys.js';
import { mulberry32 } from './prng.js';

/** Every FORK_EVERY-th step is a fork (2 main blocks, then a heavier 3-block branch from 2 back); the rest mine one block. */
const FORK_EVERY = 4;

function line(s: string): void {
  // stdout to a pipe is synchronous on Linux, so a printed line is in the pipe before the next import.
  process.stdout.write(`${s}\n`);
}

/**
 * Copies into a fresh in-memory store what `Chain.open` needs to load the chain at its current head
 * (metadata, head pointer, block index, state records, leaf pages, page roots, free list and tree
 * metadata, head block): a chain opened on it can extend
 * the head, which is all the mirror below ever does.
 */
async function snapshotForTip(src: LevelKv): Promise<MemoryKv> {
  const mem = new MemoryKv();
  const batch = new KvBatch();
  for (const p of [Prefix.meta, Prefix.head, Prefix.entry, Prefix.state, Prefix.page, Prefix.pageRoot, Prefix.free, Prefix.stateMeta]) {
    for await (const [k, v] of src.iterate(Uint8Array.of(p))) batch.put(k.slice(), v.slice());
  }
  const head = await src.get(Keys.head());
  const headBlock = head && (await src.get(Keys.block(head)));
  if (!head || !headBlock) throw new Error('store has no head block');
  batch.put(Keys.block(head), headBlock.slice());
  await mem.write(batch);
  return mem;
}

async function main(): Promise<void> {
  const [dir, seedArg] = process.argv.slice(2);
  if (!dir) throw new Error('usage: crash-worker.ts <datadir> <seed>');
  const seed = Number(seedArg ?? 1) >>> 0;
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('error', () => process.exit(0));
  process.stdin.resume();

  const kv = await LevelKv.open(dir);
  const clock = new TestClock(0);
  const { chain, keys, params } = testChainParts({ kv, clock });
  await chain.open();
  const spacing = params.blockTime;
  const follow = (c: Chain, cl: TestClock): number => (cl.t = Math.max(c.tip.header.time, params.genesis.time) + spacing);
  follow(chain, clock);
  line(`READY ${chain.tip.height} ${chain.tip.key} ${bytesToHex(chain.stateRoot())}`);

  // The mirror: an in-memory chain that follows the main chain, except during a fork window, when
  // it stays 2 blocks back so the competing branch can be assembled on it. Started at the first fork
  // (so mining starts right after READY) from a snapshot of the store; it only ever extends its tip.
  const mirrorClock = new TestClock(0);
  let mirror: Chain | undefined;

  /** A few transfers on `c`'s head state; `salt` makes a branch's transactions differ from the main chain's. */
  const txsOn = async (c: Chain, salt: number): Promise<PreparedTx[]> => {
    const rnd = mulberry32(seed ^ Math.imul(c.tip.height + 1, 0x9e3779b1) ^ salt);
    const n = 1 + Math.floor(rnd() * 4);
    const out: PreparedTx[] = [];
    for (let i = 0; i < n; i++) {
      const from: TestKey = keys[(i + c.tip.height) % keys.length];
      const to = keys[(i + c.tip.height + 1 + Math.floor(rnd() * (keys.length - 1))) % keys.length];
      const nonce = await c.view((s) => getAccount(s, from.address).nonce);
      out.push(transfer(c, from, to.address, 1n + BigInt(Math.floor(rnd() * 1_000_000)), nonce));
    }
    return out;
  };

  const mineMain = async (syncMirror: boolean): Promise<void> => {
    follow(chain, clock);
    const block = await makeBlock(chain, { txs: await txsOn(chain, 0), beneficiary: keys[2].address, time: clock.t });
    const r = await chain.importBlock(block);
    if (r.status !== 'connected') throw new Error(`main block not connected: ${r.status}`);
    line(`COMMITTED ${chain.tip.height} ${chain.tip.key}`);
    if (syncMirror && mirror) {
      follow(mirror, mirrorClock);
      await mirror.importBlock(block);
      if (mirror.tip.key !== chain.tip.key) throw new Error('mirror diverged');
    }
  };

  const fork = async (): Promise<void> => {
    // The mirror is at the main tip T; the main chain moves to T+2, then a branch T+1'..T+3' wins.
    if (!mirror) {
      mirror = testChainParts({ kv: await snapshotForTip(kv), clock: mirrorClock }).chain;
      await mirror.open();
    }
    const m = mirror;
    if (m.tip.key !== chain.tip.key) throw new Error('mirror is not at the tip');
    await mineMain(false);
    await mineMain(false);
    const branch: Block[] = [];
    for (let k = 0; k < 3; k++) {
      follow(m, mirrorClock);
      const b = await makeBlock(m, { txs: await txsOn(m, 0x5a5a5a5a), beneficiary: keys[3].address, time: mirrorClock.t });
      await m.importBlock(b);
      branch.push(b);
    }
    clock.t = Math.max(clock.t, m.tip.header.time);
    let last;
    for (const b of branch) last = await chain.importBlock(b);
    if (!last || last.status !== 'reorganized' || chain.tip.key !== m.tip.key) throw new Error(`branch did not win: ${last?.status}`);
    line(`REORG ${last.disconnected} ${last.connected} ${chain.tip.key}`);
    line(`COMMITTED ${chain.tip.height} ${chain.tip.key}`);
  };

  for (let n = 0; ; n++) {
    if (n % FORK_EVERY === FORK_EVERY - 1) await fork();
    else await mineMain(true);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`crash-worker failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
