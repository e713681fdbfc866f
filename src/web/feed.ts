/**
 * The live chain feed behind the overview and mining pages: the last blocks (header fields, events,
 * receipts summary) and the native supply by cause at each of their heights, kept up to date from
 * the newHeads subscription. Supply before the page opened is reconstructed block by block from
 * supply_get at the head: each block added `mining` (its rewards.locked subsidy) or `staking` (its
 * mint.minted provision) and removed
 * `fee-burn` (base fee × gas used, EIP-1559's burn); heights recorded live use supply_get itself.
 */
import { useEffect, useState } from 'preact/hooks';
import type { BlockJson, Head, SupplyJson } from '../client/index.js';
import { client, onHead } from './rpc.js';

/** Blocks kept. */
export const FEED_BLOCKS = 60;

/** One block of the feed. */
export type FeedBlock = BlockJson<string>;

/** Supply by cause at one height (base units). */
export interface SupplyPoint {
  readonly height: number;
  readonly byCause: Readonly<Record<string, bigint>>;
  /** Reconstructed from block data rather than read from supply_get. */
  readonly derived: boolean;
}

/** The feed's state. */
export interface FeedState {
  readonly head?: Head;
  readonly blocks: readonly FeedBlock[];
  readonly supply: readonly SupplyPoint[];
}

let state: FeedState = { blocks: [], supply: [] };
const subs = new Set<(s: FeedState) => void>();
let started = false;
let busy: Promise<void> = Promise.resolve();

function emit(next: FeedState): void {
  state = next;
  for (const s of subs) s(state);
}

const causesOf = (s: SupplyJson): Record<string, bigint> => Object.fromEntries(Object.entries(s.byCause).map(([k, v]) => [k, BigInt(v)]));

/** What a block added to `mining` (its rewards.locked subsidy) or `staking` (mint.minted provision), and burned in fees. */
export function blockDeltas(b: FeedBlock): { mining: bigint; staking: bigint; feeBurn: bigint } {
  let mining = 0n;
  let staking = 0n;
  for (const e of b.blockEvents ?? []) {
    const d = e.data as { subsidy?: unknown; provision?: unknown } | null;
    if (e.module === 'rewards' && d && typeof d.subsidy === 'string') mining += BigInt(d.subsidy);
    if (e.module === 'mint' && e.name === 'minted' && d && typeof d.provision === 'string') staking += BigInt(d.provision);
  }
  return { mining, staking, feeBurn: BigInt(b.baseFeePerGas) * BigInt(b.gasUsed) };
}

async function refresh(h: Head): Promise<void> {
  const have = state.blocks.length ? state.blocks[state.blocks.length - 1] : undefined;
  const reorg = have !== undefined && (h.height < have.height || (h.height === have.height && h.hash !== have.hash));
  const from = !have || reorg ? Math.max(0, h.height - FEED_BLOCKS + 1) : have.height + 1;
  const fetched: FeedBlock[] = [];
  for (let start = from; start <= h.height; start += 8) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(8, h.height - start + 1) }, (_, i) => client.getBlock(start + i) as Promise<FeedBlock>),
    );
    fetched.push(...batch);
  }
  const supplyNow = causesOf(await client.getSupply(0));
  const keep = reorg ? [] : state.blocks;
  const blocks = [...keep, ...fetched].slice(-FEED_BLOCKS);
  // Points for the new heights: the head from supply_get; heights below it walked back from there.
  const points = new Map<number, SupplyPoint>(reorg ? [] : state.supply.map((p) => [p.height, p]));
  points.set(h.height, { height: h.height, byCause: supplyNow, derived: false });
  let cur = supplyNow;
  for (let i = blocks.length - 1; i > 0; i--) {
    const b = blocks[i];
    const prevHeight = blocks[i - 1].height;
    if (b.height > h.height) continue;
    const d = blockDeltas(b);
    cur = { ...cur, mining: (cur.mining ?? 0n) - d.mining, staking: (cur.staking ?? 0n) - d.staking, 'fee-burn': (cur['fee-burn'] ?? 0n) - d.feeBurn };
    if (!points.has(prevHeight)) points.set(prevHeight, { height: prevHeight, byCause: cur, derived: true });
    else cur = points.get(prevHeight)!.byCause as Record<string, bigint>;
  }
  const first = blocks[0]?.height ?? h.height;
  const supply = [...points.values()].filter((p) => p.height >= first && p.height <= h.height).sort((a, b) => a.height - b.height);
  emit({ head: h, blocks, supply });
}

function start(): void {
  if (started) return;
  started = true;
  onHead((h) => {
    busy = busy.then(() => refresh(h)).catch(() => undefined);
  });
}

/** The live feed (re-renders on every new head). */
export function useFeed(): FeedState {
  const [s, setS] = useState(state);
  useEffect(() => {
    start();
    subs.add(setS);
    setS(state);
    return () => void subs.delete(setS);
  }, []);
  return s;
}

/** Transactions per second over the feed's blocks (time span first to last block). */
export function txPerSecond(blocks: readonly FeedBlock[]): number {
  if (blocks.length < 2) return 0;
  const span = blocks[blocks.length - 1].time - blocks[0].time;
  const txs = blocks.slice(1).reduce((s, b) => s + b.txCount, 0);
  return span > 0 ? txs / span : 0;
}
