/**
 * Typed errors of the BFT engine library: messages that fail a rule, certificates and evidence that
 * do not verify, validator-set updates that are not allowed, and signing refused by the double-sign
 * guard. Callers switch on `code`.
 */
import { CoinworksError } from '../../errors.js';

/** Stable codes of `BftError`. */
export type BftErrorCode =
  | 'BFT_MALFORMED'
  | 'BFT_HIGH_S'
  | 'BFT_BAD_SIGNATURE'
  | 'BFT_UNKNOWN_VALIDATOR'
  | 'BFT_INVALID_PROPOSAL'
  | 'BFT_WRONG_HEIGHT'
  | 'BFT_WRONG_BLOCK'
  | 'BFT_DUPLICATE_SIGNATURE'
  | 'BFT_INSUFFICIENT_POWER'
  | 'BFT_EVIDENCE_INVALID'
  | 'BFT_BAD_VALIDATOR_UPDATE'
  | 'BFT_DOUBLE_SIGN'
  | 'BFT_SIGN_STATE_CORRUPT';

/** A BFT message, certificate, evidence or update broke a rule; `code` names it. */
export class BftError extends CoinworksError<BftErrorCode> {}
