/**
 * The pool's key: the one secret the pool holds. Its address is the beneficiary of every block the
 * pool finds, and it signs the payout transactions. Kept in `<datadir>/mining-pool/key.json`
 * (`{"secretKey": "<64 hex>"}`, mode 0600, written to a temporary file and renamed into place);
 * created on the first start when absent. Back it up: the unpaid balances are paid from it.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { addressOfPublicKey, encodeAddress } from '../crypto/address.js';
import { CURVE_N } from '../crypto/keys.js';
import { publicKeyNative, signNative } from '../crypto/native.js';
import type { Signer } from '../primitives/tx-builder.js';
import { MiningPoolError } from './errors.js';

/** The pool's key with its address and a signer. */
export interface PoolKey {
  readonly publicKey: Uint8Array;
  readonly address: Uint8Array;
  readonly addressText: string;
  readonly sign: Signer;
}

/** A pool key from a secret key. */
export function poolKeyFrom(secretKey: Uint8Array): PoolKey {
  const publicKey = publicKeyNative(secretKey);
  const address = addressOfPublicKey(publicKey);
  return { publicKey, address, addressText: encodeAddress(address), sign: (d) => signNative(d, secretKey) };
}

function validSecret(b: Uint8Array): boolean {
  if (b.length !== 32) return false;
  const v = BigInt(`0x${Buffer.from(b).toString('hex')}`);
  return v > 0n && v < CURVE_N;
}

/** Loads the pool key at `path`, creating it (mode 0600) when the file does not exist. */
export async function loadOrCreatePoolKey(path: string): Promise<{ key: PoolKey; created: boolean }> {
  try {
    const text = await readFile(path, 'utf8');
    const hex = (JSON.parse(text) as { secretKey?: unknown }).secretKey;
    const b = typeof hex === 'string' && /^[0-9a-f]{64}$/.test(hex) ? Uint8Array.from(Buffer.from(hex, 'hex')) : undefined;
    if (!b || !validSecret(b)) throw new MiningPoolError('MINING_POOL_KEY_INVALID', `${path} does not hold a valid secretKey (64 hex digits)`, { path });
    return { key: poolKeyFrom(b), created: false };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
      if (e instanceof MiningPoolError) throw e;
      throw new MiningPoolError('MINING_POOL_KEY_INVALID', `cannot read the pool key ${path}: ${(e as Error).message}`, { path });
    }
  }
  let secret: Uint8Array;
  do secret = new Uint8Array(randomBytes(32));
  while (!validSecret(secret));
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const h = await open(tmp, 'wx', 0o600);
  try {
    await h.chmod(0o600);
    await h.writeFile(JSON.stringify({ secretKey: Buffer.from(secret).toString('hex') }) + '\n', 'utf8');
    await h.sync();
  } finally {
    await h.close();
  }
  await rename(tmp, path);
  return { key: poolKeyFrom(secret), created: true };
}
