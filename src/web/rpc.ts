/**
 * The dashboard's one connection to the node, through the browser-safe client SDK only: HTTP calls
 * and the WebSocket `newHeads` subscription on the page's own origin, a reconnecting head feed,
 * and which features the node serves (from rpc.discover and probing calls).
 */
import { useEffect, useState } from 'preact/hooks';
import { CoinworksClient, RpcError } from '../client/index.js';
import type { Head } from '../client/index.js';

/** The node that served this page: JSON-RPC at POST /, WebSocket at /ws. */
export const client = new CoinworksClient(new URL('./', location.href).toString().replace(/\/$/, ''), { timeoutMs: 20_000 });

type Listener = (h: Head) => void;
const listeners = new Set<Listener>();
let head: Head | undefined;
let started = false;
let connected = false;
const statusListeners = new Set<(live: boolean) => void>();

function setLive(v: boolean): void {
  connected = v;
  for (const l of statusListeners) l(v);
}

function publish(h: Head): void {
  if (head && h.hash === head.hash) return;
  head = h;
  for (const l of listeners) l(h);
}

/** Subscribes to newHeads over the WebSocket, re-subscribing after a drop (every 3 s until it works). */
async function connect(): Promise<void> {
  try {
    await client.subscribeNewHeads(publish, () => {
      setLive(false);
      setTimeout(() => void connect(), 3000);
    });
    setLive(true);
    publish(await client.getHead());
  } catch (e) {
    console.warn('dashboard: newHeads subscription failed, retrying in 3 s:', errorText(e));
    setLive(false);
    setTimeout(() => void connect(), 3000);
  }
}

function start(): void {
  if (started) return;
  started = true;
  void client.getHead().then(publish, () => undefined);
  void connect();
}

/** The current chain head, live (undefined until the first answer). */
export function useHead(): Head | undefined {
  const [h, setH] = useState<Head | undefined>(head);
  useEffect(() => {
    start();
    listeners.add(setH);
    if (head) setH(head);
    return () => void listeners.delete(setH);
  }, []);
  return h;
}

/** Calls `fn` with the current head (if known) and on every new head. */
export function onHead(fn: Listener): () => void {
  start();
  listeners.add(fn);
  if (head) fn(head);
  return () => void listeners.delete(fn);
}

/** Whether the WebSocket subscription is up. */
export function useLive(): boolean {
  const [v, setV] = useState(connected);
  useEffect(() => {
    statusListeners.add(setV);
    setV(connected);
    return () => void statusListeners.delete(setV);
  }, []);
  return v;
}

let methodsPromise: Promise<Set<string>> | undefined;

/** Names of the methods the node serves (rpc.discover). */
export function methods(): Promise<Set<string>> {
  methodsPromise ??= client.discover().then(
    (doc) => new Set((doc.methods as Array<{ name?: string }>).map((m) => m.name ?? '')),
    () => new Set<string>(),
  );
  return methodsPromise;
}

/** True when an error says the feature is absent on this network (unknown method, or e.g. RPC_NO_STAKING). */
export function isAbsent(e: unknown): boolean {
  if (!(e instanceof RpcError)) return false;
  return e.rpcCode === -32601 || e.code.startsWith('RPC_NO_');
}

/** Data of an async load: value, error, or still loading; re-runs when `deps` change. */
export function useAsync<T>(fn: () => Promise<T>, deps: unknown[]): { value?: T; error?: unknown; loading: boolean; reload: () => void } {
  const [state, setState] = useState<{ value?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [n, setN] = useState(0);
  useEffect(() => {
    let alive = true;
    setState((s) => ({ ...s, loading: true }));
    fn().then(
      (value) => alive && setState({ value, loading: false }),
      (error: unknown) => alive && setState({ error, loading: false }),
    );
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, n]);
  return { ...state, reload: () => setN((x) => x + 1) };
}

/** A short message for an error. */
export function errorText(e: unknown): string {
  if (e instanceof RpcError) return `${e.message} (${e.code})`;
  return (e as Error)?.message ?? String(e);
}
