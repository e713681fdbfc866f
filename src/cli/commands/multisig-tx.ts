/**
 * Sending governed-minting commands from the CLI: a command signed by a wallet account and sent
 * directly, or proposed as a multisig (`--via-multisig <address> --from <owner>`, Safe's
 * recommended nonce unless `--nonce`, open for `--expires-in` blocks), and multisig approvals and
 * executions; each waits for inclusion (spinner on a terminal) unless `--no-wait`, and reads the
 * proposal's fate (proposed, approvals / threshold, executed, the action's failure) from the
 * receipt's events. Command params formats for `--params` JSON come from the modules' registry.
 */
import { InvalidArgumentError, type Command } from 'commander';
import type { Codec, Json } from '../../encoding/codec.js';
import { IssuanceClient, RpcError, sendCommand, type CoinworksClient, type EventJson, type MultisigJson, type TxInclusion } from '../../client/index.js';
import { commandParamsOf } from '../../state/modules/command-params.js';
import type { CliApp } from '../app.js';
import { intArg, unitsArg } from '../args.js';
import { formatAmount } from '../amount.js';
import { CliError } from '../errors.js';
import { emit, fields } from '../output.js';
import { withSpinner } from '../spinner.js';
import { resolveAddress, unlockAccount } from '../wallets.js';

export { addTxOptions, type TxOptions } from '../tx-options.js';
import { feeOf, type TxOptions } from '../tx-options.js';

/** Options of commands that may run as a multisig. */
export interface ViaOptions {
  viaMultisig?: string;
  nonce?: bigint;
  expiresIn?: number;
}

/** Adds --via-multisig, --nonce and --expires-in. */
export function addViaOptions(cmd: Command, viaHelp = 'propose the command as this multisig (cw1...); --from must be one of its owners'): Command {
  return cmd
    .option('--via-multisig <address>', viaHelp)
    .option('--nonce <n>', "multisig nonce to propose at (default: Safe's recommended nonce: the multisig's, or one past its queued proposals)", unitsArg)
    .option('--expires-in <blocks>', 'blocks the proposal stays open', intArg(1, 100_000_000), 1000);
}

/** An action: a command with its params and their codec. */
export interface Action<P = unknown> {
  readonly module: string;
  readonly command: string;
  readonly schema: Codec<P>;
  readonly params: P;
}

/** What became of a proposal in the transaction that proposed, approved or executed it. */
export interface ProposalOutcome {
  readonly multisig: string;
  readonly proposalId: string | null;
  readonly nonce: string | null;
  readonly expiresAt: string | null;
  /** Approvals that count, after this transaction (null if it recorded none). */
  readonly approvals: number | null;
  readonly threshold: number | null;
  readonly executed: boolean;
  /** Whether the executed action succeeded (null if not executed). */
  readonly ok: boolean | null;
  /** `CODE: message` of a failed action. */
  readonly error: string | null;
}

/** A sent transaction and, once mined, its receipt. */
export interface Outcome {
  readonly id: string;
  readonly from: string;
  /** `module.command` signed (multisig.propose for a proposal). */
  readonly command: string;
  /** The action proposed, for --via-multisig. */
  readonly action: string | null;
  readonly status: 'pending' | 'success' | 'failed';
  readonly height: number | null;
  readonly blockHash: string | null;
  readonly gasUsed: string | null;
  readonly fee: string | null;
  readonly error: string | null;
  readonly events: EventJson[];
  readonly proposal: ProposalOutcome | null;
}

/** The wallet account `--from` names, unlocked, as a signer. */
async function signerFor(app: CliApp, o: TxOptions) {
  const { wallet, account } = await unlockAccount(o.from, o, { file: o.passwordFile, env: app.env });
  return { address: account.address, label: account.label, signer: (d: Uint8Array) => wallet.sign(account.index, d), publicKey: wallet.publicKeyFor(account.index) };
}


/** A multisig by address; CLI_NOT_FOUND if the address is not one. */
export async function requireMultisig(ic: IssuanceClient, address: string): Promise<MultisigJson> {
  try {
    return await ic.getMultisig(address);
  } catch (e) {
    if (e instanceof RpcError && e.code === 'RPC_NOT_FOUND') throw new CliError('CLI_NOT_FOUND', `${address} is not a multisig account`);
    throw e;
  }
}

/** Resolves a multisig reference (an address; a wallet label also works for completeness). */
export async function multisigAddress(app: CliApp, ref: string, o: { wallet?: string; walletDir?: string }): Promise<string> {
  return resolveAddress(ref, o, app.env);
}

/** Reads the proposal's fate from a receipt's events. */
export function proposalOutcome(multisig: string, events: readonly EventJson[], proposalId: string | null): ProposalOutcome {
  let id = proposalId;
  let nonce: string | null = null;
  let expiresAt: string | null = null;
  let approvals: number | null = null;
  let threshold: number | null = null;
  let executed = false;
  let ok: boolean | null = null;
  let error: string | null = null;
  for (const e of events) {
    if (e.module !== 'multisig') continue;
    const d = e.data as Record<string, Json>;
    if (d.multisig !== multisig) continue;
    if (e.name === 'proposed' && id === null) {
      id = d.proposalId as string;
      nonce = d.nonce as string;
      expiresAt = d.expiresAt as string;
    }
    if (d.proposalId !== id) continue;
    if (e.name === 'approved') [approvals, threshold] = [d.approvals as number, d.threshold as number];
    if (e.name === 'executed') {
      executed = true;
      ok = d.ok as boolean;
      error = (d.error as string | null) ?? null;
      nonce ??= d.nonce as string;
    }
  }
  return { multisig, proposalId: id, nonce, expiresAt, approvals, threshold, executed, ok, error };
}

async function waitFor(app: CliApp, client: CoinworksClient, id: string, o: TxOptions, json: boolean): Promise<TxInclusion> {
  if (!json) app.io.stderr.write(`sent ${id}\n`);
  return withSpinner(`waiting for ${id.slice(0, 16)}… to be mined`, () => client.waitForTx(id, { timeoutMs: o.timeout * 1000 }), app.io.stderr);
}

function outcomeOf(base: { id: string; from: string; command: string; action: string | null }, inc: TxInclusion | null, proposal: ProposalOutcome | null): Outcome {
  if (!inc) return { ...base, status: 'pending', height: null, blockHash: null, gasUsed: null, fee: null, error: null, events: [], proposal };
  const r = inc.receipt;
  return { ...base, status: r.status, height: inc.height, blockHash: inc.blockHash, gasUsed: r.gasUsed, fee: r.fee, error: r.error, events: r.events, proposal };
}

/**
 * Sends `action` from `--from`, or proposes it as `--via-multisig`; waits for inclusion unless
 * --no-wait. Does not print; see `report`.
 */
export async function sendAction<P>(app: CliApp, c: Command, o: TxOptions & ViaOptions, action: Action<P>): Promise<Outcome> {
  const { json } = app.globals(c);
  const via = o.viaMultisig === undefined ? undefined : await multisigAddress(app, o.viaMultisig, o);
  const who = await signerFor(app, o);
  const client = app.client(c);
  const ic = new IssuanceClient(client);
  const name = `${action.module}.${action.command}`;
  if (via === undefined) {
    const { id } = await sendCommand(client, { signer: who.signer, publicKey: who.publicKey, fee: feeOf(o), ...action });
    const inc = o.wait ? await waitFor(app, client, id, o, json) : null;
    return outcomeOf({ id, from: who.address, command: name, action: null }, inc, null);
  }
  const ms = await requireMultisig(ic, via);
  if (!ms.owners.includes(who.address)) {
    throw new CliError('CLI_BAD_ARGUMENT', `${who.label} (${who.address}) is not an owner of multisig ${via}; its owners are ${ms.owners.join(', ')}`);
  }
  const { id, proposalNonce, expiresAt } = await ic.propose({
    signer: who.signer,
    publicKey: who.publicKey,
    fee: feeOf(o),
    multisig: via,
    action,
    ...(o.nonce !== undefined ? { proposalNonce: o.nonce } : {}),
    expiresIn: o.expiresIn ?? 1000,
  });
  if (!json && proposalNonce > BigInt(ms.nonce)) {
    const behind = proposalNonce - 1n === BigInt(ms.nonce) ? `nonce ${ms.nonce}` : `nonces ${ms.nonce} to ${proposalNonce - 1n}`;
    app.io.stderr.write(`note: proposed at nonce ${proposalNonce}, queued behind the pending proposal(s) on ${behind}; it executes after them (use --nonce ${ms.nonce} to compete with them instead)\n`);
  }
  const base = { id, from: who.address, command: 'multisig.propose', action: name };
  if (!o.wait) {
    const predicted: ProposalOutcome = { multisig: via, proposalId: ms.nextProposalId, nonce: proposalNonce.toString(), expiresAt: expiresAt.toString(), approvals: null, threshold: ms.threshold, executed: false, ok: null, error: null };
    return outcomeOf(base, null, predicted);
  }
  const inc = await waitFor(app, client, id, o, json);
  return outcomeOf(base, inc, proposalOutcome(via, inc.receipt.events, null));
}

/** multisig.approve or multisig.execute of a proposal from `--from`. */
export async function sendProposalAct(app: CliApp, c: Command, o: TxOptions, kind: 'approve' | 'execute', multisig: string, proposalId: bigint): Promise<Outcome> {
  const { json } = app.globals(c);
  const who = await signerFor(app, o);
  const client = app.client(c);
  const ic = new IssuanceClient(client);
  const ms = await requireMultisig(ic, multisig);
  if (kind === 'approve' && !ms.owners.includes(who.address)) {
    throw new CliError('CLI_BAD_ARGUMENT', `${who.label} (${who.address}) is not an owner of multisig ${multisig}; its owners are ${ms.owners.join(', ')}`);
  }
  const req = { signer: who.signer, publicKey: who.publicKey, fee: feeOf(o), multisig, proposalId };
  const { id } = kind === 'approve' ? await ic.approve(req) : await ic.execute(req);
  const base = { id, from: who.address, command: `multisig.${kind}`, action: null };
  if (!o.wait) return outcomeOf(base, null, null);
  const inc = await waitFor(app, client, id, o, json);
  return outcomeOf(base, inc, proposalOutcome(multisig, inc.receipt.events, proposalId.toString()));
}

/** Human lines of a proposal outcome. */
export function proposalRows(p: ProposalOutcome, pending: boolean): Array<readonly [string, unknown]> {
  const rows: Array<readonly [string, unknown]> = [
    ['multisig', p.multisig],
    ['proposal', p.proposalId === null ? '-' : `${p.proposalId}${pending ? ' (expected)' : ''}${p.nonce !== null ? ` at nonce ${p.nonce}` : ''}`],
  ];
  if (p.approvals !== null) rows.push(['approvals', `${p.approvals} of ${p.threshold}`]);
  if (!pending) rows.push(['executed', p.executed ? (p.ok ? 'yes' : `yes, but the action failed: ${p.error}`) : 'not yet']);
  return rows;
}

/**
 * Prints an outcome (JSON: `data` merged over the outcome; text: the rows plus transaction rows),
 * then fails with CLI_TX_FAILED if the transaction, or the action its proposal executed, failed.
 */
export function report(app: CliApp, c: Command, out: Outcome, data: Record<string, unknown>, rows: Array<readonly [string, unknown]>): void {
  const { json } = app.globals(c);
  emit(app.io, json, { ...out, ...data }, () =>
    fields([
      ['transaction', out.id],
      ['from', out.from],
      ['command', out.action ? `${out.command} of ${out.action}` : out.command],
      ...rows,
      ...(out.proposal ? proposalRows(out.proposal, out.status === 'pending') : []),
      ['status', out.status === 'pending' ? 'pending (not waiting; check with `coinworks tx <id>`)' : out.status],
      ...(out.height !== null ? ([['block', `${out.height} ${out.blockHash}`]] as const) : []),
      ...(out.fee !== null ? ([['fee', formatAmount(out.fee)]] as const) : []),
      ...(out.error ? ([['error', out.error]] as const) : []),
    ]),
  );
  if (out.status === 'failed') throw new CliError('CLI_TX_FAILED', `transaction ${out.id} was mined but failed: ${out.error ?? 'unknown reason'}`);
  const p = out.proposal;
  if (p && p.executed && p.ok === false) throw new CliError('CLI_TX_FAILED', `proposal ${p.proposalId} of ${p.multisig} executed but its action failed: ${p.error ?? 'unknown reason'}`);
}

/** Parser of a `module.command` argument. */
export function commandArg(v: string): { module: string; command: string } {
  const m = /^([A-Za-z][A-Za-z0-9_]*)\.([A-Za-z][A-Za-z0-9_]*)$/.exec(v.trim());
  if (!m) throw new InvalidArgumentError('must be module.command, e.g. stablecoin.mint');
  return { module: m[1], command: m[2] };
}

/** The params codec of `module.command`, from the modules' command-params registry (no state machine). */
export function commandSchema(module: string, command: string): Codec<unknown> {
  const schema = commandParamsOf(module, command);
  if (!schema) throw new CliError('CLI_BAD_ARGUMENT', `unknown command ${module}.${command}`, { usage: true });
  return schema;
}
