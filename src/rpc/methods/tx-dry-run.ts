/**
 * `tx_dryRun`: a command run as any sender on the head state in the next block's context, writing
 * nothing (eth_call): the events it would emit or the error it would fail with, that error's
 * message for people (amounts in units, rpc/error-text.ts) and its data in base units.
 */
import { txDryRun as spec } from '../../api/core.js';
import type { Json } from '../../encoding/codec.js';
import { CoinworksError } from '../../errors.js';
import { defineMethod } from '../method.js';
import { readableError } from '../error-text.js';

/** Zero beneficiary of the block a dry run executes in. */
const NOBODY = new Uint8Array(20);

/** tx_dryRun. */
export const txDryRun = defineMethod(spec, async (call, [sender, module, command, params]) => {
  const { chain } = call.services.ctx;
  const out = await chain.view((s) => {
    const tip = chain.tip;
    const info = chain.blockInfo(tip, Math.max(chain.clock(), chain.engine.minChildTime(tip)), NOBODY, new Uint8Array(0), s);
    return { height: tip.height + 1, result: chain.sm.dryRun(s, sender, module, command, params, info) };
  });
  if (out.result.ok) return { ok: true, error: null, events: out.result.events.map((e) => chain.sm.events.toJson(e) as { module: string; name: string; data: Json }), height: out.height };
  const e = (await readableError(out.result.error, call.services)) as CoinworksError;
  const data = JSON.parse(JSON.stringify(e.data, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))) as Json;
  return { ok: false, error: { code: e.code, message: e.message, data }, events: [], height: out.height };
});
