/** The mint module's one record (Cosmos x/mint's Minter): inflation now, the provisions it implies, and what was minted. */
import { struct, u128, u64, type Infer } from '../../../encoding/codec.js';
import { Store } from '../../store.js';

/** Module name. */
export const MINT = 'mint';

/** The minter after the last block. */
export const Minter = struct('Minter', {
  /** Yearly inflation rate (18-decimal fixed point). */
  inflation: u64,
  /** inflation x supply, the provisions of a year at this rate. */
  annualProvisions: u128,
  /** Bonded ratio the last step used (18-decimal). */
  bondedRatio: u64,
  /** Provision minted by block `lastHeight`. */
  lastProvision: u128,
  lastHeight: u64,
  /** Every provision minted so far. */
  totalMinted: u128,
});
/** The minter. */
export type Minter = Infer<typeof Minter>;

/** The minter (key `m`). */
export const minterStore = new Store(MINT, 'minter', Minter);
