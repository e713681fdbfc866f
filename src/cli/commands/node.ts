/** `coinworks node`: runs a full node (chain, mempool, miner, JSON-RPC) in the foreground until Ctrl-C. */
import type { Command } from 'commander';
import { resolveNodeConfig } from '../../node/config.js';
import { createLogger } from '../../node/logger.js';
import { CoinworksNode } from '../../node/node.js';
import type { CliApp } from '../app.js';
import { examples } from '../args.js';
import { addNodeOptions, nodeFlags, type NodeFlagValues } from '../node-options.js';
import { runUntilSignal } from '../run-node.js';
import { toJsonText } from '../output.js';

/** Registers `node`. */
export function registerNode(program: Command, app: CliApp): void {
  const cmd = program
    .command('node')
    .description('run a node: chain, mempool, miner and JSON-RPC server (Ctrl-C stops it cleanly)')
    .option('--network <name>', 'devnet, testnet or regtest (default devnet)')
    .option('--datadir <dir>', 'data directory (default ~/.coinworks/<network>)')
    .option('--mine', 'start mining at once (needs --beneficiary)');
  addNodeOptions(cmd)
    .addHelpText(
      'after',
      examples([
        'coinworks node --network devnet --datadir ./mychain',
        'coinworks node --mine --threads 2 --beneficiary cw1...',
        'COINWORKS_RPC_PORT=9000 coinworks node --log-level debug',
        'coinworks node --stratum-port 3333 --mining-pool-scheme pps --mining-pool-fee 1.5',
        'coinworks node --p2p-port 8746 --bootstrap /ip4/127.0.0.1/tcp/8745/p2p/<peer id>',
      ]) + '\nEvery option can also be set in the environment or a config file: see docs/configuration.md.\n',
    )
    .action(async (o: NodeFlagValues, c: Command) => {
      const { json } = app.globals(c);
      const { config } = await resolveNodeConfig({ flags: nodeFlags(o), env: app.env });
      const log = createLogger({ level: config.logLevel, format: config.logFormat, stream: json ? process.stderr : process.stdout });
      const node = new CoinworksNode(config, { log });
      await runUntilSignal(node, (info) => {
        const rpc = info.rpcUrl;
        if (json) app.io.stdout.write(toJsonText({ network: config.network, datadir: config.datadir, rpc, stratum: info.stratumUrl ?? null, height: info.height, mining: config.mine, peerId: info.p2p?.peerId ?? null, p2p: info.p2p?.listen ?? [], ...(info.validator ? { validator: info.validator } : {}) }) + '\n');
        else app.io.stdout.write(`RPC: ${rpc}\n` + (info.p2p ? `P2P: ${info.p2p.listen[0] ?? '(not listening)'}\n` : '') + (info.stratumUrl ? `Stratum: ${info.stratumUrl}\n` : ''));
      });
    });
}
