/**
 * BIP-32 / BIP-44 key derivation for Coinworks accounts. Every key sits at
 *
 *     m / 44' / 8645' / <account>' / 0 / <index>
 *
 * Coin type 8645 is Coinworks' own choice and is NOT registered in SLIP-44; other software that
 * derives Coinworks keys must use the same number. The change level is always 0 (an account-based
 * chain has no change addresses). Wallet accounts differ by `index` under account 0, in the manner
 * of Ethereum wallets; `account` is there for callers that want fully separate hardened subtrees.
 * Browser-safe: no `node:` imports.
 */
import { HDKey } from '@scure/bip32';
import { publicKeyOf } from '../crypto/keys.js';
import { addressOfPublicKey, encodeAddress } from '../crypto/address.js';
import { WalletError } from './errors.js';

/** BIP-44 purpose level. */
export const BIP44_PURPOSE = 44;
/** Coinworks' BIP-44 coin type (unregistered in SLIP-44). */
export const COIN_TYPE = 8645;
/** Largest index of a BIP-32 child (non-hardened range). */
export const MAX_CHILD_INDEX = 0x7fffffff;

/** One derived key pair and its address. */
export interface DerivedAccount {
  /** Address index (last path level). */
  index: number;
  /** Full BIP-32 path, e.g. `m/44'/8645'/0'/0/3`. */
  path: string;
  /** 32-byte secp256k1 secret key. */
  secretKey: Uint8Array;
  /** 33-byte compressed public key. */
  publicKey: Uint8Array;
  /** bech32m address (`cw1...`). */
  address: string;
}

function checkIndex(what: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0 || n > MAX_CHILD_INDEX) {
    throw new WalletError('WALLET_BAD_INDEX', `${what} must be an integer from 0 to ${MAX_CHILD_INDEX}, got ${String(n)}`);
  }
}

/** BIP-44 path of address `index` in `account` (default 0). */
export function derivationPath(index: number, account = 0): string {
  checkIndex('address index', index);
  checkIndex('account', account);
  return `m/${BIP44_PURPOSE}'/${COIN_TYPE}'/${account}'/0/${index}`;
}

/** The BIP-32 master key of a 16- to 64-byte seed. */
export function masterKey(seed: Uint8Array): HDKey {
  if (!(seed instanceof Uint8Array) || seed.length < 16 || seed.length > 64) {
    throw new WalletError('WALLET_BAD_SEED', `seed must be 16 to 64 bytes, got ${seed instanceof Uint8Array ? seed.length : typeof seed}`);
  }
  return HDKey.fromMasterSeed(seed);
}

/** Derives the key pair and address at `m/44'/8645'/<account>'/0/<index>` from a BIP-39 seed. */
export function deriveAccount(seed: Uint8Array, index: number, account = 0): DerivedAccount {
  const path = derivationPath(index, account);
  const sk = masterKey(seed).derive(path).privateKey;
  if (!sk) throw new WalletError('WALLET_BAD_SEED', `no private key at ${path}`);
  const secretKey = Uint8Array.from(sk);
  const publicKey = publicKeyOf(secretKey);
  const address = encodeAddress(addressOfPublicKey(publicKey));
  return { index, path, secretKey, publicKey, address };
}
