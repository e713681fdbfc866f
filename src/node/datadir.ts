/**
 * Data directory housekeeping for the `devnet` command: telling whether a directory is a devnet
 * data directory (so it may be wiped) and wiping it.
 */
import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { LevelKv } from '../storage/level-kv.js';
import { NodeError } from './errors.js';
import { readGenesisFile } from './genesis-file.js';

/** What a data directory holds: nothing, a devnet, or something else. */
export type DatadirKind = 'missing' | 'empty' | 'devnet' | 'other';

/** Classifies a data directory by its genesis file. */
export async function datadirKind(dir: string): Promise<DatadirKind> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw e;
  }
  if (entries.length === 0) return 'empty';
  try {
    const g = await readGenesisFile(dir);
    return g?.network === 'devnet' || g?.network === 'pos-devnet' ? 'devnet' : 'other';
  } catch {
    return 'other';
  }
}

/**
 * Removes a devnet data directory; DATADIR_NOT_DEVNET (and nothing removed) if it holds anything
 * else, STORAGE_CLOSED if a running node has its database open.
 */
export async function wipeDevnetDir(dir: string): Promise<void> {
  const kind = await datadirKind(dir);
  if (kind === 'missing' || kind === 'empty') return;
  if (kind !== 'devnet') {
    throw new NodeError('DATADIR_NOT_DEVNET', `${dir} is not empty and has no devnet genesis.json; refusing to wipe it (choose another --datadir)`, { dir });
  }
  // Never pull the directory from under a running node: taking the database lock proves none is.
  const chainDir = join(dir, 'chain');
  if (existsSync(chainDir)) await (await LevelKv.open(chainDir)).close();
  await rm(dir, { recursive: true, force: true });
}
