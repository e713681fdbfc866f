/**
 * In-memory peers for p2p unit tests: chains on one shared clock (so they share a genesis), and a
 * SyncTransport that answers from other chains through the same server functions the network
 * uses, with switches to make a peer misbehave.
 */
import type { Chain } from '../../src/chain/chain.js';
import { createTestChain, TestClock, type TestChain } from '../../src/testing/chain.js';
import { regtest } from '../../src/params/networks.js';
import { answerBlocksByHash, answerHeaders, localStatus } from '../../src/p2p/server.js';
import type { SyncPeer, SyncTransport } from '../../src/p2p/sync.js';
import type { BlockChunk, HeadersRequest } from '../../src/p2p/wire.js';
import type { Header } from '../../src/primitives/header.js';

/** Test chains sharing one genesis and clock. */
export async function chains(n: number, accounts = 4): Promise<{ clock: TestClock; nodes: TestChain[] }> {
  const clock = new TestClock(regtest.genesis.time + 1000);
  const nodes: TestChain[] = [];
  for (let i = 0; i < n; i++) nodes.push(await createTestChain({ clock, accounts }));
  return { clock, nodes };
}

/** A peer served from a chain, with knobs for misbehaviour. */
export interface FakePeer {
  readonly id: string;
  readonly chain: Chain;
  /** Replace the blocks answer (e.g. with garbage). */
  blocks?: (hashes: Uint8Array[]) => Promise<BlockChunk[]>;
  /** Fail every request. */
  down?: boolean;
}

/** A transport over fake peers that records penalties. */
export class FakeTransport implements SyncTransport {
  readonly penalties: Array<{ peer: string; points: number; reason: string }> = [];
  readonly requests: Array<{ peer: string; kind: 'headers' | 'blocks'; count: number }> = [];
  constructor(readonly remote: FakePeer[]) {}

  peers(): SyncPeer[] {
    return this.remote.filter((p) => !p.down).map((p) => ({ id: p.id, status: localStatus(p.chain) }));
  }

  private peer(id: string): FakePeer {
    const p = this.remote.find((x) => x.id === id);
    if (!p || p.down) throw new Error(`peer ${id} is unreachable`);
    return p;
  }

  async headers(peer: string, req: HeadersRequest): Promise<Header[]> {
    const p = this.peer(peer);
    this.requests.push({ peer, kind: 'headers', count: req.limit });
    await Promise.resolve();
    return answerHeaders(p.chain, req);
  }

  async blocksByHash(peer: string, hashes: Uint8Array[]): Promise<BlockChunk[]> {
    const p = this.peer(peer);
    this.requests.push({ peer, kind: 'blocks', count: hashes.length });
    if (p.blocks) return p.blocks(hashes);
    return answerBlocksByHash(p.chain, { hashes });
  }

  penalize(peer: string, points: number, reason: string): void {
    this.penalties.push({ peer, points, reason });
  }

  async refreshStatus(): Promise<void> {}
}

/** Polls until `f` holds (test-side; the clock of the chains is not involved). */
export async function eventually(f: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await f())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
