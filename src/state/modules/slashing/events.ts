/** Events of the slashing module: punishments and refused evidence, each with its reason. */
import { str, struct, u32, u64 } from '../../../encoding/codec.js';
import { address } from '../../../primitives/address-codec.js';
import { EventType } from '../../events.js';

/** A duplicate vote at `height` was punished: slashed and tombstoned. */
export const DoubleSignPunishedEvent = new EventType('slashing', 'doubleSignPunished', struct('DoubleSignPunished', { validator: address, height: u64, infractionHeight: u64 }));
/**
 * Evidence the block carries was refused, with the reason: `expired` (older than the unbonding
 * period), `unknown-validator`, `tombstoned` (already punished), `future` (not below this height).
 */
export const EvidenceRefusedEvent = new EventType('slashing', 'evidenceRefused', struct('EvidenceRefused', { validator: address, height: u64, reason: str(32) }));
/** A validator missed more than the window allows: slashed at `infractionHeight` and jailed until `jailedUntil`. */
export const DowntimePunishedEvent = new EventType('slashing', 'downtimePunished', struct('DowntimePunished', { validator: address, missed: u32, infractionHeight: u64, jailedUntil: u64 }));

/** Every slashing event type. */
export const slashingEvents = [DoubleSignPunishedEvent, EvidenceRefusedEvent, DowntimePunishedEvent];
