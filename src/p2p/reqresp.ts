/**
 * Request/response over libp2p streams (Lodestar's reqresp, in miniature): one stream per request;
 * the asker writes one length-prefixed request frame, the answerer a head frame (`wire.ts`: result
 * code and chunk count) and that many chunk frames. Every frame is capped (`maxDataLength`), so an
 * oversize frame is refused before it is buffered; a head that announces more chunks than allowed
 * is a protocol violation. Each side gives up after a timeout.
 */
import './polyfill.js';
import type { Libp2p, PeerId, Stream } from '@libp2p/interface';
import { lpStream } from '@libp2p/utils';
import { DecodeError } from '../errors.js';
import { decodeHead, encodeHead, RespCode } from './wire.js';

/** Limits of one request. */
export interface RequestLimits {
  /** Largest frame accepted from the answerer. */
  readonly maxFrameBytes: number;
  /** Most chunks accepted. */
  readonly maxChunks: number;
  /** Give up after this long (ms). */
  readonly timeoutMs: number;
}

/** The answerer refused the request (`code` from RespCode). */
export class RemoteRefusal extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** The answer broke the protocol (more chunks than allowed, an oversize frame). */
export class ProtocolError extends Error {}

/** True for the errors `lpStream` raises on a frame above its cap. */
export function isOversizeFrame(e: unknown): boolean {
  const name = (e as { name?: string } | null)?.name;
  return name === 'InvalidDataLengthError' || name === 'InvalidDataLengthLengthError' || name === 'InvalidMessageLengthError';
}

/** Sends one request and returns the answer's chunks. */
export async function request(node: Libp2p, peer: PeerId, protocol: string, body: Uint8Array, limits: RequestLimits): Promise<Uint8Array[]> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  const stream = await node.dialProtocol(peer, protocol, { signal });
  try {
    const lp = lpStream(stream, { maxDataLength: limits.maxFrameBytes });
    await lp.write(body, { signal });
    const head = decodeHead((await lp.read({ signal })).subarray());
    if (head.code !== RespCode.ok) throw new RemoteRefusal(head.code, head.message || `refused with code ${head.code}`);
    if (head.count > limits.maxChunks) throw new ProtocolError(`${head.count} chunks announced, at most ${limits.maxChunks} allowed`);
    const out: Uint8Array[] = [];
    for (let i = 0; i < head.count; i++) out.push((await lp.read({ signal })).subarray());
    await stream.close({ signal }).catch(() => undefined);
    return out;
  } catch (e) {
    stream.abort(e instanceof Error ? e : new Error(String(e)));
    if (isOversizeFrame(e)) throw new ProtocolError(`oversize frame: ${(e as Error).message}`);
    throw e;
  }
}

/** A refusal with a code, thrown by a handler (e.g. RATE_LIMITED). */
export class Refuse extends Error {
  constructor(
    readonly code: RespCode,
    message: string,
  ) {
    super(message);
  }
}

/** What the answering side reports about a request that went wrong (for peer scoring). */
export type ServeFault = 'garbage' | 'oversize' | 'refused' | 'timeout' | 'internal';

/** Options of `serve`. */
export interface ServeOptions {
  /** Largest request frame accepted. */
  readonly maxRequestBytes: number;
  /** Time allowed to read the request and write the answer (ms). */
  readonly timeoutMs: number;
  /** Called when a request was bad, with who sent it and why. */
  readonly onFault: (peer: string, fault: ServeFault, err: unknown) => void;
}

/**
 * Answers one request stream: reads the request frame, calls `handler` (which returns the chunks,
 * or throws Refuse / DecodeError), writes head + chunks, closes.
 */
export async function serve(stream: Stream, peer: string, handler: (req: Uint8Array) => Promise<Uint8Array[]>, o: ServeOptions): Promise<void> {
  const signal = AbortSignal.timeout(o.timeoutMs);
  const lp = lpStream(stream, { maxDataLength: o.maxRequestBytes });
  let answered = false;
  const answer = async (code: RespCode, chunks: Uint8Array[], message = '') => {
    answered = true;
    await lp.writeV([encodeHead(code, chunks.length, message), ...chunks], { signal });
  };
  try {
    const req = (await lp.read({ signal })).subarray();
    let chunks: Uint8Array[];
    try {
      chunks = await handler(req);
    } catch (e) {
      if (e instanceof Refuse) {
        o.onFault(peer, 'refused', e);
        await answer(e.code, [], e.message);
      } else if (e instanceof DecodeError) {
        o.onFault(peer, 'garbage', e);
        await answer(RespCode.invalidRequest, [], e.message);
      } else {
        o.onFault(peer, 'internal', e);
        await answer(RespCode.serverError, [], 'internal error');
      }
      await stream.close({ signal }).catch(() => undefined);
      return;
    }
    await answer(RespCode.ok, chunks);
    await stream.close({ signal }).catch(() => undefined);
  } catch (e) {
    if (!answered) o.onFault(peer, isOversizeFrame(e) ? 'oversize' : signal.aborted ? 'timeout' : 'garbage', e);
    stream.abort(e instanceof Error ? e : new Error(String(e)));
  }
}
