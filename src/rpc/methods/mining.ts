/** `mining_getStatus`, `mining_start`, `mining_stop`: the node's CPU miner. */
import { formatDifficulty } from '../../consensus/pow/work.js';
import { defineMethod, optionalParam } from '../method.js';
import type { MethodCall } from '../method.js';
import { intParam } from '../params.js';
import { boolS, numberS, objS, strS, uintS } from '../result-schemas.js';

/** Mining status with the difficulty the next block must meet. */
export interface MiningStatusView {
  readonly running: boolean;
  readonly threads: number;
  readonly hashrate: number;
  readonly kernel: string;
  readonly difficulty: string;
  readonly bits: number;
}

const statusS = objS({ running: boolS, threads: uintS, hashrate: numberS, kernel: strS, difficulty: strS, bits: uintS });

/** Most worker threads `mining_start` accepts. */
export const MAX_MINING_THREADS = 256;

function status(call: MethodCall): MiningStatusView {
  const { chain, miner } = call.services.ctx;
  const s = miner.status();
  const bits = chain.engine.nextBits(chain.tip);
  return { running: s.running, threads: s.threads, hashrate: s.hashrate, kernel: s.kernel, difficulty: formatDifficulty(bits), bits };
}

/** mining_getStatus. */
export const miningGetStatus = defineMethod({
  name: 'mining_getStatus',
  summary: 'Miner status (running, threads, hashes per second, kernel) and the difficulty and bits of the next block.',
  params: [],
  result: { name: 'status', schema: statusS },
  handler: (call, _: []): MiningStatusView => status(call),
});

/** mining_start. */
export const miningStart = defineMethod({
  name: 'mining_start',
  summary: 'Starts the miner (or restarts it with a new thread count); returns the status.',
  params: [optionalParam<number | undefined>('threads', intParam(1, MAX_MINING_THREADS), undefined, 'worker threads (default: the miner’s current setting)')],
  result: { name: 'status', schema: statusS },
  handler: async (call, [threads]: [number | undefined]): Promise<MiningStatusView> => {
    await call.services.ctx.miner.start(threads);
    return status(call);
  },
});

/** mining_stop. */
export const miningStop = defineMethod({
  name: 'mining_stop',
  summary: 'Stops the miner; returns the status.',
  params: [],
  result: { name: 'status', schema: statusS },
  handler: async (call, _: []): Promise<MiningStatusView> => {
    await call.services.ctx.miner.stop();
    return status(call);
  },
});
