/** `mining_getStatus`, `mining_start`, `mining_stop`: the node's CPU miner (start and stop need the auth cookie). */
import { miningGetStatus as getStatusSpec, miningStart as startSpec, miningStop as stopSpec, type MiningStatus } from '../../api/core.js';
import type { Static } from '@sinclair/typebox';
import { defineMethod, type MethodCall } from '../method.js';

export { MAX_MINING_THREADS } from '../../api/core.js';

function status(call: MethodCall): Static<typeof MiningStatus> {
  const { chain, miner } = call.services.ctx;
  const s = miner.status();
  const bits = chain.engine.nextBits(chain.tip);
  // The engine states the difficulty of a header with those bits ("0" for engines without proof of work).
  const d = chain.engine.describeBlock({ block: { header: { ...chain.tip.header, bits } } }).difficulty;
  return { running: s.running, threads: s.threads, hashrate: s.hashrate, kernel: s.kernel, difficulty: typeof d === 'string' ? d : '0', bits };
}

/** mining_getStatus. */
export const miningGetStatus = defineMethod(getStatusSpec, (call) => status(call));

/** mining_start. */
export const miningStart = defineMethod(startSpec, async (call, [threads]) => {
  await call.services.ctx.miner.start(threads);
  return status(call);
});

/** mining_stop. */
export const miningStop = defineMethod(stopSpec, async (call) => {
  await call.services.ctx.miner.stop();
  return status(call);
});
