/** Events of the assets module: creation, minter roles, mints and burns (Circle FiatToken events). */
import { str, struct, u32, u64, u8 } from '../../../encoding/codec.js';
import { address } from '../../../primitives/address-codec.js';
import { EventType } from '../../events.js';
import { Policy } from './schemas.js';

/** An asset was created. */
export const AssetCreatedEvent = new EventType('assets', 'created', struct('AssetCreated', { assetId: u32, symbol: str(12), name: str(64), decimals: u8, policy: Policy, creator: address }));
/** A minter's allowance was set (Circle MinterConfigured). */
export const MinterConfiguredEvent = new EventType('assets', 'minterConfigured', struct('MinterConfigured', { assetId: u32, minter: address, allowance: u64 }));
/** A minter was removed (Circle MinterRemoved). */
export const MinterRemovedEvent = new EventType('assets', 'minterRemoved', struct('MinterRemoved', { assetId: u32, minter: address }));
/** New units were minted (Circle Mint); `minter` is the sender, `allowance` what it has left. */
export const MintedEvent = new EventType('assets', 'minted', struct('AssetMinted', { assetId: u32, minter: address, to: address, amount: u64, allowance: u64 }));
/** Units were burned from the sender's balance (Circle Burn). */
export const BurnedEvent = new EventType('assets', 'burned', struct('AssetBurned', { assetId: u32, from: address, amount: u64 }));
/** The issuer role moved to another account. */
export const IssuerChangedEvent = new EventType('assets', 'issuerChanged', struct('IssuerChanged', { assetId: u32, issuer: address }));

/** Every assets event type. */
export const assetEvents = [AssetCreatedEvent, MinterConfiguredEvent, MinterRemovedEvent, MintedEvent, BurnedEvent, IssuerChangedEvent];
