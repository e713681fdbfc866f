/** `rpc.discover`: the OpenRPC document of this server, generated from the method interfaces. */
import { rpcDiscover as spec } from '../../api/core.js';
import { defineMethod } from '../method.js';
import { openRpcDocument, type OpenRpcDocument } from '../openrpc.js';

let cached: { methods: unknown; doc: OpenRpcDocument } | undefined;

/** rpc.discover. */
export const rpcDiscover = defineMethod(spec, (call) => {
  const { methods } = call.services;
  if (cached?.methods !== methods) cached = { methods, doc: openRpcDocument([...methods.values()].map((m) => m.spec)) };
  return cached.doc;
});
