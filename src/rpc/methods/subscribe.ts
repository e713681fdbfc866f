/** `chain_subscribe`, `tx_subscribe`, `chain_unsubscribe`: WebSocket subscriptions. */
import { chainSubscribe as subscribeSpec, chainUnsubscribe as unsubscribeSpec, txSubscribe as txSubscribeSpec } from '../../api/core.js';
import { RPC_CODES, RpcServerError } from '../errors.js';
import { defineMethod, type MethodCall } from '../method.js';
import type { WsSession } from '../session.js';

function sessionOf(call: MethodCall): WsSession {
  // The dispatcher refuses wsOnly methods over HTTP; this guards direct calls.
  if (!call.session) throw new RpcServerError(RPC_CODES.TRANSPORT, 'RPC_WS_ONLY', 'subscriptions need a WebSocket connection (/ws)');
  return call.session;
}

/** chain_subscribe. */
export const chainSubscribe = defineMethod(subscribeSpec, (call) => call.services.hub.subscribeHeads(sessionOf(call)));

/** tx_subscribe. */
export const txSubscribe = defineMethod(txSubscribeSpec, (call, [id]) => {
  const session = sessionOf(call);
  const sub = call.services.hub.subscribeTx(session, id);
  call.after(() => void call.services.hub.checkIncluded(session, sub).catch(() => undefined));
  return sub;
});

/** chain_unsubscribe. */
export const chainUnsubscribe = defineMethod(unsubscribeSpec, (call, [id]) => call.services.hub.unsubscribe(sessionOf(call), id));
