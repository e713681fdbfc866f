/** `coinworks init`: creates a data directory with its genesis.json (and, for devnet, optional dev accounts). */
import type { Command } from 'commander';
import { join } from 'node:path';
import { isAddress } from '../../crypto/address.js';
import type { GenesisAllocation } from '../../params/networks.js';
import { resolveNodeConfig } from '../../node/config.js';
import { genesisFilePath, readGenesisFile, newGenesis, writeGenesisFile } from '../../node/genesis-file.js';
import { NodeError } from '../../node/errors.js';
import type { CliApp } from '../app.js';
import { collect, examples, intArg } from '../args.js';
import { formatAmount, parseAmount } from '../amount.js';
import { CliError } from '../errors.js';
import { emit, fields, table } from '../output.js';
import { DEV_ACCOUNT_FUNDS, DEV_ACCOUNT_COUNT, DEV_MNEMONIC, DEV_WALLET_NAME, DEV_WALLET_PASSWORD, devAccounts, writeDevWallet } from '../devnet-accounts.js';

/** Parses `--alloc <address>=<amount>` into a genesis allocation. */
export function parseAllocation(text: string): GenesisAllocation {
  const i = text.lastIndexOf('=');
  if (i < 0) throw new CliError('CLI_BAD_ARGUMENT', `--alloc ${JSON.stringify(text)}: expected <address>=<amount>`, { usage: true });
  const address = text.slice(0, i).trim();
  if (!isAddress(address)) throw new CliError('CLI_BAD_ARGUMENT', `--alloc ${JSON.stringify(text)}: ${JSON.stringify(address)} is not an address`, { usage: true });
  return { address: address.toLowerCase(), amount: parseAmount(text.slice(i + 1)) };
}

/** Registers `init`. */
export function registerInit(program: Command, app: CliApp): void {
  program
    .command('init')
    .description('create a data directory and its genesis (genesis time = now for devnet/regtest)')
    .option('--network <name>', 'devnet, testnet or regtest (default devnet)')
    .option('--datadir <dir>', 'data directory (default ~/.coinworks/<network>)')
    .option('--alloc <address=amount>', 'fund an address at genesis, amount in CWC (repeatable)', collect)
    .option('--dev-accounts [count]', 'fund the development accounts (1,000,000 CWC each) and write the "dev" wallet', intArg(1, 1000))
    .option('--mnemonic <words>', 'mnemonic of the development accounts (default: the public dev mnemonic)')
    .option('--time <seconds>', 'genesis time as a Unix timestamp (default now)', intArg(1, 0xffffffff))
    .addHelpText(
      'after',
      examples([
        'coinworks init --network devnet --datadir ./mychain --dev-accounts',
        'coinworks init --network regtest --alloc cw1...=1000',
        'coinworks node --datadir ./mychain --mine --beneficiary cw1...',
      ]),
    )
    .action(async (o: { network?: string; datadir?: string; alloc?: string[]; devAccounts?: number | true; mnemonic?: string; time?: number }, cmd: Command) => {
      const { json } = app.globals(cmd);
      const { config } = await resolveNodeConfig({ flags: { network: o.network, datadir: o.datadir }, env: app.env });
      if (await readGenesisFile(config.datadir)) {
        throw new NodeError('GENESIS_MISMATCH', `${genesisFilePath(config.datadir)} already exists: this data directory is initialised`);
      }
      const allocations = (o.alloc ?? []).map(parseAllocation);
      const dev = o.devAccounts === undefined ? [] : devAccounts(o.mnemonic ?? DEV_MNEMONIC, o.devAccounts === true ? DEV_ACCOUNT_COUNT : o.devAccounts);
      if (dev.length > 0 && config.network === 'testnet') throw new CliError('CLI_BAD_ARGUMENT', 'development accounts are for devnet and regtest only', { usage: true });
      for (const d of dev) allocations.push({ address: d.address, amount: DEV_ACCOUNT_FUNDS });
      const genesis = newGenesis(config.network, { time: o.time, allocations });
      await writeGenesisFile(config.datadir, genesis);
      const walletDir = join(config.datadir, 'wallets');
      if (dev.length > 0) await writeDevWallet(walletDir, o.mnemonic ?? DEV_MNEMONIC, dev.length);
      const data = {
        network: genesis.network,
        datadir: config.datadir,
        genesisFile: genesisFilePath(config.datadir),
        time: genesis.time,
        allocations: genesis.allocations.map((a) => ({ address: a.address, amount: a.amount.toString() })),
        ...(dev.length > 0 ? { wallet: { name: DEV_WALLET_NAME, dir: walletDir, password: DEV_WALLET_PASSWORD } } : {}),
      };
      emit(app.io, json, data, () => [
        ...fields([
          ['network', genesis.network],
          ['data directory', config.datadir],
          ['genesis', `${data.genesisFile} (time ${genesis.time}, ${new Date(genesis.time * 1000).toISOString()})`],
          ...(dev.length > 0 ? ([['dev wallet', `"${DEV_WALLET_NAME}" in ${walletDir} (password "${DEV_WALLET_PASSWORD}")`]] as const) : []),
        ]),
        ...(genesis.allocations.length > 0 ? ['', ...table(['address', 'balance'], genesis.allocations.map((a) => [a.address, formatAmount(a.amount)]))] : []),
        '',
        `start it with: coinworks node --network ${genesis.network} --datadir ${config.datadir}`,
      ]);
    });
}
