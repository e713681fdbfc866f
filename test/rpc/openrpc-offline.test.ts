/**
 * rpc.discover validates offline: against the OpenRPC meta-schema (from the pinned npm package, with
 * the JSON Schema meta-schema it refers to registered locally: ajv never fetches), with no `$ref`
 * leaving the document, and with every parameter and result schema a valid JSON Schema.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import { startFixture } from './helpers.js';
import { openRpcDocument } from '../../src/rpc/openrpc.js';
import { RPC_METHODS } from '../../src/rpc/methods/index.js';

const require = createRequire(import.meta.url);

function refs(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) for (const x of v) refs(x, out);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) (k === '$ref' && typeof x === 'string' ? out.push(x) : refs(x, out));
  return out;
}

/** An ajv that knows only the two meta-schemas and cannot load anything else. */
function offlineAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, validateSchema: false });
  // The OpenRPC meta-schema refers to it as https://meta.json-schema.tools (its own $id has a trailing slash).
  const { $id: _id, ...jsonSchemaMeta } = require('@json-schema-tools/meta-schema').default;
  ajv.addSchema(jsonSchemaMeta, 'https://meta.json-schema.tools');
  ajv.addSchema(jsonSchemaMeta, 'https://meta.json-schema.tools/');
  return ajv;
}

test('rpc.discover validates offline against the OpenRPC meta-schema, and no $ref leaves the document', async () => {
  const f = await startFixture();
  try {
    const doc = await f.call('rpc.discover');
    const validate = offlineAjv().compile(require('@open-rpc/meta-schema').openrpcDocument);
    assert.equal(validate(doc), true, JSON.stringify(validate.errors?.slice(0, 5)));
    const all = refs(doc);
    assert.ok(all.length > 10, 'the bundled meta-schema is referenced inside the document');
    assert.deepEqual(all.filter((r) => !r.startsWith('#/components/schemas/')), [], 'every $ref points inside the document');
    for (const r of new Set(all)) {
      const name = r.slice('#/components/schemas/'.length).split('/')[0];
      assert.ok(doc.components.schemas[name], `${r} resolves inside the document`);
    }
    const discover = doc.methods.find((m: any) => m.name === 'rpc.discover');
    assert.equal(discover.result.schema.$ref, '#/components/schemas/openrpcDocument');
  } finally {
    await f.close();
  }
});

test("the document's bundled meta-schema validates the document itself (a validator reading only the document can check it)", () => {
  const doc = openRpcDocument(RPC_METHODS.map((m) => m.spec)) as any;
  // Resolve the document's internal references the way an offline tool would: as definitions of one schema.
  const rewrite = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(rewrite) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === '$ref' && typeof x === 'string' ? x.replace('#/components/schemas/', '#/definitions/') : rewrite(x)])) : v;
  const schema = { definitions: rewrite(doc.components.schemas), $ref: '#/definitions/openrpcDocument' };
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  const validate = ajv.compile(schema);
  assert.equal(validate(doc), true, JSON.stringify(validate.errors?.slice(0, 5)));
  // A broken document is refused by the same bundled schema.
  assert.equal(validate({ ...doc, methods: [{ name: 'x' }] }), false);
});

test('every param and result schema in the document is a valid JSON Schema (draft-07)', () => {
  const doc = openRpcDocument(RPC_METHODS.map((m) => m.spec)) as any;
  const ajv = new Ajv({ strict: false, validateFormats: false });
  for (const m of doc.methods) {
    for (const p of m.params) assert.equal(ajv.validateSchema(p.schema), true, `${m.name} ${p.name}: ${JSON.stringify(ajv.errors)}`);
    assert.equal(ajv.validateSchema(m.result.schema), true, `${m.name} result: ${JSON.stringify(ajv.errors)}`);
  }
});
