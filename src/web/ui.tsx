/** Small shared pieces of the dashboard's pages: cards, key-value lists, links, states. */
import type { ComponentChildren } from 'preact';
import { errorText } from './rpc.js';
import { href } from './route.js';
import { short } from './format.js';

/** A titled section. */
export function Card({ title, children, id }: { title: string; children: ComponentChildren; id?: string }) {
  return (
    <section class="card" aria-label={title} data-testid={id}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

/** A figure with its label. */
export function Stat({ label, value, id }: { label: string; value: ComponentChildren; id?: string }) {
  return (
    <div class="stat">
      <div class="stat-label">{label}</div>
      <div class="stat-value" data-testid={id}>
        {value}
      </div>
    </div>
  );
}

/** Key-value rows. */
export function Fields({ rows }: { rows: Array<[string, ComponentChildren]> }) {
  return (
    <dl class="fields">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The page's feature does not exist on this network. */
export function Absent({ what, why }: { what: string; why: string }) {
  return (
    <div class="absent" role="status" data-testid="absent">
      <strong>{what}: not on this network.</strong> <span>{why}</span>
    </div>
  );
}

/** Loading and error states. */
export function Loading() {
  return (
    <p class="muted" role="status">
      Loading…
    </p>
  );
}

/** An error from the node. */
export function Failed({ error }: { error: unknown }) {
  return (
    <p class="error" role="alert">
      {errorText(error)}
    </p>
  );
}

/** A link to a block. */
export function BlockLink({ id, label }: { id: string | number; label?: string }) {
  return <a href={href('block', id)}>{label ?? (typeof id === 'number' ? `#${id}` : short(id))}</a>;
}

/** A link to a transaction. */
export function TxLink({ id }: { id: string }) {
  return (
    <a href={href('tx', id)} class="mono">
      {short(id)}
    </a>
  );
}

/** A link to an address. */
export function AddressLink({ address, full = false }: { address: string; full?: boolean }) {
  return (
    <a href={href('address', address)} class="mono">
      {full ? address : short(address, 10, 6)}
    </a>
  );
}
