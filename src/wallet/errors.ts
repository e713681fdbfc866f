/**
 * Errors raised by the wallet: mnemonics, HD derivation, the encrypted keystore, the in-memory
 * wallet and the on-disk wallet store. Callers switch on `code`; `message` is written for people.
 */
import { CoinworksError } from '../errors.js';

/** Stable codes of every wallet failure. */
export type WalletErrorCode =
  | 'WALLET_BAD_MNEMONIC'
  | 'WALLET_BAD_SEED'
  | 'WALLET_BAD_INDEX'
  | 'WALLET_BAD_PASSWORD'
  | 'WALLET_BAD_LABEL'
  | 'WALLET_BAD_NAME'
  | 'WALLET_BAD_DIGEST'
  | 'WALLET_BAD_PARAMS'
  | 'WALLET_CORRUPT'
  | 'WALLET_EXISTS'
  | 'WALLET_NOT_FOUND'
  | 'WALLET_UNKNOWN_ACCOUNT';

/** A wallet operation failed; `code` says why. */
export class WalletError extends CoinworksError<WalletErrorCode> {}
