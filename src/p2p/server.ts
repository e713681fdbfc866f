/**
 * What this node answers: its status, headers after a locator's fork point, and blocks by range
 * or by hash with their justifications. Pure functions of the chain (no libp2p), so the protocol
 * rules are tested without a network. Answers are capped in count and bytes (a peer cannot make
 * this node read or send more than one response's worth of disk).
 */
import type { Chain } from '../chain/chain.js';
import { headersAfter } from '../chain/header-chain.js';
import { bytesEqual } from '../encoding/hex.js';
import type { Header } from '../primitives/header.js';
import { MAX_BLOCKS_PER_REQUEST, MAX_HEADERS, WIRE_VERSION, type BlockChunk, type BlocksByHashRequest, type BlocksByRangeRequest, type HeadersRequest, type Status } from './wire.js';

/** Default cap of one blocks response, in bytes. */
export const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

/** This node's status message. */
export function localStatus(chain: Chain): Status {
  const tip = chain.tip;
  return {
    version: WIRE_VERSION,
    chainId: chain.params.chainId,
    genesisHash: chain.genesis.hash,
    engine: chain.engine.name,
    headHash: tip.hash,
    headHeight: tip.height,
    headWork: tip.chainWork,
    finalHeight: chain.finalizedHeight,
  };
}

/** Why a peer's status shows it is not on our chain (undefined when it is). */
export function statusMismatch(ours: Status, theirs: Status): string | undefined {
  if (theirs.version !== ours.version) return `wire version ${theirs.version}, ours is ${ours.version}`;
  if (theirs.chainId !== ours.chainId) return `chain id ${theirs.chainId}, ours is ${ours.chainId}`;
  if (!bytesEqual(theirs.genesisHash, ours.genesisHash)) return 'another genesis block';
  if (theirs.engine !== ours.engine) return `engine ${theirs.engine}, ours is ${ours.engine}`;
  return undefined;
}

/** The main-chain headers after the last locator hash we share, at most `limit` (and MAX_HEADERS). */
export function answerHeaders(chain: Chain, req: HeadersRequest): Header[] {
  const fork = chain.findFork(req.locator);
  return headersAfter(chain.index, fork, Math.min(req.limit, MAX_HEADERS));
}

async function chunk(chain: Chain, hash: Uint8Array): Promise<BlockChunk | undefined> {
  const [block, justification] = await Promise.all([chain.store.blockBytes(hash), chain.getJustification(hash)]);
  return block && { block, justification: justification ?? null };
}

/** Collects chunks until the count or byte cap; a missing block ends the answer (the asker sees fewer). */
async function collect(chain: Chain, hashes: Iterable<Uint8Array>, maxBytes: number): Promise<BlockChunk[]> {
  const out: BlockChunk[] = [];
  let bytes = 0;
  for (const h of hashes) {
    if (out.length >= MAX_BLOCKS_PER_REQUEST) break;
    const c = await chunk(chain, h);
    if (!c) break;
    bytes += c.block.length + (c.justification?.length ?? 0);
    // Always send at least one block, so a block near the cap still travels.
    if (out.length > 0 && bytes > maxBytes) break;
    out.push(c);
  }
  return out;
}

/** Main-chain blocks from `start`, at most `count`, within the byte cap. */
export function answerBlocksByRange(chain: Chain, req: BlocksByRangeRequest, maxBytes = MAX_RESPONSE_BYTES): Promise<BlockChunk[]> {
  const end = Math.min(chain.tip.height, req.start + Math.min(req.count, MAX_BLOCKS_PER_REQUEST) - 1);
  const hashes: Uint8Array[] = [];
  for (let h = req.start; h <= end; h++) hashes.push(chain.index.atHeight(h)!.hash);
  return collect(chain, hashes, maxBytes);
}

/** The stored blocks (any branch, but never one found invalid) with these hashes, in the order asked, until one is missing. */
export function answerBlocksByHash(chain: Chain, req: BlocksByHashRequest, maxBytes = MAX_RESPONSE_BYTES): Promise<BlockChunk[]> {
  const ok: Uint8Array[] = [];
  for (const h of req.hashes) {
    const e = chain.index.get(h);
    if (!e || e.status === 'invalid') break;
    ok.push(h);
  }
  return collect(chain, ok, maxBytes);
}
