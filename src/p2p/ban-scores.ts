/**
 * How much a peer's misbehaviour costs (bcoin's VerifyError ban score, 0-100; 100 bans at once).
 * The ONE place the networking layer turns an error into a penalty: an error that carries its own
 * `score` (the core's CoinworksError ban score, once every error has one) is charged that; until
 * then the table below, by stable error code, applies. Switching to the core's scores is an edit of
 * `banScoreOf` alone.
 *
 * Rule (issue 9): what an honest peer can relay in good faith costs nothing. A block that is a
 * duplicate, an orphan, on a side branch, or that lost a reorg is never an offence, and neither is
 * a transaction that state made stale (nonce used, balance spent, fee below a risen base fee).
 */
import { CoinworksError } from '../errors.js';

/** Score at which a peer is banned (bcoin: 100). */
export const BAN_THRESHOLD = 100;

/** Penalties for misbehaviour seen by the networking layer itself (not a typed error of the core). */
export const Offence = {
  /** A frame that does not decode (garbage). */
  garbageFrame: 25,
  /** A frame above the protocol's size cap. */
  oversizeFrame: 50,
  /** More requests or messages than the per-peer rate allows. */
  flood: 10,
  /** A protocol rule broken (unrequested blocks, wrong count, out-of-order answer). */
  protocolViolation: 20,
  /** A request or answer that timed out (may be load: small). */
  timeout: 2,
  /** A gossip message the topic validator rejected without a typed error. */
  gossipReject: 20,
} as const;

/** Fallback scores by code for errors that do not carry a `score` yet. Missing codes cost 0. */
const TABLE: Readonly<Record<string, number>> = {
  // Garbage: a peer of this chain never sends these.
  DECODE_TRUNCATED: 100,
  DECODE_TRAILING_BYTES: 100,
  DECODE_NON_CANONICAL: 100,
  DECODE_OVERSIZE: 100,
  DECODE_INVALID: 100,
  // Blocks that break a rule no honest node would relay (proof of work, roots, structure).
  BLOCK_MALFORMED: 100,
  BLOCK_OVERSIZE: 100,
  BLOCK_BAD_VERSION: 100,
  BLOCK_BAD_POW: 100,
  BLOCK_BAD_DIFFICULTY: 100,
  BLOCK_TIME_TOO_OLD: 100,
  BLOCK_BAD_MERKLE_ROOT: 100,
  BLOCK_BAD_STATE_ROOT: 100,
  BLOCK_BAD_RECEIPTS_ROOT: 100,
  BLOCK_BAD_COINBASE: 100,
  BLOCK_BAD_BASE_FEE: 100,
  BLOCK_BAD_GAS_USED: 100,
  BLOCK_GAS_LIMIT_EXCEEDED: 100,
  BLOCK_DUPLICATE_TX: 100,
  BLOCK_INVALID_TX: 100,
  BLOCK_BAD_SEAL: 100,
  BLOCK_BAD_JUSTIFICATION: 100,
  BLOCK_KNOWN_INVALID: 100,
  // A branch below our final block: a peer on a stale view, or lying; not a ban on its own.
  BLOCK_CONFLICTS_FINAL: 20,
  // Clock skew is not an offence (Bitcoin does not punish time-too-new either).
  BLOCK_TIME_TOO_NEW: 0,
  BLOCK_PARENT_UNKNOWN: 0,
  BLOCK_DUPLICATE: 0,
  BLOCK_ORPHAN_POOL_FULL: 0,
  // Transactions that are wrong whatever the state.
  TX_MALFORMED: 100,
  TX_OVERSIZE: 100,
  TX_BAD_SIGNATURE: 100,
  TX_HIGH_S: 100,
  TX_WRONG_CHAIN: 100,
  TX_INVALID_PARAMS: 50,
  TX_UNKNOWN_COMMAND: 20,
  TX_TIP_ABOVE_MAX_FEE: 50,
  TX_GAS_LIMIT_TOO_HIGH: 20,
  TX_GAS_LIMIT_TOO_LOW: 20,
};

/**
 * The ban score of an error a peer caused: the error's own `score` when it carries one, else the
 * table's by code; 0 for anything that is not a CoinworksError (our own failure, not the peer's).
 */
export function banScoreOf(e: unknown): number {
  const own = (e as { score?: unknown } | null)?.score;
  if (typeof own === 'number' && Number.isFinite(own)) return Math.max(0, Math.min(100, own));
  if (!(e instanceof CoinworksError)) return 0;
  return TABLE[e.code] ?? 0;
}
