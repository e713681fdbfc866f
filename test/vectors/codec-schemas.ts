/** The schemas named in `codec.json`: shared by `scripts/gen-vectors.ts` and the vector tests. */
import {
  bool,
  bytes,
  enumOf,
  hash256,
  list,
  optional,
  str,
  struct,
  u128,
  u16,
  u256,
  u32,
  u64,
  u8,
  varBytes,
  type Codec,
} from '../../src/encoding/codec.js';

const Point = struct('Point', { x: u32, y: u32 });
const Nested = struct('Nested', {
  id: u64,
  name: str(16),
  kind: enumOf('Kind', ['alpha', 'beta', 'gamma'] as const),
  points: list(Point, 4),
  parent: optional(hash256),
  flags: list(bool, 8),
  blob: varBytes(16),
});

export const codecSchemas: Record<string, Codec<any>> = {
  u8,
  u16,
  u32,
  u64,
  u128,
  u256,
  bool,
  bytes4: bytes(4),
  hash256,
  varBytes8: varBytes(8),
  str32: str(32),
  listU16: list(u16, 8),
  optionalU32: optional(u32),
  kind: enumOf('Kind', ['alpha', 'beta', 'gamma'] as const),
  point: Point,
  nested: Nested,
};
