/** The address field type: 20 bytes in binary, bech32m `cw1...` text in JSON. */
import { bytes, type Codec } from '../encoding/codec.js';
import { ADDRESS_LENGTH, decodeAddress, encodeAddress } from '../crypto/address.js';
import { DecodeError } from '../errors.js';

const raw = bytes(ADDRESS_LENGTH);

/** Codec for a 20-byte address whose JSON form is its bech32m text. */
export const address: Codec<Uint8Array> = {
  ...raw,
  name: 'address',
  toJson: (v) => encodeAddress(v),
  fromJson(j, path = '') {
    try {
      return decodeAddress(j as string);
    } catch (e) {
      throw new DecodeError('DECODE_INVALID', `${path || 'address'}: ${(e as Error).message}`, { path });
    }
  },
};
