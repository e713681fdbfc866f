/**
 * The `coinworks` command line: global options (`--rpc`, `--json`), every command, help with
 * examples, and errors routed to one line on stderr (see errors.ts).
 */
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { type CliApp, DEFAULT_RPC_URL, RPC_ENV } from './app.js';
import { examples } from './args.js';
import { registerAsset } from './commands/asset.js';
import { registerBalance } from './commands/balance.js';
import { registerBlock } from './commands/block.js';
import { registerDevnet } from './commands/devnet.js';
import { registerInit } from './commands/init.js';
import { registerMine } from './commands/mine.js';
import { registerNft } from './commands/nft.js';
import { registerMarket } from './commands/market.js';
import { registerMultisig } from './commands/multisig.js';
import { registerNode } from './commands/node.js';
import { registerSend } from './commands/send.js';
import { registerSupply } from './commands/supply.js';
import { registerTx } from './commands/tx.js';
import { registerWallet } from './commands/wallet.js';

/** Version from package.json (src/cli and dist/cli both sit two levels below it). */
export function cliVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** Builds the program; errors are thrown (exitOverride), not printed or exited on. */
export function createProgram(app: CliApp): Command {
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
  registerInit(program, app);
  registerNode(program, app);
  registerDevnet(program, app);
  registerWallet(program, app);
  registerBalance(program, app);
  registerSend(program, app);
  registerTx(program, app);
  registerBlock(program, app);
  registerMine(program, app);
  registerSupply(program, app);
  registerMultisig(program, app);
  registerAsset(program, app);
  registerNft(program, app);
  registerMarket(program, app);
  return program;
}
