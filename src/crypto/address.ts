/**
 * Addresses: the first 20 bytes of SHA-256(compressed public key), shown in bech32m (BIP 350)
 * with the human-readable prefix `cw`, e.g. `cw1...`. Decoding checks prefix, checksum and length.
 */
import { bech32m } from '@scure/base';
import { sha256 } from './hash.js';
import { CoinworksError } from '../errors.js';

/** Human-readable part of every Coinworks address. */
export const ADDRESS_PREFIX = 'cw';
/** Length of an address in bytes. */
export const ADDRESS_LENGTH = 20;

/** An address could not be parsed. */
export class AddressError extends CoinworksError<'ADDRESS_INVALID'> {}

/** The 20-byte address of a compressed public key. */
export function addressOfPublicKey(publicKey: Uint8Array): Uint8Array {
  return sha256(publicKey).slice(0, ADDRESS_LENGTH);
}

/** bech32m text of a 20-byte address. */
export function encodeAddress(address: Uint8Array): string {
  if (address.length !== ADDRESS_LENGTH) throw new AddressError('ADDRESS_INVALID', `address must be ${ADDRESS_LENGTH} bytes`);
  return bech32m.encode(ADDRESS_PREFIX, bech32m.toWords(address));
}

/** Parses bech32m text to 20 bytes; throws AddressError with the reason. */
export function decodeAddress(text: string): Uint8Array {
  if (typeof text !== 'string') throw new AddressError('ADDRESS_INVALID', 'address must be a string');
  let decoded: { prefix: string; words: number[] };
  try {
    decoded = bech32m.decode(text as `${string}1${string}`, 90);
  } catch (e) {
    throw new AddressError('ADDRESS_INVALID', `invalid address "${text}": ${(e as Error).message}`);
  }
  if (decoded.prefix !== ADDRESS_PREFIX) throw new AddressError('ADDRESS_INVALID', `address prefix must be "${ADDRESS_PREFIX}", got "${decoded.prefix}"`);
  // fromWordsUnsafe: undefined (not a thrown Error) when the words are not whole bytes with zero padding.
  const bytes = bech32m.fromWordsUnsafe(decoded.words);
  if (!bytes) throw new AddressError('ADDRESS_INVALID', `invalid address "${text}": payload is not a whole number of bytes`);
  if (bytes.length !== ADDRESS_LENGTH) throw new AddressError('ADDRESS_INVALID', `address must be ${ADDRESS_LENGTH} bytes, got ${bytes.length}`);
  return Uint8Array.from(bytes);
}

/** True when text is a valid Coinworks address. */
export function isAddress(text: string): boolean {
  try {
    decodeAddress(text);
    return true;
  } catch {
    return false;
  }
}
