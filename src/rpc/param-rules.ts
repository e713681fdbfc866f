/**
 * Plain-words rules for -32602 messages, read off the schema a parameter failed (the schema the
 * OpenRPC document publishes): `must be an integer from 1 to 1000, got "all"`. A schema may carry
 * its own wording (`api/params.ts` RULE); otherwise the rule is derived from its JSON Schema keywords.
 */
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import { ruleOf } from '../api/params.js';

/** How a bad JSON value is named in an invalid-params message. */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return v.length > 40 ? `a string of ${v.length} characters` : JSON.stringify(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'a number out of range';
  return typeof v === 'object' ? 'an object' : String(v);
}

type Schema = Record<string, unknown>;

function derived(s: Schema): string {
  const own = ruleOf(s);
  if (own) return own;
  if (Array.isArray(s.anyOf)) {
    const members = s.anyOf as Schema[];
    if (members.every((m) => m.const !== undefined)) return `must be one of ${members.map((m) => JSON.stringify(m.const)).join(', ')}`;
    return `must be ${members.map((m) => derived(m).replace(/^must be /, '')).join(', or ')}`;
  }
  if (s.const !== undefined) return `must be ${JSON.stringify(s.const)}`;
  switch (s.type) {
    case 'boolean':
      return 'must be true or false';
    case 'integer': {
      const min = s.minimum as number | undefined;
      const max = s.maximum as number | undefined;
      if (min !== undefined && max !== undefined) return `must be an integer from ${min} to ${max}`;
      if (min !== undefined) return `must be an integer >= ${min}`;
      return 'must be an integer';
    }
    case 'number':
      return 'must be a number';
    case 'string': {
      const parts: string[] = [];
      if (s.minLength !== undefined || s.maxLength !== undefined) parts.push(`of ${s.minLength ?? 0} to ${s.maxLength ?? 'any number of'} characters`);
      if (s.pattern) parts.push(`matching ${s.pattern as string}`);
      return `must be a string${parts.length ? ' ' + parts.join(' ') : ''}`;
    }
    case 'array':
      return 'must be an array';
    case 'null':
      return 'must be null';
    case 'object': {
      const keys = Object.keys((s.properties as object | undefined) ?? {});
      return keys.length ? `must be an object with the fields ${keys.join(', ')}` : 'must be an object';
    }
    default:
      return 'has the wrong type';
  }
}

/** The rule broken by `e`, and whether to show the offending value after it. */
export function ruleFor(e: ValueError): { rule: string; showValue: boolean } {
  if (e.type === ValueErrorType.ObjectRequiredProperty) return { rule: 'is required', showValue: false };
  if (e.type === ValueErrorType.ObjectAdditionalProperties) {
    const keys = Object.keys(((e.schema as Schema).properties as object | undefined) ?? {});
    return { rule: `unknown field; expected ${keys.join(', ') || 'none'}`, showValue: false };
  }
  return { rule: derived(e.schema as unknown as Schema), showValue: true };
}
