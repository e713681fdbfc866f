/**
 * Issue 15's table, measured on any checkout of this repository (so old and new code are compared
 * on the same machine with the same script): a LevelDB chain whose genesis funds N accounts, then
 * `blocks` blocks of 1,000 transfers (the first 1,000 accounts send, recipients are random existing
 * accounts) assembled and imported, then a restart. Each phase runs in its own process so RSS is
 * that phase's alone. Prints one JSON line.
 *
 *   node --import tsx scripts/state-scaling.ts <repo root> <accounts> [blocks=20]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const [rootArg, accountsArg, blocksArg = '20', phase, dirArg] = process.argv.slice(2);
const root = resolve(rootArg);
const accounts = Number(accountsArg);
const blocks = Number(blocksArg);
const rss = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return Math.round(process.memoryUsage().rss / 2 ** 20);
};

async function parts(dir: string) {
  const { LevelKv } = await import(join(root, 'src/storage/level-kv.ts'));
  const { testChainParts, TestClock } = await import(join(root, 'src/testing/chain.ts'));
  const kv = await LevelKv.open(dir);
  return testChainParts({ accounts, fund: 10n ** 12n, kv, clock: new TestClock(4_000_000_000) });
}

if (phase === 'build') {
  const p = await parts(dirArg);
  const { transfer, makeBlock } = await import(join(root, 'src/testing/chain.ts'));
  const rssBefore = rss();
  let t = performance.now();
  await p.chain.open();
  const genesisSeconds = (performance.now() - t) / 1000;
  const rssGenesis = rss();
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const senders = Math.min(1000, accounts);
  let txCount = 0;
  t = performance.now();
  let signing = 0;
  for (let b = 0; b < blocks; b++) {
    const s0 = performance.now();
    const txs = [];
    for (let s = 0; s < senders; s++) txs.push(transfer(p.chain, p.keys[s], p.keys[Math.floor(rnd() * accounts)].address, 1000n, BigInt(b)));
    signing += performance.now() - s0;
    p.clock.t += 2;
    const block = await makeBlock(p.chain, { txs, beneficiary: p.keys[0].address, time: p.chain.tip.header.time + 2 });
    await p.chain.importBlock(block);
    txCount += block.txs.length;
  }
  const importSeconds = (performance.now() - t - signing) / 1000;
  const rssAfter = rss();
  await p.chain.close();
  console.log(JSON.stringify({ genesisSeconds, rssBefore, rssGenesis, rssAfter, txPerSecond: Math.round(txCount / importSeconds), txCount }));
} else if (phase === 'open') {
  const p = await parts(dirArg);
  const rssBefore = rss();
  const t = performance.now();
  await p.chain.open();
  const openSeconds = (performance.now() - t) / 1000;
  const rssOpen = rss();
  await p.chain.close();
  console.log(JSON.stringify({ openSeconds, rssBefore, rssOpen, height: p.chain.tip.height }));
} else {
  const dir = mkdtempSync(join(tmpdir(), 'cw-scaling-'));
  try {
    const run = (ph: string) => {
      const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', new URL(import.meta.url).pathname, root, String(accounts), String(blocks), ph, join(dir, 'chain')], {
        encoding: 'utf8',
        cwd: root,
        maxBuffer: 1 << 24,
      });
      if (r.status !== 0) throw new Error(`${ph} failed: ${r.stderr.slice(-2000)}`);
      return JSON.parse(r.stdout.trim().split('\n').pop()!);
    };
    const build = run('build');
    const open = run('open');
    console.log(JSON.stringify({ root, accounts, blocks, ...build, ...open }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
