/** `chain_getHead`: the main-chain tip with its difficulty, work, state root and fees. */
import { defineMethod } from '../method.js';
import { headS } from '../result-schemas.js';
import type { HeadView } from '../views.js';

/** chain_getHead. */
export const chainGetHead = defineMethod({
  name: 'chain_getHead',
  summary: 'The main-chain tip: height, hash, time, bits, difficulty, chain work, state root, base fee, chain id and network.',
  params: [],
  result: { name: 'head', schema: headS },
  handler: (call, _: []): HeadView => call.services.views.head(),
});
