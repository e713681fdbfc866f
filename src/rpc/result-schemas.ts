/**
 * JSON Schema fragments describing RPC results, shared by the method declarations and published
 * in the OpenRPC document: decimal strings for u64+ amounts, reversed hex for block and tx ids,
 * plain hex for other bytes, bech32m for addresses.
 */
import type { JsonSchema } from './params.js';

/** A string. */
export const strS: JsonSchema = { type: 'string' };
/** A JSON integer >= 0. */
export const uintS: JsonSchema = { type: 'integer', minimum: 0 };
/** A JSON number. */
export const numberS: JsonSchema = { type: 'number' };
/** A boolean. */
export const boolS: JsonSchema = { type: 'boolean' };
/** An unsigned integer as a decimal string (u64 and wider). */
export const decS: JsonSchema = { type: 'string', pattern: '^(0|[1-9][0-9]*)$' };
/** A block or transaction id: 64 hex digits, display (reversed) order. */
export const hashS: JsonSchema = { type: 'string', pattern: '^[0-9a-f]{64}$' };
/** 32 bytes of hex in natural order (state roots). */
export const bytes32S: JsonSchema = { type: 'string', pattern: '^[0-9a-f]{64}$' };
/** Hex bytes. */
export const hexS: JsonSchema = { type: 'string', pattern: '^([0-9a-f]{2})*$' };
/** A bech32m address. */
export const addressS: JsonSchema = { type: 'string', pattern: '^cw1[02-9ac-hj-np-z]+$' };
/** Any JSON value. */
export const anyS: JsonSchema = {};

/** An object with exactly these properties (all required unless listed in `optional`). */
export function objS(properties: Record<string, JsonSchema>, optional: readonly string[] = []): JsonSchema {
  return { type: 'object', properties, required: Object.keys(properties).filter((k) => !optional.includes(k)), additionalProperties: false };
}

/** An array of items. */
export function arrS(items: JsonSchema): JsonSchema {
  return { type: 'array', items };
}

/** `schema` or null. */
export function nullableS(schema: JsonSchema): JsonSchema {
  return { oneOf: [schema, { type: 'null' }] };
}

/** Chain head (chain_getHead and newHeads notifications). */
export const headS = objS({
  network: strS,
  chainId: uintS,
  height: uintS,
  hash: hashS,
  prevHash: hashS,
  time: uintS,
  bits: uintS,
  difficulty: { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?$' },
  chainWork: decS,
  stateRoot: bytes32S,
  baseFeePerGas: decS,
  nextBaseFeePerGas: decS,
  gasUsed: decS,
  txCount: uintS,
});

/** An event as JSON (data decoded when its schema is known, else hex). */
export const eventS = objS({ module: strS, name: strS, data: anyS });

/** A receipt. */
export const receiptS = objS({
  status: { type: 'string', enum: ['success', 'failed'] },
  gasUsed: decS,
  fee: decS,
  burned: decS,
  tip: decS,
  error: nullableS(strS),
  events: arrS(eventS),
});

/** A transaction body. */
export const txBodyS = objS({
  chainId: uintS,
  module: strS,
  command: strS,
  nonce: decS,
  gasLimit: decS,
  maxFeePerGas: decS,
  maxTipPerGas: decS,
  senderPublicKey: hexS,
  params: hexS,
});

/** A transaction with its id, sender, size and decoded params. */
export const txS = objS({
  id: hashS,
  sender: addressS,
  size: uintS,
  body: txBodyS,
  signature: hexS,
  decodedParams: nullableS(anyS),
});

/** A transaction's inclusion: block, position and receipt. */
export const inclusionS = objS({
  id: hashS,
  status: { type: 'string', enum: ['included'] },
  blockHash: hashS,
  height: uintS,
  index: uintS,
  confirmations: uintS,
  receipt: receiptS,
});
