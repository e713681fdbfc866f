/**
 * The `MethodCall` every handler gets: the `EndpointContext` of module endpoints, implemented over
 * the node's chain and mempool, plus the server's services. Head state is read only through
 * `chain.view` (DESIGN.md "Reading state"), with the tip read inside the same synchronous view so
 * the state and the head block always belong together.
 */
import { decode, type Json } from '../encoding/codec.js';
import type { HeadInfo, HeadState } from '../state/endpoint.js';
import type { StateReader } from '../state/state-view.js';
import { eventIndex } from './event-index.js';
import type { MethodCall } from './method.js';
import type { RpcServices } from './services.js';
import type { WsSession } from './session.js';

/** The head state as a `HeadState` (a state that cannot scan by prefix is a bug of the node, not of the caller). */
export function asHeadState(s: StateReader): HeadState {
  if (typeof (s as Partial<HeadState>).entries !== 'function') throw new Error('the head state view cannot list keys by prefix');
  return s as HeadState;
}

/** A head state that proves its records (the world state's tree). */
export interface ProvableState extends StateReader {
  root(): Uint8Array;
  proof(key: string): { index: number; value: Uint8Array | null; siblings: Uint8Array[] } | undefined;
}

/** The head state as a `ProvableState` (one that cannot prove is a bug of the node, not of the caller). */
export function provable(s: StateReader): ProvableState {
  const p = s as Partial<ProvableState>;
  if (typeof p.root !== 'function' || typeof p.proof !== 'function') throw new Error('the head state view cannot prove records');
  return s as ProvableState;
}

/** Builds the call context of one request. */
export function methodCall(services: RpcServices, session: WsSession | null, after: (fn: () => void) => void): MethodCall {
  const { chain, mempool } = services.ctx;
  return {
    services,
    session,
    after,
    params: chain.params,
    modules: chain.sm.modules,
    view: <T>(fn: (state: HeadState, head: HeadInfo) => T): Promise<T> =>
      chain.view((s) => {
        const tip = chain.tip;
        return fn(asHeadState(s), { height: tip.height, hash: tip.hash, time: tip.header.time, nextExecutionTime: chain.nextExecutionTime() });
      }),
    eventJson: (e) => {
      const j = chain.sm.events.toJson(e);
      return { module: j.module, name: j.name, data: j.data as Json };
    },
    paramsJson: (module, command, params) => {
      const cmd = chain.sm.command(module, command);
      if (!cmd) return null;
      try {
        return cmd.schema.toJson(decode(cmd.schema, params)) as Json;
      } catch {
        return null;
      }
    },
    pendingNonce: (address) => mempool.pendingNonce(address),
    events: (modules) => eventIndex(chain, modules).events(),
  };
}
