/**
 * The state transition. For each transaction: stateless checks (chain id, command, params, fee
 * caps, gas), then nonce and fee checks against state; the fee is charged and the nonce bumped
 * outside the command's snapshot (both through the `TxFeeHandler` hooks one module provides, so
 * this file depends on no particular module), then the command runs inside it and is rolled back whole if it
 * fails (status `failed`, fee still paid), as Lisk's state machine does. Deterministic: no clock,
 * no randomness, no floating point; time comes from the block.
 */
import { CoinworksError, TxError, BlockError, StateError, peerFault } from '../errors.js';
import { decode } from '../encoding/codec.js';
import type { NetworkParams } from '../params/networks.js';
import type { PreparedTx } from '../primitives/tx.js';
import type { BlockInfo, Command, EventSink, StateModule } from './module.js';
import { EventRegistry, type EventRecord, type EventType } from './events.js';
import { StateOverlay } from './overlay.js';
import type { LoadingStateReader, StateReader, StateWriter } from './state-view.js';
import type { Receipt } from './receipt.js';
import type { TxCharge, TxFeeHandler } from './tx-fees.js';

/** A transaction's command, decoded params and gas, from the stateless checks. */
export interface TxPlan {
  readonly command: Command<unknown>;
  readonly params: unknown;
  readonly gas: bigint;
}

/** The outcome of executing a block's transactions on an overlay. */
export interface BlockExecution {
  readonly overlay: StateOverlay;
  readonly receipts: Receipt[];
  /** Transactions included, in order (all of the input when validating). */
  readonly included: PreparedTx[];
  /** Transactions left out while assembling, with the reason. */
  readonly rejected: Array<{ tx: PreparedTx; error: CoinworksError }>;
  readonly blockEvents: EventRecord[];
  readonly totals: { tips: bigint; burned: bigint; gasUsed: bigint };
}

/** What one transaction of a block came to. */
type TxOutcome = { kind: 'included'; receipt: Receipt } | { kind: 'rejected'; error: CoinworksError } | { kind: 'throw'; error: unknown };

/**
 * Genesis allocations per chunk: each chunk is written in its own batch and its events form one
 * block-events list (at most 65,536), so a genesis of any size builds in bounded memory.
 */
export const GENESIS_CHUNK = 50_000;

/** How deep commands may nest through `invoke` (a multisig executing a multisig action, …). */
const MAX_INVOKE_DEPTH = 4;

/** The one fee handler among `modules` (exactly one module must provide `txFees`). */
function feeHandlerOf(modules: readonly StateModule[]): TxFeeHandler {
  const providers = modules.filter((m) => m.txFees);
  if (providers.length !== 1) {
    const names = providers.map((m) => m.name).join(', ') || 'none';
    throw new CoinworksError('STATE_MODULES_INVALID', `exactly one module must provide the fee hooks (txFees); found: ${names}`);
  }
  return providers[0].txFees!;
}

/** An ordered event list that can be truncated back to a snapshot. */
class EventList implements EventSink {
  readonly records: EventRecord[] = [];
  emit<T>(type: EventType<T>, data: T): void {
    this.records.push(type.record(data));
  }
}

/** The state machine over a fixed list of modules. */
export class StateMachine {
  /** Event schemas of every module, for JSON output. */
  readonly events = new EventRegistry();
  private readonly commands = new Map<string, Command<unknown>>();
  /** Gas, nonce and fee hooks, from the module that provides them. */
  private readonly fees: TxFeeHandler;
  /** Transaction codes the modules own, each with its module (generic codes are in errors.ts). */
  readonly errorCodes = new Map<string, string>();

  constructor(
    readonly params: NetworkParams,
    readonly modules: readonly StateModule[],
  ) {
    this.fees = feeHandlerOf(modules);
    for (const m of modules) {
      for (const c of m.commands ?? []) this.commands.set(`${m.name}.${c.name}`, c as Command<unknown>);
      for (const code of Object.keys(m.errors ?? {})) {
        const owner = this.errorCodes.get(code);
        if (owner !== undefined) throw new CoinworksError('STATE_MODULES_INVALID', `modules ${owner} and ${m.name} both declare ${code}`);
        this.errorCodes.set(code, m.name);
      }
      this.events.register(...(m.events ?? []));
    }
  }

  /** The command registered as `module.command`, if any. */
  command(module: string, command: string): Command<unknown> | undefined {
    return this.commands.get(`${module}.${command}`);
  }

  /** Stateless checks; throws TxError with the rule that failed. */
  plan(ptx: PreparedTx): TxPlan {
    const { body } = ptx.tx;
    if (body.chainId !== this.params.chainId) {
      throw new TxError('TX_WRONG_CHAIN', `transaction is for chain ${body.chainId}, this is chain ${this.params.chainId}`);
    }
    const command = this.command(body.module, body.command);
    if (!command) throw new TxError('TX_UNKNOWN_COMMAND', `unknown command ${body.module}.${body.command}`);
    let params: unknown;
    try {
      params = decode(command.schema, body.params);
    } catch (e) {
      // Params that do not decode make the transaction invalid: the sender's fault, unlike a
      // command's own TX_INVALID_PARAMS checks (errors.ts, TX_VERDICTS).
      throw new TxError('TX_INVALID_PARAMS', `params of ${body.module}.${body.command}: ${(e as Error).message}`, {}, peerFault());
    }
    if (body.maxTipPerGas > body.maxFeePerGas) throw new TxError('TX_TIP_ABOVE_MAX_FEE', 'maxTipPerGas exceeds maxFeePerGas');
    const gas = this.fees.intrinsicGas(this.params, ptx.bytes.length, command.gas(params));
    if (body.gasLimit < gas) throw new TxError('TX_GAS_LIMIT_TOO_LOW', `gas limit ${body.gasLimit} is below the ${gas} gas this transaction uses`, { gas: gas.toString() });
    if (gas > this.params.fees.blockGasLimit) throw new TxError('TX_GAS_LIMIT_TOO_HIGH', `transaction uses ${gas} gas, above the block limit`);
    return { command, params, gas };
  }

  /** Nonce and fee checks against state (no writes), through the fee hooks; returns the charge. */
  private checkNonceAndFee(state: StateReader, ptx: PreparedTx, plan: TxPlan, baseFee: bigint, allowFutureNonce: boolean): TxCharge {
    return this.fees.check(state, ptx, plan.gas, baseFee, allowFutureNonce);
  }

  /**
   * Read-only admission check for the mempool: everything `applyTx` checks, plus the command's own
   * `verify`, against `state` (the head). A future nonce is allowed when `allowFutureNonce`.
   */
  verifyTx(state: StateReader, ptx: PreparedTx, block: BlockInfo, allowFutureNonce = false): TxPlan {
    const plan = this.plan(ptx);
    const charge = this.checkNonceAndFee(state, ptx, plan, block.baseFeePerGas, allowFutureNonce);
    if (charge.nonceIsNext) {
      // The command is checked as it will run: after the fee has been charged.
      const charged = new StateOverlay(state);
      charge.apply(charged);
      try {
        plan.command.verify?.({ params: plan.params, sender: ptx.sender, tx: ptx, block, state: charged });
      } catch (e) {
        // Balances it read had the fee taken off: its data says so (errors' `fee`, `feeCharged`),
        // so the refusal can read "amount + fee against the balance" (api/amounts.ts).
        if (e instanceof CoinworksError && e.data.feeCharged === undefined) Object.assign(e.data, { fee: charge.fee.toString(), feeCharged: true });
        throw e;
      }
    }
    return plan;
  }

  /**
   * Applies one transaction. Throws TxError when the transaction cannot be included at all
   * (the block would be invalid); returns a receipt (success or failed) otherwise.
   */
  applyTx(state: StateOverlay, ptx: PreparedTx, block: BlockInfo, events: EventList, plan = this.plan(ptx)): Receipt {
    const charge = this.checkNonceAndFee(state, ptx, plan, block.baseFeePerGas, false);
    // Charge the fee and use up the nonce first: these stay even if the command fails.
    charge.apply(state);
    const snap = state.snapshot();
    const evSnap = events.records.length;
    let error: string | null = null;
    try {
      this.run(plan.command, plan.params, ptx.sender, ptx, block, state, events, 0);
    } catch (e) {
      state.revert(snap);
      events.records.length = evSnap;
      error = e instanceof CoinworksError ? `${e.code}: ${e.message}` : `INTERNAL: ${(e as Error)?.message ?? String(e)}`;
    }
    return {
      txId: ptx.id,
      status: error === null ? 'success' : 'failed',
      gasUsed: plan.gas,
      fee: charge.fee,
      burned: charge.burned,
      tip: charge.tip,
      error,
      events: events.records.slice(evSnap),
    };
  }

  /** Runs a command's verify and execute, giving it `invoke` for nested commands (depth-limited). */
  private run(command: Command<unknown>, params: unknown, sender: Uint8Array, tx: PreparedTx, block: BlockInfo, state: StateOverlay, events: EventList, depth: number): void {
    const invoke = (module: string, name: string, raw: Uint8Array, as: Uint8Array): void => {
      if (depth >= MAX_INVOKE_DEPTH) throw new TxError('TX_COMMAND_FAILED', `nested commands deeper than ${MAX_INVOKE_DEPTH}`);
      const inner = this.command(module, name);
      if (!inner) throw new TxError('TX_UNKNOWN_COMMAND', `unknown command ${module}.${name}`);
      let p: unknown;
      try {
        p = decode(inner.schema, raw);
      } catch (e) {
        throw new TxError('TX_INVALID_PARAMS', `params of ${module}.${name}: ${(e as Error).message}`);
      }
      // Atomic: a failing inner command leaves no writes or events behind; the caller decides
      // what the failure means (a multisig still uses up its nonce).
      const snap = state.snapshot();
      const evSnap = events.records.length;
      try {
        this.run(inner, p, as, tx, block, state, events, depth + 1);
      } catch (e) {
        state.revert(snap);
        events.records.length = evSnap;
        throw e;
      }
    };
    const ctx = { params, sender, tx, block, state, events, invoke };
    command.verify?.(ctx);
    command.execute(ctx);
  }

  /**
   * Runs `module.command` with encoded `params` as `sender` on an overlay of `state`, writing
   * nothing, the way it would run inside `block` (Ethereum's eth_call): no signature, nonce or fee,
   * only the command's own verify and execute, nested commands included. For warnings before a
   * multisig proposes an action that would fail; the outcome is only as good as the state it ran on.
   */
  dryRun(state: StateReader, sender: Uint8Array, module: string, command: string, params: Uint8Array, block: BlockInfo): { ok: true; events: EventRecord[] } | { ok: false; error: CoinworksError } {
    const cmd = this.command(module, command);
    if (!cmd) return { ok: false, error: new TxError('TX_UNKNOWN_COMMAND', `unknown command ${module}.${command}`) };
    let p: unknown;
    try {
      p = decode(cmd.schema, params);
    } catch (e) {
      return { ok: false, error: new TxError('TX_INVALID_PARAMS', `params of ${module}.${command}: ${(e as Error).message}`) };
    }
    const events = new EventList();
    // Commands never read the transaction itself; a dry run has none.
    const noTx = { sender } as unknown as PreparedTx;
    try {
      this.run(cmd, p, sender, noTx, block, new StateOverlay(state), events, 0);
      return { ok: true, events: events.records };
    } catch (e) {
      if (!(e instanceof CoinworksError)) throw e;
      return { ok: false, error: e };
    }
  }

  /** Number of genesis chunks (`GENESIS_CHUNK` allocations each; at least one). */
  genesisChunks(): number {
    return Math.max(1, Math.ceil(this.params.genesis.allocations.length / GENESIS_CHUNK));
  }

  /**
   * Writes chunk `i` of the genesis state and returns its events: each chunk hands its slice of
   * the allocations to every module's `genesisAllocations`, in module order; the last chunk then
   * runs every module's one-off `genesis`.
   */
  genesisChunk(state: StateWriter, i: number): EventRecord[] {
    const events = new EventList();
    const allocations = this.params.genesis.allocations.slice(i * GENESIS_CHUNK, (i + 1) * GENESIS_CHUNK);
    for (const m of this.modules) m.genesisAllocations?.({ state, params: this.params, allocations, events });
    // One-off hooks run once every allocation is credited: a module's genesis may spend from them
    // (staking bonds the genesis validators from their operators' allocations).
    if (i === this.genesisChunks() - 1) for (const m of this.modules) m.genesis?.({ state, params: this.params, events });
    return events.records;
  }

  /** State keys genesis chunk `i` reads (modules' `genesisKeys`), to load before running it. */
  genesisChunkKeys(i: number): Set<string> {
    const allocations = this.params.genesis.allocations.slice(i * GENESIS_CHUNK, (i + 1) * GENESIS_CHUNK);
    const keys = new Set<string>();
    for (const m of this.modules) for (const k of m.genesisKeys?.(allocations) ?? []) keys.add(k);
    return keys;
  }

  /** Writes the whole genesis state in one go and returns its events (a small genesis: one chunk). */
  genesis(state: StateWriter): EventRecord[] {
    const out: EventRecord[] = [];
    for (let i = 0; i < this.genesisChunks(); i++) out.push(...this.genesisChunk(state, i));
    return out;
  }

  /**
   * Executes a block's transactions on an overlay over `base`. When validating (`assemble` false)
   * any transaction that cannot be included makes the block invalid (BLOCK_INVALID_TX, with the
   * transaction's rule in `data.txCode`); when assembling, such transactions are left out and
   * reported in `rejected`. `base` must hold every record the block reads (an in-memory state);
   * a disk-backed one goes through `executeBlockLoading`.
   */
  executeBlock(base: StateReader, block: BlockInfo, txs: readonly PreparedTx[], opts: { assemble?: boolean } = {}): BlockExecution {
    const run = this.executeSteps(base, block, txs, opts, () => false);
    const r = run.next();
    if (!r.done) throw new StateError('STATE_NOT_LOADED', 'block execution needs records this state does not hold');
    return r.value;
  }

  /**
   * `executeBlock` over a reader that may miss records (the disk-backed head state): a hook or
   * transaction that read a key the reader did not hold is rolled back whole, the missed keys are
   * loaded in one batch, and it runs again. The result is the same as with every record in memory.
   * Misses are read off the reader after each step, not from exceptions, because commands may
   * catch errors (a multisig carries on after a failed inner `invoke`).
   */
  async executeBlockLoading(base: LoadingStateReader, block: BlockInfo, txs: readonly PreparedTx[], opts: { assemble?: boolean } = {}): Promise<BlockExecution> {
    const run = this.executeSteps(base, block, txs, opts, () => base.missed);
    for (let r = run.next(); ; r = run.next()) {
      if (r.done) return r.value;
      await base.loadMissed();
    }
  }

  /**
   * State keys a block will obviously read (what modules and commands declare), to load before
   * executing it. Transactions whose params do not decode contribute nothing.
   */
  prefetchKeys(block: BlockInfo, txs: readonly PreparedTx[]): Set<string> {
    const keys = new Set<string>();
    for (const m of this.modules) for (const k of m.blockKeys?.(block, txs) ?? []) keys.add(k);
    for (const ptx of txs) {
      let plan: TxPlan;
      try {
        plan = this.plan(ptx);
      } catch {
        continue;
      }
      for (const k of plan.command.keys?.(plan.params, ptx.sender) ?? []) keys.add(k);
    }
    return keys;
  }

  /**
   * The block execution itself, as steps: after each hook and each transaction it asks `missed()`;
   * if the step read a record the reader lacked, the step is rolled back and the generator yields
   * so its driver can load the records, then the same step runs again.
   */
  private *executeSteps(base: StateReader, block: BlockInfo, txs: readonly PreparedTx[], opts: { assemble?: boolean }, missed: () => boolean): Generator<void, BlockExecution, void> {
    const overlay = new StateOverlay(base);
    const hookEvents = new EventList();
    const totals = { tips: 0n, burned: 0n, gasUsed: 0n };
    const hookCtx = { block, state: overlay, events: hookEvents, totals };
    const hook = function* (run: () => void): Generator<void, void, void> {
      for (;;) {
        const snap = overlay.snapshot();
        const evSnap = hookEvents.records.length;
        let threw = false;
        let error: unknown;
        try {
          run();
        } catch (e) {
          threw = true;
          error = e;
        }
        if (missed()) {
          overlay.revert(snap);
          hookEvents.records.length = evSnap;
          yield;
          continue;
        }
        if (threw) throw error;
        return;
      }
    };
    for (const m of this.modules) if (m.beforeTransactions) yield* hook(() => m.beforeTransactions!(hookCtx));
    const receipts: Receipt[] = [];
    const included: PreparedTx[] = [];
    const rejected: Array<{ tx: PreparedTx; error: CoinworksError }> = [];
    const txEvents = new EventList();
    const gasLimit = this.params.fees.blockGasLimit;
    // Room for header, coinbase and list prefix when assembling (validation checks the real size).
    const maxTxBytes = this.params.maxBlockBytes - 1024;
    let txBytes = 0;
    for (let i = 0; i < txs.length; i++) {
      const ptx = txs[i];
      let outcome: TxOutcome;
      for (;;) {
        const snap = overlay.snapshot();
        const evSnap = txEvents.records.length;
        outcome = this.txStep(overlay, ptx, i, block, txEvents, opts, totals.gasUsed, txBytes, gasLimit, maxTxBytes);
        if (!missed()) break;
        overlay.revert(snap);
        txEvents.records.length = evSnap;
        yield;
      }
      if (outcome.kind === 'throw') throw outcome.error;
      if (outcome.kind === 'rejected') {
        rejected.push({ tx: ptx, error: outcome.error });
        continue;
      }
      const r = outcome.receipt;
      receipts.push(r);
      included.push(ptx);
      txBytes += ptx.bytes.length;
      totals.gasUsed += r.gasUsed;
      totals.tips += r.tip;
      totals.burned += r.burned;
    }
    for (const m of this.modules) if (m.afterTransactions) yield* hook(() => m.afterTransactions!(hookCtx));
    return { overlay, receipts, included, rejected, blockEvents: hookEvents.records, totals };
  }

  /** One transaction of `executeSteps`: its outcome, without touching the block's lists. */
  private txStep(
    overlay: StateOverlay,
    ptx: PreparedTx,
    i: number,
    block: BlockInfo,
    txEvents: EventList,
    opts: { assemble?: boolean },
    gasUsed: bigint,
    txBytes: number,
    gasLimit: bigint,
    maxTxBytes: number,
  ): TxOutcome {
    const snap = overlay.snapshot();
    try {
      const plan = this.plan(ptx);
      if (opts.assemble && txBytes + ptx.bytes.length > maxTxBytes) return { kind: 'rejected', error: new BlockError('BLOCK_OVERSIZE', 'block is full (bytes)') };
      if (gasUsed + plan.gas > gasLimit) {
        if (opts.assemble) return { kind: 'rejected', error: new BlockError('BLOCK_GAS_LIMIT_EXCEEDED', 'block is full') };
        return { kind: 'throw', error: new BlockError('BLOCK_GAS_LIMIT_EXCEEDED', `transactions use more than the block gas limit ${gasLimit}`) };
      }
      return { kind: 'included', receipt: this.applyTx(overlay, ptx, block, txEvents, plan) };
    } catch (e) {
      if (!(e instanceof CoinworksError)) return { kind: 'throw', error: e };
      overlay.revert(snap);
      if (opts.assemble) return { kind: 'rejected', error: e };
      if (e instanceof BlockError) return { kind: 'throw', error: e };
      return { kind: 'throw', error: new BlockError('BLOCK_INVALID_TX', `transaction ${i} is invalid: ${e.message}`, { index: i, txCode: e.code }) };
    }
  }
}
