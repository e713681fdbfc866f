/**
 * The validator's consensus key in its data directory, `<datadir>/validator/consensus-key.json`
 * (mode 0600, as CometBFT's priv_validator_key.json): `{ "publicKey": hex, "secretKey": hex }`. The
 * node creates it on first start of a proof-of-stake network; the validator's address is the
 * address of this key. Signing goes through libsecp256k1 (RFC 6979, low-s).
 */
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { addressOfPublicKey, encodeAddress } from '../crypto/address.js';
import { randomSecretKey } from '../crypto/keys.js';
import { publicKeyNative, signNative } from '../crypto/native.js';
import { bytesEqual, bytesToHex, hexToBytes } from '../encoding/hex.js';
import { ValidatorError } from './errors.js';

/** Folder of the validator's files inside a data directory. */
export const VALIDATOR_DIR_NAME = 'validator';
/** File of the consensus key. */
export const CONSENSUS_KEY_FILE = 'consensus-key.json';
/** File of the double-sign guard's state. */
export const SIGN_STATE_FILE = 'sign-state.bin';
/** File of the block the validator is locked on. */
export const LOCKED_BLOCK_FILE = 'locked-block.bin';

/** A consensus key that signs 32-byte digests. */
export interface ConsensusKey {
  readonly publicKey: Uint8Array;
  readonly address: Uint8Array;
  sign(digest: Uint8Array): Uint8Array;
}

/** A consensus key from its secret. */
export function consensusKeyFromSecret(secretKey: Uint8Array): ConsensusKey {
  const publicKey = publicKeyNative(secretKey);
  return { publicKey, address: addressOfPublicKey(publicKey), sign: (d) => signNative(d, secretKey) };
}

/** Path of a validator file in a data directory. */
export function validatorFile(datadir: string, name: string): string {
  return join(datadir, VALIDATOR_DIR_NAME, name);
}

/** Writes a new key file (refusing to replace one). */
export async function writeConsensusKey(path: string, secretKey: Uint8Array): Promise<ConsensusKey> {
  const key = consensusKeyFromSecret(secretKey);
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.tmp`;
  const h = await open(tmp, 'w', 0o600);
  try {
    await h.writeFile(JSON.stringify({ address: encodeAddress(key.address), publicKey: bytesToHex(key.publicKey), secretKey: bytesToHex(secretKey) }, null, 2) + '\n');
    await h.sync();
  } finally {
    await h.close();
  }
  try {
    await readFile(path);
    throw new ValidatorError('VALIDATOR_KEY_INVALID', `${path} already exists`);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  await rename(tmp, path);
  return key;
}

/** Reads a key file; undefined when absent; VALIDATOR_KEY_INVALID when it does not check out. */
export async function readConsensusKey(path: string): Promise<ConsensusKey | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  let secretKey: Uint8Array;
  let publicKey: Uint8Array;
  try {
    const o = JSON.parse(text) as { secretKey?: unknown; publicKey?: unknown };
    if (typeof o.secretKey !== 'string' || typeof o.publicKey !== 'string') throw new Error('needs "secretKey" and "publicKey" hex strings');
    secretKey = hexToBytes(o.secretKey);
    publicKey = hexToBytes(o.publicKey);
  } catch (e) {
    throw new ValidatorError('VALIDATOR_KEY_INVALID', `${path}: ${(e as Error).message}`);
  }
  const key = consensusKeyFromSecret(secretKey);
  if (!bytesEqual(key.publicKey, publicKey)) throw new ValidatorError('VALIDATOR_KEY_INVALID', `${path}: the public key does not match the secret key`);
  return key;
}

/** The key of a data directory, created (random) when it has none. */
export async function loadOrCreateConsensusKey(datadir: string): Promise<{ key: ConsensusKey; created: boolean }> {
  const path = validatorFile(datadir, CONSENSUS_KEY_FILE);
  const key = await readConsensusKey(path);
  if (key) return { key, created: false };
  return { key: await writeConsensusKey(path, randomSecretKey()), created: true };
}
