/**
 * The OpenRPC 1.2.6 document, generated from the method declarations (parameter names, schemas,
 * required flags and defaults; result schemas), never written by hand.
 */
import type { AnyMethod } from './method.js';
import type { JsonSchema } from './params.js';

/** Version of this RPC interface (bumped when a method changes incompatibly). */
export const RPC_API_VERSION = '1.0.0';

/** An OpenRPC document. */
export interface OpenRpcDocument {
  readonly openrpc: '1.2.6';
  readonly info: { readonly title: string; readonly version: string; readonly description: string };
  readonly methods: ReadonlyArray<{
    readonly name: string;
    readonly summary: string;
    readonly paramStructure: 'either';
    readonly params: ReadonlyArray<{ readonly name: string; readonly description: string; readonly required: boolean; readonly schema: JsonSchema }>;
    readonly result: { readonly name: string; readonly schema: JsonSchema };
    readonly 'x-transport'?: readonly string[];
  }>;
}

/** Builds the OpenRPC document of `methods`. */
export function openRpcDocument(methods: Iterable<AnyMethod>): OpenRpcDocument {
  return {
    openrpc: '1.2.6',
    info: {
      title: 'Coinworks JSON-RPC',
      version: RPC_API_VERSION,
      description:
        'JSON-RPC 2.0 over HTTP POST / and WebSocket /ws. Amounts of u64 and wider are decimal strings; block and transaction ids are reversed hex (as Bitcoin shows them); other bytes are plain hex; addresses are bech32m cw1... Errors: -32700 parse, -32600 invalid request, -32601 unknown method, -32602 invalid params, -32000 rule violated (data.code names it), -32001 not found, -32002 WebSocket only, -32005 limit exceeded.',
    },
    methods: [...methods].map((m) => ({
      name: m.name,
      summary: m.summary,
      paramStructure: 'either' as const,
      params: m.params.map((p) => ({
        name: p.name,
        description: p.description,
        required: p.required,
        schema: p.default === undefined ? p.type.schema : { ...p.type.schema, default: p.default },
      })),
      result: { name: m.result.name, schema: m.result.schema },
      ...(m.wsOnly ? { 'x-transport': ['websocket'] } : {}),
    })),
  };
}
