/**
 * What other modules may call on accounts (Lisk's `method.ts`): read and move balances and nonces.
 * Every rule about amounts lives here: no negative balance, no balance above u64.
 */
import { TxError } from '../../../errors.js';
import type { StateReader, StateWriter } from '../../state-view.js';
import { accountStore, emptyAccount, MAX_AMOUNT, MAX_ASSETS_PER_ACCOUNT, NATIVE_ASSET, type Account } from './stores.js';

/** The account record's shape and limits, for modules that read balances. */
export { MAX_AMOUNT, NATIVE_ASSET, type Account } from './stores.js';

/** State key of an account record (for prefetch hints: `Command.keys`). */
export function accountKey(address: Uint8Array): string {
  return accountStore.key(address);
}

/** Reads an account (an empty one if absent). */
export function getAccount(state: StateReader, address: Uint8Array): Account {
  return accountStore.get(state, address) ?? emptyAccount();
}

/** Writes an account, deleting the record when it is empty. */
export function putAccount(state: StateWriter, address: Uint8Array, acc: Account): void {
  if (acc.nonce === 0n && acc.balances.length === 0) accountStore.del(state, address);
  else accountStore.set(state, address, acc);
}

/** Balance of one asset. */
export function balanceOf(acc: Account, assetId: number = NATIVE_ASSET): bigint {
  for (const b of acc.balances) if (b.assetId === assetId) return b.amount;
  return 0n;
}

function withBalance(acc: Account, assetId: number, amount: bigint): Account {
  const balances = acc.balances.filter((b) => b.assetId !== assetId);
  if (amount > 0n) {
    balances.push({ assetId, amount });
    balances.sort((a, b) => a.assetId - b.assetId);
  }
  if (balances.length > MAX_ASSETS_PER_ACCOUNT) throw new TxError('TX_COMMAND_FAILED', `account holds more than ${MAX_ASSETS_PER_ACCOUNT} assets`);
  return { nonce: acc.nonce, balances };
}

/** Adds `amount` of an asset; TX_AMOUNT_OVERFLOW if the balance would exceed u64. */
export function credit(state: StateWriter, address: Uint8Array, assetId: number, amount: bigint): void {
  if (amount < 0n) throw new TxError('TX_INVALID_PARAMS', 'negative credit');
  if (amount === 0n) return;
  const acc = getAccount(state, address);
  const next = balanceOf(acc, assetId) + amount;
  if (next > MAX_AMOUNT) throw new TxError('TX_AMOUNT_OVERFLOW', `balance of asset ${assetId} would exceed ${MAX_AMOUNT}`);
  putAccount(state, address, withBalance(acc, assetId, next));
}

/** Removes `amount` of an asset; TX_INSUFFICIENT_BALANCE if the account has less. */
export function debit(state: StateWriter, address: Uint8Array, assetId: number, amount: bigint): void {
  if (amount < 0n) throw new TxError('TX_INVALID_PARAMS', 'negative debit');
  if (amount === 0n) return;
  const acc = getAccount(state, address);
  const have = balanceOf(acc, assetId);
  if (have < amount) throw new TxError('TX_INSUFFICIENT_BALANCE', `balance ${have} of asset ${assetId} is below ${amount}`, { assetId, balance: have.toString(), amount: amount.toString() });
  putAccount(state, address, withBalance(acc, assetId, have - amount));
}

/** Sets the account nonce. */
export function setNonce(state: StateWriter, address: Uint8Array, nonce: bigint): void {
  const acc = getAccount(state, address);
  putAccount(state, address, { nonce, balances: acc.balances });
}

/**
 * The nonce rule: a transaction uses the account's next nonce; a lower one is a replay, a higher one
 * leaves a gap (allowed only where `allowFuture`, e.g. mempool admission). Throws TxError.
 */
export function checkNonce(acc: Account, nonce: bigint, allowFuture: boolean): void {
  if (nonce < acc.nonce) throw new TxError('TX_NONCE_REPLAY', `nonce ${nonce} was already used (account nonce is ${acc.nonce})`, { expected: acc.nonce.toString() });
  if (nonce > acc.nonce && !allowFuture) throw new TxError('TX_NONCE_GAP', `nonce ${nonce} leaves a gap (account nonce is ${acc.nonce})`, { expected: acc.nonce.toString() });
}

/**
 * Uses up `acc`'s nonce and takes `fee` of the native coin in one write (the caller has checked the
 * balance covers it): what every transaction pays before its command runs.
 */
export function payFeeAndUseNonce(state: StateWriter, address: Uint8Array, acc: Account, fee: bigint): void {
  const balances = acc.balances.map((b) => (b.assetId === NATIVE_ASSET ? { assetId: b.assetId, amount: b.amount - fee } : b)).filter((b) => b.amount > 0n);
  putAccount(state, address, { nonce: acc.nonce + 1n, balances });
}
