/** `chain_subscribe`, `tx_subscribe`, `chain_unsubscribe`: WebSocket subscriptions. */
import { RPC_CODES, RpcServerError } from '../errors.js';
import { defineMethod, param, type MethodCall } from '../method.js';
import { enumParam, hashParam, stringParam } from '../params.js';
import { boolS, strS } from '../result-schemas.js';
import type { WsSession } from '../session.js';

function sessionOf(call: MethodCall): WsSession {
  // The dispatcher refuses wsOnly methods over HTTP; this guards direct calls.
  if (!call.session) throw new RpcServerError(RPC_CODES.TRANSPORT, 'RPC_WS_ONLY', 'subscriptions need a WebSocket connection (/ws)');
  return call.session;
}

/** chain_subscribe. */
export const chainSubscribe = defineMethod({
  name: 'chain_subscribe',
  summary: 'Subscribes to new chain heads (WebSocket only): a `chain_subscription` notification with the head (as chain_getHead) on every tip change. Returns the subscription id.',
  params: [param('topic', enumParam(['newHeads'] as const), 'what to follow')],
  result: { name: 'subscription', schema: strS },
  wsOnly: true,
  handler: (call, _: ['newHeads']): string => call.services.hub.subscribeHeads(sessionOf(call)),
});

/** tx_subscribe. */
export const txSubscribe = defineMethod({
  name: 'tx_subscribe',
  summary:
    'Subscribes to the inclusion of a transaction (WebSocket only): one `chain_subscription` notification with its block, position and receipt when a connected block contains it (at once if it already is), then the subscription ends.',
  params: [param('id', hashParam(), 'transaction id (64 hex digits, display order)')],
  result: { name: 'subscription', schema: strS },
  wsOnly: true,
  handler: (call, [id]: [Uint8Array]): string => {
    const session = sessionOf(call);
    const sub = call.services.hub.subscribeTx(session, id);
    call.after(() => void call.services.hub.checkIncluded(session, sub).catch(() => undefined));
    return sub;
  },
});

/** chain_unsubscribe. */
export const chainUnsubscribe = defineMethod({
  name: 'chain_unsubscribe',
  summary: 'Ends a subscription of this connection; false when there is no such subscription.',
  params: [param('subscription', stringParam(66, /^0x[0-9a-f]+$/), 'subscription id')],
  result: { name: 'removed', schema: boolS },
  wsOnly: true,
  handler: (call, [id]: [string]): boolean => call.services.hub.unsubscribe(sessionOf(call), id),
});
