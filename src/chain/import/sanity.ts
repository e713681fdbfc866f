/**
 * Import step 1, sanity: what can be checked of a block before anything else is spent on it. The
 * byte size is checked BEFORE decoding (a crafted 13.8 MiB block of 100,000 empty transactions
 * otherwise costs seconds and hundreds of MB to decode), then the canonical decoding itself.
 */
import { BlockError, errorCode } from '../../errors.js';
import type { NetworkParams } from '../../params/networks.js';
import { decodePreparedBlock, prepareBlock, type Block, type PreparedBlock } from '../../primitives/block.js';

/** Decodes (or prepares) an incoming block; BLOCK_OVERSIZE above the network's size limit, BLOCK_MALFORMED when it does not decode. */
export function sanityCheck(input: Block | Uint8Array | PreparedBlock, params: NetworkParams): PreparedBlock {
  if (!(input instanceof Uint8Array)) {
    const pb = 'hash' in input && 'bytes' in input ? (input as PreparedBlock) : prepareBlock(input as Block);
    checkSize(pb.bytes.length, params);
    return pb;
  }
  checkSize(input.length, params);
  try {
    return decodePreparedBlock(input, params.maxBlockBytes);
  } catch (e) {
    throw new BlockError('BLOCK_MALFORMED', `block does not decode: ${(e as Error).message}`, { decodeCode: errorCode(e) });
  }
}

function checkSize(bytes: number, params: NetworkParams): void {
  if (bytes > params.maxBlockBytes) throw new BlockError('BLOCK_OVERSIZE', `block is ${bytes} bytes, above the limit ${params.maxBlockBytes}`, { bytes });
}
