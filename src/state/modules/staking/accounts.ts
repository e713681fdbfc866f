/**
 * Module accounts (Cosmos's module accounts): ordinary account records under addresses no key
 * controls, the first 20 bytes of SHA-256 of a tag, so every coin the proof-of-stake modules hold
 * is a balance the supply check counts. The bonded pool holds every validator's tokens and every
 * unbonding entry; distribution holds minted and collected rewards not yet paid; the community
 * pool receives the tax and every truncation remainder; the staking pool holds its idle deposits.
 */
import { sha256 } from '../../../crypto/hash.js';
import { ADDRESS_LENGTH } from '../../../crypto/address.js';

/** The address of the module account named `name`. */
export function moduleAccount(name: string): Uint8Array {
  return sha256(new TextEncoder().encode(`coinworks/module-account/${name}`)).slice(0, ADDRESS_LENGTH);
}

/** Holds all bonded and unbonding stake. */
export const BONDED_POOL = moduleAccount('staking/bonded');
/** Holds minted block provisions and collected tips until they are paid out. */
export const DISTRIBUTION_ACCOUNT = moduleAccount('distribution');
/** The community pool: the community tax and every rounding remainder of reward distribution. */
export const COMMUNITY_POOL = moduleAccount('community-pool');
/** The staking pool's idle deposits and returned stake. */
export const STAKING_POOL_ACCOUNT = moduleAccount('staking-pool');
