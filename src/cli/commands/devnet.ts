/**
 * `coinworks devnet`: a local development chain in one command. Creates a data directory (default
 * ./.coinworks/devnet) that later runs keep, as bitcoind regtest does (`--reset` starts over, and
 * only ever wipes a devnet directory), funds 20 development accounts at genesis, writes their wallet
 * `dev` (password `devnet`, kept beside it), starts a mining node, and prints whether the chain is
 * new or kept, the RPC URL and the accounts. Logs go to stderr, so the banner on stdout stays
 * clean when it is redirected. Ctrl-C or SIGTERM stops it cleanly.
 * `--consensus pos --validators N` starts a proof-of-stake devnet instead: N validator processes
 * (default 4) bonded at genesis from dev accounts 0..N-1 (devnet-cluster.ts); it starts over on
 * each run unless `--keep` is given.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEVNET_STRATUM_PORT, resolveNodeConfig } from '../../node/config.js';
import { genesisFilePath, loadOrCreateGenesis } from '../../node/genesis-file.js';
import { createLogger } from '../../node/logger.js';
import { CoinworksNode } from '../../node/node.js';
import { validateMnemonic } from '../../wallet/mnemonic.js';
import { publicPasswordPath, walletFilePath, writePublicPassword } from '../../wallet/wallet-store.js';
import { DEFAULT_RPC_URL, type CliApp } from '../app.js';
import { examples, intArg } from '../args.js';
import { formatAmount } from '../amount.js';
import { addNodeOptions, nodeFlags, type NodeFlagValues } from '../node-options.js';
import { table, toJsonText } from '../output.js';
import { runUntilSignal } from '../run-node.js';
import { olderDevnet, prepareDevnet } from '../devnet-session.js';
import { posDevnetSelfStake, runCluster } from '../devnet-cluster.js';
import { CliError } from '../errors.js';
import { DEV_ACCOUNT_COUNT, DEV_ACCOUNT_FUNDS, DEV_MNEMONIC, DEV_WALLET_NAME, DEV_WALLET_PASSWORD, devAccounts, writeDevWallet } from '../devnet-accounts.js';

/** Default devnet data directory, relative to the current directory. */
export const DEVNET_DIR = join('.coinworks', 'devnet');

interface DevnetOptions extends NodeFlagValues {
  /** Keep the data directory (the default; `--reset` sets it false). */
  keep?: boolean;
  reset?: boolean;
  mnemonic?: string;
  accounts?: number;
  nodes?: number;
  miners?: number;
  consensus?: 'pow' | 'pos';
  validators?: number;
}

function consensusArg(v: string): 'pow' | 'pos' {
  if (v !== 'pow' && v !== 'pos') throw new InvalidArgumentError('pow (mining) or pos (staking)');
  return v;
}

/** Registers `devnet`. */
export function registerDevnet(program: Command, app: CliApp): void {
  const cmd = program
    .command('devnet')
    .description('start a local devnet (kept between runs; --reset starts over): 20 funded dev accounts, a mining node, JSON-RPC')
    .option('--datadir <dir>', `data directory (default ./${DEVNET_DIR})`)
    .addOption(new Option('--reset', 'wipe the devnet data directory first and start a new chain (default: keep the chain of the last run)').implies({ keep: false }))
    .addOption(new Option('--keep', 'keep the chain of the last run (the default, except with --consensus pos)').default(true))
    .option('--mnemonic <words>', 'mnemonic of the dev accounts (default: the public dev mnemonic)')
    .option('--accounts <n>', `number of dev accounts (default ${DEV_ACCOUNT_COUNT})`, intArg(1, 1000))
    .option('--no-mine', 'do not mine (start it later with `coinworks mine`)')
    .option('--nodes <n>', 'number of node processes, all connected (default 1)', intArg(1, 64))
    .option('--miners <k>', 'with --nodes: how many nodes mine, the first K (default 1)', intArg(0, 64))
    .option('--consensus <pow|pos>', 'pow: proof of work, mined (default); pos: proof of stake, validators vote (starts over on each run unless --keep)', consensusArg)
    .option('--validators <n>', 'with --consensus pos: number of validator processes, each bonded at genesis (default 4)', intArg(1, 64));
  addNodeOptions(cmd)
    .addHelpText(
      'after',
      examples([
        'coinworks devnet',
        'coinworks devnet --rpc-port 0 --threads 2',
        'coinworks devnet --reset                  # start over: a new genesis, an empty chain',
        'coinworks devnet --datadir /tmp/dev --accounts 3',
        'coinworks devnet --no-mine   # leave the blocks to miners on the pool (stratum+tcp://127.0.0.1:3333)',
        'coinworks devnet --nodes 3 --miners 2     # three node processes, two mining',
        'coinworks devnet --consensus pos           # four validator processes, proof of stake',
        'coinworks send <address> 1.5 --from dev-0',
      ]) +
        `\nThe dev keys come from a public mnemonic: anyone can spend them. Devnet only.\n` +
        `Each run keeps the chain of the last one (as bitcoind regtest does); --reset wipes the devnet data\n` +
        `directory first (a directory that is not a devnet's is never touched). The accounts of a kept devnet\n` +
        `are fixed by its genesis: another --accounts or --mnemonic needs --reset.\n`,
    )
    .action(async (o: DevnetOptions, c: Command) => {
      const { json } = app.globals(c);
      const mnemonic = validateMnemonic(o.mnemonic ?? DEV_MNEMONIC);
      let accounts = devAccounts(mnemonic, o.accounts ?? DEV_ACCOUNT_COUNT);
      if (o.consensus === 'pos') return runDevnetCluster(app, c, { ...o, nodes: o.validators ?? 4 }, mnemonic, accounts);
      if (o.validators !== undefined) throw new CliError('CLI_BAD_ARGUMENT', '--validators needs --consensus pos');
      if ((o.nodes ?? 1) > 1) return runDevnetCluster(app, c, o, mnemonic, accounts);
      const { config, sources } = await resolveNodeConfig({
        flags: { ...nodeFlags(o), network: 'devnet', mine: c.getOptionValueSource('mine') === 'cli' ? o.mine : undefined },
        env: app.env,
        defaults: { datadir: resolve(DEVNET_DIR), mine: true, beneficiary: accounts[0].address, p2pPort: 0, stratumPort: DEVNET_STRATUM_PORT },
      });
      const start = await prepareDevnet(config.datadir, { reset: o.keep === false, mnemonic, mnemonicGiven: o.mnemonic !== undefined, accounts: o.accounts });
      accounts = start.accounts;
      const { genesis } = await loadOrCreateGenesis(config.datadir, 'devnet', {
        allocations: accounts.map((a) => ({ address: a.address, amount: DEV_ACCOUNT_FUNDS })),
      });
      const walletDir = join(config.datadir, 'wallets');
      if (!existsSync(walletFilePath(walletDir, DEV_WALLET_NAME))) await writeDevWallet(walletDir, mnemonic, accounts.length);
      else if (!existsSync(publicPasswordPath(walletDir, DEV_WALLET_NAME))) await writePublicPassword(walletDir, DEV_WALLET_NAME, DEV_WALLET_PASSWORD);
      const funds = new Map(genesis.allocations.map((a) => [a.address, a.amount]));
      // Logs on stderr: the banner (or the --json document) alone on stdout, even when redirected.
      const log = createLogger({ level: config.logLevel, format: config.logFormat, stream: process.stderr });
      // The mining pool listens on 3333 unless told otherwise; when that port is taken, on a free one.
      const node = new CoinworksNode(config, { log, stratumPortFallback: sources.stratumPort === 'default' });
      await runUntilSignal(node, (info) => {
        const rpc = info.rpcUrl;
        const rows = accounts.map((a) => ({ label: a.label, address: a.address, genesisBalance: (funds.get(a.address) ?? 0n).toString() }));
        if (json) {
          const data = { rpc, stratum: info.stratumUrl ?? null, datadir: config.datadir, chain: start.chain, height: info.height, genesisTime: genesis.time, mining: config.mine, beneficiary: config.beneficiary, mnemonic, wallet: { name: DEV_WALLET_NAME, dir: walletDir, password: DEV_WALLET_PASSWORD }, accounts: rows };
          app.io.stdout.write(toJsonText(data) + '\n');
          return;
        }
        // The Try line needs only the flags a run from another directory or port would.
        const tryFlags = [
          ...(resolve(config.datadir) === resolve(DEVNET_DIR) ? [] : ['--wallet-dir', walletDir]),
          ...(rpc === DEFAULT_RPC_URL ? [] : ['--rpc', rpc]),
        ];
        const lines = [
          'Coinworks devnet',
          `RPC: ${rpc}`,
          `Data directory: ${config.datadir}`,
          start.chain === 'kept'
            ? `Chain: kept from the last run (height ${info.height}); \`coinworks devnet --reset\` starts over`
            : 'Chain: new (genesis created now); the next run keeps it, `coinworks devnet --reset` starts over',
          `Mining: ${config.mine ? `on (${config.threads} thread${config.threads === 1 ? '' : 's'}, rewards to ${config.beneficiary})` : 'off'}`,
          ...(info.stratumUrl ? [`Mining pool: ${info.stratumUrl} (worker name <address>.<worker>; see docs/mining-pool.md)`] : []),
          '',
          `Accounts (wallet "${DEV_WALLET_NAME}" in ${walletDir}, password "${DEV_WALLET_PASSWORD}", kept beside it so commands need no password flag):`,
          ...table(['account', 'address', 'genesis balance'], rows.map((r) => [r.label, r.address, formatAmount(r.genesisBalance)])).map((l) => '  ' + l),
          '',
          `Mnemonic (public, development only): ${mnemonic}`,
          '',
          `Try: coinworks send ${accounts[1 % accounts.length].address} 1.5 --from dev-0${tryFlags.map((f) => ' ' + f).join('')}`,
          'Press Ctrl-C to stop.',
          '',
        ];
        app.io.stdout.write(lines.join('\n') + '\n');
      }).catch(olderDevnet(config.datadir));
    });
}

/** `devnet --nodes N`: N node processes (see devnet-cluster.ts). */
async function runDevnetCluster(app: CliApp, c: Command, o: DevnetOptions, mnemonic: string, accounts: ReturnType<typeof devAccounts>): Promise<void> {
  const { json } = app.globals(c);
  const { config } = await resolveNodeConfig({
    flags: { ...nodeFlags(o), network: 'devnet', mine: c.getOptionValueSource('mine') === 'cli' ? o.mine : undefined },
    env: app.env,
    defaults: { datadir: resolve(DEVNET_DIR), mine: true, p2pPort: 0, beneficiary: accounts[0].address },
  });
  const nodes = o.nodes!;
  const pos = o.consensus === 'pos';
  const miners = config.mine && !pos ? Math.min(nodes, o.miners ?? 1) : 0;
  const root = config.datadir;
  const walletDir = join(root, 'wallets');
  const allocations = accounts.map((a) => ({ address: a.address, amount: DEV_ACCOUNT_FUNDS }));
  const env = { ...app.env };
  for (const k of Object.keys(env)) if (k.startsWith('COINWORKS_') && k !== 'COINWORKS_P2P_DENY_FILE') delete env[k];
  // Kept by default, as a single devnet is (issue 14); --reset starts over. A proof-of-stake devnet
  // (whose genesis bonds validators) starts over unless --keep is given, and says so.
  const keep = pos ? c.getOptionValueSource('keep') === 'cli' : o.keep !== false;
  const kept = keep && existsSync(genesisFilePath(root));
  await runCluster(
    {
      root,
      nodes,
      miners,
      consensus: pos ? 'pos' : 'pow',
      keep,
      rpcPort: config.rpcPort,
      p2pPort: config.p2pPort,
      rpcHost: config.rpcHost,
      threads: config.threads,
      logLevel: config.logLevel,
      accounts: allocations,
      env,
      io: app.io,
    },
    async (started) => {
      if (!existsSync(walletFilePath(walletDir, DEV_WALLET_NAME))) await writeDevWallet(walletDir, mnemonic, accounts.length);
      const rows = started.map((n) => ({ node: `node-${n.index}`, rpc: n.rpc, pid: n.pid, peerId: n.peerId, p2p: n.p2p, mining: n.mining, ...(n.validator ? { validator: n.validator } : {}), datadir: n.datadir }));
      if (json) {
        app.io.stdout.write(toJsonText({ datadir: root, consensus: pos ? 'pos' : 'pow', nodes: rows, wallet: { name: DEV_WALLET_NAME, dir: walletDir, password: DEV_WALLET_PASSWORD }, mnemonic }) + '\n');
        return;
      }
      const lines = [
        pos ? `Coinworks proof-of-stake devnet: ${nodes} validators (each bonded ${formatAmount(posDevnetSelfStake(DEV_ACCOUNT_FUNDS * BigInt(accounts.length), nodes))} at genesis by dev-0 ... dev-${nodes - 1}: 60% of the supply)` : `Coinworks devnet: ${nodes} nodes`,
        kept
          ? 'Chain: kept from the last run; `coinworks devnet --reset` starts over'
          : pos
            ? 'Chain: new (genesis created now); a proof-of-stake devnet starts over on each run unless --keep'
            : 'Chain: new (genesis created now); the next run keeps it, `coinworks devnet --reset` starts over',
        ...(pos
          ? table(['node', 'RPC', 'pid', 'validator', 'p2p'], rows.map((r) => [r.node, r.rpc, String(r.pid), r.validator ?? '', r.p2p]))
          : table(['node', 'RPC', 'pid', 'mining', 'p2p'], rows.map((r) => [r.node, r.rpc, String(r.pid), r.mining ? 'yes' : 'no', r.p2p]))
        ).map((l) => '  ' + l),
        '',
        `Data directory: ${root} (logs in node-<i>/node.log)`,
        `Accounts: wallet "${DEV_WALLET_NAME}" in ${walletDir}, password "${DEV_WALLET_PASSWORD}" (dev-0 ... dev-${accounts.length - 1})`,
        pos ? `Try: coinworks validator list --rpc ${rows[0].rpc}` : `Try: coinworks peers --rpc ${rows[0].rpc}`,
        'Tips of every node follow (one line when they change). Press Ctrl-C to stop them all.',
        '',
      ];
      app.io.stdout.write(lines.join('\n') + '\n');
    },
  );
}
