/**
 * Password encryption of a secret (the wallet's mnemonic). Browser-safe: no `node:` imports.
 *
 * Format (JSON, all byte strings lowercase hex without 0x):
 *
 *     {
 *       "version": 1,
 *       "kdf": "scrypt",
 *       "kdfparams": { "n": 32768, "r": 8, "p": 1, "salt": "<32 bytes>" },
 *       "cipher": "aes-256-gcm",
 *       "nonce": "<12 bytes>",
 *       "ciphertext": "<AES-GCM output: encrypted secret || 16-byte tag>"
 *     }
 *
 * key = scrypt(NFKC(password), salt, n, r, p, dkLen = 32); ciphertext = AES-256-GCM(key, nonce,
 * secret), no associated data. Salt and nonce are fresh random bytes on every encryption. The GCM
 * tag cannot tell a wrong password from a modified salt, nonce, parameters or ciphertext, so both
 * surface as WALLET_BAD_PASSWORD; anything structurally wrong (bad JSON, missing field, bad hex,
 * unknown version, out-of-range parameters) is WALLET_CORRUPT. Other fields in the object are
 * ignored, so a wallet file can carry the keystore fields at its top level.
 */
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { gcm } from '@noble/ciphers/aes.js';
import { randomBytes } from '@noble/ciphers/utils.js';
import { bytesToHex, hexToBytes } from '../encoding/hex.js';
import { WalletError } from './errors.js';

/** scrypt cost and salt as stored in the keystore. */
export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  n: number;
  /** Block size. */
  r: number;
  /** Parallelism. */
  p: number;
  /** Salt, hex. */
  salt: string;
}

/** The encrypted keystore JSON (format above). */
export interface Keystore {
  /** Format version, always 1. */
  version: 1;
  /** Key-derivation function, always `scrypt`. */
  kdf: 'scrypt';
  /** scrypt parameters and salt. */
  kdfparams: ScryptParams;
  /** Cipher, always `aes-256-gcm`. */
  cipher: 'aes-256-gcm';
  /** 12-byte GCM nonce, hex. */
  nonce: string;
  /** Encrypted secret followed by the 16-byte GCM tag, hex. */
  ciphertext: string;
}

/** scrypt cost for `encryptSecret`; tests may lower `n` (any power of two >= 2). */
export interface KeystoreOptions {
  /** CPU/memory cost (default 2^15). */
  n?: number;
  /** Block size (default 8). */
  r?: number;
  /** Parallelism (default 1). */
  p?: number;
}

/** Default scrypt cost: N = 2^15 (about 32 MiB and a fraction of a second). */
export const DEFAULT_SCRYPT_N = 2 ** 15;
/** Default scrypt block size. */
export const DEFAULT_SCRYPT_R = 8;
/** Default scrypt parallelism. */
export const DEFAULT_SCRYPT_P = 1;
/** Most memory scrypt may use (128 * n * r * p bytes) when reading a file: bounds hostile parameters. */
export const MAX_SCRYPT_MEMORY = 256 * 1024 * 1024;

const SALT_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

function corrupt(message: string): WalletError {
  return new WalletError('WALLET_CORRUPT', `keystore is corrupt: ${message}`);
}

function checkCost(n: unknown, r: unknown, p: unknown, fail: (m: string) => WalletError): void {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 2 || (n & (n - 1)) !== 0) {
    throw fail(`scrypt n must be a power of two >= 2, got ${String(n)}`);
  }
  if (typeof r !== 'number' || !Number.isSafeInteger(r) || r < 1 || r > 64) throw fail(`scrypt r must be an integer from 1 to 64, got ${String(r)}`);
  if (typeof p !== 'number' || !Number.isSafeInteger(p) || p < 1 || p > 16) throw fail(`scrypt p must be an integer from 1 to 16, got ${String(p)}`);
  if (128 * n * r * p > MAX_SCRYPT_MEMORY) throw fail(`scrypt parameters need more than ${MAX_SCRYPT_MEMORY} bytes of memory`);
}

function hexField(obj: Record<string, unknown>, key: string, min: number, max: number): Uint8Array {
  const v = obj[key];
  if (typeof v !== 'string') throw corrupt(`"${key}" must be a hex string`);
  let b: Uint8Array;
  try {
    b = hexToBytes(v);
  } catch {
    throw corrupt(`"${key}" is not valid hex`);
  }
  if (b.length < min || b.length > max) {
    throw corrupt(min === max ? `"${key}" must be ${min} bytes, got ${b.length}` : `"${key}" must be ${min} to ${max} bytes, got ${b.length}`);
  }
  return b;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks a keystore (object or JSON text) and returns just its keystore fields; throws WALLET_CORRUPT. */
export function parseKeystore(input: unknown): Keystore {
  let obj: unknown = input;
  if (typeof input === 'string') {
    try {
      obj = JSON.parse(input);
    } catch {
      throw corrupt('not valid JSON');
    }
  }
  if (!isObject(obj)) throw corrupt('not a JSON object');
  if (obj.version !== 1) throw corrupt(`unsupported version ${JSON.stringify(obj.version) ?? 'undefined'} (expected 1)`);
  if (obj.kdf !== 'scrypt') throw corrupt(`unsupported kdf ${JSON.stringify(obj.kdf) ?? 'undefined'} (expected "scrypt")`);
  if (obj.cipher !== 'aes-256-gcm') throw corrupt(`unsupported cipher ${JSON.stringify(obj.cipher) ?? 'undefined'} (expected "aes-256-gcm")`);
  const kp = obj.kdfparams;
  if (!isObject(kp)) throw corrupt('"kdfparams" must be an object');
  checkCost(kp.n, kp.r, kp.p, corrupt);
  const salt = hexField(kp, 'salt', 16, 64);
  const nonce = hexField(obj, 'nonce', NONCE_BYTES, NONCE_BYTES);
  const ciphertext = hexField(obj, 'ciphertext', TAG_BYTES + 1, 1 << 20);
  return {
    version: 1,
    kdf: 'scrypt',
    kdfparams: { n: kp.n as number, r: kp.r as number, p: kp.p as number, salt: bytesToHex(salt) },
    cipher: 'aes-256-gcm',
    nonce: bytesToHex(nonce),
    ciphertext: bytesToHex(ciphertext),
  };
}

function checkPassword(password: unknown): string {
  if (typeof password !== 'string') throw new WalletError('WALLET_BAD_PASSWORD', 'password must be a string');
  return password.normalize('NFKC');
}

async function deriveKey(password: string, salt: Uint8Array, n: number, r: number, p: number): Promise<Uint8Array> {
  return scryptAsync(password, salt, { N: n, r, p, dkLen: KEY_BYTES, maxmem: MAX_SCRYPT_MEMORY + 4096 });
}

/** Encrypts a secret (bytes, or text as UTF-8) under a non-empty password. */
export async function encryptSecret(secret: Uint8Array | string, password: string, opts: KeystoreOptions = {}): Promise<Keystore> {
  const pw = checkPassword(password);
  if (pw.length === 0) throw new WalletError('WALLET_BAD_PASSWORD', 'password must not be empty');
  const n = opts.n ?? DEFAULT_SCRYPT_N;
  const r = opts.r ?? DEFAULT_SCRYPT_R;
  const p = opts.p ?? DEFAULT_SCRYPT_P;
  checkCost(n, r, p, (m) => new WalletError('WALLET_BAD_PARAMS', m));
  const plaintext = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
  if (plaintext.length === 0) throw new WalletError('WALLET_BAD_PARAMS', 'secret must not be empty');
  const salt = randomBytes(SALT_BYTES);
  const nonce = randomBytes(NONCE_BYTES);
  const key = await deriveKey(pw, salt, n, r, p);
  try {
    const ciphertext = gcm(key, nonce).encrypt(plaintext);
    return {
      version: 1,
      kdf: 'scrypt',
      kdfparams: { n, r, p, salt: bytesToHex(salt) },
      cipher: 'aes-256-gcm',
      nonce: bytesToHex(nonce),
      ciphertext: bytesToHex(ciphertext),
    };
  } finally {
    key.fill(0);
  }
}

/** Decrypts a keystore (object or JSON text) to the secret bytes; WALLET_BAD_PASSWORD or WALLET_CORRUPT on failure. */
export async function decryptSecret(keystore: unknown, password: string): Promise<Uint8Array> {
  const ks = parseKeystore(keystore);
  const pw = checkPassword(password);
  const { n, r, p } = ks.kdfparams;
  const key = await deriveKey(pw, hexToBytes(ks.kdfparams.salt), n, r, p);
  try {
    return gcm(key, hexToBytes(ks.nonce)).decrypt(hexToBytes(ks.ciphertext));
  } catch {
    throw new WalletError(
      'WALLET_BAD_PASSWORD',
      'wrong password, or the keystore was modified (authentication tag does not match)',
    );
  } finally {
    key.fill(0);
  }
}

/** Decrypts a keystore whose secret is UTF-8 text (as `encryptSecret(string)` makes). */
export async function decryptSecretText(keystore: unknown, password: string): Promise<string> {
  const bytes = await decryptSecret(keystore, password);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw corrupt('decrypted secret is not UTF-8 text');
  } finally {
    bytes.fill(0);
  }
}
