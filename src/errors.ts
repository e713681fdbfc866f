/**
 * Typed errors for every layer. Each error carries a stable machine-readable `code`, a domain and
 * optional data, in the manner of Lodestar's `LodestarError<{code}>` and bcoin's `VerifyError`:
 * callers switch on `code`, people read `message`. Each also says who is at fault and how badly
 * (`fault`, `banScore`), for the networking layer's peer scores: one verdict table per domain
 * below (decode, tx, block, mempool), and each state module's own table in its `errors.ts`.
 */

/**
 * Who broke the rule: `peer` (the sender could have checked it and sent it anyway), `local` (our
 * own side: storage, configuration, a bug) or `none` (nobody: the state moved on, our clock, our
 * policy, or the sender could not know).
 */
export type Fault = 'peer' | 'local' | 'none';

/**
 * How badly the sender of the data is at fault: bcoin's `VerifyError(msg, code, reason, score)`
 * ban score, 0-100 (a peer whose score reaches 100 is banned). Only `peer` faults score above 10.
 */
export interface Verdict {
  readonly fault: Fault;
  readonly banScore: number;
}

/** The sender broke a rule it can check itself; `banScore` 100 unless given (bcoin's 100). */
export function peerFault(banScore = 100): Verdict {
  return { fault: 'peer', banScore };
}

/** Nobody is at fault (state moved on, our clock, our policy); a small `banScore` (0-10) at most. */
export function noFault(banScore = 0): Verdict {
  return { fault: 'none', banScore };
}

/** Our own side failed (storage, configuration, a bug): never the sender's fault. */
export const LOCAL_FAULT: Verdict = { fault: 'local', banScore: 0 };

/** Base class of every error Coinworks throws on purpose. */
export class CoinworksError<C extends string = string> extends Error {
  /** Stable code, e.g. `TX_BAD_SIGNATURE`. */
  readonly code: C;
  /** Extra structured context (JSON-safe). */
  readonly data: Record<string, unknown>;
  /** Who is at fault (the class's verdict table for `code`, unless the thrower says otherwise). */
  readonly fault: Fault;
  /** Ban score 0-100 for the peer that sent the data (bcoin's VerifyError score). */
  readonly banScore: number;

  /**
   * `verdict` overrides the class's table where one code covers rules of different weight (e.g.
   * undecodable command params against a command's own check, both TX_INVALID_PARAMS).
   */
  constructor(code: C, message: string, data: Record<string, unknown> = {}, verdict?: Verdict) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.data = data;
    const v = verdict ?? (new.target as typeof CoinworksError).verdictOf(code);
    this.fault = v.fault;
    this.banScore = v.banScore;
  }

  /** The verdict of `code` in this class's domain; errors outside the verdict tables are our own. */
  static verdictOf(_code: string): Verdict {
    return LOCAL_FAULT;
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

/**
 * Data that does not decode is the sender's fault, fully (bcoin scores malformed data 100 in its
 * checks). When the bytes came from our own disk the caller turns this into a StorageError.
 */
export const DECODE_VERDICTS = {
  DECODE_TRUNCATED: peerFault(),
  DECODE_TRAILING_BYTES: peerFault(),
  DECODE_NON_CANONICAL: peerFault(),
  DECODE_OVERSIZE: peerFault(),
  DECODE_INVALID: peerFault(),
} as const satisfies Record<DecodeErrorCode, Verdict>;

/** Raised when bytes or JSON do not decode to a valid canonical value. */
export class DecodeError extends CoinworksError<DecodeErrorCode> {
  static override verdictOf(code: string): Verdict {
    return DECODE_VERDICTS[code as DecodeErrorCode] ?? peerFault();
  }
}

/** Raised when a value cannot be encoded (out of range, too long): our own value, our fault. */
export class EncodeError extends CoinworksError<'ENCODE_INVALID'> {}

/**
 * Transaction rules every chain has, whatever its modules (syntax, signature, chain, nonce, fee,
 * gas, commands), and the outcomes several modules share. Each state module declares its own codes
 * in its folder's `errors.ts` (`defineTxErrors`), which adds them to `TxErrorCodes`.
 */
export type GenericTxErrorCode =
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
  // Command outcomes several modules share:
  | 'TX_UNAUTHORIZED'
  | 'TX_NOT_FOUND'
  | 'TX_DUPLICATE'
  | 'TX_LIMIT_EXCEEDED'
  | 'TX_NOT_OWNER'
  | 'TX_NOTHING_TO_CLAIM';

/**
 * Verdicts of the generic transaction rules, after bcoin's mempool and chain scores: what the
 * sender can check from the transaction alone (syntax, signature, chain, gas, fee caps) scores
 * 100; what depends on state the sender may not have seen yet (nonce already used, balance, base
 * fee moved, a command's own checks, after which the transaction is still includable and only its
 * receipt fails) scores 0, as bcoin's 'bad-txns-inputs-missingorspent' in the mempool does; a nonce
 * gap scores low. An unknown command scores 10: every node of a chain runs the same modules, but
 * a peer mid-upgrade may know one more.
 */
export const TX_VERDICTS = {
  TX_MALFORMED: peerFault(),
  TX_OVERSIZE: peerFault(),
  TX_BAD_SIGNATURE: peerFault(),
  TX_HIGH_S: peerFault(),
  TX_WRONG_CHAIN: peerFault(),
  TX_NONCE_GAP: noFault(1),
  TX_NONCE_REPLAY: noFault(),
  TX_INSUFFICIENT_BALANCE: noFault(),
  TX_AMOUNT_OVERFLOW: noFault(),
  TX_FEE_BELOW_BASE_FEE: noFault(),
  TX_GAS_LIMIT_TOO_LOW: peerFault(),
  TX_GAS_LIMIT_TOO_HIGH: peerFault(),
  TX_TIP_ABOVE_MAX_FEE: peerFault(),
  TX_UNKNOWN_COMMAND: peerFault(10),
  // A command's own parameter checks; params that do not decode at all say `peerFault()` themselves.
  TX_INVALID_PARAMS: noFault(),
  TX_COMMAND_FAILED: noFault(),
  TX_UNAUTHORIZED: noFault(),
  TX_NOT_FOUND: noFault(),
  TX_DUPLICATE: noFault(),
  TX_LIMIT_EXCEEDED: noFault(),
  TX_NOT_OWNER: noFault(),
  TX_NOTHING_TO_CLAIM: noFault(),
} as const satisfies Record<GenericTxErrorCode, Verdict>;

/**
 * Every transaction code: the generic ones, merged with each state module's (a module's
 * `errors.ts` augments this interface with the keys of its `defineTxErrors` table).
 */
export interface TxErrorCodes extends Record<GenericTxErrorCode, Verdict> {}

/** Reasons a transaction is rejected (mempool or block validation). */
export type TxErrorCode = keyof TxErrorCodes & string;

/** Verdicts of module-declared codes, filled by `defineTxErrors` as each module's errors.ts loads. */
const moduleTxVerdicts = new Map<string, { module: string; verdict: Verdict }>();

/**
 * A command rule of a module: its failure leaves the transaction includable (the receipt fails,
 * the fee is paid), and it reads state the sender may not have seen, so nobody is at fault.
 */
export const COMMAND_RULE: Verdict = noFault();

/**
 * Declares the transaction codes `module` owns, with their verdicts; returns the table (its keys
 * are the module's code list). A code may be declared once, by one module, and never a generic
 * one. Pair it with a `declare module` augmentation of `TxErrorCodes` (see any module's errors.ts).
 */
export function defineTxErrors<T extends Record<string, Verdict>>(module: string, table: T): T {
  for (const [code, verdict] of Object.entries(table)) {
    const owner = code in TX_VERDICTS ? 'generic' : moduleTxVerdicts.get(code)?.module;
    if (owner !== undefined && owner !== module) throw new CoinworksError('ERRORS_DUPLICATE_CODE', `${module} declares ${code}, already declared by ${owner}`, { code, module, owner });
    moduleTxVerdicts.set(code, { module, verdict });
  }
  return table;
}

/** The module that declared `code`, `generic` for a generic one, undefined if nobody did. */
export function txErrorOwner(code: string): string | undefined {
  return code in TX_VERDICTS ? 'generic' : moduleTxVerdicts.get(code)?.module;
}

/** A transaction failed a validity rule; `code` names the rule. */
export class TxError extends CoinworksError<TxErrorCode> {
  static override verdictOf(code: string): Verdict {
    return TX_VERDICTS[code as GenericTxErrorCode] ?? moduleTxVerdicts.get(code)?.verdict ?? COMMAND_RULE;
  }
}

/** Reasons a block is rejected. */
export type BlockErrorCode =
  | 'BLOCK_MALFORMED'
  | 'BLOCK_OVERSIZE'
  | 'BLOCK_DUPLICATE'
  | 'BLOCK_PARENT_UNKNOWN'
  | 'BLOCK_KNOWN_INVALID'
  | 'BLOCK_REORG_TOO_DEEP'
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
  | 'BLOCK_BAD_PARENT_COMMIT'
  | 'BLOCK_BAD_EVIDENCE'
  | 'BLOCK_CONFLICTS_FINAL'
  | 'BLOCK_ORPHAN_POOL_FULL';

/**
 * Verdicts of the block rules, after bcoin's chain.js: a block that breaks a rule its sender can
 * check against the block and its parent (syntax, size, proof of work, difficulty, merkle, state
 * and receipts roots, coinbase, an invalid transaction) scores 100. bcoin scores 'high-hash' 50 and
 * 'time-too-old' 0; we score both 100, as Bitcoin Core does for an invalid header. What the sender
 * cannot know scores 0, as in bcoin: an unknown parent ('bad-prevblk' 0, an orphan), a time ahead
 * of our clock ('time-too-new' 0), a duplicate ('duplicate' 0). A block already found invalid, or a
 * child of one, scores 10 where bcoin scores 100: we do not re-verify it, and a relaying peer may
 * only have forwarded it; whoever sent it first already got the full score.
 */
export const BLOCK_VERDICTS = {
  BLOCK_MALFORMED: peerFault(),
  BLOCK_OVERSIZE: peerFault(),
  BLOCK_DUPLICATE: noFault(),
  BLOCK_PARENT_UNKNOWN: noFault(),
  BLOCK_KNOWN_INVALID: peerFault(10),
  BLOCK_BAD_VERSION: peerFault(),
  BLOCK_BAD_POW: peerFault(),
  BLOCK_BAD_DIFFICULTY: peerFault(),
  BLOCK_TIME_TOO_OLD: peerFault(),
  BLOCK_TIME_TOO_NEW: noFault(),
  BLOCK_BAD_MERKLE_ROOT: peerFault(),
  BLOCK_BAD_STATE_ROOT: peerFault(),
  BLOCK_BAD_RECEIPTS_ROOT: peerFault(),
  BLOCK_BAD_COINBASE: peerFault(),
  BLOCK_BAD_BASE_FEE: peerFault(),
  BLOCK_BAD_GAS_USED: peerFault(),
  BLOCK_GAS_LIMIT_EXCEEDED: peerFault(),
  BLOCK_DUPLICATE_TX: peerFault(),
  BLOCK_INVALID_TX: peerFault(),
  // A seal or commit certificate that does not verify is as checkable as proof of work.
  BLOCK_BAD_SEAL: peerFault(),
  BLOCK_BAD_JUSTIFICATION: peerFault(),
  // The parent's commit certificate the coinbase carries (committed by the hash, unlike the justification).
  BLOCK_BAD_PARENT_COMMIT: peerFault(),
  // Evidence that does not verify, is duplicated, or is too old: the proposer could check it.
  BLOCK_BAD_EVIDENCE: peerFault(),
  // A fork below the final block: bcoin scores a fork below a checkpoint 100 too.
  BLOCK_CONFLICTS_FINAL: peerFault(),
  // Our orphan pool's capacity, not the sender's doing.
  BLOCK_ORPHAN_POOL_FULL: noFault(),
  // A branch forking below our undo window (`Chain.undoWindow`, default 1,000 blocks): a local
  // limit, not a consensus rule, so the sender could not have known it (bcoin's checkpoint fork
  // scores 100 because every node ships the same checkpoints; our window is a node setting).
  BLOCK_REORG_TOO_DEEP: noFault(),
} as const satisfies Record<BlockErrorCode, Verdict>;

/** A block failed a validity rule; `code` names the rule, `data.txCode` the inner tx rule if any. */
export class BlockError extends CoinworksError<BlockErrorCode> {
  static override verdictOf(code: string): Verdict {
    return BLOCK_VERDICTS[code as BlockErrorCode] ?? peerFault();
  }
}

/** Reasons the mempool refuses a transaction it could otherwise accept. */
export type MempoolErrorCode =
  | 'MEMPOOL_DUPLICATE'
  | 'MEMPOOL_FULL'
  | 'MEMPOOL_FEE_TOO_LOW'
  | 'MEMPOOL_REPLACEMENT_UNDERPRICED'
  | 'MEMPOOL_SENDER_LIMIT'
  | 'MEMPOOL_NONCE_TOO_FAR';

/**
 * Mempool policy is ours, not a consensus rule, so nobody is at fault: bcoin scores 'mempool full',
 * 'insufficientfee', 'replace-by-fee', 'txn-already-in-mempool' and 'too-long-mempool-chain' 0. A
 * nonce too far ahead scores low, like a nonce gap.
 */
export const MEMPOOL_VERDICTS = {
  MEMPOOL_DUPLICATE: noFault(),
  MEMPOOL_FULL: noFault(),
  MEMPOOL_FEE_TOO_LOW: noFault(),
  MEMPOOL_REPLACEMENT_UNDERPRICED: noFault(),
  MEMPOOL_SENDER_LIMIT: noFault(),
  MEMPOOL_NONCE_TOO_FAR: noFault(1),
} as const satisfies Record<MempoolErrorCode, Verdict>;

/** The mempool refused a transaction for a policy reason (not a consensus rule). */
export class MempoolError extends CoinworksError<MempoolErrorCode> {
  static override verdictOf(code: string): Verdict {
    return MEMPOOL_VERDICTS[code as MempoolErrorCode] ?? noFault();
  }
}

/** Storage failures: corruption, closed store, missing record. */
export class StorageError extends CoinworksError<'STORAGE_CORRUPT' | 'STORAGE_CLOSED' | 'STORAGE_NOT_FOUND' | 'STORAGE_WRONG_NETWORK' | 'STORAGE_WRONG_VERSION'> {}

/**
 * Disk-backed state: `STATE_NOT_LOADED` when a synchronous read needs a record the cache does not
 * hold (read through `Chain.view`, which loads and re-runs), `STATE_STALE` when the head state moved
 * on while a reader was loading records for an older version (the caller starts again on the new head).
 */
export class StateError extends CoinworksError<'STATE_NOT_LOADED' | 'STATE_STALE'> {}

/** Returns the typed code of an error, or `INTERNAL` for anything not ours. */
export function errorCode(e: unknown): string {
  return e instanceof CoinworksError ? e.code : 'INTERNAL';
}
