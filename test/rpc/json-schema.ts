/** JSON Schema checks of RPC values against the schemas the OpenRPC document publishes (ajv, draft-07). */
import { Ajv, type ValidateFunction } from 'ajv';

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const compiled = new Map<string, ValidateFunction>();

/** Problems found validating `v` against `schema` (empty when it conforms); references into the document are not followed. */
export function schemaErrors(schema: any, v: unknown, path = '$'): string[] {
  if (!schema || typeof schema !== 'object' || Object.keys(schema).length === 0 || schema.$ref) return [];
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) compiled.set(key, (validate = ajv.compile(schema)));
  if (validate(v)) return [];
  return (validate.errors ?? []).map((e) => `${path}${e.instancePath}: ${e.message ?? 'invalid'}`);
}
