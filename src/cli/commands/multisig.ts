/**
 * `coinworks multisig ...`: Safe-style multisig accounts: create one (its address is deterministic
 * and printed), propose any command as the multisig (`--params` JSON decoded by the command's own
 * schema), approve and execute proposals, and show a multisig, its pending proposals (approvals
 * from current owners, threshold, executable / expired), one proposal, and its event trail.
 */
import type { Command } from 'commander';
import { fromJson } from '../../encoding/codec.js';
import { IssuanceClient, RpcError, type ProposalJson } from '../../client/index.js';
import { CancelParams, CreateParams as MultisigCreateParams } from '../../state/modules/multisig/schemas.js';
import { decodeAddress } from '../../crypto/address.js';
import type { CliApp } from '../app.js';
import { examples, intArg } from '../args.js';
import { CliError } from '../errors.js';
import { emit, fields, table } from '../output.js';
import { resolveAddress } from '../wallets.js';
import { trailText, walletLabels } from '../trail-text.js';
import { actionLine, paramsAssetIds, paramsInUnits } from '../params-units.js';
import { Units } from '../units.js';
import { addTxOptions, commandArg, commandSchema, multisigAddress, report, requireMultisig, sendAction, sendProposalAct, type TxOptions, type ViaOptions } from './multisig-tx.js';

/** Parser of a proposal id argument. */
function proposalIdArg(v: string): bigint {
  if (!/^\d+$/.test(v.trim())) throw new CliError('CLI_BAD_ARGUMENT', `proposal id must be a whole number, got ${JSON.stringify(v)}`, { usage: true });
  return BigInt(v.trim());
}

/** One-line summary of a proposal's action, amounts in units (load `paramsAssetIds` of it first). */
export function actionText(p: Pick<ProposalJson, 'module' | 'command' | 'decodedParams'>, units: Units): string {
  return actionLine(p.module, p.command, p.decodedParams, units);
}

/** What a proposal waits for, in words (Safe's queue: the blocking nonce and what it needs). */
function queueText(x: ProposalJson, all: readonly ProposalJson[], ms: string): string {
  const q = x.queue;
  if (q.state === 'expired') return `expired after height ${x.expiresAt}: it blocks nonce ${x.nonce} until another proposal there executes (or \`coinworks multisig cancel ${ms} ${x.nonce}\`)`;
  if (q.state === 'ready') return 'ready: the next approval or `multisig execute` runs it';
  if (q.state === 'needs-approvals') return `needs ${q.approvalsNeeded} more approval${q.approvalsNeeded === 1 ? '' : 's'}`;
  const at = all.filter((y) => y.nonce === q.waitsForNonce);
  const blocking =
    at.length === 0
      ? `nonce ${q.waitsForNonce} has no proposal: propose one there, or \`coinworks multisig cancel ${ms} ${q.waitsForNonce}\``
      : at.map((y) => `proposal ${y.proposalId} (${y.queue.state === 'expired' ? 'expired' : `${y.approvalCount} of ${y.threshold}`})`).join(', ') + ` on nonce ${q.waitsForNonce} must execute or be cancelled (\`coinworks multisig cancel ${ms} ${q.waitsForNonce}\`) first`;
  return `${q.approvalsNeeded === 0 ? 'fully approved, ' : `needs ${q.approvalsNeeded} more approval${q.approvalsNeeded === 1 ? '' : 's'}, `}queued: ${blocking}; it executes as soon as its nonce comes up`;
}

/** Text of `multisig pending`: the next nonce, then each proposal with what it waits for. */
export function pendingLines(p: { nonce: string; threshold: number; proposals: ProposalJson[] }, ms: string, units: Units): string[] {
  if (p.proposals.length === 0) return [`no pending proposals (next nonce ${p.nonce}, threshold ${p.threshold})`];
  return [
    `next nonce: ${p.nonce} (threshold ${p.threshold}; proposals execute in nonce order, one per nonce)`,
    ...table(
      ['id', 'nonce', 'approvals', 'expires', 'action'],
      p.proposals.map((x) => [x.proposalId, x.nonce, `${x.approvalCount} of ${x.threshold}`, `after ${x.expiresAt}`, actionText(x, units)]),
    ),
    '',
    ...p.proposals.map((x) => `proposal ${x.proposalId}: ${queueText(x, p.proposals, ms)}`),
  ];
}

/** Registers `multisig` and its subcommands. */
export function registerMultisig(program: Command, app: CliApp): void {
  const ms = program
    .command('multisig')
    .description('multisig accounts: create, propose, approve, execute, cancel, show, pending, proposal, events')
    .addHelpText(
      'after',
      examples([
        'coinworks multisig create --owners dev-1,dev-2,dev-3 --threshold 2 --from dev-0',
        "coinworks multisig propose cw1... stablecoin.pause --params '{\"assetId\": 1}' --from dev-1",
        'coinworks multisig approve cw1... 0 --from dev-2',
        'coinworks multisig pending cw1... --json',
      ]),
    );

  addTxOptions(
    ms
      .command('create')
      .description('create a multisig account (prints its address, which is deterministic)')
      .requiredOption('--owners <accounts>', 'comma-separated owners: cw1... addresses or account labels (up to 32, unique)')
      .requiredOption('--threshold <n>', 'approvals needed (1 to the number of owners)', intArg(1, 32)),
    'creating account (label or address in your wallets); it gets no role',
  )
    .addHelpText('after', examples(['coinworks multisig create --owners dev-1,dev-2,dev-3 --threshold 2 --from dev-0 --json']))
    .action(async (o: TxOptions & { owners: string; threshold: number }, c: Command) => {
      const refs = o.owners.split(',').map((s) => s.trim()).filter((s) => s !== '');
      if (refs.length === 0) throw new CliError('CLI_BAD_ARGUMENT', '--owners needs at least one owner', { usage: true });
      const owners = await Promise.all(refs.map((r) => resolveAddress(r, o, app.env)));
      if (new Set(owners).size !== owners.length) throw new CliError('CLI_BAD_ARGUMENT', '--owners lists an owner twice', { usage: true });
      if (o.threshold > owners.length) throw new CliError('CLI_BAD_ARGUMENT', `--threshold ${o.threshold} exceeds the ${owners.length} owners`, { usage: true });
      const creator = await resolveAddress(o.from, o, app.env);
      const predicted = await new IssuanceClient(app.client(c)).nextMultisigAddress(creator);
      const out = await sendAction(app, c, o, { module: 'multisig', command: 'create', schema: MultisigCreateParams, params: { owners: owners.map((a) => decodeAddress(a)), threshold: o.threshold } });
      const created = out.events.find((e) => e.module === 'multisig' && e.name === 'created');
      const address = created ? ((created.data as { multisig: string }).multisig) : predicted.address;
      report(app, c, out, { multisig: address, owners, threshold: o.threshold }, [
        ['multisig', out.status === 'pending' ? `${address} (expected: the creator's multisig #${predicted.index})` : address],
        ['owners', owners.join(', ')],
        ['threshold', `${o.threshold} of ${owners.length}`],
      ]);
    });

  addTxOptions(
    ms
      .command('propose')
      .description('propose any command to run as the multisig; the proposer approves it, and it executes once approvals reach the threshold and its nonce comes up (warns when it would fail now)')
      .argument('<multisig>', 'multisig address (cw1...)')
      .argument('<command>', 'module.command, e.g. stablecoin.mint')
      .requiredOption('--params <json>', 'the command\'s params as JSON: addresses cw1..., assets by id or symbol, amounts with their unit in that asset\'s decimals ("50000000 USDKG", "2.5 CWC"; a bare integer string is base units), bytes as hex')
      .option('--nonce <n>', "multisig nonce to propose at (default: Safe's recommended nonce)", (v: string) => proposalIdArg(v))
      .option('--expires-in <blocks>', 'blocks the proposal stays open', intArg(1, 100_000_000), 1000),
    'proposing owner (label or address in your wallets)',
  )
    .addHelpText(
      'after',
      examples([
        `coinworks multisig propose cw1... stablecoin.mint --params '{"assetId": "USDKG", "to": "cw1...", "amount": "1000000 USDKG"}' --from dev-1`,
        `coinworks multisig propose cw1... multisig.changeThreshold --params '{"threshold": 4}' --from dev-1`,
      ]),
    )
    .action(async (msRef: string, cmdText: string, o: TxOptions & ViaOptions & { params: string }, c: Command) => {
      let target: { module: string; command: string };
      try {
        target = commandArg(cmdText);
      } catch (e) {
        throw new CliError('CLI_BAD_ARGUMENT', `<command> ${(e as Error).message}`, { usage: true });
      }
      const schema = commandSchema(target.module, target.command);
      let json: unknown;
      try {
        json = JSON.parse(o.params);
      } catch (e) {
        throw new CliError('CLI_BAD_ARGUMENT', `--params is not JSON: ${(e as Error).message}`, { usage: true });
      }
      // Amounts written with their unit ("50000000 USDKG") in the asset's decimals, assets by symbol (issue 14).
      const units = new Units(app.client(c));
      json = await paramsInUnits(json, units);
      let params: unknown;
      try {
        params = fromJson(schema, json);
      } catch (e) {
        throw new CliError('CLI_BAD_ARGUMENT', `--params do not fit ${target.module}.${target.command}: ${(e as Error).message}`, { usage: true });
      }
      const multisig = await multisigAddress(app, msRef, o);
      const shown = schema.toJson(params);
      await units.load(paramsAssetIds(shown));
      const out = await sendAction(app, c, { ...o, viaMultisig: multisig }, { ...target, schema, params });
      report(app, c, out, { params: shown }, [['action', actionLine(target.module, target.command, shown, units)]]);
    });

  for (const kind of ['approve', 'execute'] as const) {
    addTxOptions(
      ms
        .command(kind)
        .description(
          kind === 'approve'
            ? 'approve a pending proposal as an owner; the approval that reaches the threshold executes it'
            : 'execute a proposal whose approvals reach the threshold and whose nonce is up (rarely needed: a fully approved proposal runs by itself when its nonce comes up); anyone may',
        )
        .argument('<multisig>', 'multisig address (cw1...)')
        .argument('<proposalId>', 'proposal id'),
      kind === 'approve' ? 'approving owner (label or address in your wallets)' : 'sending account (label or address in your wallets)',
    )
      .addHelpText('after', examples([`coinworks multisig ${kind} cw1... 0 --from dev-2`, `coinworks multisig ${kind} cw1... 0 --from dev-2 --json`]))
      .action(async (msRef: string, idText: string, o: TxOptions, c: Command) => {
        const id = proposalIdArg(idText);
        const multisig = await multisigAddress(app, msRef, o);
        const out = await sendProposalAct(app, c, o, kind, multisig, id);
        report(app, c, out, {}, []);
      });
  }

  addTxOptions(
    ms
      .command('cancel')
      .description("cancel what is queued at a nonce (Safe's reject): proposes multisig.cancel there; once approved to the threshold it uses the nonce up, voids the proposals on it, and the queue behind it moves")
      .argument('<multisig>', 'multisig address (cw1...)')
      .argument('<nonce>', 'the nonce to cancel (see `coinworks multisig pending`)')
      .option('--expires-in <blocks>', 'blocks the cancellation stays open', intArg(1, 100_000_000), 1000),
    'proposing owner (label or address in your wallets)',
  )
    .addHelpText('after', examples(['coinworks multisig cancel cw1... 0 --from dev-1', 'coinworks multisig approve cw1... <its proposal id> --from dev-2']))
    .action(async (msRef: string, nonceText: string, o: TxOptions & ViaOptions, c: Command) => {
      const multisig = await multisigAddress(app, msRef, o);
      const nonce = proposalIdArg(nonceText);
      const current = BigInt((await requireMultisig(new IssuanceClient(app.client(c)), multisig)).nonce);
      if (nonce < current) throw new CliError('CLI_BAD_ARGUMENT', `nonce ${nonce} of ${multisig} is already used (its nonce is ${current}): nothing to cancel there`, { usage: true });
      const out = await sendAction(app, c, { ...o, viaMultisig: multisig, nonce }, { module: 'multisig', command: 'cancel', schema: CancelParams, params: {} });
      report(app, c, out, { cancelNonce: nonce.toString() }, [['cancel', `nonce ${nonce}: it executes once approvals reach the threshold`]]);
    });

  ms.command('show')
    .description('show a multisig: owners, threshold, nonce, pending proposals, the assets it governs')
    .argument('<multisig>', 'multisig address (cw1...)')
    .addHelpText('after', examples(['coinworks multisig show cw1...', 'coinworks multisig show cw1... --json']))
    .action(async (msRef: string, _o: unknown, c: Command) => {
      const { json } = app.globals(c);
      const m = await requireMultisig(new IssuanceClient(app.client(c)), await multisigAddress(app, msRef, {}));
      emit(app.io, json, m, () => [
        ...fields([
          ['multisig', m.address],
          ['threshold', `${m.threshold} of ${m.owners.length}`],
          ['nonce', m.nonce],
          ['pending', m.pending.length === 0 ? 'none' : m.pending.join(', ')],
          ['creator', m.creator],
          ['governs', m.governs.length === 0 ? 'nothing' : m.governs.map((g) => `${g.role} group of ${g.symbol} (asset ${g.assetId})`).join(', ')],
        ]),
        'owners:',
        ...m.owners.map((o) => `  ${o}`),
      ]);
    });

  ms.command('pending')
    .description('show the pending proposals of a multisig with their approvals from current owners')
    .argument('<multisig>', 'multisig address (cw1...)')
    .addHelpText('after', examples(['coinworks multisig pending cw1...', 'coinworks multisig pending cw1... --json']))
    .action(async (msRef: string, _o: unknown, c: Command) => {
      const { json } = app.globals(c);
      const ic = new IssuanceClient(app.client(c));
      const address = await multisigAddress(app, msRef, {});
      await requireMultisig(ic, address);
      const p = await ic.getPendingProposals(address);
      const units = json ? new Units(app.client(c)) : await new Units(app.client(c)).load(p.proposals.flatMap((x) => paramsAssetIds(x.decodedParams)));
      emit(app.io, json, p, () => pendingLines(p, address, units));
    });

  ms.command('proposal')
    .description('show one proposal: action, approvals, status, result')
    .argument('<multisig>', 'multisig address (cw1...)')
    .argument('<proposalId>', 'proposal id')
    .addHelpText('after', examples(['coinworks multisig proposal cw1... 0 --json']))
    .action(async (msRef: string, idText: string, _o: unknown, c: Command) => {
      const { json } = app.globals(c);
      const ic = new IssuanceClient(app.client(c));
      const address = await multisigAddress(app, msRef, {});
      let p: ProposalJson;
      try {
        p = await ic.getProposal(address, proposalIdArg(idText));
      } catch (e) {
        if (e instanceof RpcError && e.code === 'RPC_NOT_FOUND') throw new CliError('CLI_NOT_FOUND', e.message.includes('multisig') ? `${address} is not a multisig account` : `multisig ${address} has no proposal ${idText}`);
        throw e;
      }
      const units = json ? new Units(app.client(c)) : await new Units(app.client(c)).load(paramsAssetIds(p.decodedParams));
      emit(app.io, json, p, () => [
        ...fields([
          ['multisig', p.multisig],
          ['proposal', `${p.proposalId} at nonce ${p.nonce}`],
          ['action', actionText(p, units)],
          ['proposer', p.proposer],
          ['approvals', `${p.approvalCount} of ${p.threshold} (counting current owners)`],
          ['status', p.status + (p.result ? `: ${p.result}` : '') + (p.status === 'pending' ? (p.expired ? ' (expired)' : p.executable ? ' (executable)' : '') : '')],
          ['created', `height ${p.createdAt}`],
          ['expires', `after height ${p.expiresAt}`],
        ]),
        'approved by:',
        ...p.approvals.map((a) => `  ${a}${p.countingApprovals.includes(a) ? '' : ' (no longer an owner: does not count)'}`),
      ]);
    });

  ms.command('events')
    .description("show a multisig's event trail: created, proposed, approved, executed, voided, expired, owner changes")
    .argument('<multisig>', 'multisig address (cw1...)')
    .option('--from-height <h>', 'first block height', intArg(0, 0xffffffff), 0)
    .option('--limit <n>', 'most events (a page ends at a block boundary)', intArg(1, 1000), 100)
    .addHelpText('after', examples(['coinworks multisig events cw1...', 'coinworks multisig events cw1... --from-height 120 --json']))
    .action(async (msRef: string, o: { fromHeight: number; limit: number }, c: Command) => {
      const { json } = app.globals(c);
      const client = app.client(c);
      const t = await new IssuanceClient(client).getMultisigEvents(await multisigAddress(app, msRef, {}), { fromHeight: o.fromHeight, limit: o.limit });
      const lines = json ? [] : await trailText(t, client, await walletLabels({}, app.env));
      emit(app.io, json, t, () => lines);
    });
}
