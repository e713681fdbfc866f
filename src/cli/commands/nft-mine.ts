/**
 * `coinworks nft mine <collection> --from <account> [--threads N] [--count K]`: mines tokens of a
 * mined collection (POW NFT's miner) on worker threads with the node's SHA-256d kernel. It takes the
 * job (preimage fields and target) from nft_miningJob for the sending address, shows the hash rate
 * and the expected time to a find on stderr, and on a find sends nft.mine and waits until it is
 * mined. It polls the collection and restarts the job as soon as its prevHash changes (someone
 * else's mint voids the work in progress). Stops after K tokens, or on Ctrl-C.
 */
import type { Command } from 'commander';
import { RpcError } from '../../client/errors.js';
import { sendCommand, type NftClient } from '../../client/nft.js';
import type { NftMiningJobJson } from '../../client/types.js';
import { hexToBytes, bytesToHex } from '../../encoding/hex.js';
import { NftMiner, mineParamsOf, type NftFind, type NftMiningJob } from '../../nft/nft-miner.js';
import { MineParams } from '../../state/modules/nft/schemas.js';
import type { CliApp } from '../app.js';
import { examples, intArg } from '../args.js';
import { CliError } from '../errors.js';
import { emit, fields, table } from '../output.js';
import { formatHashrate } from './mine.js';
import { addTxOptions, feeOf, formatPrice, nftClient, parseCollectionId, signingAccount, type TxOptions } from './nft-tx.js';

interface MineOptions extends TxOptions {
  threads: number;
  count: number;
  poll: number;
}

/** One token this run mined. */
export interface MinedToken {
  readonly tokenId: string;
  readonly generation: number;
  readonly target: string;
  readonly expectedHashes: string;
  /** Hashes this run computed for the token (since its job started). */
  readonly hashes: number;
  readonly seconds: number;
  readonly price: string;
  readonly id: string;
  readonly height: number;
  readonly blockHash: string;
  readonly tokenHash: string | null;
}

/** The miner's job from the node's nft_miningJob answer. */
export function jobFromJson(j: NftMiningJobJson): NftMiningJob {
  return {
    collectionId: j.collectionId,
    prevHash: hexToBytes(j.prevHash),
    miner: hexToBytes(j.minerBytes),
    minted: BigInt(j.minted),
    tokenId: BigInt(j.tokenId),
    generation: j.generation,
    target: BigInt(`0x${j.target}`),
    expectedHashes: BigInt(j.expectedHashes),
    price: BigInt(j.price),
    assetId: j.assetId,
  };
}

/** `1.23M` for counts. */
export function formatCount(n: number | bigint): string {
  const v = Number(n);
  const units = ['', 'k', 'M', 'G', 'T', 'P'];
  let x = v;
  let i = 0;
  while (x >= 1000 && i < units.length - 1) {
    x /= 1000;
    i++;
  }
  return i === 0 ? String(Math.round(x)) : `${x.toFixed(x < 10 ? 2 : 1)}${units[i]}`;
}

/** `4.2 s`, `3 min`, `2.1 h`, or `-` when unknown. */
export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '-';
  if (s < 60) return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
  if (s < 3600) return `${(s / 60).toFixed(1)} min`;
  if (s < 86_400) return `${(s / 3600).toFixed(1)} h`;
  return `${(s / 86_400).toFixed(1)} d`;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** The progress line on stderr: redrawn in place on a terminal, one line every few seconds otherwise. */
class Progress {
  private frame = 0;
  private lastPlain = 0;
  private drawn = false;

  constructor(
    private readonly stream: { write(s: string): unknown; isTTY?: boolean },
    private readonly enabled: boolean,
    private readonly plainEveryMs = 5_000,
  ) {}

  update(text: string): void {
    if (!this.enabled) return;
    if (this.stream.isTTY) {
      this.stream.write(`\r\x1b[2K${FRAMES[this.frame++ % FRAMES.length]} ${text}`);
      this.drawn = true;
    } else if (Date.now() - this.lastPlain >= this.plainEveryMs) {
      this.lastPlain = Date.now();
      this.stream.write(`${text}\n`);
    }
  }

  /** A line that stays (clears the progress line first). */
  note(text: string): void {
    if (!this.enabled) return;
    this.clear();
    this.stream.write(`${text}\n`);
  }

  clear(): void {
    if (this.drawn) this.stream.write('\r\x1b[2K');
    this.drawn = false;
  }
}

/** Registers `nft mine`. */
export function registerNftMine(nft: Command, app: CliApp): void {
  addTxOptions(
    nft
      .command('mine')
      .description('mine tokens of a mined collection by proof of work (worker threads), sending nft.mine for each find')
      .argument('<collection>', 'collection id of a mined collection')
      .option('--threads <n>', 'mining threads', intArg(1, 256), 1)
      .option('--count <k>', 'tokens to mine before stopping', intArg(1, 1_000_000), 1)
      .option('--poll <ms>', "how often to check the collection's prevHash (ms)", intArg(100, 60_000), 1000),
    { noWait: false },
  )
    .addHelpText(
      'after',
      examples([
        'coinworks nft mine 2 --from dev-0 --wallet-dir ./.coinworks/devnet/wallets',
        'coinworks nft mine 2 --threads 4 --count 10 --from dev-0',
        'coinworks nft mine 2 --count 3 --from dev-0 --json',
      ]) +
        `\nThe work is bound to the --from address: a nonce found for it is worthless to anyone else.\n` +
        `Every mint (yours or anyone's) changes the collection's prevHash; the miner then restarts on the new job.\n`,
    )
    .action(async (colText: string, o: MineOptions, c: Command) => {
      const { json } = app.globals(c);
      const collectionId = parseCollectionId(colText);
      const account = await signingAccount(app, o);
      const nft = nftClient(app, c);
      const progress = new Progress(app.io.stderr, !json);
      let job = jobFromJson(await nft.miningJob(collectionId, account.address));
      const miner = new NftMiner({ threads: o.threads, hashrateWindowMs: 5_000 });
      let minerError: Error | undefined;
      miner.on('error', (e) => (minerError = e));
      let interrupted = false;
      let wake: (() => void) | undefined;
      const onSignal = () => {
        interrupted = true;
        wake?.();
      };
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      const mined: MinedToken[] = [];
      const t0 = performance.now();
      let lastRate = 0;
      let tokenStart = { tokenId: job.tokenId, hashes: 0, t: performance.now() };
      const startToken = () => {
        if (tokenStart.tokenId !== job.tokenId) tokenStart = { tokenId: job.tokenId, hashes: miner.stats().totalHashes, t: performance.now() };
      };
      const line = () => {
        const s = miner.stats();
        if (s.hashrate > 0) lastRate = s.hashrate;
        const done = s.totalHashes - tokenStart.hashes;
        const eta = lastRate > 0 ? Number(job.expectedHashes) / lastRate : Infinity;
        return `collection ${collectionId} token #${job.tokenId} (generation ${job.generation}): ${formatHashrate(lastRate)} on ${o.threads} thread${o.threads === 1 ? '' : 's'}, ${formatCount(done)} hashes, ~${formatCount(job.expectedHashes)} expected per find (~${formatSeconds(eta)})`;
      };

      const refresh = async (): Promise<boolean> => {
        const next = jobFromJson(await nft.miningJob(collectionId, account.address));
        if (bytesToHex(next.prevHash) === bytesToHex(job.prevHash)) return false;
        job = next;
        startToken();
        return true;
      };

      const waitForFind = (): Promise<NftFind | null> =>
        new Promise<NftFind | null>((resolve, reject) => {
          let settled = false;
          let polling = false;
          const finish = (f: NftFind | null, err?: unknown) => {
            if (settled) return;
            settled = true;
            clearInterval(poll);
            clearInterval(draw);
            miner.off('found', onFound);
            wake = undefined;
            if (err) reject(err);
            else resolve(f);
          };
          const onFound = (f: NftFind) => {
            if (f.job === job) finish(f);
          };
          miner.on('found', onFound);
          wake = () => finish(null);
          const poll = setInterval(() => {
            if (polling) return;
            polling = true;
            refresh()
              .then((changed) => {
                if (!changed || settled) return;
                progress.note(`collection ${collectionId} moved on (prevHash ${bytesToHex(job.prevHash).slice(0, 16)}…): new job for token #${job.tokenId}`);
                miner.setJob(job);
              })
              .catch((e) => finish(null, e))
              .finally(() => (polling = false));
          }, o.poll);
          const draw = setInterval(() => {
            if (minerError) return finish(null, minerError);
            progress.update(line());
          }, app.io.stderr.isTTY ? 120 : 500);
          if (interrupted) finish(null);
        });

      try {
        miner.setJob(job);
        await miner.start();
        while (mined.length < o.count && !interrupted) {
          const find = await waitForFind();
          if (!find) break;
          const hashes = miner.stats().totalHashes - tokenStart.hashes;
          const seconds = (performance.now() - tokenStart.t) / 1000;
          // Pause the workers while the mint is sent and mined: their job is void once it is in.
          await miner.stop();
          progress.note(`found a nonce for token #${find.job.tokenId} after ${formatCount(hashes)} hashes (${formatSeconds(seconds)}); sending nft.mine`);
          let id: string;
          try {
            ({ id } = await sendCommand(nft.client, { signer: account.signer, publicKey: account.publicKey, module: 'nft', command: 'mine', schema: MineParams, params: mineParamsOf(find), fee: feeOf(o) }));
          } catch (e) {
            if (!(e instanceof RpcError && e.code === 'TX_BAD_POW_NONCE')) throw e;
            progress.note(`token #${find.job.tokenId} was minted by someone else first; restarting`);
            await refresh();
            miner.setJob(job);
            await miner.start();
            continue;
          }
          const inclusion = await waitIncluded(nft, id, o.timeout * 1000, () => progress.update(`waiting for ${id.slice(0, 16)}… (token #${find.job.tokenId}) to be mined`), () => interrupted);
          if (!inclusion) break;
          const r = inclusion.receipt;
          if (r.status !== 'success') {
            if (!(r.error ?? '').startsWith('TX_BAD_POW_NONCE')) throw new CliError('CLI_TX_FAILED', `nft.mine ${id} was mined in block ${inclusion.height} but failed: ${r.error ?? 'unknown reason'}`);
            progress.note(`token #${find.job.tokenId}: another mint landed first in block ${inclusion.height}; restarting`);
          } else {
            const ev = r.events.find((e) => e.module === 'nft' && e.name === 'mined')?.data as { tokenHash?: string } | undefined;
            const m: MinedToken = {
              tokenId: find.job.tokenId.toString(),
              generation: find.job.generation,
              target: find.job.target.toString(16).padStart(64, '0'),
              expectedHashes: find.job.expectedHashes.toString(),
              hashes,
              seconds: Math.round(seconds * 1000) / 1000,
              price: find.job.price.toString(),
              id,
              height: inclusion.height,
              blockHash: inclusion.blockHash,
              tokenHash: ev?.tokenHash ?? null,
            };
            mined.push(m);
            progress.note(`mined token #${m.tokenId} of collection ${collectionId} (generation ${m.generation}) in block ${m.height}: ${formatCount(hashes)} hashes, ~${formatCount(find.job.expectedHashes)} expected`);
          }
          if (mined.length >= o.count || interrupted) break;
          await refresh();
          miner.setJob(job);
          await miner.start();
        }
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        progress.clear();
        await miner.stop();
      }
      const seconds = (performance.now() - t0) / 1000;
      const totalHashes = miner.stats().totalHashes;
      const data = {
        collectionId,
        miner: account.address,
        threads: o.threads,
        mined,
        totalHashes,
        seconds: Math.round(seconds * 1000) / 1000,
        hashrate: Math.round(totalHashes / Math.max(seconds, 1e-3)),
        interrupted,
      };
      emit(app.io, json, data, () => [
        ...(mined.length
          ? table(
              ['TOKEN', 'GEN', 'HASHES', 'EXPECTED', 'SECONDS', 'PRICE', 'BLOCK', 'TRANSACTION'],
              mined.map((m) => [m.tokenId, String(m.generation), formatCount(m.hashes), formatCount(BigInt(m.expectedHashes)), m.seconds.toFixed(1), formatPrice(m.price, job.assetId), String(m.height), m.id]),
            )
          : ['no tokens mined']),
        ...fields([
          ['collection', collectionId],
          ['miner', `${account.label} (${account.address})`],
          ['hashes', `${formatCount(totalHashes)} in ${formatSeconds(seconds)} (${formatHashrate(data.hashrate)} on ${o.threads} thread${o.threads === 1 ? '' : 's'})`],
          ...(interrupted ? ([['stopped', `interrupted after ${mined.length} of ${o.count}`]] as const) : []),
        ]),
      ]);
    });
}

/** Polls tx_get until the transaction is included; null if interrupted; CLI_TIMEOUT after `timeoutMs`. */
async function waitIncluded(nft: NftClient, id: string, timeoutMs: number, tick: () => void, stop: () => boolean) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (stop()) return null;
    try {
      const r = await nft.client.getTransaction(id);
      if (r.status === 'included') return r;
    } catch (e) {
      if (!(e instanceof RpcError && e.code === 'RPC_NOT_FOUND')) throw e;
    }
    if (Date.now() > deadline) throw new CliError('CLI_TIMEOUT', `nft.mine ${id} was not mined within ${timeoutMs / 1000} s`);
    tick();
    await new Promise((r) => setTimeout(r, 250));
  }
}
