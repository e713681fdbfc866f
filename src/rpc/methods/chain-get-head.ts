/** `chain_getHead`: the main-chain tip with its difficulty, work, state root and fees. */
import { chainGetHead as spec } from '../../api/core.js';
import { defineMethod } from '../method.js';

/** chain_getHead. */
export const chainGetHead = defineMethod(spec, (call) => call.services.views.head());
