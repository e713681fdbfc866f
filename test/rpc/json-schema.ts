/** A small JSON Schema checker for the subset the OpenRPC document uses (type, properties, anyOf, required, additionalProperties, items, oneOf, enum, pattern, minimum, maximum). */

/** Problems found validating `v` against `schema` (empty when it conforms). */
export function schemaErrors(schema: any, v: unknown, path = '$'): string[] {
  if (!schema || typeof schema !== 'object' || Object.keys(schema).length === 0 || schema.$ref) return [];
  if (schema.anyOf) return schema.anyOf.some((s: any) => schemaErrors(s, v, path).length === 0) ? [] : [`${path}: matches none of anyOf`];
  if (schema.oneOf) {
    const matches = schema.oneOf.filter((s: any) => schemaErrors(s, v, path).length === 0).length;
    return matches === 1 ? [] : [`${path}: matches ${matches} of oneOf`];
  }
  const out: string[] = [];
  const t = schema.type;
  const typeOk =
    t === undefined ||
    (t === 'object' && v !== null && typeof v === 'object' && !Array.isArray(v)) ||
    (t === 'array' && Array.isArray(v)) ||
    (t === 'string' && typeof v === 'string') ||
    (t === 'integer' && Number.isInteger(v)) ||
    (t === 'number' && typeof v === 'number') ||
    (t === 'boolean' && typeof v === 'boolean') ||
    (t === 'null' && v === null);
  if (!typeOk) return [`${path}: expected ${t}, got ${JSON.stringify(v)?.slice(0, 40)}`];
  if (schema.enum && !schema.enum.includes(v)) out.push(`${path}: not in enum`);
  if (typeof v === 'string' && schema.pattern && !new RegExp(schema.pattern).test(v)) out.push(`${path}: ${JSON.stringify(v).slice(0, 40)} does not match ${schema.pattern}`);
  if (typeof v === 'number') {
    if (schema.minimum !== undefined && v < schema.minimum) out.push(`${path}: below minimum`);
    if (schema.maximum !== undefined && v > schema.maximum) out.push(`${path}: above maximum`);
  }
  if (t === 'object') {
    const o = v as Record<string, unknown>;
    for (const k of schema.required ?? []) if (!(k in o)) out.push(`${path}.${k}: missing`);
    for (const [k, x] of Object.entries(o)) {
      if (schema.properties?.[k]) out.push(...schemaErrors(schema.properties[k], x, `${path}.${k}`));
      else if (schema.additionalProperties === false) out.push(`${path}.${k}: not allowed`);
    }
  }
  if (t === 'array' && schema.items) (v as unknown[]).forEach((x, i) => out.push(...schemaErrors(schema.items, x, `${path}[${i}]`)));
  return out;
}
