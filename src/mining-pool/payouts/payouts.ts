/**
 * Payouts: ordinary signed transactions from the pool's key, batched with bank.multiSend (up to
 * 256 outputs), paying every balance at or above the minimum, only from the pool's spendable coins
 * (block rewards unlock at maturity, so nothing immature is ever paid out); a balance larger than
 * what is spendable is paid in part (at least the minimum) and the rest later.
 *
 * No payout is ever made twice (issue 12): a payout's balance deductions and its signed
 * transaction are written in ONE fsynced batch BEFORE the transaction leaves the pool; after a
 * crash the stored transaction is sent again as it is (same nonce, same bytes), so it can be mined
 * at most once. A fee bump (when a payout is stuck) signs a new version with the SAME nonce: any
 * version may be mined, never two. Only one payout is in flight at a time; it is `confirmed` once
 * a version is in the main chain.
 */
import type { Chain } from '../../chain/chain.js';
import { compareBytes, hexToBytes } from '../../encoding/hex.js';
import { errorCode } from '../../errors.js';
import { decodeTx, encodeTx, prepareTx, type PreparedTx, type Tx } from '../../primitives/tx.js';
import { buildTxBody, signTx } from '../../primitives/tx-builder.js';
import { balanceOf, getAccount } from '../../state/modules/accounts/method.js';
import { MultiSendParams, MAX_MULTI_SEND_OUTPUTS } from '../../state/modules/bank/schemas.js';
import { TRANSFER_GAS } from '../../state/modules/bank/commands.js';
import { estimateFee } from '../../state/modules/fees/estimate.js';
import { intrinsicGas } from '../../state/modules/fees/gas.js';
import { encode } from '../../encoding/codec.js';
import type { PoolKey } from '../key.js';
import type { PoolLedger } from '../ledger/ledger.js';
import { MAX_PAYOUT_VERSIONS, type AddressAmount, type Payout } from '../ledger/records.js';
import type { StratumLog } from '../stratum/server.js';

/** Where payout transactions go (the node's mempool). */
export interface PayoutMempool {
  add(input: Uint8Array): Promise<PreparedTx>;
  has(key: string): boolean;
}

/** Settings of the payout service. */
export interface PayoutOptions {
  readonly chain: Chain;
  readonly mempool: PayoutMempool;
  readonly ledger: PoolLedger;
  readonly key: PoolKey;
  /** Smallest balance paid out (base units). */
  readonly minPayout: bigint;
  /** Blocks a payout may wait unmined before it is re-signed with a higher fee (default 20). */
  readonly bumpAfterBlocks?: number;
  readonly log?: StratumLog;
  readonly nowMs?: () => number;
}

/** The payout service. */
export class PayoutService {
  private running: Promise<void> | undefined;
  private again = false;
  private readonly sentAtHeight = new Map<bigint, number>();

  constructor(private readonly o: PayoutOptions) {}

  /** One round (serialised: calls during a round run one more round after it). */
  run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.round();
        } while (this.again);
      } catch (e) {
        this.o.log?.warn({ code: errorCode(e), err: (e as Error).message }, 'mining pool payout round failed');
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  private async round(): Promise<void> {
    await this.confirm();
    const open = [...this.o.ledger.openPayouts.values()];
    if (open.length > 0) {
      for (const p of open) await this.resend(p);
      return;
    }
    await this.payNew();
  }

  /** Marks payouts whose transaction is in the main chain as confirmed. */
  private async confirm(): Promise<void> {
    const { chain, ledger } = this.o;
    let changed = false;
    for (const p of [...ledger.openPayouts.values()]) {
      for (const bytes of p.txs) {
        const ptx = prepareTx(decodeStored(bytes), bytes);
        const loc = await chain.store.txLocation(ptx.id);
        const entry = loc ? chain.index.get(loc.blockHash) : undefined;
        if (!loc || !entry || !chain.index.isMain(entry)) continue;
        const receipts = await chain.store.receipts(loc.blockHash);
        const fee = receipts?.receipts[loc.index]?.fee ?? 0n;
        ledger.putPayout({ ...p, status: 'confirmed', confirmedHeight: entry.height, txId: ptx.id, fee });
        this.sentAtHeight.delete(p.seq);
        changed = true;
        break;
      }
    }
    if (changed) await ledger.commit();
  }

  /** Sends an open payout again (after a restart, or when the mempool lost it); bumps its fee when stuck. */
  private async resend(p: Payout): Promise<void> {
    const { chain, mempool } = this.o;
    const latest = p.txs[p.txs.length - 1];
    const ptx = prepareTx(decodeStored(latest), latest);
    const first = this.sentAtHeight.get(p.seq);
    if (first === undefined) this.sentAtHeight.set(p.seq, chain.tip.height);
    else if (chain.tip.height - first >= (this.o.bumpAfterBlocks ?? 20) && p.txs.length < MAX_PAYOUT_VERSIONS) {
      await this.bump(p);
      return;
    }
    if (mempool.has(ptx.key)) return;
    await this.submit(latest, p.seq);
  }

  private async submit(bytes: Uint8Array, seq: bigint): Promise<void> {
    try {
      await this.o.mempool.add(bytes);
    } catch (e) {
      // Kept as sent: the same bytes are offered again next round (a nonce can be spent only once).
      this.o.log?.warn({ payout: seq.toString(), code: errorCode(e), err: (e as Error).message }, 'mining pool payout not accepted by the mempool yet');
    }
  }

  /** Signs a new version of a stuck payout: same nonce and outputs, a higher fee. */
  private async bump(p: Payout): Promise<void> {
    const prev = decodeStored(p.txs[p.txs.length - 1]);
    const fee = this.feeFor(p.outputs.length);
    const maxFeePerGas = bigMax(fee.maxFeePerGas, (prev.body.maxFeePerGas * 3n) / 2n + 1n);
    const maxTipPerGas = bigMax(fee.maxTipPerGas, (prev.body.maxTipPerGas * 3n) / 2n + 1n);
    const bytes = this.sign(p.outputs, p.nonce, maxFeePerGas, maxTipPerGas);
    this.o.ledger.putPayout({ ...p, txs: [...p.txs, bytes] });
    await this.o.ledger.commit();
    this.sentAtHeight.set(p.seq, this.o.chain.tip.height);
    this.o.log?.info({ payout: p.seq.toString(), maxFeePerGas: maxFeePerGas.toString() }, 'mining pool payout re-signed with a higher fee');
    await this.submit(bytes, p.seq);
  }

  private feeFor(outputs: number): { gas: bigint; maxFeePerGas: bigint; maxTipPerGas: bigint } {
    const { chain } = this.o;
    const est = estimateFee(chain.params, chain.tip, [], 3);
    // Every field of a signed transaction but the params has a fixed size: zeros give the exact length.
    const params = encode(MultiSendParams, { outputs: Array.from({ length: outputs }, () => ({ to: new Uint8Array(20), assetId: 0, amount: 0n })) });
    const bytes = encodeTx({
      body: { chainId: 0, module: 'bank', command: 'multiSend', nonce: 0n, gasLimit: 0n, maxFeePerGas: 0n, maxTipPerGas: 0n, senderPublicKey: new Uint8Array(33), params },
      signature: new Uint8Array(64),
    }).length;
    return { gas: intrinsicGas(chain.params, bytes, TRANSFER_GAS * BigInt(Math.max(1, outputs))), maxFeePerGas: est.maxFeePerGas, maxTipPerGas: est.maxTipPerGas };
  }

  private sign(outputs: readonly AddressAmount[], nonce: bigint, maxFeePerGas: bigint, maxTipPerGas: bigint): Uint8Array {
    const { chain, key } = this.o;
    const { gas } = this.feeFor(outputs.length);
    const body = buildTxBody(
      'bank',
      'multiSend',
      MultiSendParams,
      { outputs: outputs.map((o) => ({ to: o.address, assetId: 0, amount: o.amount })) },
      { chainId: chain.params.chainId, nonce, gasLimit: gas, maxFeePerGas, maxTipPerGas, senderPublicKey: key.publicKey },
    );
    return encodeTx(signTx(body, key.sign));
  }

  /** Pays every balance at or above the minimum that the pool's spendable coins cover. */
  private async payNew(): Promise<void> {
    const { chain, ledger, key } = this.o;
    const candidates: AddressAmount[] = [];
    for (const [hex, b] of ledger.balances) {
      if (b.balance >= this.o.minPayout && b.balance > 0n) candidates.push({ address: hexToBytes(hex), amount: b.balance });
    }
    if (candidates.length === 0) return;
    // Largest balances first; ties by address, so the order is deterministic.
    candidates.sort((a, b) => (a.amount > b.amount ? -1 : a.amount < b.amount ? 1 : compareBytes(a.address, b.address)));
    const acc = await chain.view((s) => getAccount(s, key.address));
    const have = balanceOf(acc);
    // The fee is reserved for the largest batch; what is left is shared out largest balance first.
    // A balance the spendable coins do not fully cover is paid in part (at least the minimum),
    // the rest waits for the next matured block (PPS credits run ahead of the pool's income).
    const batch = candidates.slice(0, MAX_MULTI_SEND_OUTPUTS);
    const reserve = (n: number) => {
      const f = this.feeFor(n);
      return f.gas * f.maxFeePerGas;
    };
    let left = have - reserve(batch.length);
    const outputs: AddressAmount[] = [];
    for (const c of batch) {
      const amount = c.amount <= left ? c.amount : left;
      if (amount < this.o.minPayout || amount <= 0n) continue;
      outputs.push({ address: c.address, amount });
      left -= amount;
    }
    if (outputs.length === 0) return;
    const fee = this.feeFor(outputs.length);
    const bytes = this.sign(outputs, acc.nonce, fee.maxFeePerGas, fee.maxTipPerGas);
    const seq = ledger.takePayoutSeq();
    for (const out of outputs) ledger.debit(out.address, out.amount);
    ledger.putPayout({
      seq,
      createdMs: BigInt((this.o.nowMs ?? Date.now)()),
      nonce: acc.nonce,
      outputs,
      status: 'sent',
      txs: [bytes],
      confirmedHeight: 0,
      txId: new Uint8Array(32),
      fee: 0n,
    });
    // Durable BEFORE the transaction leaves the pool.
    await ledger.commit();
    this.sentAtHeight.set(seq, chain.tip.height);
    this.o.log?.info({ payout: seq.toString(), outputs: outputs.length, total: outputs.reduce((a, x) => a + x.amount, 0n).toString() }, 'mining pool payout sent');
    await this.submit(bytes, seq);
  }

}

function bigMax(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

function decodeStored(bytes: Uint8Array): Tx {
  return decodeTx(bytes);
}
