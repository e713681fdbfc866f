/**
 * BIP-39 mnemonics with the English word list: generation (24 words by default, or 12), validation
 * with a reason a person can act on, and mnemonic -> 64-byte seed (PBKDF2-HMAC-SHA512, 2048 rounds,
 * optional passphrase). Browser-safe: no `node:` imports.
 */
import {
  generateMnemonic as bip39Generate,
  mnemonicToEntropy,
  mnemonicToSeedSync,
} from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { WalletError } from './errors.js';

/** Word counts `generateMnemonic` produces: 24 (256-bit entropy, default) or 12 (128-bit). */
export type MnemonicWordCount = 12 | 24;

/** Word counts BIP-39 allows and `validateMnemonic` accepts (imports from other wallets). */
export const VALID_WORD_COUNTS: readonly number[] = [12, 15, 18, 21, 24];

const WORD_SET = new Set(wordlist);

/** A fresh random English mnemonic of 24 (default) or 12 words. */
export function generateMnemonic(words: MnemonicWordCount = 24): string {
  if (words !== 12 && words !== 24) {
    throw new WalletError('WALLET_BAD_PARAMS', `mnemonic length must be 12 or 24 words, got ${String(words)}`);
  }
  return bip39Generate(wordlist, words === 24 ? 256 : 128);
}

/** Canonical form of a typed mnemonic: NFKD, lowercase, single spaces, no surrounding whitespace. */
export function normalizeMnemonic(mnemonic: string): string {
  return mnemonic.normalize('NFKD').toLowerCase().trim().split(/\s+/).join(' ');
}

/** Checks a mnemonic and returns its normalized form; throws WalletError WALLET_BAD_MNEMONIC with the reason. */
export function validateMnemonic(mnemonic: string): string {
  if (typeof mnemonic !== 'string') throw new WalletError('WALLET_BAD_MNEMONIC', 'mnemonic must be a string');
  const normalized = normalizeMnemonic(mnemonic);
  const words = normalized === '' ? [] : normalized.split(' ');
  if (!VALID_WORD_COUNTS.includes(words.length)) {
    throw new WalletError(
      'WALLET_BAD_MNEMONIC',
      `mnemonic must have 12, 15, 18, 21 or 24 words, got ${words.length}`,
      { words: words.length },
    );
  }
  const unknown: number[] = [];
  words.forEach((w, i) => {
    if (!WORD_SET.has(w)) unknown.push(i + 1);
  });
  if (unknown.length > 0) {
    // Positions only: the words themselves are secret and must not end up in logs.
    throw new WalletError(
      'WALLET_BAD_MNEMONIC',
      `mnemonic word${unknown.length > 1 ? 's' : ''} #${unknown.join(', #')} ${unknown.length > 1 ? 'are' : 'is'} not in the BIP-39 English word list`,
      { positions: unknown },
    );
  }
  try {
    mnemonicToEntropy(normalized, wordlist);
  } catch {
    throw new WalletError(
      'WALLET_BAD_MNEMONIC',
      'mnemonic checksum does not match: a word is wrong or out of order',
    );
  }
  return normalized;
}

/** True when the mnemonic is a valid English BIP-39 mnemonic. */
export function isValidMnemonic(mnemonic: string): boolean {
  try {
    validateMnemonic(mnemonic);
    return true;
  } catch {
    return false;
  }
}

/** The 64-byte BIP-39 seed of a mnemonic (validated first) and optional passphrase. */
export function mnemonicToSeed(mnemonic: string, passphrase = ''): Uint8Array {
  if (typeof passphrase !== 'string') throw new WalletError('WALLET_BAD_PARAMS', 'passphrase must be a string');
  return mnemonicToSeedSync(validateMnemonic(mnemonic), passphrase);
}
