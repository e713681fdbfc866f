/**
 * The `coinworks` command line: global options (`--rpc`, `--json`), every command, help with
 * examples, and errors routed to one line on stderr (see errors.ts).
 */
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { type CliApp, DEFAULT_RPC_URL, RPC_ENV } from './app.js';
import { examples } from './args.js';

/** Registers one top-level command (and its subcommands) on the program. */
export type Registrar = (program: Command, app: CliApp) => void;

/** A top-level command: what `coinworks --help` lists, and how to load the module that defines it. */
export interface CommandEntry {
  readonly name: string;
  /** Usage term in the command list, e.g. `send [options] <to> <amount>`. */
  readonly term: string;
  readonly description: string;
  load(): Promise<Registrar>;
}

/**
 * Every top-level command. Only the one a command line names is imported (dynamic import), so a
 * client command never loads the node, the miner or the database; test/cli/program.test.ts checks
 * these entries against the commands their modules define.
 */
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'init', term: 'init [options]', description: 'create a data directory and its genesis (genesis time = now for devnet/regtest)', load: async () => (await import('./commands/init.js')).registerInit },
  { name: 'node', term: 'node [options]', description: 'run a node: chain, mempool, miner and JSON-RPC server (Ctrl-C stops it cleanly)', load: async () => (await import('./commands/node.js')).registerNode },
  { name: 'devnet', term: 'devnet [options]', description: 'start a fresh local devnet: 10 funded dev accounts, a mining node, JSON-RPC', load: async () => (await import('./commands/devnet.js')).registerDevnet },
  { name: 'wallet', term: 'wallet', description: 'create, restore and inspect encrypted HD wallets', load: async () => (await import('./commands/wallet.js')).registerWallet },
  { name: 'balance', term: 'balance [options] <address|account>', description: 'show the balance and nonce of an address or wallet account', load: async () => (await import('./commands/balance.js')).registerBalance },
  { name: 'send', term: 'send [options] <to> <amount>', description: 'send coins from a wallet account and wait until the transfer is mined', load: async () => (await import('./commands/send.js')).registerSend },
  { name: 'tx', term: 'tx <id>', description: 'show a transaction: status, block, sender, transfer and fee', load: async () => (await import('./commands/tx.js')).registerTx },
  { name: 'block', term: 'block <height|hash>', description: 'show a block by height or hash ("latest" for the tip)', load: async () => (await import('./commands/block.js')).registerBlock },
  { name: 'mine', term: 'mine [options]', description: 'start or stop mining on the node (or measure this machine with --local)', load: async () => (await import('./commands/mine.js')).registerMine },
  { name: 'peers', term: 'peers', description: "list the node's peers: address, direction, head, score; and its own peer id and sync state", load: async () => (await import('./commands/peers.js')).registerPeers },
  { name: 'supply', term: 'supply [options]', description: 'show the coin supply: total, mined, burned in fees, by cause', load: async () => (await import('./commands/supply.js')).registerSupply },
  { name: 'multisig', term: 'multisig', description: 'multisig accounts: create, propose, approve, execute, show, pending, proposal, events', load: async () => (await import('./commands/multisig.js')).registerMultisig },
  { name: 'asset', term: 'asset', description: 'issued assets and the governed stablecoin: create, attest, mint, redeem, compliance, show, events', load: async () => (await import('./commands/asset.js')).registerAsset },
  { name: 'nft', term: 'nft', description: 'NFT collections and tokens: create, mint, mine by proof of work, transfer, traits and music', load: async () => (await import('./commands/nft.js')).registerNft },
  { name: 'validator', term: 'validator', description: 'proof-of-stake validators: create, edit, unjail, show, list', load: async () => (await import('./commands/validator.js')).registerValidator },
  { name: 'stake', term: 'stake', description: 'delegation on proof of stake: delegate, undelegate, redelegate, cancel-unbonding, claim, rewards, show, calc', load: async () => (await import('./commands/stake.js')).registerStake },
  { name: 'staking-pool', term: 'staking-pool', description: 'the staking pool: deposit from 0.01 CWC for shares, withdraw, show the exchange rate, register as an operator', load: async () => (await import('./commands/staking-pool.js')).registerStakingPool },
  { name: 'mining-pool', term: 'mining-pool', description: "the node's mining pool: status, workers, payouts, hashrate chart and alarms", load: async () => (await import('./commands/mining-pool.js')).registerMiningPool },
  { name: 'calc', term: 'calc', description: 'calculators over live chain data: mining profitability (blocks and proof-of-work NFTs)', load: async () => (await import('./commands/calc.js')).registerCalc },
  { name: 'market', term: 'market', description: 'the NFT marketplace: list, cancel, buy (royalty always paid), claim royalties and fees', load: async () => (await import('./commands/market.js')).registerMarket },
];

/** Global options that take a value (the token after them is not a command name). */
const VALUE_OPTIONS = new Set(['--rpc']);

/** The top-level command a command line names (`help <command>` names that command), if any. */
export function commandNameOf(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') return argv[i + 1];
    if (VALUE_OPTIONS.has(a)) {
      i++;
      continue;
    }
    if (a.startsWith('-')) continue;
    return a === 'help' ? (argv[i + 1] ?? a) : a;
  }
  return undefined;
}

/** Version from package.json (src/cli and dist/cli both sit two levels below it). */
export function cliVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/**
 * Builds the program with the given commands defined in full and every other one as a light stub
 * (name, usage term and description: enough for `coinworks --help` and for suggestions); errors are
 * thrown (exitOverride), not printed or exited on.
 */
export function createProgram(app: CliApp, loaded: ReadonlyMap<string, Registrar> = new Map()): Command {
  const program = new Command('coinworks');
  program
    .description('Coinworks: a proof-of-work blockchain node, wallet and toolkit')
    .version(cliVersion(), '-V, --version', 'print the version')
    .addOption(new Option('--rpc <url>', `node JSON-RPC URL (env ${RPC_ENV}, default ${DEFAULT_RPC_URL})`))
    .option('--json', 'machine-readable JSON output on stdout')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void app.io.stdout.write(s),
      writeErr: (s) => void app.io.stderr.write(s),
      // Errors are printed once, by the caller, in the `error: <message> (<CODE>)` form.
      outputError: () => undefined,
    })
    .showSuggestionAfterError(true)
    .configureHelp({ subcommandTerm: (c) => COMMANDS.find((e) => e.name === c.name())?.term ?? c.name() })
    .addHelpText(
      'after',
      examples([
        'npx coinworks devnet                      # local chain with 10 funded dev accounts',
        'coinworks wallet new',
        'coinworks send <address> 1.5 --from dev-0 --wallet-dir ./.coinworks/devnet/wallets',
        'coinworks balance <address> --prove',
        'coinworks block latest --json',
      ]) + `\nAmounts are in CWC with up to 8 decimals (1 CWC = 100000000 base units).\nRun \`coinworks <command> --help\` for a command's options.\n`,
    );
  for (const e of COMMANDS) {
    const register = loaded.get(e.name);
    if (register) register(program, app);
    else program.command(e.name).description(e.description);
  }
  return program;
}

/** The program for `argv`: only the command it names is loaded. */
export async function loadProgram(app: CliApp, argv: readonly string[]): Promise<Command> {
  const name = commandNameOf(argv);
  const entry = COMMANDS.find((e) => e.name === name);
  return createProgram(app, entry ? new Map([[entry.name, await entry.load()]]) : new Map());
}

/** The program with every command loaded (tests, documentation). */
export async function fullProgram(app: CliApp): Promise<Command> {
  return createProgram(app, new Map(await Promise.all(COMMANDS.map(async (e) => [e.name, await e.load()] as const))));
}
