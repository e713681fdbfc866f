/**
 * Downtime (Cosmos x/slashing HandleValidatorSignature), once per block for each member of the
 * parent's active set, from the parent signers this block's certificate names: the window position
 * is indexOffset mod window; a validator is punished when the height is past startHeight + window
 * and it missed more than window - minSigned of the window: slashed at height - 2 (the stake the
 * set of that height was built from, Cosmos's height - ValidatorUpdateDelay - 1), jailed for the
 * downtime jail, and its counter and bit array reset. Jailed validators count no misses.
 */
import { bytesToHex } from '../../../encoding/hex.js';
import { DEC_ONE } from '../../../util/decimal.js';
import type { ProofOfStakeParams } from '../../../params/staking.js';
import { activeSetAt, getValidator, type StakingContext, type StakingMethods } from '../staking/method.js';
import { DowntimePunishedEvent } from './events.js';
import { signingInfoStore, type SigningInfo } from './stores.js';
import { recordPunishment } from './block-times.js';

/** A fresh signing info for a validator that starts signing at `startHeight`. */
export function newSigningInfo(p: ProofOfStakeParams, startHeight: bigint): SigningInfo {
  return { startHeight, indexOffset: 0n, missedCount: 0, missed: new Uint8Array(Math.ceil(p.slashing.signedBlocksWindow / 8)) };
}

/** Blocks of the window a validator may miss: window - round(window x minSignedPerWindow). */
export function maxMissed(p: ProofOfStakeParams): number {
  const w = BigInt(p.slashing.signedBlocksWindow);
  const minSigned = (w * p.slashing.minSignedPerWindow + DEC_ONE / 2n) / DEC_ONE;
  return Number(w - minSigned);
}

/** Handles the parent's signatures for block `ctx.height`. */
export function handleSignatures(p: ProofOfStakeParams, staking: StakingMethods, ctx: StakingContext, signers: readonly Uint8Array[]): void {
  if (ctx.height < 2n) return;
  const window = BigInt(p.slashing.signedBlocksWindow);
  const signed = new Set(signers.map(bytesToHex));
  for (const m of activeSetAt(ctx.state, ctx.height - 1n).validators) {
    const v = getValidator(ctx.state, m.address);
    if (!v || v.jailed) continue;
    const info = signingInfoStore.get(ctx.state, m.address) ?? newSigningInfo(p, ctx.height - 1n);
    const bits = Uint8Array.from(info.missed);
    const i = Number(info.indexOffset % window);
    const was = (bits[i >> 3] >> (i & 7)) & 1;
    const missed = signed.has(bytesToHex(m.address)) ? 0 : 1;
    let missedCount = info.missedCount;
    if (was === 0 && missed === 1) {
      bits[i >> 3] |= 1 << (i & 7);
      missedCount++;
    } else if (was === 1 && missed === 0) {
      bits[i >> 3] &= ~(1 << (i & 7));
      missedCount--;
    }
    let next: SigningInfo = { ...info, indexOffset: info.indexOffset + 1n, missedCount, missed: bits };
    if (ctx.height > info.startHeight + window && missedCount > maxMissed(p)) {
      const infractionHeight = ctx.height - 2n;
      const s = staking.slash(ctx, m.address, infractionHeight, p.slashing.slashFractionDowntime, 'downtime');
      recordPunishment(ctx.state, { height: ctx.height, validator: m.address, kind: 'downtime', at: infractionHeight, burned: s.slashAmount, reason: '' });
      const jailedUntil = BigInt(ctx.time + p.slashing.downtimeJailDuration);
      staking.jail(ctx, m.address, jailedUntil, 'downtime');
      ctx.events.emit(DowntimePunishedEvent, { validator: m.address, missed: missedCount, infractionHeight, jailedUntil });
      // Reset so it is not punished again at once after it unjails.
      next = { ...newSigningInfo(p, info.startHeight), startHeight: info.startHeight };
    }
    signingInfoStore.set(ctx.state, m.address, next);
  }
}
