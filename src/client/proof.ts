/**
 * Offline verification of `account_getProof` results: checks the key is the account's own state
 * key, folds the 32 siblings up to the state root (`state/proof.ts`), and decodes the Account
 * record. Trust comes from the root: take it from a block header you trust (its coinbase `stateRoot`).
 */
import { decodeAddress } from '../crypto/address.js';
import { decode } from '../encoding/codec.js';
import { bytesEqual, bytesToHex, hexToBytes } from '../encoding/hex.js';
import { stringToKey } from '../state/keys.js';
import { verifyStateProof, STATE_TREE_DEPTH } from '../state/proof.js';
import { Account, accountStore } from '../state/modules/accounts/stores.js';
import type { AccountProofJson } from './types.js';
import { sha256d } from '../crypto/hash.js';
import { hashToDisplay } from '../encoding/hex.js';
import { decodeHeader, hashToBigInt, headerHash } from '../primitives/header.js';
import { decodeCoinbase } from '../primitives/coinbase.js';
import { rootFromCoinbaseBranch } from '../primitives/merkle.js';
import { compactToTarget } from '../consensus/pow/compact.js';

/** An account as proven: nonce and balances as bigints. */
export interface ProvenAccount {
  readonly nonce: bigint;
  readonly balances: ReadonlyArray<{ readonly assetId: number; readonly amount: bigint }>;
}

/** Outcome of `verifyAccountProof`. */
export interface AccountProofCheck {
  readonly valid: boolean;
  /** The decoded account when `valid`. */
  readonly account?: ProvenAccount;
  /** Why the proof was rejected. */
  readonly reason?: string;
}

/** The state key of an account record (hex). */
export function accountStateKey(address: string | Uint8Array): string {
  const a = typeof address === 'string' ? decodeAddress(address) : address;
  return bytesToHex(stringToKey(accountStore.key(a)));
}

/**
 * Verifies an `account_getProof` result against a state root (hex or 32 bytes). Never throws:
 * malformed input is `{ valid: false, reason }`. An account with no record (`value: null`) cannot
 * be proven by an inclusion proof and is reported invalid with that reason.
 */
export function verifyAccountProof(proof: AccountProofJson, stateRoot: string | Uint8Array): AccountProofCheck {
  try {
    const root = typeof stateRoot === 'string' ? hexToBytes(stateRoot) : stateRoot;
    if (root.length !== 32) return { valid: false, reason: 'state root must be 32 bytes' };
    const key = hexToBytes(proof.key);
    if (!bytesEqual(key, hexToBytes(accountStateKey(proof.address)))) return { valid: false, reason: 'proof key is not the state key of this address' };
    if (proof.value === null) return { valid: false, reason: 'the account has no state record; an inclusion proof cannot show absence' };
    if (typeof proof.index !== 'number' || !Array.isArray(proof.siblings) || proof.siblings.length !== STATE_TREE_DEPTH) {
      return { valid: false, reason: `proof needs a leaf index and ${STATE_TREE_DEPTH} siblings` };
    }
    const value = hexToBytes(proof.value);
    const siblings = proof.siblings.map((s) => hexToBytes(s));
    if (!verifyStateProof({ root, key, value, index: proof.index, siblings })) return { valid: false, reason: 'proof does not lead to the state root' };
    const acc = decode(Account, value);
    return { valid: true, account: { nonce: acc.nonce, balances: acc.balances.map((b) => ({ assetId: b.assetId, amount: b.amount })) } };
  } catch (e) {
    return { valid: false, reason: `malformed proof: ${(e as Error)?.message ?? String(e)}` };
  }
}

/** Outcome of `verifyAccountProofWithHeader`: also the header facts that were proven. */
export interface HeaderProofCheck extends AccountProofCheck {
  /** Block id (display hex) of the header the proof was checked against. */
  readonly blockHash?: string;
  readonly height?: bigint;
  readonly stateRoot?: string;
}

/**
 * Verifies an `account_getProof` result against its own 80-byte header, with no trust in the node:
 * the header hash must equal `expectedBlockHash` when given (a header you got elsewhere) and meet
 * the target in its bits (proof of work), the coinbase folded with its branch must give the
 * header's merkle root, and the coinbase's state root must anchor the account proof.
 */
export function verifyAccountProofWithHeader(proof: AccountProofJson, expectedBlockHash?: string): HeaderProofCheck {
  try {
    const headerBytes = hexToBytes(proof.header);
    const header = decodeHeader(headerBytes);
    const hash = headerHash(header);
    const blockHash = hashToDisplay(hash);
    if (expectedBlockHash !== undefined && blockHash !== expectedBlockHash.toLowerCase()) return { valid: false, reason: `header hash ${blockHash} is not the expected block ${expectedBlockHash}` };
    const { target, negative, overflow } = compactToTarget(header.bits);
    if (negative || overflow || target === 0n || hashToBigInt(hash) > target) return { valid: false, reason: 'header does not meet the target in its bits' };
    const coinbaseBytes = hexToBytes(proof.coinbase);
    const coinbase = decodeCoinbase(coinbaseBytes);
    const root = rootFromCoinbaseBranch(sha256d(coinbaseBytes), proof.coinbaseBranch.map((b) => hexToBytes(b)));
    if (!bytesEqual(root, header.merkleRoot)) return { valid: false, reason: 'coinbase and branch do not lead to the header merkle root' };
    const check = verifyAccountProof(proof, coinbase.stateRoot);
    return { ...check, blockHash, height: coinbase.height, stateRoot: bytesToHex(coinbase.stateRoot) };
  } catch (e) {
    return { valid: false, reason: `malformed proof: ${(e as Error)?.message ?? String(e)}` };
  }
}
