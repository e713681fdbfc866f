/**
 * `coinworks asset ...`: issued assets and the governed stablecoin. Reads here (list, show with
 * supply by cause and the reserve ratio, balance with compliance status, events, history); the
 * commands that send transactions (create, stablecoin create, attest, mint, redeem, burn, transfer,
 * minters, freeze / unfreeze / blacklist / unblacklist / wipe, pause / unpause) are in asset-tx.ts.
 */
import type { Command } from 'commander';
import { IssuanceClient, type AssetDetailJson, type AssetSupplyJson, type CollateralJson } from '../../client/index.js';
import type { CliApp } from '../app.js';
import { examples, intArg } from '../args.js';
import { emit, fields, table } from '../output.js';
import { resolveAddress } from '../wallets.js';
import { fetchAsset, formatAsset, formatBps } from './asset-common.js';
import { registerAssetTx } from './asset-tx.js';
import { trailText, walletLabels } from '../trail-text.js';

/** Text lines of `asset show`. */
function showLines(a: AssetDetailJson, s: AssetSupplyJson, col: CollateralJson | null): string[] {
  const amt = (v: string) => formatAsset(v, a);
  const rows: Array<readonly [string, unknown]> = [
    ['asset', `${a.symbol} (asset ${a.assetId}) "${a.name}", ${a.decimals} decimals, policy ${a.policy}`],
    ['supply', amt(s.total)],
    ['minted', amt(s.byCause.mint ?? '0')],
    ['burned', amt(s.byCause.burn ?? '0')],
    ['redeemed', amt(s.byCause.redeem ?? '0')],
    ['wiped', amt(s.byCause.wipe ?? '0')],
    ['creator', a.creator],
  ];
  if (a.issuer) rows.push(['issuer', a.issuer]);
  const g = a.governance;
  if (g && col) {
    const att = col.attestation;
    rows.push(
      ['reserve', att ? `${amt(col.reserve)} (attestation ${att.seq} by ${att.auditor} at height ${att.height}, ${col.attestationAge} s old)` : 'none attested yet'],
      ...(att ? ([['report sha256', att.reportSha256]] as const) : []),
      ['reserve ratio', col.ratioBps === null ? '- (no supply)' : `${formatBps(col.ratioBps)} (${col.ratioBps} bps; exact ${col.ratio.num}/${col.ratio.den})`],
      ['mint limit', `${amt(col.mintLimit)} (reserve less ${col.reserveMarginBps} bps margin)`],
      ['headroom', amt(col.headroom)],
      ['status', [col.paused ? 'paused' : 'active', col.stale ? `attestation stale: ${col.staleReason}` : `attestation fresh (limit ${col.maxAttestationAge} s)`].join('; ')],
      ['mint group', g.mintGroup],
      ['compliance group', g.complianceGroup],
      ['auditors', g.auditors.join(', ')],
      ['redemptions', g.redemptions],
    );
  }
  return fields(rows);
}

/** Registers `asset` and its subcommands. */
export function registerAsset(program: Command, app: CliApp): void {
  const asset = program
    .command('asset')
    .description('issued assets and the governed stablecoin: create, attest, mint, redeem, compliance, show, events')
    .addHelpText(
      'after',
      examples([
        'coinworks asset list',
        'coinworks asset stablecoin create --symbol USDKG --name "Gold dollar" --mint-group cw1... --compliance-group cw1... --auditors dev-9 --from dev-0',
        'coinworks asset attest USDKG 50300000 --report custody.json --from dev-9',
        'coinworks asset mint USDKG cw1... 50000000 --via-multisig <mint group> --from dev-1',
        'coinworks asset show USDKG --json',
      ]) + '\nAmounts are in the asset\'s own decimals (e.g. 1.5 USDKG = 1500000 base units at 6 decimals), parsed exactly.\n',
    );

  asset
    .command('list')
    .description('list every issued asset with its policy and supply')
    .addHelpText('after', examples(['coinworks asset list', 'coinworks asset list --json']))
    .action(async (_o: unknown, c: Command) => {
      const { json } = app.globals(c);
      const list = await new IssuanceClient(app.client(c)).listAssets();
      emit(app.io, json, list, () =>
        list.length === 0 ? 'no assets' : table(['id', 'symbol', 'policy', 'decimals', 'supply', 'name'], list.map((a) => [String(a.assetId), a.symbol, a.policy, String(a.decimals), formatAsset(a.supply, a), a.name])),
      );
    });

  asset
    .command('show')
    .description('show an asset: supply by cause and, for a governed asset, reserve, ratio, mint limit, headroom, groups, status')
    .argument('<asset>', 'asset id or symbol')
    .addHelpText('after', examples(['coinworks asset show USDKG', 'coinworks asset show 1 --json']))
    .action(async (ref: string, _o: unknown, c: Command) => {
      const { json } = app.globals(c);
      const ic = new IssuanceClient(app.client(c));
      const a = await fetchAsset(ic, ref);
      const [supply, collateral] = await Promise.all([ic.getAssetSupply(a.assetId), a.governance ? ic.getCollateral(a.assetId) : null]);
      emit(app.io, json, { asset: a, supply, collateral }, () => showLines(a, supply, collateral));
    });

  asset
    .command('balance')
    .description("show an account's balance of an asset and whether it is frozen or blacklisted")
    .argument('<asset>', 'asset id or symbol')
    .argument('<address|account>', 'a cw1... address, or an account label from your wallets')
    .option('--wallet <name>', 'wallet holding the account label')
    .option('--wallet-dir <dir>', 'wallet directory (default ~/.coinworks/wallets, env COINWORKS_WALLET_DIR)')
    .addHelpText('after', examples(['coinworks asset balance USDKG cw1...', 'coinworks asset balance USDKG dev-3 --wallet-dir ./.coinworks/devnet/wallets --json']))
    .action(async (ref: string, who: string, o: { wallet?: string; walletDir?: string }, c: Command) => {
      const { json } = app.globals(c);
      const ic = new IssuanceClient(app.client(c));
      const a = await fetchAsset(ic, ref);
      const address = await resolveAddress(who, o, app.env);
      const st = await ic.getAssetStatus(a.assetId, address);
      emit(app.io, json, st, () =>
        fields([
          ['address', address],
          ['balance', formatAsset(st.balance, a)],
          ...(st.governed
            ? ([
                ['frozen', st.frozen ? 'yes' : 'no'],
                ['blacklisted', st.blacklisted ? 'yes' : 'no'],
                ['can transfer', st.canTransfer ? 'yes' : `no${st.paused ? ' (asset paused)' : ''}`],
              ] as const)
            : []),
          ...(st.minterAllowance !== null ? ([['minter allowance', formatAsset(st.minterAllowance, a)]] as const) : []),
        ]),
      );
    });

  asset
    .command('events')
    .description("show an asset's event trail: mints, redemptions, attestations, compliance, pauses, and its groups' proposals and approvals")
    .argument('<asset>', 'asset id or symbol')
    .option('--from-height <h>', 'first block height', intArg(0, 0xffffffff), 0)
    .option('--limit <n>', 'most events (a page ends at a block boundary)', intArg(1, 1000), 100)
    .option('--no-groups', "leave out the events of the asset's group multisigs")
    .option('--wallet-dir <dir>', 'wallet directory whose account labels name the actors (default ~/.coinworks/wallets and ./.coinworks/devnet/wallets)')
    .addHelpText('after', examples(['coinworks asset events USDKG', 'coinworks asset events USDKG --no-groups --json']))
    .action(async (ref: string, o: { fromHeight: number; limit: number; groups: boolean; walletDir?: string }, c: Command) => {
      const { json } = app.globals(c);
      const client = app.client(c);
      const ic = new IssuanceClient(client);
      const a = await fetchAsset(ic, ref);
      const t = await ic.getAssetEvents(a.assetId, { fromHeight: o.fromHeight, limit: o.limit, groups: o.groups });
      const labels = await walletLabels(o, app.env);
      // The asset's groups by their role, so a line says "mint-group" rather than an address.
      if (a.governance) labels.set(a.governance.mintGroup, 'mint-group').set(a.governance.complianceGroup, 'compliance-group');
      const lines = json ? [] : await trailText(t, client, labels);
      emit(app.io, json, t, () => lines);
    });

  asset
    .command('history')
    .description('show the collateral ratio of a governed asset after every attestation, mint, redemption and wipe')
    .argument('<asset>', 'governed asset id or symbol')
    .option('--from-height <h>', 'first block height', intArg(0, 0xffffffff), 0)
    .option('--limit <n>', 'most points', intArg(1, 1000), 100)
    .addHelpText('after', examples(['coinworks asset history USDKG', 'coinworks asset history USDKG --json']))
    .action(async (ref: string, o: { fromHeight: number; limit: number }, c: Command) => {
      const { json } = app.globals(c);
      const ic = new IssuanceClient(app.client(c));
      const a = await fetchAsset(ic, ref);
      const h = await ic.getCollateralHistory(a.assetId, { fromHeight: o.fromHeight, limit: o.limit });
      emit(app.io, json, h, () =>
        h.points.length === 0
          ? 'no attestations or supply changes yet'
          : table(
              ['height', 'cause', 'amount', 'supply', 'reserve', 'ratio'],
              h.points.map((p) => [String(p.height), p.cause, formatAsset(p.amount, a), formatAsset(p.supply, a), formatAsset(p.reserve, a), formatBps(p.ratioBps)]),
            ),
      );
    });

  registerAssetTx(asset, app);
}
