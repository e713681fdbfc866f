/**
 * Whether `coinworks devnet` keeps or starts over its chain, as bitcoind regtest users expect: a
 * devnet data directory is kept by default (chain, genesis, dev wallet) and `--reset` wipes it
 * first. A kept devnet's genesis fixes its dev accounts, so asking for other accounts (`--accounts`,
 * `--mnemonic`) is refused with the way out, never silently wiped or ignored.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readGenesisFile, type GenesisSpec } from '../node/genesis-file.js';
import { datadirKind, wipeDevnetDir } from '../node/datadir.js';
import { NodeError } from '../node/errors.js';
import { CliError } from './errors.js';
import { DEV_ACCOUNT_COUNT, devAccounts, type DevAccount } from './devnet-accounts.js';

/** What the devnet starts from. */
export interface DevnetStart {
  /** `new`: a genesis is created now; `kept`: the directory's chain is reused. */
  readonly chain: 'new' | 'kept';
  /** The dev accounts (for a kept devnet: those its genesis funds). */
  readonly accounts: DevAccount[];
}

/** Dev accounts of `mnemonic` funded by `genesis`, if the genesis funds exactly the first n of them. */
function fundedCount(genesis: GenesisSpec, mnemonic: string): number | undefined {
  const funded = new Set(genesis.allocations.map((a) => a.address.toLowerCase()));
  if (funded.size === 0) return 0;
  const derived = devAccounts(mnemonic, funded.size);
  return derived.every((a) => funded.has(a.address)) ? funded.size : undefined;
}

/**
 * Prepares `datadir`: wipes it when `reset` (only a devnet or empty directory), else keeps it and
 * checks that the accounts asked for (`accounts`: an explicit --accounts) match its genesis.
 */
export async function prepareDevnet(datadir: string, o: { reset: boolean; mnemonic: string; mnemonicGiven: boolean; accounts?: number }): Promise<DevnetStart> {
  if (o.reset) await wipeDevnetDir(datadir);
  const kind = await datadirKind(datadir);
  const genesis = kind === 'devnet' && existsSync(join(datadir, 'genesis.json')) ? await readGenesisFile(datadir) : undefined;
  if (!genesis) {
    if (kind === 'other') {
      // Never start a devnet over a directory that holds something else (it would mix with it).
      throw new NodeError('DATADIR_NOT_DEVNET', `${datadir} is not empty and has no devnet genesis.json: a devnet will not start in it (choose another --datadir)`, { dir: datadir });
    }
    return { chain: 'new', accounts: devAccounts(o.mnemonic, o.accounts ?? DEV_ACCOUNT_COUNT) };
  }
  const have = fundedCount(genesis, o.mnemonic);
  const how = `start over with \`coinworks devnet --reset${o.accounts !== undefined ? ` --accounts ${o.accounts}` : ''}${o.mnemonicGiven ? ' --mnemonic "…"' : ''}\` (wipes its chain), or use another --datadir`;
  if (have === undefined) {
    throw new CliError(
      'CLI_DEVNET_MISMATCH',
      `the devnet in ${datadir} was created with ${o.mnemonicGiven ? 'another' : 'a custom'} mnemonic: pass the same --mnemonic to keep it, or ${how}`,
      { data: { datadir } },
    );
  }
  if (o.accounts !== undefined && o.accounts !== have) {
    throw new CliError('CLI_DEVNET_MISMATCH', `the devnet in ${datadir} was created with ${have} dev accounts and its genesis funds only those; for ${o.accounts}, ${how}`, {
      data: { datadir, accounts: have, wanted: o.accounts },
    });
  }
  return { chain: 'kept', accounts: devAccounts(o.mnemonic, have) };
}

/** Rethrows a start failure; a kept devnet written by an older Coinworks gets the way to start over. */
export function olderDevnet(datadir: string): (e: unknown) => never {
  return (e) => {
    if ((e as { code?: unknown }).code === 'STORAGE_WRONG_VERSION') {
      throw new CliError('CLI_DEVNET_MISMATCH', `the devnet in ${datadir} was written by another Coinworks version (${(e as Error).message.replace(/;.*$/, '')}): start over with \`coinworks devnet --reset\` (wipes its chain), or use another --datadir`);
    }
    throw e;
  };
}
