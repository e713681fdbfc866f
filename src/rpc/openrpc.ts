/**
 * The OpenRPC 1.2.6 document, generated from the method interfaces (parameter names, TypeBox
 * schemas, required flags and defaults; result schemas; access), never written by hand. It is
 * self-contained so offline validators can check it: the result schema of `rpc.discover` is the
 * OpenRPC meta-schema (@open-rpc/meta-schema, with the JSON Schema meta-schema it refers to from
 * @json-schema-tools/meta-schema), bundled into `components.schemas` with every `$ref` rewritten to
 * point inside the document. No `$ref` leaves the document.
 */
import { createRequire } from 'node:module';
import type { OpenrpcDocument } from '@open-rpc/meta-schema';
import type { MethodSpec } from '../api/spec.js';

/** Version of this RPC interface (bumped when a method changes incompatibly). */
export const RPC_API_VERSION = '1.1.0';

/** An OpenRPC document. */
export type OpenRpcDocument = OpenrpcDocument;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Deep copy of a schema as plain JSON (drops TypeBox's symbol keys and undefined). */
function plain<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/** Rewrites every `$ref` string in `v` with `map`. */
function rewriteRefs(v: Json, map: (ref: string) => string): Json {
  if (Array.isArray(v)) return v.map((x) => rewriteRefs(x, map));
  if (v !== null && typeof v === 'object') {
    const out: { [k: string]: Json } = {};
    for (const [k, x] of Object.entries(v)) out[k] = k === '$ref' && typeof x === 'string' ? map(x) : rewriteRefs(x, map);
    return out;
  }
  return v;
}

const COMPONENT = '#/components/schemas/';
/** Name of the bundled meta-schema in `components.schemas` (the result schema of rpc.discover). */
export const META_SCHEMA_NAME = 'openrpcDocument';

let bundled: Record<string, Json> | undefined;

/**
 * The OpenRPC meta-schema and the JSON Schema meta-schema it refers to, as `components.schemas`
 * entries whose references all point inside the document.
 */
export function bundledMetaSchemas(): Record<string, Json> {
  if (bundled) return bundled;
  const require = createRequire(import.meta.url);
  const openrpc = plain(require('@open-rpc/meta-schema').openrpcDocument) as { [k: string]: Json };
  const jsonSchema = plain(require('@json-schema-tools/meta-schema').default) as { [k: string]: Json };
  const JSON_SCHEMA_ID = /^https:\/\/meta\.json-schema\.tools\/?/;
  const jsonSchemaRef = (ref: string): string => {
    const local = ref.replace(JSON_SCHEMA_ID, '');
    if (local === '' || local === '#') return `${COMPONENT}JSONSchema`;
    if (local.startsWith('#/definitions/')) return COMPONENT + local.slice('#/definitions/'.length);
    throw new Error(`unexpected reference ${ref} in the JSON Schema meta-schema`);
  };
  const openrpcRef = (ref: string): string => {
    if (JSON_SCHEMA_ID.test(ref)) return jsonSchemaRef(ref);
    if (ref.startsWith('#/definitions/')) return COMPONENT + ref.slice('#/definitions/'.length);
    throw new Error(`unexpected reference ${ref} in the OpenRPC meta-schema`);
  };
  const out: Record<string, Json> = {};
  const { definitions: jsDefs, $schema: _s1, $id: _i1, ...jsRoot } = jsonSchema;
  for (const [k, d] of Object.entries(jsDefs as Record<string, Json>)) out[k] = rewriteRefs(d, jsonSchemaRef);
  out.JSONSchema = rewriteRefs(jsRoot, jsonSchemaRef);
  const { definitions: orDefs, $schema: _s2, $id: _i2, ...orRoot } = openrpc;
  for (const [k, d] of Object.entries(orDefs as Record<string, Json>)) {
    // The OpenRPC meta-schema's JSONSchema is a reference to the JSON Schema meta-schema, bundled above.
    if (k === 'JSONSchema') continue;
    out[k] = rewriteRefs(d, openrpcRef);
  }
  out[META_SCHEMA_NAME] = rewriteRefs(orRoot, openrpcRef);
  bundled = out;
  return out;
}

/** Builds the OpenRPC document of `methods`. */
export function openRpcDocument(methods: Iterable<MethodSpec>): OpenRpcDocument {
  return {
    openrpc: '1.2.6',
    info: {
      title: 'Coinworks JSON-RPC',
      version: RPC_API_VERSION,
      description:
        'JSON-RPC 2.0 over HTTP POST / and WebSocket /ws. Amounts of u64 and wider are decimal strings; block and transaction ids are reversed hex (as Bitcoin shows them); other bytes are plain hex; addresses are bech32m cw1... Methods marked x-access "control" change what the node does and need the auth cookie from the node\'s data directory (HTTP Basic, or an "auth" member of a WebSocket request). Errors: -32700 parse, -32600 invalid request, -32601 unknown method, -32602 invalid params, -32000 rule violated (data.code names it), -32001 not found, -32002 WebSocket only, -32003 unauthorized, -32005 limit exceeded.',
    },
    methods: [...methods].map((m) => ({
      name: m.name,
      summary: m.summary,
      paramStructure: 'either' as const,
      params: m.params.map((p) => ({
        name: p.name,
        description: p.description,
        required: p.required,
        schema: plain(p.default === undefined ? p.schema : { ...p.schema, default: p.default }),
      })),
      result: { name: m.result.name, schema: plain(m.result.schema), ...(m.result.description ? { description: m.result.description } : {}) },
      ...(m.wsOnly ? { 'x-transport': ['websocket'] } : {}),
      ...(m.access === 'control' ? { 'x-access': 'control' } : {}),
    })),
    components: { schemas: bundledMetaSchemas() as NonNullable<NonNullable<OpenrpcDocument['components']>['schemas']> },
  };
}
