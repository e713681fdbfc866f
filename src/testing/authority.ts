/**
 * The toy authority engine's network and block producer, for the tests that prove the engine
 * seam: one signer seals every block (seal kind 2) on a timer or on demand, through the same
 * assembly, mempool, import path and storage as proof of work.
 */
import { bytesToHex } from '../encoding/hex.js';
import { authoritySealDigest } from '../consensus/authority/engine.js';
import { regtest, type NetworkParams } from '../params/networks.js';
import { SealKind } from '../primitives/block.js';
import { headerHash } from '../primitives/header.js';
import { assembleBlock, templateToBlock } from '../chain/assembler.js';
import type { Chain } from '../chain/chain.js';
import type { ChainEntry } from '../chain/chain-index.js';
import type { BlockProducer, ProducerStatus } from '../chain/producer.js';
import type { TxSource } from '../miner/mining-service.js';
import type { TestKey } from './keys.js';

/** A regtest-like network run by the authority engine with `signer` as its one sealer. */
export function authorityParams(signer: TestKey, o: { reward?: bigint } = {}): NetworkParams {
  return {
    ...regtest,
    name: 'authority-test',
    chainId: 0xc0de10,
    blockTime: 1,
    consensus: { engine: 'authority', authority: { signerPublicKey: bytesToHex(signer.publicKey), reward: o.reward ?? 10n * 100_000_000n, maxFutureDrift: 15 } },
    genesis: { ...regtest.genesis, extraData: 'coinworks authority test' },
  };
}

/** Seals blocks with the authority key: `produce()` makes one now; `start()` makes one every `intervalMs`. */
export class AuthorityProducer implements BlockProducer {
  private timer: NodeJS.Timeout | null = null;
  private produced = 0;

  constructor(
    private readonly o: { chain: Chain; mempool: TxSource; signer: TestKey; beneficiary: Uint8Array; intervalMs?: number },
  ) {}

  /** Assembles a block from the mempool on the tip, seals it and imports it; returns its entry. */
  async produce(): Promise<ChainEntry> {
    const { chain } = this.o;
    const txs = this.o.mempool.select({ maxGas: chain.params.fees.blockGasLimit });
    const t = await assembleBlock(chain, { txs, beneficiary: this.o.beneficiary });
    if (t.rejected.length > 0) this.o.mempool.remove?.(t.rejected.map((r) => r.tx.key));
    const unsealed = templateToBlock(t, new Uint8Array(0), 0);
    const digest = authoritySealDigest(chain.params.chainId, headerHash(unsealed.header));
    const block = { ...unsealed, seal: { kind: SealKind.authority, data: this.o.signer.sign(digest) } };
    const r = await chain.importBlock(block);
    if (r.status === 'orphan') throw new Error('an authority block built on the tip cannot be an orphan');
    this.produced++;
    return r.entry;
  }

  /** Produces a block every `intervalMs` (default 1000). */
  async start(): Promise<void> {
    if (this.timer) return;
    this.timer = setInterval(() => void this.produce().catch(() => undefined), this.o.intervalMs ?? 1000);
  }

  /** Stops the timer. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Running, and how many blocks were sealed. */
  status(): ProducerStatus & { produced: number } {
    return { running: this.timer !== null, produced: this.produced };
  }
}
