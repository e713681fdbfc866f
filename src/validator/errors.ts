/** Typed errors of the validator service: its key file, and asking it for what it cannot do. */
import { CoinworksError } from '../errors.js';

/** Stable codes of `ValidatorError` (all our own side's: the default local verdict). */
export type ValidatorErrorCode = 'VALIDATOR_KEY_INVALID' | 'VALIDATOR_NOT_RUNNING';

/** The validator's key or state is unusable, or the service was asked something while stopped. */
export class ValidatorError extends CoinworksError<ValidatorErrorCode> {}
