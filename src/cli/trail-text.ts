/**
 * An event trail for people (`asset events`, `multisig events`): one line per event with its block
 * time (UTC), block height, the account that sent the transaction (its wallet label when one of
 * your wallets has it), the event, amounts in the asset's decimals and symbol, text references as
 * text, and, on an executed proposal, who approved it. `--json` keeps the node's page as it is.
 */
import type { CoinworksClient, TrailJson } from '../client/index.js';
import { listWalletFiles, readWalletInfo } from '../wallet/wallet-store.js';
import { dataText } from './event-text.js';
import { table } from './output.js';
import { Units } from './units.js';
import { walletDirs, type WalletOptions } from './wallets.js';

/** Address -> label of every account in the wallet directories (best effort). */
export async function walletLabels(o: WalletOptions, env: NodeJS.ProcessEnv): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const dir of walletDirs(o, env)) {
    try {
      for (const name of await listWalletFiles(dir)) for (const a of (await readWalletInfo(dir, name)).accounts) if (!out.has(a.address)) out.set(a.address, a.label);
    } catch {
      /* unreadable wallets: addresses stay addresses */
    }
  }
  return out;
}

/** Text lines of a trail page. */
export async function trailText(t: TrailJson, client: CoinworksClient, labels: Map<string, string>): Promise<string[]> {
  if (t.events.length === 0) return ['no events'];
  const units = new Units(client);
  await units.load(t.events.map((e) => (e.data as { assetId?: unknown } | null)?.assetId).filter((x): x is number => typeof x === 'number'));
  // The sender of each transaction (the actor), once per transaction.
  const ids = [...new Set(t.events.map((e) => e.txId).filter((x): x is string => x !== null))];
  const senders = new Map<string, string>();
  await Promise.all(
    ids.map(async (id) => {
      const r = await client.getTransaction(id).catch(() => null);
      if (r && r.status !== 'pending') senders.set(id, r.tx.sender);
    }),
  );
  const name = (a: string) => labels.get(a) ?? a;
  // Who approved each proposal, from the approvals in this page.
  const approvers = new Map<string, string[]>();
  for (const e of t.events) {
    const d = e.data as Record<string, unknown>;
    if (e.module === 'multisig' && e.name === 'approved') {
      const k = `${String(d.multisig)}/${String(d.proposalId)}`;
      approvers.set(k, [...(approvers.get(k) ?? []), name(String(d.owner))]);
    }
  }
  const rows = t.events.map((e) => {
    const d = (e.data ?? {}) as Record<string, unknown>;
    const label = (v: unknown): unknown => (typeof v === 'string' && labels.has(v) ? labels.get(v) : Array.isArray(v) ? v.map(label) : v);
    const labelled = Object.fromEntries(Object.entries(d).map(([k, v]) => [k, label(v)]));
    let text = dataText(labelled, units, ['errorData']);
    if (e.module === 'multisig' && e.name === 'executed') {
      const by = approvers.get(`${String(d.multisig)}/${String(d.proposalId)}`);
      if (by) text += ` approvedBy=${by.join(',')}`;
    }
    const time = new Date(e.time * 1000).toISOString().replace('.000Z', 'Z');
    return [time, String(e.height), e.txId ? name(senders.get(e.txId) ?? '?') : '(block)', `${e.module}.${e.name}`, text];
  });
  const lines = table(['time (UTC)', 'block', 'by', 'event', 'details'], rows);
  if (t.nextFromHeight !== null) lines.push('', `more: --from-height ${t.nextFromHeight}`);
  return lines;
}
