/**
 * NFTs on a real devnet, every step a separate process as a user runs it: create a mined collection
 * with the CLI, mine several tokens with `coinworks nft mine --count` while watching nft_miningJob
 * over RPC (the target of each next token shrinks on schedule, the expected hashes grow with it, and
 * the hashes the miner counted are in line), two miners racing on one collection (each restarts when
 * the other's mint changes prevHash), the same token's WAV over HTTP twice and through `nft music`
 * (byte-identical, valid RIFF/WAVE of the stated rate and length, not silence), then a sale through
 * the CLI that credits the royalty receiver exactly floor(price x bps / 10000).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { background, cleanEnv, cli, requireBuiltCli, rpc, type RunResult } from '../cli/process-helpers.js';
import { E2E_STEP_TIMEOUT_MS, E2E_TEST_TIMEOUT_MS } from './limits.js';

const MAX_HASH = (1n << 256n) - 1n;
const DIVISOR = 1n << 18n;
const RAMP = 3n;
const ROYALTY_BPS = 500n;

const generationOf = (minted: bigint) => (minted + 1n).toString(2).length - 1;
const targetOf = (minted: bigint) => MAX_HASH / DIVISOR / RAMP ** BigInt(generationOf(minted));
const expectedOf = (target: bigint) => ((1n << 256n) + target) / (target + 1n);

interface Job {
  tokenId: string;
  generation: number;
  target: string;
  expectedHashes: string;
  prevHash: string;
}

interface MineReport {
  collectionId: number;
  mined: Array<{ tokenId: string; generation: number; target: string; expectedHashes: string; hashes: number; id: string; height: number; tokenHash: string | null }>;
  totalHashes: number;
}

function ok(r: RunResult, what: string): RunResult {
  assert.equal(r.code, 0, `${what}: exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return r;
}

function parseWav(b: Uint8Array) {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const ascii = (o: number, n: number) => String.fromCharCode(...b.subarray(o, o + n));
  const dataSize = v.getUint32(40, true);
  let sum = 0;
  for (let i = 0; i < dataSize / 2; i++) sum += v.getInt16(44 + 2 * i, true) ** 2;
  return {
    riff: ascii(0, 4),
    riffSize: v.getUint32(4, true),
    wave: ascii(8, 4),
    fmt: ascii(12, 4),
    format: v.getUint16(20, true),
    channels: v.getUint16(22, true),
    rate: v.getUint32(24, true),
    bits: v.getUint16(34, true),
    data: ascii(36, 4),
    dataSize,
    rms: Math.sqrt(sum / (dataSize / 2)),
  };
}

test('devnet NFTs: mine on schedule with the CLI, race two miners, identical WAVs, a royalty-paying sale', { timeout: E2E_TEST_TIMEOUT_MS }, async (t) => {
  requireBuiltCli();
  const started = Date.now();
  const dir = await mkdtemp(join(tmpdir(), 'cw-nft-devnet-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const datadir = join(dir, 'devnet');
  const devnet = background(['devnet', '--rpc-port', '0', '--datadir', datadir], { cwd: dir });
  t.after(() => devnet.stop('SIGKILL'));
  const [, url] = await devnet.waitFor(/^RPC: (http:\/\/127\.0\.0\.1:\d+)$/m);
  const dev = Object.fromEntries([...devnet.output().stdout.matchAll(/^\s+(dev-\d+)\s+(cw1\w+)/gm)].map((m) => [m[1], m[2]]));
  assert.ok(dev['dev-4'], 'dev accounts listed');
  const env = cleanEnv({ COINWORKS_RPC: url, COINWORKS_WALLET_DIR: join(datadir, 'wallets'), COINWORKS_WALLET_PASSWORD: 'devnet' });
  const run = (args: string[], timeoutMs = E2E_STEP_TIMEOUT_MS) => cli(args, { env, cwd: dir, timeoutMs });

  // 1. A mined collection with a small divisor, royalty 5% to dev-2.
  const created = ok(
    await run(['nft', 'collection', 'create', '--name', 'Atoms', '--symbol', 'ATOM', '--mined', '--divisor', DIVISOR.toString(), '--royalty', ROYALTY_BPS.toString(), '--royalty-to', 'dev-2', '--from', 'dev-0', '--json']),
    'collection create',
  );
  const { collectionId, status } = JSON.parse(created.stdout) as { collectionId: number; status: string };
  assert.equal(status, 'success');
  const col = await rpc<{ mintRule: string; pow: { divisor: string; ramp: number }; royalty: { receiver: string; bps: number } }>(url, 'nft_getCollection', [collectionId]);
  assert.equal(col.mintRule, 'mined');
  assert.deepEqual([col.pow.divisor, col.pow.ramp], [DIVISOR.toString(), 3]);
  assert.deepEqual(col.royalty, { receiver: dev['dev-2'], bps: Number(ROYALTY_BPS) });

  // 2. Mine 8 tokens in a separate process while watching every job over RPC.
  const jobs = new Map<string, Job>();
  let watching = true;
  const watcher = (async () => {
    while (watching) {
      try {
        const j = await rpc<Job>(url, 'nft_miningJob', [collectionId, dev['dev-1']]);
        if (!jobs.has(j.tokenId)) jobs.set(j.tokenId, j);
      } catch {
        // the node is busy importing; try again
      }
      await new Promise((r) => setTimeout(r, 40));
    }
  })();
  const COUNT = 8;
  const mined = ok(await run(['nft', 'mine', String(collectionId), '--count', String(COUNT), '--threads', '1', '--poll', '200', '--from', 'dev-1', '--json']), 'nft mine');
  watching = false;
  await watcher;
  const report = JSON.parse(mined.stdout) as MineReport;
  assert.deepEqual(report.mined.map((m) => m.tokenId), ['1', '2', '3', '4', '5', '6', '7', '8']);
  const next = await rpc<Job>(url, 'nft_miningJob', [collectionId, dev['dev-1']]);
  jobs.set(next.tokenId, next);

  // The target of token n+1 is the schedule's, seen over RPC for every token: it shrinks by the ramp
  // at each new generation (1 | 2 3 | 4 5 6 7 | 8 9), and the expected hashes grow by as much.
  for (let n = 0n; n <= BigInt(COUNT); n++) {
    const j = jobs.get((n + 1n).toString());
    assert.ok(j, `nft_miningJob was seen for token ${n + 1n} (seen: ${[...jobs.keys()].join(', ')})`);
    const target = BigInt(`0x${j.target}`);
    assert.equal(j.generation, generationOf(n), `generation of token ${n + 1n}`);
    assert.equal(target, targetOf(n), `target of token ${n + 1n}`);
    assert.equal(BigInt(j.expectedHashes), expectedOf(target), `expected hashes of token ${n + 1n}`);
    if (n > 0n) {
      const prev = jobs.get(n.toString())!;
      const prevTarget = BigInt(`0x${prev.target}`);
      if (j.generation === prev.generation) assert.equal(target, prevTarget, 'same generation, same target');
      else {
        assert.equal(j.generation, prev.generation + 1);
        assert.equal(target, prevTarget / RAMP, 'a new generation divides the target by the ramp');
        const ratio = Number(BigInt(j.expectedHashes) * 1000n / BigInt(prev.expectedHashes)) / 1000;
        assert.ok(ratio > 2.99 && ratio < 3.01, `work needed grows x3 per generation (x${ratio})`);
      }
      assert.notEqual(j.prevHash, prev.prevHash, 'each mint changed prevHash');
    }
  }
  assert.deepEqual([...new Set([...jobs.values()].map((j) => j.generation))].sort(), [0, 1, 2, 3]);
  // The miner worked on exactly those jobs, and the hashes it counted are in line with the expected work.
  let expectedTotal = 0n;
  for (const m of report.mined) {
    const j = jobs.get(m.tokenId)!;
    assert.deepEqual([m.target, m.expectedHashes, m.generation], [j.target, j.expectedHashes, j.generation], `token ${m.tokenId}: the CLI mined the RPC's job`);
    assert.ok(m.hashes > 0, `token ${m.tokenId}: hashes counted`);
    expectedTotal += BigInt(m.expectedHashes);
  }
  const counted = report.mined.reduce((s, m) => s + m.hashes, 0);
  // A sum of exponential waits: below 5% or above 10x of its mean essentially never happens; the
  // slack on top covers the kernel's chunks still running when a find is reported.
  assert.ok(counted >= Number(expectedTotal) / 20, `counted ${counted} hashes for ${expectedTotal} expected`);
  assert.ok(counted <= Number(expectedTotal) * 10 + COUNT * 4_000_000, `counted ${counted} hashes for ${expectedTotal} expected`);
  const gen0 = report.mined.filter((m) => m.generation === 0).reduce((s, m) => s + BigInt(m.expectedHashes), 0n);
  const gen2 = report.mined.filter((m) => m.generation === 2).reduce((s, m) => s + BigInt(m.expectedHashes), 0n);
  const off = gen2 - gen0 * 36n;
  assert.ok(off >= -64n && off <= 64n, `generation 2: four tokens, each 9x the work of token 1 (to rounding): ${gen2} vs ${gen0} x 36`);
  const tok8 = await rpc<{ owner: string; contentHash: string }>(url, 'nft_getToken', [collectionId, '8']);
  assert.equal(tok8.owner, dev['dev-1']);
  assert.equal(tok8.contentHash, report.mined[7].tokenHash);

  // 3. Two miners on one collection: each mint voids the other's job, and the other restarts.
  const a = background(['nft', 'mine', String(collectionId), '--count', '2', '--poll', '200', '--from', 'dev-1'], { env, cwd: dir });
  const b = background(['nft', 'mine', String(collectionId), '--count', '2', '--poll', '200', '--from', 'dev-4'], { env, cwd: dir });
  t.after(() => a.stop('SIGKILL'));
  t.after(() => b.stop('SIGKILL'));
  const [ea, eb] = await Promise.all([a.exited, b.exited]);
  assert.deepEqual(ea, { code: 0, signal: null }, a.output().stderr);
  assert.deepEqual(eb, { code: 0, signal: null }, b.output().stderr);
  const restarts = /moved on|minted by someone else first|landed first/;
  assert.ok(restarts.test(a.output().stderr) || restarts.test(b.output().stderr), `one miner restarted on the other's mint\nA: ${a.output().stderr}\nB: ${b.output().stderr}`);
  const after = await rpc<{ minted: string }>(url, 'nft_getCollection', [collectionId]);
  assert.equal(after.minted, '12');
  const owners = await Promise.all(['9', '10', '11', '12'].map((id) => rpc<{ owner: string }>(url, 'nft_getToken', [collectionId, id]).then((x) => x.owner)));
  assert.equal(owners.filter((o) => o === dev['dev-1']).length, 2);
  assert.equal(owners.filter((o) => o === dev['dev-4']).length, 2);

  // 4. The same token's music: twice over HTTP and through `nft music`, byte for byte.
  const wavUrl = `${url}/nft/${collectionId}/3/audio.wav`;
  const r1 = await fetch(wavUrl);
  const r2 = await fetch(wavUrl);
  assert.equal(r1.status, 200);
  assert.equal(r1.headers.get('content-type'), 'audio/wav');
  const tok3 = await rpc<{ contentHash: string }>(url, 'nft_getToken', [collectionId, '3']);
  assert.equal(r1.headers.get('etag'), `"${tok3.contentHash}"`);
  const w1 = new Uint8Array(await r1.arrayBuffer());
  const w2 = new Uint8Array(await r2.arrayBuffer());
  const out = join(dir, 'atom-3.wav');
  const music = ok(await run(['nft', 'music', String(collectionId), '3', '--out', out, '--json']), 'nft music');
  const w3 = new Uint8Array(await readFile(out));
  assert.deepEqual(w2, w1);
  assert.deepEqual(w3, w1);
  const meta = (await (await fetch(`${url}/nft/${collectionId}/3/metadata.json`)).json()) as { animation_url: string; audio: { sample_rate: number; seconds: number; sha256: string; bits_per_sample: number; channels: number } };
  assert.equal(meta.animation_url, wavUrl);
  const digest = createHash('sha256').update(w1).digest('hex');
  assert.equal(meta.audio.sha256, digest);
  assert.equal((JSON.parse(music.stdout) as { sha256: string }).sha256, digest);
  const wav = parseWav(w1);
  assert.deepEqual([wav.riff, wav.wave, wav.fmt, wav.data, wav.format], ['RIFF', 'WAVE', 'fmt ', 'data', 1]);
  assert.equal(wav.riffSize, w1.length - 8);
  assert.deepEqual([wav.channels, wav.bits, wav.rate], [meta.audio.channels, meta.audio.bits_per_sample, meta.audio.sample_rate]);
  assert.equal(wav.rate, 22_050);
  assert.equal(wav.dataSize / 2, wav.rate * meta.audio.seconds, 'sample count = rate x seconds');
  assert.equal(w1.length, 44 + wav.dataSize);
  assert.ok(wav.rms > 1_000, `not silence: RMS ${wav.rms.toFixed(0)}`);

  // 5. A sale through the CLI: dev-1 lists token 1, dev-3 buys it; dev-2 is credited the royalty.
  const PRICE = 1_234_567_891n; // 12.34567891 CWC
  const listed = ok(await run(['market', 'list', String(collectionId), '1', '12.34567891', '--from', 'dev-1', '--json']), 'market list');
  assert.equal((JSON.parse(listed.stdout) as { price: string }).price, PRICE.toString());
  const listing = await rpc<{ status: string; royalty: string; royaltyReceiver: string }>(url, 'market_getListing', [collectionId, '1']);
  assert.equal(listing.status, 'active');
  const royalty = (PRICE * ROYALTY_BPS) / 10_000n;
  assert.equal(listing.royalty, royalty.toString());
  const before = await rpc<{ claimable: string }>(url, 'market_account', [dev['dev-2'], 0]);
  assert.equal(before.claimable, '0');
  const bought = ok(await run(['market', 'buy', String(collectionId), '1', '--from', 'dev-3', '--json']), 'market buy');
  const sale = JSON.parse(bought.stdout) as { status: string; royalty: string; royaltyReceiver: string; marketFee: string; proceeds: string };
  assert.equal(sale.status, 'success');
  assert.equal(sale.royaltyReceiver, dev['dev-2']);
  assert.equal(sale.royalty, royalty.toString());
  assert.equal(BigInt(sale.royalty) + BigInt(sale.marketFee) + BigInt(sale.proceeds), PRICE);
  const credited = await rpc<{ claimable: string }>(url, 'market_account', [dev['dev-2'], 0]);
  assert.equal(credited.claimable, royalty.toString(), 'royalty receiver credited exactly floor(price x bps / 10000)');
  assert.equal(royalty, 61_728_394n);
  assert.equal((await rpc<{ owner: string }>(url, 'nft_getToken', [collectionId, '1'])).owner, dev['dev-3']);
  const gone = await run(['market', 'show', String(collectionId), '1']);
  assert.equal(gone.code, 1);
  assert.match(gone.stderr, /\(LISTING_NOT_FOUND\)\n$/);

  assert.deepEqual(await devnet.stop('SIGINT'), { code: 0, signal: null }, devnet.output().stderr);
  t.diagnostic(`nft devnet e2e took ${((Date.now() - started) / 1000).toFixed(1)} s`);
});
