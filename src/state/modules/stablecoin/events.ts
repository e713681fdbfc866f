/** Events of the stablecoin module: every reserve, supply and compliance step is on chain. */
import { enumOf, bytes, list, struct, u32, u64, varBytes } from '../../../encoding/codec.js';
import { address } from '../../../primitives/address-codec.js';
import { EventType } from '../../events.js';
import { MAX_AUDITORS } from './schemas.js';

/** A governed asset was set up with its groups, auditors, margin and staleness limit. */
export const GovernedCreatedEvent = new EventType(
  'stablecoin',
  'created',
  struct('StablecoinCreated', { assetId: u32, mintGroup: address, complianceGroup: address, auditors: list(address, MAX_AUDITORS), reserveMarginBps: u32, maxAttestationAge: u32 }),
);
/** An auditor attested the reserve (proof of reserve; time is the block's). */
export const AttestedEvent = new EventType('stablecoin', 'attested', struct('ReserveAttested', { assetId: u32, seq: u64, auditor: address, reserve: u64, reportHash: bytes(32), time: u64, supply: u64 }));
/** The mint group minted against the attested reserve; `supply` is the total after it. */
export const MintedEvent = new EventType('stablecoin', 'minted', struct('StablecoinMinted', { assetId: u32, to: address, amount: u64, supply: u64, reserve: u64, attestationSeq: u64 }));
/** A holder redeemed (burned) units; the issuer settles `reference` off chain. */
export const RedeemedEvent = new EventType('stablecoin', 'redeemed', struct('StablecoinRedeemed', { assetId: u32, redemptionId: u64, holder: address, amount: u64, reference: varBytes(64), supply: u64 }));
/** The mint group paused or unpaused the asset. */
export const PauseEvent = new EventType('stablecoin', 'pause', struct('StablecoinPause', { assetId: u32, paused: enumOf('PauseState', ['paused', 'unpaused'] as const) }));
/** Compliance changed an account's status: frozen, unfrozen, blacklisted or unblacklisted. */
export const ComplianceEvent = new EventType(
  'stablecoin',
  'compliance',
  struct('StablecoinCompliance', { assetId: u32, account: address, action: enumOf('ComplianceAction', ['freeze', 'unfreeze', 'blacklist', 'unblacklist'] as const) }),
);
/** Compliance wiped a frozen balance (Paxos wipeFrozenAddress); supply fell by `amount`. */
export const WipedEvent = new EventType('stablecoin', 'wiped', struct('StablecoinWiped', { assetId: u32, account: address, amount: u64, supply: u64 }));
/** A role changed: the mint group, the compliance group, or an auditor added or removed. */
export const RoleEvent = new EventType(
  'stablecoin',
  'role',
  struct('StablecoinRole', { assetId: u32, role: enumOf('StablecoinRoleChange', ['mintGroup', 'complianceGroup', 'auditorAdded', 'auditorRemoved'] as const), account: address }),
);

/** A governance setting changed, with its old and new value (`reserveMarginBps` in bps, `maxAttestationAge` in seconds). */
export const SettingEvent = new EventType(
  'stablecoin',
  'setting',
  struct('StablecoinSetting', { assetId: u32, setting: enumOf('StablecoinSettingName', ['reserveMarginBps', 'maxAttestationAge'] as const), from: u32, to: u32 }),
);

/** Every stablecoin event type. */
export const stablecoinEvents = [GovernedCreatedEvent, AttestedEvent, MintedEvent, RedeemedEvent, PauseEvent, ComplianceEvent, WipedEvent, RoleEvent, SettingEvent];
