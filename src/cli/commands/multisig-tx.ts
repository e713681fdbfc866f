/**
 * Sending governed-minting commands from the CLI: a command signed by a wallet account and sent
 * directly, or proposed as a multisig (`--via-multisig <address> --from <owner>`, Safe's
 * recommended nonce unless `--nonce`, open for `--expires-in` blocks), and multisig approvals and
 * executions; each waits for inclusion (spinner on a terminal) unless `--no-wait`, and reads the
 * proposal's fate (proposed, approvals / threshold, executed, the action's failure) from the
 * receipt's events. Command params formats for `--params` JSON come from the modules' registry.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { encode, type Codec, type Json } from '../../encoding/codec.js';
import { bytesToHex } from '../../encoding/hex.js';
import { IssuanceClient, RpcError, sendCommand, type CoinworksClient, type EventJson, type MultisigJson, type TxInclusion } from '../../client/index.js';
import { commandParamsOf } from '../../state/modules/command-params.js';
import type { CliApp } from '../app.js';
import { intArg, unitsArg } from '../args.js';
import { formatAmount } from '../amount.js';
import { CliError } from '../errors.js';
import { emit, fields } from '../output.js';
import { withSpinner } from '../spinner.js';
import { assetIdsOf } from '../../api/amounts.js';
import { failureText } from '../failure-text.js';
import { Units } from '../units.js';
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
  /** The failure's structured data (base units), when the node recorded it. */
  readonly errorData?: Record<string, unknown> | null;
  /** The failure for people: amounts in the asset's decimals and symbol. */
  readonly errorText?: string | null;
  /** Proposals queued behind this one that the same transaction executed (their nonce came up, fully approved). */
  readonly alsoExecuted?: Array<{ proposalId: string; nonce: string; ok: boolean; error: string | null }>;
}

/** Typed values of recorded error data fields (asset ids and bps are numbers, flags booleans). */
function errorDataOf(fields: unknown): Record<string, unknown> | null {
  if (!Array.isArray(fields) || fields.length === 0) return null;
  const out: Record<string, unknown> = {};
  for (const f of fields as Array<{ key: string; value: string }>) {
    out[f.key] = f.value === 'true' ? true : f.value === 'false' ? false : (f.key === 'assetId' || f.key.endsWith('Bps')) && /^\d+$/.test(f.value) ? Number(f.value) : f.value;
  }
  return out;
}

/** `p` with its failure worded for people (units looked up on the node). */
async function withErrorText(client: CoinworksClient, p: ProposalOutcome): Promise<ProposalOutcome> {
  if (!p.error) return p;
  const units = new Units(client);
  if (p.errorData) await units.load(assetIdsOf(p.errorData)).catch(() => units);
  return { ...p, errorText: failureText(p.error, p.errorData ?? null, units) };
}

/** A sent transaction and, once mined, its receipt. */
export interface Outcome {
  readonly id: string;
  readonly from: string;
  /** The wallet label of `from`, shown beside it in text (not part of --json). */
  readonly fromLabel?: string;
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
  let errorData: Record<string, unknown> | null = null;
  const alsoExecuted: NonNullable<ProposalOutcome['alsoExecuted']> = [];
  for (const e of events) {
    if (e.module !== 'multisig') continue;
    const d = e.data as Record<string, Json>;
    if (d.multisig !== multisig) continue;
    if (e.name === 'proposed' && id === null) {
      id = d.proposalId as string;
      nonce = d.nonce as string;
      expiresAt = d.expiresAt as string;
    }
    if (d.proposalId !== id) {
      if (e.name === 'executed' && executed) alsoExecuted.push({ proposalId: d.proposalId as string, nonce: d.nonce as string, ok: d.ok as boolean, error: (d.error as string | null) ?? null });
      continue;
    }
    if (e.name === 'approved') [approvals, threshold] = [d.approvals as number, d.threshold as number];
    if (e.name === 'executed') {
      executed = true;
      ok = d.ok as boolean;
      error = (d.error as string | null) ?? null;
      errorData = errorDataOf(d.errorData);
      nonce ??= d.nonce as string;
    }
  }
  return { multisig, proposalId: id, nonce, expiresAt, approvals, threshold, executed, ok, error, errorData, ...(alsoExecuted.length > 0 ? { alsoExecuted } : {}) };
}

async function waitFor(app: CliApp, client: CoinworksClient, id: string, o: TxOptions, json: boolean): Promise<TxInclusion> {
  if (!json) app.io.stderr.write(`sent ${id}\n`);
  return withSpinner(`waiting for ${id.slice(0, 16)}… to be mined`, () => client.waitForTx(id, { timeoutMs: o.timeout * 1000 }), app.io.stderr);
}

function outcomeOf(base: { id: string; from: string; fromLabel?: string; command: string; action: string | null }, inc: TxInclusion | null, proposal: ProposalOutcome | null): Outcome {
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
    return outcomeOf({ id, from: who.address, fromLabel: who.label, command: name, action: null }, inc, null);
  }
  const ms = await requireMultisig(ic, via);
  if (!ms.owners.includes(who.address)) {
    throw new CliError('CLI_BAD_ARGUMENT', `${who.label} (${who.address}) is not an owner of multisig ${via}; its owners are ${ms.owners.join(', ')}`);
  }
  await warnIfFails(app, client, via, action);
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
  const base = { id, from: who.address, fromLabel: who.label, command: 'multisig.propose', action: name };
  if (!o.wait) {
    const predicted: ProposalOutcome = { multisig: via, proposalId: ms.nextProposalId, nonce: proposalNonce.toString(), expiresAt: expiresAt.toString(), approvals: null, threshold: ms.threshold, executed: false, ok: null, error: null };
    return outcomeOf(base, null, predicted);
  }
  const inc = await waitFor(app, client, id, o, json);
  return outcomeOf(base, inc, await withErrorText(client, proposalOutcome(via, inc.receipt.events, null)));
}

/**
 * Runs the action as the multisig on the head state (tx_dryRun) and warns on stderr when it would
 * fail if it executed now (e.g. wiping an account that is not frozen, minting past the reserve),
 * so nobody collects approvals for an action that cannot succeed. Proposing still goes ahead: the
 * state may change before the proposal executes (a freeze queued before the wipe).
 */
export async function warnIfFails<P>(app: CliApp, client: CoinworksClient, multisig: string, action: Action<P>): Promise<void> {
  let r: { ok: boolean; error: { code: string; message: string } | null };
  try {
    r = await client.call('tx_dryRun', [multisig, action.module, action.command, bytesToHex(encode(action.schema, action.params))]);
  } catch {
    return; // a node without tx_dryRun: no warning
  }
  if (!r.ok && r.error) {
    app.io.stderr.write(`warning: ${action.module}.${action.command} would fail if it executed now: ${r.error.message} (${r.error.code}); proposing anyway, in case that changes before it executes\n`);
  }
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
  const base = { id, from: who.address, fromLabel: who.label, command: `multisig.${kind}`, action: null };
  if (!o.wait) return outcomeOf(base, null, null);
  const inc = await waitFor(app, client, id, o, json);
  return outcomeOf(base, inc, await withErrorText(client, proposalOutcome(multisig, inc.receipt.events, proposalId.toString())));
}

/** Human lines of a proposal outcome. */
export function proposalRows(p: ProposalOutcome, pending: boolean): Array<readonly [string, unknown]> {
  const rows: Array<readonly [string, unknown]> = [
    ['multisig', p.multisig],
    ['proposal', p.proposalId === null ? '-' : `${p.proposalId}${pending ? ' (expected)' : ''}${p.nonce !== null ? ` at nonce ${p.nonce}` : ''}`],
  ];
  if (p.approvals !== null) rows.push(['approvals', `${p.approvals} of ${p.threshold}`]);
  if (!pending) rows.push(['executed', p.executed ? (p.ok ? 'yes' : `yes, but the action failed: ${p.errorText ?? p.error}`) : 'not yet']);
  for (const x of p.alsoExecuted ?? []) rows.push(['then executed', `proposal ${x.proposalId} at nonce ${x.nonce} (queued behind it, fully approved)${x.ok ? '' : `, but its action failed: ${x.error}`}`]);
  return rows;
}

/**
 * Prints an outcome (JSON: `data` merged over the outcome; text: the rows plus transaction rows),
 * then fails with CLI_TX_FAILED if the transaction, or the action its proposal executed, failed.
 */
export function report(app: CliApp, c: Command, out: Outcome, data: Record<string, unknown>, rows: Array<readonly [string, unknown]>): void {
  const { json } = app.globals(c);
  const { fromLabel, ...outJson } = out;
  emit(app.io, json, { ...outJson, ...data }, () =>
    fields([
      ['transaction', out.id],
      // As `send` shows it: the label the user typed, with its address.
      ['from', fromLabel && fromLabel !== out.from ? `${fromLabel} (${out.from})` : out.from],
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
  if (p && p.executed && p.ok === false) throw new CliError('CLI_TX_FAILED', `proposal ${p.proposalId} of ${p.multisig} executed but its action failed: ${p.errorText ?? p.error ?? 'unknown reason'}`);
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
