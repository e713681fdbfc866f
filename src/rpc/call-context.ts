/**
 * The `MethodCall` every handler gets: the `EndpointContext` of module endpoints, implemented over
 * the node's chain and mempool, plus the server's services. Head state is read only through
 * `chain.view` and `chain.viewPage` (DESIGN.md "Reading state"), with the tip read inside the same
 * synchronous view so the state and the head block always belong together.
 */
import { decode, type Json } from '../encoding/codec.js';
import type { Chain } from '../chain/chain.js';
import type { HeadInfo, HeadPage, HeadPageOptions, HeadState } from '../state/endpoint.js';
import { eventIndex } from './event-index.js';
import type { MethodCall } from './method.js';
import type { RpcServices } from './services.js';
import type { WsSession } from './session.js';

/** The head block, read in the same synchronous step as the head state a view runs on (the chain moves both together). */
function headInfo(chain: Chain): HeadInfo {
  const tip = chain.tip;
  return { height: tip.height, hash: tip.hash, time: tip.header.time, nextExecutionTime: chain.nextExecutionTime() };
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
    view: <T>(fn: (state: HeadState, head: HeadInfo) => T): Promise<T> => chain.view((s) => fn(s, headInfo(chain))),
    page: <T>(prefix: string, o: HeadPageOptions, fn: (page: HeadPage, state: HeadState, head: HeadInfo) => T): Promise<T> => chain.viewPage(prefix, o, (p, s) => fn(p, s, headInfo(chain))),
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
    pendingNonce: (address, accountNonce) => mempool.pendingNonce(address, accountNonce),
    events: (modules) => eventIndex(chain, modules).events(),
  };
}
