/**
 * The `asset` commands that send transactions: create (fixed / issuer), stablecoin create, attest,
 * mint, burn, redeem, transfer, minter roles, and the group actions of a governed asset (mint,
 * pause / unpause by the mint group; freeze / unfreeze / blacklist / unblacklist / wipe by the
 * compliance group), which are proposed as the group multisig (`--via-multisig`, defaulting to the
 * asset's group) by one of its owners (`--from`). Amounts are in the asset's decimals.
 */
import type { Command } from 'commander';
import { IssuanceClient, type AssetDetailJson } from '../../client/index.js';
import { decodeAddress } from '../../crypto/address.js';
import { hexToBytes } from '../../encoding/hex.js';
import { ConfigureMinterParams, CreateAssetParams, MintParams as AssetMintParams, BurnParams, RemoveMinterParams } from '../../state/modules/assets/schemas.js';
import { AccountRef, AssetRef, AttestationAgeParams, AttestParams, MarginParams, CreateParams as StablecoinCreateParams, MintParams as StablecoinMintParams, RedeemParams } from '../../state/modules/stablecoin/schemas.js';
import type { CliApp } from '../app.js';
import { examples, intArg } from '../args.js';
import { CliError } from '../errors.js';
import { withSpinner } from '../spinner.js';
import { resolveAddress, unlockAccount } from '../wallets.js';
import { assetAmount, fetchAsset, formatAsset, requireGovernance, reportHashArg } from './asset-common.js';
import { addTxOptions, addViaOptions, report, sendAction, type Outcome, type TxOptions, type ViaOptions } from './multisig-tx.js';
import { feeOf } from '../tx-options.js';

type Opts = TxOptions & ViaOptions;

/** The multisig a group command runs through: --via-multisig, which must be the group, else the group. */
function groupVia(a: AssetDetailJson, role: 'mint' | 'compliance', o: ViaOptions, what: string): string {
  const g = requireGovernance(a, what);
  const group = role === 'mint' ? g.mintGroup : g.complianceGroup;
  if (o.viaMultisig !== undefined && o.viaMultisig.toLowerCase() !== group) {
    throw new CliError('CLI_BAD_ARGUMENT', `${what} of ${a.symbol} is done by its ${role} group ${group}, not ${o.viaMultisig}`);
  }
  return group;
}

/** The first event `module.name` of an outcome's receipt. */
function eventData(out: Outcome, module: string, name: string): Record<string, unknown> | undefined {
  return out.events.find((e) => e.module === module && e.name === name)?.data as Record<string, unknown> | undefined;
}

/** Comma-separated account references to addresses. */
async function addressList(app: CliApp, text: string, o: { wallet?: string; walletDir?: string }): Promise<string[]> {
  const refs = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  return Promise.all(refs.map((r) => resolveAddress(r, o, app.env)));
}

/** Redemption reference: 0x-hex bytes or UTF-8 text, at most 64 bytes. */
function referenceBytes(text: string | undefined): Uint8Array {
  if (text === undefined) return new Uint8Array(0);
  const b = /^0x([0-9a-fA-F]{2})*$/.test(text) ? hexToBytes(text.slice(2)) : new TextEncoder().encode(text);
  if (b.length > 64) throw new CliError('CLI_BAD_ARGUMENT', `--reference is ${b.length} bytes; at most 64`, { usage: true });
  return b;
}

/**
 * A new asset's symbol exactly as typed: 1-12 of A-Z and 0-9 starting with a letter. Lower case is
 * refused with the upper-case spelling, never silently rewritten (the symbol is on chain for good).
 */
export function symbolArg(text: string): string {
  if (/^[A-Z][A-Z0-9]{0,11}$/.test(text)) return text;
  const upper = text.toUpperCase();
  const hint = /^[A-Z][A-Z0-9]{0,11}$/.test(upper) ? `: symbols are upper case, use --symbol ${upper}` : '';
  throw new CliError('CLI_BAD_ARGUMENT', `--symbol ${JSON.stringify(text)} is not a symbol (1-12 of A-Z and 0-9, starting with a letter)${hint}`, { usage: true });
}

/** Registers the transaction-sending `asset` subcommands on `asset`. */
export function registerAssetTx(asset: Command, app: CliApp): void {
  // asset create (fixed / issuer).
  addTxOptions(
    asset
      .command('create')
      .description('create an asset: fixed (whole supply to the creator) or issuer (the creator configures minters)')
      .requiredOption('--symbol <symbol>', 'symbol: 1-12 of A-Z and 0-9, starting with a letter')
      .requiredOption('--name <name>', 'name (up to 64 bytes)')
      .option('--decimals <n>', 'decimals', intArg(0, 18), 0)
      .option('--policy <policy>', 'fixed or issuer', 'fixed')
      .option('--supply <amount>', 'fixed: the whole supply, in the asset decimals (issuer: leave out)'),
    'creating account (label or address in your wallets)',
  )
    .addHelpText('after', examples(['coinworks asset create --symbol GOLDX --name "Gold units" --decimals 2 --supply 1000 --from dev-0', 'coinworks asset create --symbol PTS --name Points --policy issuer --from dev-0']))
    .action(async (o: Opts & { symbol: string; name: string; decimals: number; policy: string; supply?: string }, c: Command) => {
      if (o.policy !== 'fixed' && o.policy !== 'issuer') {
        throw new CliError('CLI_BAD_ARGUMENT', `--policy must be fixed or issuer, got ${JSON.stringify(o.policy)} (a governed asset: \`coinworks asset stablecoin create\`)`, { usage: true });
      }
      if (o.policy === 'fixed' && o.supply === undefined) throw new CliError('CLI_BAD_ARGUMENT', 'a fixed asset needs --supply', { usage: true });
      if (o.policy === 'issuer' && o.supply !== undefined) throw new CliError('CLI_BAD_ARGUMENT', 'an issuer asset starts at supply 0: leave out --supply and configure minters', { usage: true });
      const supply = o.supply === undefined ? 0n : assetAmount(o.supply, o);
      const symbol = symbolArg(o.symbol);
      const out = await sendAction(app, c, o, { module: 'assets', command: 'create', schema: CreateAssetParams, params: { symbol, name: o.name, decimals: o.decimals, policy: o.policy, supply } });
      const created = eventData(out, 'assets', 'created');
      report(app, c, out, { assetId: created?.assetId ?? null, symbol, policy: o.policy, decimals: o.decimals, supply: supply.toString() }, [
        ['asset', created ? `${symbol} (asset ${created.assetId})` : symbol],
        ['policy', o.policy],
        ['supply', formatAsset(supply, { decimals: o.decimals, symbol })],
      ]);
    });

  // asset stablecoin create.
  const stable = asset
    .command('stablecoin')
    .description('governed (reserve-backed) assets: create one with its mint group, compliance group and auditors')
    .addHelpText('after', examples(['coinworks asset stablecoin create --symbol USDKG --mint-group cw1... --compliance-group cw1... --auditors dev-13 --from dev-0']));
  addTxOptions(
    stable
      .command('create')
      .description('create a governed asset: minted by the mint group multisig against attested reserves; compliance by the compliance group')
      .requiredOption('--symbol <symbol>', 'symbol: 1-12 of A-Z and 0-9, starting with a letter')
      .option('--name <name>', 'name (default: the symbol)')
      .option('--decimals <n>', 'decimals', intArg(0, 18), 6)
      .requiredOption('--mint-group <multisig>', 'mint group multisig (cw1...)')
      .requiredOption('--compliance-group <multisig>', 'compliance group multisig (cw1...), another one')
      .requiredOption('--auditors <accounts>', 'comma-separated auditor addresses or account labels (up to 16)')
      .option('--margin-bps <bps>', 'share of the attested reserve that backs no tokens, in basis points', intArg(0, 9999), 0)
      .option('--max-attestation-age <seconds>', 'seconds after which an attestation is stale and mints fail', intArg(1, 0xffffffff), 86_400),
    'creating account (label or address in your wallets); it gets no role',
  )
    .addHelpText(
      'after',
      examples(['coinworks asset stablecoin create --symbol USDKG --name "USDKG gold-backed dollar" --mint-group cw1... --compliance-group cw1... --auditors dev-9 --margin-bps 0 --max-attestation-age 86400 --from dev-0']),
    )
    .action(async (o: Opts & { symbol: string; name?: string; decimals: number; mintGroup: string; complianceGroup: string; auditors: string; marginBps: number; maxAttestationAge: number }, c: Command) => {
      const symbol = symbolArg(o.symbol);
      const [mintGroup, complianceGroup] = await Promise.all([resolveAddress(o.mintGroup, o, app.env), resolveAddress(o.complianceGroup, o, app.env)]);
      const auditors = await addressList(app, o.auditors, o);
      if (auditors.length === 0) throw new CliError('CLI_BAD_ARGUMENT', '--auditors needs at least one auditor', { usage: true });
      const out = await sendAction(app, c, o, {
        module: 'stablecoin',
        command: 'create',
        schema: StablecoinCreateParams,
        params: {
          symbol,
          name: o.name ?? symbol,
          decimals: o.decimals,
          mintGroup: decodeAddress(mintGroup),
          complianceGroup: decodeAddress(complianceGroup),
          auditors: auditors.map((a) => decodeAddress(a)),
          reserveMarginBps: o.marginBps,
          maxAttestationAge: o.maxAttestationAge,
        },
      });
      const created = eventData(out, 'assets', 'created');
      report(app, c, out, { assetId: created?.assetId ?? null, symbol, mintGroup, complianceGroup, auditors, reserveMarginBps: o.marginBps, maxAttestationAge: o.maxAttestationAge }, [
        ['asset', created ? `${symbol} (asset ${created.assetId})` : symbol],
        ['mint group', mintGroup],
        ['compliance group', complianceGroup],
        ['auditors', auditors.join(', ')],
        ['margin', `${o.marginBps} bps`],
        ['staleness limit', `${o.maxAttestationAge} s`],
      ]);
    });

  // asset attest.
  addTxOptions(
    asset
      .command('attest')
      .description("attest a governed asset's reserve (in the asset's decimals) with the audit report's SHA-256")
      .argument('<asset>', 'governed asset id or symbol')
      .argument('<reserve>', "attested reserve, in the asset's decimals (e.g. 50300000 for $50.3M at 1 USDKG = $1)")
      .requiredOption('--report <hash|file>', "the report's SHA-256 (64 hex digits, as sha256sum prints it), or the report file to hash"),
    'auditor account (label or address in your wallets)',
  )
    .addHelpText('after', examples(['coinworks asset attest USDKG 50300000 --report custody-report.json --from dev-9', 'coinworks asset attest USDKG 50300000 --report 3b1f...e0 --from dev-9 --json']))
    .action(async (ref: string, reserveText: string, o: Opts & { report: string }, c: Command) => {
      const ic = new IssuanceClient(app.client(c));
      const a = await fetchAsset(ic, ref);
      requireGovernance(a, 'attest');
      const reserve = assetAmount(reserveText, a, { allowZero: true });
      const { hash, source } = await reportHashArg(o.report);
      const out = await sendAction(app, c, o, { module: 'stablecoin', command: 'attest', schema: AttestParams, params: { assetId: a.assetId, reserve, reportHash: hash } });
      const att = eventData(out, 'stablecoin', 'attested');
      const sha = Buffer.from(hash).toString('hex');
      report(app, c, out, { assetId: a.assetId, symbol: a.symbol, reserve: reserve.toString(), reportSha256: sha, seq: att?.seq ?? null }, [
        ['asset', `${a.symbol} (asset ${a.assetId})`],
        ['reserve', formatAsset(reserve, a)],
        ['report sha256', source === 'hash' ? sha : `${sha} (of ${source})`],
        ...(att ? ([['attestation', String(att.seq)]] as const) : []),
      ]);
    });

  // asset mint.
  addViaOptions(
    addTxOptions(
      asset
        .command('mint')
        .description("mint: a governed asset's mint group proposes it (--via-multisig, default the mint group; --from an owner); an issuer asset's minter mints directly")
        .argument('<asset>', 'asset id or symbol')
        .argument('<to>', 'recipient: a cw1... address or an account label')
        .argument('<amount>', "amount in the asset's decimals"),
      'minter, or for a governed asset a mint group owner (label or address in your wallets)',
    ),
    'propose the mint as this multisig (a governed asset: its mint group, the default)',
  )
    .addHelpText('after', examples(['coinworks asset mint USDKG cw1... 50000000 --via-multisig cw1... --from dev-1', 'coinworks asset mint PTS cw1... 100 --from dev-2']))
    .action(async (ref: string, toRef: string, amountText: string, o: Opts, c: Command) => {
      const ic = new IssuanceClient(app.client(c));
      const a = await fetchAsset(ic, ref);
      const amount = assetAmount(amountText, a);
      const to = await resolveAddress(toRef, o, app.env);
      let out: Outcome;
      if (a.policy === 'governed') {
        // A mint that would fail now (past the headroom, stale attestation, paused) is warned about by sendAction's dry run.
        const via = groupVia(a, 'mint', o, 'minting');
        out = await sendAction(app, c, { ...o, viaMultisig: via }, { module: 'stablecoin', command: 'mint', schema: StablecoinMintParams, params: { assetId: a.assetId, to: decodeAddress(to), amount } });
      } else if (a.policy === 'issuer') {
        out = await sendAction(app, c, o, { module: 'assets', command: 'mint', schema: AssetMintParams, params: { assetId: a.assetId, to: decodeAddress(to), amount } });
      } else {
        throw new CliError('CLI_BAD_ARGUMENT', `${a.symbol} has a fixed supply: nothing can be minted`);
      }
      report(app, c, out, { assetId: a.assetId, symbol: a.symbol, to, amount: amount.toString() }, [
        ['mint', `${formatAsset(amount, a)} to ${to}`],
      ]);
    });

  // asset burn.
  addViaOptions(
    addTxOptions(
      asset
        .command('burn')
        .description('burn units of a fixed asset (any holder) or an issuer asset (its minters) from your balance')
        .argument('<asset>', 'asset id or symbol')
        .argument('<amount>', "amount in the asset's decimals"),
    ),
  )
    .addHelpText('after', examples(['coinworks asset burn GOLDX 10 --from dev-0']))
    .action(async (ref: string, amountText: string, o: Opts, c: Command) => {
      const a = await fetchAsset(new IssuanceClient(app.client(c)), ref);
      if (a.policy === 'governed') throw new CliError('CLI_BAD_ARGUMENT', `${a.symbol} is governed: holders redeem it (\`coinworks asset redeem\`)`);
      const amount = assetAmount(amountText, a);
      const out = await sendAction(app, c, o, { module: 'assets', command: 'burn', schema: BurnParams, params: { assetId: a.assetId, amount } });
      report(app, c, out, { assetId: a.assetId, symbol: a.symbol, amount: amount.toString() }, [['burn', formatAsset(amount, a)]]);
    });

  // asset redeem.
  addTxOptions(
    asset
      .command('redeem')
      .description('redeem (burn) units of a governed asset; the issuer settles the redemption off chain by its id and reference')
      .argument('<asset>', 'governed asset id or symbol')
      .argument('<amount>', "amount in the asset's decimals")
      .option('--reference <text|0xhex>', 'settlement reference for the issuer, up to 64 bytes (e.g. a payout account hash)'),
    'holder (label or address in your wallets)',
  )
    .addHelpText('after', examples(['coinworks asset redeem USDKG 2000000 --reference "wire ref 7781" --from dev-15']))
    .action(async (ref: string, amountText: string, o: Opts & { reference?: string }, c: Command) => {
      const a = await fetchAsset(new IssuanceClient(app.client(c)), ref);
      requireGovernance(a, 'redeem');
      const amount = assetAmount(amountText, a);
      const reference = referenceBytes(o.reference);
      const out = await sendAction(app, c, o, { module: 'stablecoin', command: 'redeem', schema: RedeemParams, params: { assetId: a.assetId, amount, reference } });
      const red = eventData(out, 'stablecoin', 'redeemed');
      report(app, c, out, { assetId: a.assetId, symbol: a.symbol, amount: amount.toString(), redemptionId: red?.redemptionId ?? null }, [
        ['redeem', formatAsset(amount, a)],
        ...(red ? ([['redemption', String(red.redemptionId)]] as const) : []),
      ]);
    });

  // asset transfer (bank.transfer with the asset's decimals).
  addTxOptions(
    asset
      .command('transfer')
      .description('send units of an asset (bank.transfer); the amount is in the asset\'s decimals')
      .argument('<asset>', 'asset id or symbol')
      .argument('<to>', 'recipient: a cw1... address or an account label')
      .argument('<amount>', "amount in the asset's decimals")
      .option('--memo <text>', 'memo (up to 256 bytes of UTF-8)'),
    'sending account (label or address in your wallets)',
  )
    .addHelpText('after', examples(['coinworks asset transfer USDKG cw1... 10000000 --from dev-14']))
    .action(async (ref: string, toRef: string, amountText: string, o: Opts & { memo?: string }, c: Command) => {
      const { json } = app.globals(c);
      const client = app.client(c);
      const a = await fetchAsset(new IssuanceClient(client), ref);
      const amount = assetAmount(amountText, a);
      if (o.memo !== undefined && new TextEncoder().encode(o.memo).length > 256) throw new CliError('CLI_BAD_ARGUMENT', '--memo is longer than 256 bytes', { usage: true });
      const to = await resolveAddress(toRef, o, app.env);
      const { wallet, account } = await unlockAccount(o.from, o, { file: o.passwordFile, env: app.env });
      const fee = feeOf(o);
      const { id } = await client.transfer({ signer: (d) => wallet.sign(account.index, d), publicKey: wallet.publicKeyFor(account.index), to, amount, assetId: a.assetId, ...(o.memo !== undefined ? { memo: o.memo } : {}), fee });
      let out: Outcome = { id, from: account.address, command: 'bank.transfer', action: null, status: 'pending', height: null, blockHash: null, gasUsed: null, fee: null, error: null, events: [], proposal: null };
      if (o.wait) {
        if (!json) app.io.stderr.write(`sent ${id}\n`);
        const inc = await withSpinner(`waiting for ${id.slice(0, 16)}… to be mined`, () => client.waitForTx(id, { timeoutMs: o.timeout * 1000 }), app.io.stderr);
        out = { ...out, status: inc.receipt.status, height: inc.height, blockHash: inc.blockHash, gasUsed: inc.receipt.gasUsed, fee: inc.receipt.fee, error: inc.receipt.error, events: inc.receipt.events };
      }
      report(app, c, out, { assetId: a.assetId, symbol: a.symbol, to, amount: amount.toString() }, [['transfer', `${formatAsset(amount, a)} to ${to}`]]);
    });

  // Minter roles of an issuer asset.
  addViaOptions(
    addTxOptions(
      asset
        .command('configure-minter')
        .description("set a minter's allowance on an issuer asset (overwrites it); the issuer only")
        .argument('<asset>', 'issuer asset id or symbol')
        .argument('<minter>', 'minter: a cw1... address or an account label')
        .argument('<allowance>', "allowance in the asset's decimals"),
      'the issuer (label or address in your wallets), or an owner of the issuer multisig with --via-multisig',
    ),
    'propose it as this multisig (when a multisig is the issuer)',
  )
    .addHelpText('after', examples(['coinworks asset configure-minter PTS cw1... 1000 --from dev-0']))
    .action(async (ref: string, minterRef: string, allowanceText: string, o: Opts, c: Command) => {
      const a = await fetchAsset(new IssuanceClient(app.client(c)), ref);
      const allowance = assetAmount(allowanceText, a, { allowZero: true });
      const minter = await resolveAddress(minterRef, o, app.env);
      const out = await sendAction(app, c, o, { module: 'assets', command: 'configureMinter', schema: ConfigureMinterParams, params: { assetId: a.assetId, minter: decodeAddress(minter), allowance } });
      report(app, c, out, { assetId: a.assetId, symbol: a.symbol, minter, allowance: allowance.toString() }, [['minter', `${minter} may mint ${formatAsset(allowance, a)}`]]);
    });
  addViaOptions(
    addTxOptions(
      asset
        .command('remove-minter')
        .description('remove a minter of an issuer asset; the issuer only')
        .argument('<asset>', 'issuer asset id or symbol')
        .argument('<minter>', 'minter: a cw1... address or an account label'),
    ),
  )
    .addHelpText('after', examples(['coinworks asset remove-minter PTS cw1... --from dev-0']))
    .action(async (ref: string, minterRef: string, o: Opts, c: Command) => {
      const a = await fetchAsset(new IssuanceClient(app.client(c)), ref);
      const minter = await resolveAddress(minterRef, o, app.env);
      const out = await sendAction(app, c, o, { module: 'assets', command: 'removeMinter', schema: RemoveMinterParams, params: { assetId: a.assetId, minter: decodeAddress(minter) } });
      report(app, c, out, { assetId: a.assetId, symbol: a.symbol, minter }, [['removed minter', minter]]);
    });

  // Compliance: freeze, unfreeze, blacklist, unblacklist, wipe (the compliance group).
  const compliance = {
    freeze: 'freeze an account: it can neither send nor receive the asset',
    unfreeze: 'unfreeze an account',
    blacklist: 'blacklist an account (sanctions): it can neither send nor receive the asset',
    unblacklist: 'take an account off the blacklist',
    wipe: "destroy a frozen account's whole balance (lowers the supply; cause wipe)",
  } as const;
  for (const [cmd, what] of Object.entries(compliance) as Array<[keyof typeof compliance, string]>) {
    addViaOptions(
      addTxOptions(
        asset
          .command(cmd)
          .description(`${what}; proposed as the compliance group by one of its owners`)
          .argument('<asset>', 'governed asset id or symbol')
          .argument('<account>', 'a cw1... address or an account label'),
        'a compliance group owner (label or address in your wallets)',
      ),
      "the compliance group multisig (default: the asset's)",
    )
      .addHelpText('after', examples([`coinworks asset ${cmd} USDKG cw1... --via-multisig <compliance group> --from dev-8`]))
      .action(async (ref: string, accountRef: string, o: Opts, c: Command) => {
        const a = await fetchAsset(new IssuanceClient(app.client(c)), ref);
        const via = groupVia(a, 'compliance', o, cmd);
        const account = await resolveAddress(accountRef, o, app.env);
        const out = await sendAction(app, c, { ...o, viaMultisig: via }, { module: 'stablecoin', command: cmd, schema: AccountRef, params: { assetId: a.assetId, account: decodeAddress(account) } });
        const wiped = eventData(out, 'stablecoin', 'wiped');
        report(app, c, out, { assetId: a.assetId, symbol: a.symbol, account, ...(wiped ? { wiped: String(wiped.amount) } : {}) }, [
          [cmd, `${account} (${a.symbol})`],
          ...(wiped ? ([['wiped', formatAsset(String(wiped.amount), a)]] as const) : []),
        ]);
      });
  }

  // Pause / unpause (the mint group).
  for (const cmd of ['pause', 'unpause'] as const) {
    addViaOptions(
      addTxOptions(
        asset
          .command(cmd)
          .description(
            cmd === 'pause'
              ? 'pause a governed asset: transfers, mints and redemptions stop (attest, compliance and unpause still work); proposed as the mint group'
              : 'unpause a governed asset; proposed as the mint group',
          )
          .argument('<asset>', 'governed asset id or symbol'),
        'a mint group owner (label or address in your wallets)',
      ),
      "the mint group multisig (default: the asset's)",
    )
      .addHelpText('after', examples([`coinworks asset ${cmd} USDKG --via-multisig <mint group> --from dev-1`]))
      .action(async (ref: string, o: Opts, c: Command) => {
        const a = await fetchAsset(new IssuanceClient(app.client(c)), ref);
        const via = groupVia(a, 'mint', o, cmd);
        const out = await sendAction(app, c, { ...o, viaMultisig: via }, { module: 'stablecoin', command: cmd, schema: AssetRef, params: { assetId: a.assetId } });
        report(app, c, out, { assetId: a.assetId, symbol: a.symbol }, [[cmd, `${a.symbol} (asset ${a.assetId})`]]);
      });
  }

  // Governance settings (the compliance group): reserve margin and attestation staleness limit.
  const settings = [
    { cmd: 'set-margin', command: 'setReserveMargin', arg: '<bps>', what: 'reserve margin', schema: MarginParams, max: 9999, unit: 'bps', field: 'reserveMarginBps' as const, help: 'share of the attested reserve that backs no tokens, in basis points (0-9999)' },
    { cmd: 'set-attestation-age', command: 'setMaxAttestationAge', arg: '<seconds>', what: 'attestation staleness limit', schema: AttestationAgeParams, max: 0xffffffff, unit: 's', field: 'maxAttestationAge' as const, help: 'seconds after which an attestation is stale and mints fail (1 or more)' },
  ];
  for (const st of settings) {
    addViaOptions(
      addTxOptions(
        asset
          .command(st.cmd)
          .description(`change a governed asset's ${st.what}; proposed as the compliance group (event stablecoin.setting with the old and new value)`)
          .argument('<asset>', 'governed asset id or symbol')
          .argument(st.arg, st.help),
        'a compliance group owner (label or address in your wallets)',
      ),
      "the compliance group multisig (default: the asset's)",
    )
      .addHelpText('after', examples([`coinworks asset ${st.cmd} USDKG ${st.field === 'reserveMarginBps' ? '50' : '3600'} --from dev-8`]))
      .action(async (ref: string, valueText: string, o: Opts, c: Command) => {
        const a = await fetchAsset(new IssuanceClient(app.client(c)), ref);
        const g = requireGovernance(a, st.cmd);
        const via = groupVia(a, 'compliance', o, st.cmd);
        const value = intArg(st.field === 'reserveMarginBps' ? 0 : 1, st.max)(valueText);
        const current = st.field === 'reserveMarginBps' ? g.reserveMarginBps : g.maxAttestationAge;
        const params = { assetId: a.assetId, [st.field]: value } as { assetId: number; reserveMarginBps: number } & { assetId: number; maxAttestationAge: number };
        const out = await sendAction(app, c, { ...o, viaMultisig: via }, { module: 'stablecoin', command: st.command, schema: st.schema as typeof MarginParams, params });
        report(app, c, out, { assetId: a.assetId, symbol: a.symbol, setting: st.field, from: current, to: value }, [[st.what, `${current} ${st.unit} -> ${value} ${st.unit} (${a.symbol}), once the compliance group approves`]]);
      });
  }
}
