/**
 * Typed errors for every layer. Each error carries a stable machine-readable `code`, a domain and
 * optional data, in the manner of Lodestar's `LodestarError<{code}>` and bcoin's `VerifyError`:
 * callers switch on `code`, people read `message`.
 */

/** Base class of every error Coinworks throws on purpose. */
export class CoinworksError<C extends string = string> extends Error {
  /** Stable code, e.g. `TX_BAD_SIGNATURE`. */
  readonly code: C;
  /** Extra structured context (JSON-safe). */
  readonly data: Record<string, unknown>;

  constructor(code: C, message: string, data: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.data = data;
  }

  /** JSON form for RPC and logs. */
  toJSON(): { code: C; message: string; data: Record<string, unknown> } {
    return { code: this.code, message: this.message, data: this.data };
  }
}

/** Codes raised by the binary and JSON codecs. */
export type DecodeErrorCode =
  | 'DECODE_TRUNCATED'
  | 'DECODE_TRAILING_BYTES'
  | 'DECODE_NON_CANONICAL'
  | 'DECODE_OVERSIZE'
  | 'DECODE_INVALID';

/** Raised when bytes or JSON do not decode to a valid canonical value. */
export class DecodeError extends CoinworksError<DecodeErrorCode> {}

/** Raised when a value cannot be encoded (out of range, too long). */
export class EncodeError extends CoinworksError<'ENCODE_INVALID'> {}

/** Reasons a transaction is rejected (mempool or block validation). */
export type TxErrorCode =
  | 'TX_MALFORMED'
  | 'TX_OVERSIZE'
  | 'TX_BAD_SIGNATURE'
  | 'TX_HIGH_S'
  | 'TX_WRONG_CHAIN'
  | 'TX_NONCE_GAP'
  | 'TX_NONCE_REPLAY'
  | 'TX_INSUFFICIENT_BALANCE'
  | 'TX_AMOUNT_OVERFLOW'
  | 'TX_FEE_BELOW_BASE_FEE'
  | 'TX_GAS_LIMIT_TOO_LOW'
  | 'TX_GAS_LIMIT_TOO_HIGH'
  | 'TX_TIP_ABOVE_MAX_FEE'
  | 'TX_UNKNOWN_COMMAND'
  | 'TX_INVALID_PARAMS'
  | 'TX_COMMAND_FAILED'
  // Governed minting (multisig, assets, stablecoin modules):
  | 'TX_UNAUTHORIZED'
  | 'TX_NOT_FOUND'
  | 'TX_DUPLICATE'
  | 'TX_LIMIT_EXCEEDED'
  | 'TX_THRESHOLD_NOT_MET'
  | 'TX_PROPOSAL_EXPIRED'
  | 'TX_PROPOSAL_CLOSED'
  | 'TX_PROPOSAL_NONCE'
  | 'TX_ALLOWANCE_EXCEEDED'
  | 'TX_PAUSED'
  | 'TX_FROZEN'
  | 'TX_BLACKLISTED'
  | 'TX_NOT_FROZEN'
  | 'TX_STALE_ATTESTATION'
  | 'TX_RESERVE_EXCEEDED'
  // NFTs and the marketplace (nft, market modules):
  | 'TX_COLLECTION_NOT_FOUND'
  | 'TX_NFT_NOT_FOUND'
  | 'TX_NFT_EXISTS'
  | 'TX_NFT_ZERO_ADDRESS'
  | 'TX_NFT_SOLD_OUT'
  | 'TX_NFT_MINT_CLOSED'
  | 'TX_NOT_OWNER'
  | 'TX_NOT_CREATOR'
  | 'TX_BAD_POW_NONCE'
  | 'TX_NOTHING_TO_CLAIM'
  | 'TX_LISTING_NOT_FOUND'
  | 'TX_LISTING_STALE'
  | 'TX_LISTING_EXPIRED'
  | 'TX_LISTING_CANCELLED'
  | 'TX_LISTING_MISMATCH';

/** A transaction failed a validity rule; `code` names the rule. */
export class TxError extends CoinworksError<TxErrorCode> {}

/** Reasons a block is rejected. */
export type BlockErrorCode =
  | 'BLOCK_MALFORMED'
  | 'BLOCK_OVERSIZE'
  | 'BLOCK_DUPLICATE'
  | 'BLOCK_PARENT_UNKNOWN'
  | 'BLOCK_KNOWN_INVALID'
  | 'BLOCK_BAD_VERSION'
  | 'BLOCK_BAD_POW'
  | 'BLOCK_BAD_DIFFICULTY'
  | 'BLOCK_TIME_TOO_OLD'
  | 'BLOCK_TIME_TOO_NEW'
  | 'BLOCK_BAD_MERKLE_ROOT'
  | 'BLOCK_BAD_STATE_ROOT'
  | 'BLOCK_BAD_RECEIPTS_ROOT'
  | 'BLOCK_BAD_COINBASE'
  | 'BLOCK_BAD_BASE_FEE'
  | 'BLOCK_BAD_GAS_USED'
  | 'BLOCK_GAS_LIMIT_EXCEEDED'
  | 'BLOCK_DUPLICATE_TX'
  | 'BLOCK_INVALID_TX'
  | 'BLOCK_BAD_SEAL'
  | 'BLOCK_BAD_JUSTIFICATION'
  | 'BLOCK_CONFLICTS_FINAL'
  | 'BLOCK_ORPHAN_POOL_FULL';

/** A block failed a validity rule; `code` names the rule, `data.txCode` the inner tx rule if any. */
export class BlockError extends CoinworksError<BlockErrorCode> {}

/** Reasons the mempool refuses a transaction it could otherwise accept. */
export type MempoolErrorCode =
  | 'MEMPOOL_DUPLICATE'
  | 'MEMPOOL_FULL'
  | 'MEMPOOL_FEE_TOO_LOW'
  | 'MEMPOOL_REPLACEMENT_UNDERPRICED'
  | 'MEMPOOL_SENDER_LIMIT'
  | 'MEMPOOL_NONCE_TOO_FAR';

/** The mempool refused a transaction for a policy reason (not a consensus rule). */
export class MempoolError extends CoinworksError<MempoolErrorCode> {}

/** Storage failures: corruption, closed store, missing record. */
export class StorageError extends CoinworksError<'STORAGE_CORRUPT' | 'STORAGE_CLOSED' | 'STORAGE_NOT_FOUND' | 'STORAGE_WRONG_NETWORK' | 'STORAGE_WRONG_VERSION'> {}

/** Returns the typed code of an error, or `INTERNAL` for anything not ours. */
export function errorCode(e: unknown): string {
  return e instanceof CoinworksError ? e.code : 'INTERNAL';
}
