/**
 * `coinworks mining-pool`: the node's mining pool over JSON-RPC: `status` (endpoint, scheme, fee,
 * hashrate with a chart of the last hour, workers, shares, blocks, balances), `workers`,
 * `payouts`, `chart` (the hashrate series of the hour, day or month view) and `alarm`
 * (set, list, remove; setting and removing need the node's cookie). `--json` everywhere.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import { MiningPoolClient } from '../../client/mining-pool.js';
import type { MethodResult } from '../../client/types.js';
import type { CliApp } from '../app.js';
import { examples, intArg } from '../args.js';
import { formatAmount } from '../amount.js';
import { hashrateText, renderChart } from '../chart.js';
import { CliError } from '../errors.js';
import { emit, fields, table } from '../output.js';

type Stats = MethodResult<'miningPool_getStats'>;

function ago(ms: number | null, now = Date.now()): string {
  if (ms === null) return 'never';
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 90) return `${s} s ago`;
  if (s < 5400) return `${Math.round(s / 60)} min ago`;
  if (s < 172_800) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86_400)} d ago`;
}

function statusLines(s: Stats, chart: string[]): string[] {
  if (!s.running) return ['Mining pool: not running on this node (start the node with --stratum-port <port>; `coinworks devnet` runs it on 3333)'];
  const w = s.workers;
  const b = s.blocks;
  const lines = fields([
    ['mining pool', `running, ${s.stratum!.url}`],
    ['pool address', s.poolAddress],
    ['payouts', `${s.scheme.toUpperCase()}${s.scheme === 'pplns' ? ` (N = ${s.pplnsN})` : ''}, fee ${s.feePercent}%, minimum ${formatAmount(s.minPayout)}`],
    ['hashrate', `${hashrateText(s.hashrate.current)} (10 min) · ${hashrateText(s.hashrate.hour)} (1 h) · ${hashrateText(s.hashrate.day)} (24 h)`],
    ['workers', `${w.active} active, ${w.inactive} inactive, ${w.offline} offline; ${s.connections} connection${s.connections === 1 ? '' : 's'}`],
    ['shares', `${s.shares.accepted} accepted, ${s.shares.stale} stale, ${s.shares.duplicate} duplicate, ${s.shares.lowDifficulty} low difficulty, ${s.shares.invalid} invalid`],
    ['blocks', `${b.found} found: ${b.confirmed} confirmed, ${b.pending} maturing, ${b.orphaned} orphaned, ${b.rejected} rejected`],
    ['balances', `${formatAmount(s.balances.unpaid)} unpaid, ${formatAmount(s.balances.paid)} paid; pool spendable ${formatAmount(s.balances.poolSpendable)}`],
    ['network', `height ${s.network.height}, difficulty ${s.network.difficulty}; miners start at share difficulty ${s.network.shareDifficultyStart}`],
    ['protection', `${s.protection.refused} refused, ${s.protection.banned} banned, ${s.protection.closedForAbuse} closed for abuse`],
  ]);
  if (chart.length > 0) lines.push('', 'Pool hashrate, last hour:', ...chart);
  if (b.recent.length > 0) {
    lines.push('', 'Recent blocks:');
    lines.push(...table(['height', 'status', 'reward', 'finder', 'hash'], b.recent.slice(0, 10).map((x) => [String(x.height), x.status === 'pending' ? `maturing (${Math.max(0, x.confirmations - 1)}/${x.maturesAtHeight - x.height})` : x.status, formatAmount(x.reward), x.finder, `${x.hash.slice(0, 16)}…`])).map((l) => '  ' + l));
  }
  return lines;
}

/** Registers `mining-pool`. */
export function registerMiningPool(program: Command, app: CliApp): void {
  const cmd = program
    .command('mining-pool')
    .description("the node's mining pool: status, workers, payouts, hashrate chart and alarms")
    .addHelpText(
      'after',
      examples([
        'coinworks mining-pool status',
        'coinworks mining-pool workers cw1...',
        'coinworks mining-pool chart --view day',
        'coinworks mining-pool alarm set --address cw1... --workers-offline 1 --webhook http://127.0.0.1:9000/hook --secret s3cret',
        'minerd -a sha256d -o stratum+tcp://127.0.0.1:3333 -u cw1....rig1 -p x -t 1   # point a miner at the devnet pool',
      ]) + '\nSee docs/mining-pool.md.\n',
    );
  const pool = (c: Command) => new MiningPoolClient(app.client(c));

  cmd
    .command('status')
    .description('the pool: endpoint, scheme and fee, hashrate with a chart of the last hour, workers, shares, blocks, balances')
    .addHelpText('after', examples(['coinworks mining-pool status', 'coinworks mining-pool status --json']))
    .action(async (_o: object, c: Command) => {
      const { json } = app.globals(c);
      const p = pool(c);
      const s = await p.stats();
      const series = s.running ? await p.hashrate('hour') : undefined;
      emit(app.io, json, s, () => statusLines(s, series ? renderChart(series.points.map((x) => ({ time: x.time, value: x.hashrate }))) : []));
    });

  cmd
    .command('workers [address]')
    .description('workers (of one address, or all): status, hashrate, shares, difficulty')
    .addHelpText('after', examples(['coinworks mining-pool workers', 'coinworks mining-pool workers cw1... --json']))
    .action(async (address: string | undefined, _o: object, c: Command) => {
      const { json } = app.globals(c);
      const ws = await pool(c).workers(address);
      emit(app.io, json, ws, () =>
        ws.length === 0
          ? ['no workers yet']
          : table(
              ['worker', 'status', '10 min', '1 h', '24 h', 'accepted', 'rejected', 'stale', 'blocks', 'difficulty', 'last share'],
              ws.map((w) => [w.name, w.status + (w.connected ? '' : ' (disconnected)'), hashrateText(w.hashrate.current), hashrateText(w.hashrate.hour), hashrateText(w.hashrate.day), w.accepted, w.rejected, w.stale, String(w.blocks), w.difficulty === null ? '-' : String(w.difficulty), ago(w.lastShare)]),
            ),
      );
    });

  cmd
    .command('payouts [address]')
    .description('balances (unpaid, credited, paid) and payout transactions, newest first')
    .option('--limit <n>', 'most payouts to show (default 20)', intArg(1, 1000))
    .addHelpText('after', examples(['coinworks mining-pool payouts', 'coinworks mining-pool payouts cw1... --json']))
    .action(async (address: string | undefined, o: { limit?: number }, c: Command) => {
      const { json } = app.globals(c);
      const r = await pool(c).payouts(address, o.limit ?? 20);
      emit(app.io, json, r, () => [
        `Minimum payout: ${formatAmount(r.minPayout)}`,
        '',
        ...(r.balances.length === 0 ? ['no balances yet'] : table(['address', 'unpaid', 'credited', 'paid'], r.balances.map((b) => [b.address, formatAmount(b.balance), formatAmount(b.credited), formatAmount(b.paid)]))),
        '',
        ...(r.payouts.length === 0
          ? ['no payouts yet']
          : table(
              ['#', 'status', 'total', 'outputs', 'fee', 'transaction', 'when'],
              r.payouts.map((p) => [p.seq, p.status === 'confirmed' ? `confirmed at ${p.confirmedHeight}` : 'sent', formatAmount(p.total), String(p.outputs.length), formatAmount(p.fee), p.txId ?? p.txIds[p.txIds.length - 1], ago(p.created)]),
            )),
      ]);
    });

  cmd
    .command('chart')
    .description('a terminal chart of the hashrate series (hour: 1-minute buckets, day: 15-minute, month: 1-hour)')
    .addOption(new Option('--view <view>', 'hour, day or month (default hour)').choices(['hour', 'day', 'month']))
    .option('--address <address>', 'one payout address (default: the whole pool)')
    .option('--worker <name>', 'one worker of --address')
    .option('--width <n>', 'columns (default 60)', intArg(10, 500))
    .addHelpText('after', examples(['coinworks mining-pool chart', 'coinworks mining-pool chart --view month --address cw1...', 'coinworks mining-pool chart --address cw1... --worker rig1 --json']))
    .action(async (o: { view?: 'hour' | 'day' | 'month'; address?: string; worker?: string; width?: number }, c: Command) => {
      const { json } = app.globals(c);
      if (o.worker !== undefined && o.address === undefined) throw new CliError('USAGE', '--worker needs --address');
      const r = await pool(c).hashrate(o.view ?? 'hour', { ...(o.address ? { address: o.address } : {}), ...(o.worker ? { worker: o.worker } : {}) });
      emit(app.io, json, r, () => [
        `Hashrate of ${r.scope === 'pool' ? 'the pool' : r.scope.slice(2)}, ${r.view} view (${r.resolution} buckets): now ${hashrateText(r.windows.current)}, 1 h ${hashrateText(r.windows.hour)}, 24 h ${hashrateText(r.windows.day)}`,
        ...renderChart(
          r.points.map((p) => ({ time: p.time, value: p.hashrate })),
          { width: o.width ?? 60 },
        ),
      ]);
    });

  const alarm = cmd
    .command('alarm')
    .description('alarm rules: set, list, remove (set and remove need the node\'s cookie)')
    .addHelpText('after', examples(['coinworks mining-pool alarm list', 'coinworks mining-pool alarm set --address cw1... --hashrate-drop 30 --webhook https://example.org/hook --secret s3cret', 'coinworks mining-pool alarm remove 3']));
  alarm
    .command('set')
    .description('adds a rule: a hashrate drop (percent below the 1-hour average) or N workers offline')
    .requiredOption('--address <address>', 'payout address the rule watches')
    .option('--hashrate-drop <percent>', 'fire when the 10-minute hashrate is this many percent below the 1-hour average', intArg(1, 100))
    .option('--workers-offline <n>', 'fire when this many workers sent no share for --offline-after seconds', intArg(1, 100_000))
    .option('--offline-after <seconds>', 'seconds without a share after which a worker counts as offline (default 600)', intArg(1, 30 * 86_400))
    .option('--webhook <url>', 'POST each firing and resolution here (JSON, header X-Coinworks-Signature: sha256=<HMAC of the body>)')
    .option('--secret <text>', 'HMAC key of the webhook signature')
    .option('--datadir <dir>', "the node's data directory, whose .cookie authorises the change (default ./.coinworks/devnet, then ~/.coinworks/<network>)")
    .addHelpText(
      'after',
      examples([
        'coinworks mining-pool alarm set --address cw1... --workers-offline 1',
        'coinworks mining-pool alarm set --address cw1... --hashrate-drop 30 --webhook http://127.0.0.1:9000/hook --secret s3cret',
      ]),
    )
    .action(async (o: { address: string; hashrateDrop?: number; workersOffline?: number; offlineAfter?: number; webhook?: string; secret?: string }, c: Command) => {
      const { json } = app.globals(c);
      if ((o.hashrateDrop === undefined) === (o.workersOffline === undefined)) throw new CliError('USAGE', 'give one of --hashrate-drop <percent> and --workers-offline <n>');
      const rule = {
        address: o.address,
        kind: o.hashrateDrop !== undefined ? ('hashrate-drop' as const) : ('workers-offline' as const),
        threshold: (o.hashrateDrop ?? o.workersOffline)!,
        ...(o.offlineAfter !== undefined ? { offlineAfterSeconds: o.offlineAfter } : {}),
        ...(o.webhook !== undefined ? { webhook: o.webhook } : {}),
        ...(o.secret !== undefined ? { secret: o.secret } : {}),
      };
      const r = await app.withControl(c, (client) => new MiningPoolClient(client).setAlarm(rule));
      emit(app.io, json, r, () => [`alarm ${r.id} set: ${r.kind === 'hashrate-drop' ? `hashrate more than ${r.threshold}% below the 1-hour average` : `${r.threshold} worker(s) without a share for ${r.offlineAfterSeconds} s`} for ${r.address}${r.webhook ? `, webhook ${r.webhook}${r.signed ? ' (signed)' : ''}` : ''}`]);
    });
  alarm
    .command('list [address]')
    .description('alarm rules and their state')
    .addHelpText('after', examples(['coinworks mining-pool alarm list', 'coinworks mining-pool alarm list cw1... --json']))
    .action(async (address: string | undefined, _o: object, c: Command) => {
      const { json } = app.globals(c);
      const rs = await pool(c).alarms(address);
      emit(app.io, json, rs, () =>
        rs.length === 0
          ? ['no alarm rules']
          : table(
              ['id', 'address', 'rule', 'state', 'fired', 'webhook'],
              rs.map((r) => [String(r.id), r.address, r.kind === 'hashrate-drop' ? `drop > ${r.threshold}%` : `${r.threshold} offline (${r.offlineAfterSeconds} s)`, r.firing ? 'FIRING' : 'ok', `${r.fired}${r.lastFired ? `, last ${ago(r.lastFired)}` : ''}`, r.webhook ?? '-']),
            ),
      );
    });
  alarm
    .command('remove <id>')
    .description('removes an alarm rule')
    .option('--datadir <dir>', "the node's data directory, whose .cookie authorises the change")
    .addHelpText('after', examples(['coinworks mining-pool alarm remove 3']))
    .action(async (id: string, _o: object, c: Command) => {
      const { json } = app.globals(c);
      const n = Number(id);
      if (!Number.isSafeInteger(n) || n < 1) throw new CliError('CLI_BAD_ARGUMENT', `alarm id must be a positive integer, got "${id}"`);
      const removed = await app.withControl(c, (client) => new MiningPoolClient(client).removeAlarm(n));
      if (!removed) throw new CliError('CLI_NOT_FOUND', `no alarm ${n}`);
      emit(app.io, json, { removed: n }, () => [`alarm ${n} removed`]);
    });
}
