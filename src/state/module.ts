/**
 * The shape every state module has (Lisk SDK's BaseModule/BaseCommand): commands with `verify` then
 * `execute`, typed stores, typed events, and optional block hooks. A command throws a `TxError` to
 * fail; the state machine then reverts the command's writes and events but still charges the fee.
 */
import type { Verdict } from '../errors.js';
import type { Codec } from '../encoding/codec.js';
import type { PreparedTx } from '../primitives/tx.js';
import type { GenesisAllocation, NetworkParams } from '../params/networks.js';
import type { StateReader, StateWriter } from './state-view.js';
import type { EventRecord, EventType } from './events.js';
import type { TxFeeHandler } from './tx-fees.js';

/** One piece of misbehaviour a block carries, already verified by the engine (signatures, validator set). */
export interface MisbehaviourFact {
  /** `duplicate-vote`: two signed votes for one height, round and step with different blocks. */
  readonly kind: 'duplicate-vote';
  /** Address (staking identity) of the validator that misbehaved. */
  readonly validator: Uint8Array;
  /** Height at which it happened. */
  readonly height: bigint;
}

/**
 * Facts about how a block was produced, decoded and verified by the consensus engine from the
 * coinbase's `consensus` data, for the state modules that reward and punish validators (state
 * modules never decode an engine's format). Proof of work: no proposer, no signers, no evidence.
 */
export interface ConsensusFacts {
  /** Validator that proposed the block (staking identity address), or null when the engine has none. */
  readonly proposer: Uint8Array | null;
  /** Validators whose precommit for the parent is in this block's commit certificate, in validator-set order. */
  readonly parentSigners: readonly Uint8Array[];
  /** Verified misbehaviour the block includes. */
  readonly evidence: readonly MisbehaviourFact[];
}

/** The facts of a block from an engine without validators. */
export const NO_CONSENSUS_FACTS: ConsensusFacts = Object.freeze({ proposer: null, parentSigners: Object.freeze([]), evidence: Object.freeze([]) });

/** What a block hook or command knows about the block being built or applied. */
export interface BlockInfo {
  readonly height: bigint;
  /** Hash of the parent block (internal order): unpredictable before the parent exists. */
  readonly parentHash: Uint8Array;
  /**
   * The block's execution time in seconds, as the consensus engine defines it (proof of work: the
   * parent's median time past, BIP 113), never a field a miner may roll: the only clock consensus
   * code may read.
   */
  readonly time: number;
  readonly chainId: number;
  readonly beneficiary: Uint8Array;
  readonly baseFeePerGas: bigint;
  /** New coins the consensus engine grants this block's producer (subsidy). */
  readonly reward: bigint;
  /** Supply-ledger cause of `reward`: mining for proof of work, staking for proof of stake. */
  readonly rewardCause: 'mining' | 'staking';
  /** The engine's committed block data (the coinbase's `consensus` bytes; empty for proof of work). */
  readonly consensusData: Uint8Array;
  /** What the engine read from `consensusData` that state rules act on (proposer, who signed the parent, evidence). */
  readonly consensus: ConsensusFacts;
  readonly params: NetworkParams;
}

/** Collects events in order; the state machine snapshots it together with state. */
export interface EventSink {
  emit<T>(type: EventType<T>, data: T): void;
}

/** Context of one command execution. */
export interface CommandContext<P> {
  readonly params: P;
  readonly sender: Uint8Array;
  readonly tx: PreparedTx;
  readonly block: BlockInfo;
  readonly state: StateWriter;
  readonly events: EventSink;
  /**
   * Runs another module's command (its `verify` then `execute`) as `sender`, in this transaction's
   * state and event stream: how a multisig executes an approved action. No extra fee or nonce.
   * Atomic: if it throws (TX_UNKNOWN_COMMAND / TX_INVALID_PARAMS / the command's own TxError),
   * its writes and events are already rolled back, so the caller may catch and carry on.
   */
  invoke(module: string, command: string, params: Uint8Array, sender: Uint8Array): void;
}

/** Context of a read-only command check (mempool admission and before execute). */
export interface VerifyContext<P> {
  readonly params: P;
  readonly sender: Uint8Array;
  readonly tx: PreparedTx;
  readonly block: BlockInfo;
  readonly state: StateReader;
}

/** One command of a module. */
export interface Command<P> {
  readonly name: string;
  /** Schema of the command's params (decoded from `tx.body.params`). */
  readonly schema: Codec<P>;
  /** Gas charged for the command on top of the per-transaction and per-byte gas. */
  gas(params: P): bigint;
  /** Read-only checks; throws TxError. */
  verify?(ctx: VerifyContext<P>): void;
  /** Applies the command; throws TxError to fail (writes are rolled back, the fee stays paid). */
  execute(ctx: CommandContext<P>): void;
  /**
   * State keys the command will obviously read (a transfer's recipient), loaded before the block
   * executes so the disk-backed state rarely misses. A hint only: a key left out is loaded when
   * missed and the transaction runs again.
   */
  keys?(params: P, sender: Uint8Array): Iterable<string>;
}

/** Context of a block hook: before the first or after the last transaction. */
export interface BlockHookContext {
  readonly block: BlockInfo;
  readonly state: StateWriter;
  readonly events: EventSink;
  /** Totals of the block so far (after all transactions for `afterTransactions`). */
  readonly totals: { readonly tips: bigint; readonly burned: bigint; readonly gasUsed: bigint };
}

/** A state module. */
export interface StateModule {
  readonly name: string;
  readonly commands?: readonly Command<any>[];
  readonly events?: readonly EventType<any>[];
  /** Transaction codes this module owns, with their verdicts (its `errors.ts`, `defineTxErrors`). */
  readonly errors?: Readonly<Record<string, Verdict>>;
  /** The chain's fee and nonce hooks; exactly one module of a chain provides them (core: `fees`). */
  readonly txFees?: TxFeeHandler;
  /** Writes the module's genesis state (once, before any allocation). */
  genesis?(ctx: { state: StateWriter; params: NetworkParams; events: EventSink }): void;
  /**
   * Writes the genesis state of some of `params.genesis.allocations`: called once per chunk of
   * them, in order, so a genesis of millions of allocations is built and written in bounded pieces.
   */
  genesisAllocations?(ctx: { state: StateWriter; params: NetworkParams; allocations: readonly GenesisAllocation[]; events: EventSink }): void;
  /** State keys `genesisAllocations` reads for these allocations (a prefetch hint, as `blockKeys`). */
  genesisKeys?(allocations: readonly GenesisAllocation[]): Iterable<string>;
  /** Runs before the block's transactions. */
  beforeTransactions?(ctx: BlockHookContext): void;
  /** Runs after the block's transactions. */
  afterTransactions?(ctx: BlockHookContext): void;
  /** State keys this module will read for a block (senders' accounts, matured rewards): a prefetch hint, as `Command.keys`. */
  blockKeys?(block: BlockInfo, txs: readonly PreparedTx[]): Iterable<string>;
}

/** Events emitted by a block hook or transaction, in order. */
export type EventList = EventRecord[];
