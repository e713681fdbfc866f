/**
 * The proof-of-work kernel the miner uses: the native SHA-256d addon (`native/`, SHA-NI or scalar C)
 * when it is built and loads, else the pure-JS kernel. `COINWORKS_MINER_KERNEL=js` forces the JS
 * kernel (`native-scalar` forces the addon's portable path). Also the target helpers: a hash meets a
 * target when, read as a little-endian 256-bit integer, it is <= the target (Bitcoin's CheckProofOfWork).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CoinworksError } from '../errors.js';
import { assertScanArgs, scanJs, type ScanFn, type ScanResult } from './kernel-js.js';

export type { ScanResult, ScanFn } from './kernel-js.js';

/** Which kernel `scanNonces` runs. */
export type KernelName = 'native-sha-ni' | 'native-scalar' | 'js';

/** The native addon's exports (see native/sha256d.c). */
export interface NativeMinerAddon {
  /** Best path of the addon (SHA-NI when the CPU has it). */
  scan: ScanFn;
  /** The portable scalar C path, always. */
  scanScalar: ScanFn;
  /** Path `scan` takes on this CPU. */
  impl: 'sha-ni' | 'scalar';
}

/** Where node-gyp puts the addon, relative to the package root. */
export const NATIVE_ADDON_RELATIVE_PATH = 'native/build/Release/coinworks_miner.node';

/** The package root: the nearest folder at or above `fromUrl`'s folder holding a package.json. */
export function packageRoot(fromUrl: string | URL = import.meta.url): string {
  let dir = dirname(fileURLToPath(fromUrl));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new CoinworksError('MINER_NO_PACKAGE_ROOT', 'no package.json above the miner module', { from: String(fromUrl) });
    dir = up;
  }
}

let addon: NativeMinerAddon | null | undefined;
let addonError: string | null = null;

/** Loads the native addon once; null (with `nativeLoadError()` set) when it is missing or fails to load. */
export function nativeAddon(): NativeMinerAddon | null {
  if (addon !== undefined) return addon;
  try {
    const path = join(packageRoot(), NATIVE_ADDON_RELATIVE_PATH);
    if (!existsSync(path)) throw new Error(`not built (${path}); run \`npm run build:native\``);
    const mod = createRequire(import.meta.url)(path) as NativeMinerAddon;
    if (typeof mod.scan !== 'function' || typeof mod.scanScalar !== 'function') throw new Error('unexpected addon exports');
    addon = mod;
  } catch (e) {
    addon = null;
    addonError = e instanceof Error ? e.message : String(e);
  }
  return addon;
}

/** Why the native addon is not in use (null when it loaded or was never tried). */
export function nativeLoadError(): string | null {
  return addonError;
}

let chosen: { name: KernelName; scan: ScanFn } | undefined;

function choose(): { name: KernelName; scan: ScanFn } {
  if (chosen) return chosen;
  const want = process.env.COINWORKS_MINER_KERNEL;
  const native = want === 'js' ? null : nativeAddon();
  if (native && want === 'native-scalar') chosen = { name: 'native-scalar', scan: native.scanScalar };
  else if (native) chosen = { name: native.impl === 'sha-ni' ? 'native-sha-ni' : 'native-scalar', scan: native.scan };
  else chosen = { name: 'js', scan: scanJs };
  return chosen;
}

/** Name of the kernel `scanNonces` uses in this thread. */
export function kernelName(): KernelName {
  return choose().name;
}

/**
 * Scans nonces startNonce .. startNonce+count-1 (mod 2^32) of an 80-byte header (its nonce field is
 * ignored) for the first whose sha256d <= target (32 bytes, little-endian).
 */
export function scanNonces(header80: Uint8Array, target32LE: Uint8Array, startNonce: number, count: number): ScanResult {
  assertScanArgs(header80, target32LE, startNonce, count);
  return choose().scan(header80, target32LE, startNonce, count);
}

/** A 256-bit target as 32 little-endian bytes (throws MINER_BAD_TARGET outside [0, 2^256)). */
export function targetToBytes(target: bigint): Uint8Array {
  if (target < 0n || target >> 256n !== 0n) throw new CoinworksError('MINER_BAD_TARGET', 'target must be in [0, 2^256)', { target: target.toString() });
  const out = new Uint8Array(32);
  let v = target;
  for (let i = 0; i < 32; i++) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/** 32 little-endian bytes as a bigint target. */
export function targetToBigInt(target32LE: Uint8Array): bigint {
  let v = 0n;
  for (let i = target32LE.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(target32LE[i]);
  return v;
}

/** True when `hash` (32 bytes, internal order) read as a little-endian integer is <= target. */
export function meetsTarget(hash: Uint8Array, target: Uint8Array | bigint): boolean {
  const t = typeof target === 'bigint' ? targetToBytes(target) : target;
  if (hash.length !== 32 || t.length !== 32) throw new CoinworksError('MINER_BAD_ARGUMENT', 'hash and target must be 32 bytes');
  for (let i = 31; i >= 0; i--) {
    if (hash[i] !== t[i]) return hash[i] < t[i];
  }
  return true;
}
