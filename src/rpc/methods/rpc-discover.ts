/** `rpc.discover`: the OpenRPC document of this server, generated from the method declarations. */
import { defineMethod } from '../method.js';
import { openRpcDocument, type OpenRpcDocument } from '../openrpc.js';

let cached: { methods: unknown; doc: OpenRpcDocument } | undefined;

/** rpc.discover. */
export const rpcDiscover = defineMethod({
  name: 'rpc.discover',
  summary: 'The OpenRPC 1.2.6 document describing every method, its params and its result.',
  params: [],
  result: { name: 'openrpc', schema: { $ref: 'https://raw.githubusercontent.com/open-rpc/meta-schema/1.14.2/schema.json' } },
  handler: (call, _: []): OpenRpcDocument => {
    const { methods } = call.services;
    if (cached?.methods !== methods) cached = { methods, doc: openRpcDocument(methods.values()) };
    return cached.doc;
  },
});
