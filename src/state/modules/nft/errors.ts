/**
 * Error codes the nft module (collections, ERC-721 rules, mined collections) owns: its code list,
 * each with its verdict for peer scoring. All are command rules (a failing command leaves the
 * transaction includable with a failed receipt, and what it checks is state the sender may not have
 * seen), so nobody is at fault. Generic codes (params, balance, not found, unauthorized, …) stay in
 * src/errors.ts.
 */
import { COMMAND_RULE, defineTxErrors } from '../../../errors.js';

/** The nft module's codes and verdicts. */
export const NFT_ERRORS = defineTxErrors('nft', {
  TX_COLLECTION_NOT_FOUND: COMMAND_RULE,
  TX_NFT_NOT_FOUND: COMMAND_RULE,
  TX_NFT_EXISTS: COMMAND_RULE,
  TX_NFT_ZERO_ADDRESS: COMMAND_RULE,
  TX_NFT_SOLD_OUT: COMMAND_RULE,
  TX_NFT_MINT_CLOSED: COMMAND_RULE,
  TX_NOT_CREATOR: COMMAND_RULE,
  // The proof-of-work target depends on the collection's state (minted count, ramp): a command rule too.
  TX_BAD_POW_NONCE: COMMAND_RULE,
});

/** A code of the nft module. */
export type NftErrorCode = keyof typeof NFT_ERRORS;

declare module '../../../errors.js' {
  /** The nft module's codes are transaction codes. */
  interface TxErrorCodes extends Record<NftErrorCode, Verdict> {}
}
