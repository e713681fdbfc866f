/**
 * How much a peer's misbehaviour costs (bcoin's VerifyError ban score, 0-100; 100 bans at once).
 * The ONE place the networking layer turns an error into a penalty: every CoinworksError carries
 * its verdict (`fault`, `banScore`, from the core's tables in errors.ts), which is charged as is;
 * an error that is our own (`fault: 'local'`, or not a CoinworksError) costs the peer nothing.
 * Misbehaviour that is not a typed error of the core (frames, floods) has its price here.
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

/** The ban score of an error a peer caused: its own verdict's `banScore`; 0 when the fault is ours. */
export function banScoreOf(e: unknown): number {
  if (!(e instanceof CoinworksError) || e.fault === 'local') return 0;
  return Math.max(0, Math.min(100, e.banScore));
}
