/**
 * An HD wallet in memory: the decrypted mnemonic (and optional BIP-39 passphrase), the seed, and a
 * list of labelled accounts, each the key at `m/44'/8645'/0'/0/<index>` (see `hd.ts`). Signs
 * digests locally: keys never leave the process. Browser-safe: no `node:` imports.
 *
 * Encrypted form (`WalletFile`): the keystore fields of `keystore.ts` at the top level plus a
 * plaintext `name` and `accounts` list ({index, label, address}) so wallets can be listed without
 * the password. The encrypted secret is the UTF-8 JSON `{"mnemonic": "...", "passphrase": "..."}`.
 * The plaintext list is not authenticated by the cipher, so `fromEncrypted` re-derives every address
 * and rejects a file whose list does not match its keys (WALLET_CORRUPT).
 */
import { signDigest } from '../crypto/keys.js';
import { isAddress } from '../crypto/address.js';
import { WalletError } from './errors.js';
import { generateMnemonic, mnemonicToSeed, validateMnemonic, type MnemonicWordCount } from './mnemonic.js';
import { deriveAccount, MAX_CHILD_INDEX, type DerivedAccount } from './hd.js';
import { decryptSecretText, encryptSecret, parseKeystore, type Keystore, type KeystoreOptions } from './keystore.js';

/** An account as listed: address index, unique label and bech32m address. */
export interface WalletAccount {
  /** Address index in `m/44'/8645'/0'/0/<index>`. */
  index: number;
  /** Unique label chosen by the user. */
  label: string;
  /** bech32m address (`cw1...`). */
  address: string;
}

/** Names an account: its index, its label, its address, or the account object itself. */
export type AccountRef = number | string | WalletAccount;

/** The part of a wallet file readable without the password. */
export interface WalletInfo {
  /** Wallet name (also its file name in a wallet store). */
  name: string;
  /** Accounts in index order. */
  accounts: WalletAccount[];
}

/** An encrypted wallet: keystore fields plus the plaintext name and account list. */
export interface WalletFile extends Keystore, WalletInfo {}

/** Options of `Wallet.create`. */
export interface CreateWalletOptions {
  /** Mnemonic length, 24 (default) or 12 words. */
  words?: MnemonicWordCount;
  /** Optional BIP-39 passphrase (the "25th word"). */
  passphrase?: string;
  /** Wallet name (default `default`). */
  name?: string;
}

/** Options of `Wallet.fromMnemonic`. */
export interface ImportWalletOptions {
  /** BIP-39 passphrase used when the mnemonic was created, if any. */
  passphrase?: string;
  /** Wallet name (default `default`). */
  name?: string;
}

/** Options of `Wallet.toEncrypted`: scrypt cost plus an optional name override. */
export interface EncryptWalletOptions extends KeystoreOptions {
  /** Name written to the file (default: the wallet's name). */
  name?: string;
}

/** Name given to wallets created without one. */
export const DEFAULT_WALLET_NAME = 'default';
/** Longest account label. */
export const MAX_LABEL_LENGTH = 64;

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u001f\u007f]/;

/** Checks a wallet name (1-64 of letters, digits, `.`, `_`, `-`, starting with a letter or digit); throws WALLET_BAD_NAME. */
export function validateWalletName(name: unknown): string {
  if (typeof name !== 'string' || !NAME_RE.test(name)) {
    throw new WalletError(
      'WALLET_BAD_NAME',
      `wallet name must be 1-64 letters, digits, ".", "_" or "-" starting with a letter or digit, got ${JSON.stringify(name) ?? String(name)}`,
    );
  }
  return name;
}

/** Checks an account label and returns it trimmed: 1-64 chars, no control chars, not all digits, not an address. */
export function validateLabel(label: unknown): string {
  if (typeof label !== 'string') throw new WalletError('WALLET_BAD_LABEL', 'account label must be a string');
  const l = label.trim();
  if (l.length === 0 || l.length > MAX_LABEL_LENGTH) {
    throw new WalletError('WALLET_BAD_LABEL', `account label must be 1 to ${MAX_LABEL_LENGTH} characters`);
  }
  if (CONTROL_RE.test(l)) throw new WalletError('WALLET_BAD_LABEL', 'account label must not contain control characters');
  if (/^\d+$/.test(l)) throw new WalletError('WALLET_BAD_LABEL', `account label "${l}" is all digits and would read as an account index`);
  if (isAddress(l)) throw new WalletError('WALLET_BAD_LABEL', 'account label must not be an address');
  return l;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads and checks the plaintext part of a wallet file (object or JSON text); throws WALLET_CORRUPT. */
export function parseWalletInfo(input: unknown): WalletInfo {
  let obj: unknown = input;
  if (typeof input === 'string') {
    try {
      obj = JSON.parse(input);
    } catch {
      throw new WalletError('WALLET_CORRUPT', 'wallet file is not valid JSON');
    }
  }
  const bad = (m: string) => new WalletError('WALLET_CORRUPT', `wallet file is corrupt: ${m}`);
  if (!isObject(obj)) throw bad('not a JSON object');
  let name: string;
  try {
    name = validateWalletName(obj.name);
  } catch (e) {
    throw bad((e as Error).message);
  }
  if (!Array.isArray(obj.accounts)) throw bad('"accounts" must be an array');
  const accounts: WalletAccount[] = [];
  const indexes = new Set<number>();
  const labels = new Set<string>();
  for (const [i, a] of obj.accounts.entries()) {
    if (!isObject(a)) throw bad(`account #${i} is not an object`);
    const { index, label, address } = a;
    if (typeof index !== 'number' || !Number.isSafeInteger(index) || index < 0 || index > MAX_CHILD_INDEX) {
      throw bad(`account #${i} has an invalid index`);
    }
    if (indexes.has(index)) throw bad(`account index ${index} appears twice`);
    let l: string;
    try {
      l = validateLabel(label);
    } catch (e) {
      throw bad(`account #${i}: ${(e as Error).message}`);
    }
    if (l !== label) throw bad(`account #${i} label has surrounding whitespace`);
    if (labels.has(l)) throw bad(`account label "${l}" appears twice`);
    if (typeof address !== 'string' || !isAddress(address)) throw bad(`account #${i} has an invalid address`);
    indexes.add(index);
    labels.add(l);
    accounts.push({ index, label: l, address: address.toLowerCase() });
  }
  accounts.sort((a, b) => a.index - b.index);
  return { name, accounts };
}

function defaultLabel(index: number, taken: (l: string) => boolean): string {
  const base = `account-${index}`;
  if (!taken(base)) return base;
  for (let k = 2; ; k++) if (!taken(`${base}-${k}`)) return `${base}-${k}`;
}

/** An unlocked HD wallet: mnemonic in memory, labelled accounts, local signing. */
export class Wallet {
  #mnemonic: string;
  #passphrase: string;
  #seed: Uint8Array;
  #accounts: WalletAccount[] = [];
  #keys = new Map<number, DerivedAccount>();
  #name: string;

  private constructor(mnemonic: string, passphrase: string, name: string) {
    this.#mnemonic = validateMnemonic(mnemonic);
    if (typeof passphrase !== 'string') throw new WalletError('WALLET_BAD_PARAMS', 'passphrase must be a string');
    this.#passphrase = passphrase;
    this.#seed = mnemonicToSeed(this.#mnemonic, passphrase);
    this.#name = validateWalletName(name);
  }

  /** A new wallet with a fresh random mnemonic and one account (index 0). */
  static create(opts: CreateWalletOptions = {}): Wallet {
    const w = new Wallet(generateMnemonic(opts.words ?? 24), opts.passphrase ?? '', opts.name ?? DEFAULT_WALLET_NAME);
    w.addAccount();
    return w;
  }

  /** A wallet restored from a mnemonic (validated; WALLET_BAD_MNEMONIC) with one account (index 0). */
  static fromMnemonic(mnemonic: string, opts: ImportWalletOptions = {}): Wallet {
    const w = new Wallet(mnemonic, opts.passphrase ?? '', opts.name ?? DEFAULT_WALLET_NAME);
    w.addAccount();
    return w;
  }

  /** Decrypts a wallet file (object or JSON text); WALLET_BAD_PASSWORD or WALLET_CORRUPT on failure. */
  static async fromEncrypted(file: unknown, password: string): Promise<Wallet> {
    const obj = typeof file === 'string' ? parseJson(file) : file;
    const info = parseWalletInfo(obj);
    const keystore = parseKeystore(obj);
    const payload = await decryptSecretText(keystore, password);
    let secret: unknown;
    try {
      secret = JSON.parse(payload);
    } catch {
      throw new WalletError('WALLET_CORRUPT', 'wallet file is corrupt: decrypted secret is not JSON');
    }
    if (!isObject(secret) || typeof secret.mnemonic !== 'string' || typeof secret.passphrase !== 'string') {
      throw new WalletError('WALLET_CORRUPT', 'wallet file is corrupt: decrypted secret lacks mnemonic/passphrase');
    }
    let w: Wallet;
    try {
      w = new Wallet(secret.mnemonic, secret.passphrase, info.name);
    } catch (e) {
      throw new WalletError('WALLET_CORRUPT', `wallet file is corrupt: ${(e as Error).message}`);
    }
    for (const a of info.accounts) {
      const key = w.#derive(a.index);
      if (key.address !== a.address) {
        throw new WalletError(
          'WALLET_CORRUPT',
          `wallet file is corrupt: account ${a.index} ("${a.label}") lists address ${a.address} but its key gives ${key.address}`,
          { index: a.index },
        );
      }
      w.#accounts.push({ index: a.index, label: a.label, address: a.address });
    }
    return w;
  }

  /** Wallet name (file name in a wallet store). */
  get name(): string {
    return this.#name;
  }

  set name(name: string) {
    this.#name = validateWalletName(name);
  }

  /** The normalized mnemonic (show it once for backup; never log it). */
  get mnemonic(): string {
    return this.#mnemonic;
  }

  /** True when a BIP-39 passphrase is part of the seed. */
  get hasPassphrase(): boolean {
    return this.#passphrase.length > 0;
  }

  #derive(index: number): DerivedAccount {
    let k = this.#keys.get(index);
    if (!k) {
      k = deriveAccount(this.#seed, index);
      this.#keys.set(index, k);
    }
    return k;
  }

  /** Adds the next account (highest index + 1) with a label (default `account-<index>`); WALLET_BAD_LABEL if taken. */
  addAccount(label?: string): WalletAccount {
    const taken = (l: string) => this.#accounts.some((a) => a.label === l);
    const index = this.#accounts.reduce((m, a) => Math.max(m, a.index + 1), 0);
    if (index > MAX_CHILD_INDEX) throw new WalletError('WALLET_BAD_INDEX', 'no account indexes left');
    let l: string;
    if (label === undefined) l = defaultLabel(index, taken);
    else {
      l = validateLabel(label);
      if (taken(l)) throw new WalletError('WALLET_BAD_LABEL', `account label "${l}" is already used`, { label: l });
    }
    const account: WalletAccount = { index, label: l, address: this.#derive(index).address };
    this.#accounts.push(account);
    return { ...account };
  }

  /** Gives an account a new unique label. */
  renameAccount(ref: AccountRef, label: string): WalletAccount {
    const a = this.#find(ref);
    const l = validateLabel(label);
    if (this.#accounts.some((x) => x !== a && x.label === l)) {
      throw new WalletError('WALLET_BAD_LABEL', `account label "${l}" is already used`, { label: l });
    }
    a.label = l;
    return { ...a };
  }

  /** Copies of all accounts in index order. */
  accounts(): WalletAccount[] {
    return this.#accounts.map((a) => ({ ...a }));
  }

  #find(ref: AccountRef): WalletAccount {
    let found: WalletAccount | undefined;
    if (typeof ref === 'number') found = this.#accounts.find((a) => a.index === ref);
    else if (typeof ref === 'string') {
      found = this.#accounts.find((a) => a.label === ref) ?? this.#accounts.find((a) => a.address === ref.toLowerCase());
    } else if (isObject(ref)) {
      found = this.#accounts.find((a) => a.index === ref.index && a.address === ref.address);
    }
    if (!found) {
      const shown = isObject(ref) ? `account ${String(ref.index)} (${String(ref.address)})` : JSON.stringify(ref) ?? String(ref);
      throw new WalletError('WALLET_UNKNOWN_ACCOUNT', `no account ${shown} in wallet "${this.#name}"`);
    }
    return found;
  }

  /** The account named by index, label or address; WALLET_UNKNOWN_ACCOUNT if none. */
  account(ref: AccountRef): WalletAccount {
    return { ...this.#find(ref) };
  }

  /** A copy of an account's 32-byte secret key (zero it after use). */
  secretKeyFor(ref: AccountRef): Uint8Array {
    return Uint8Array.from(this.#derive(this.#find(ref).index).secretKey);
  }

  /** An account's 33-byte compressed public key (the `senderPublicKey` of its transactions). */
  publicKeyFor(ref: AccountRef): Uint8Array {
    return Uint8Array.from(this.#derive(this.#find(ref).index).publicKey);
  }

  /** Signs a 32-byte digest with an account's key: 64-byte compact low-s signature. */
  sign(ref: AccountRef, digest: Uint8Array): Uint8Array {
    if (!(digest instanceof Uint8Array) || digest.length !== 32) {
      throw new WalletError('WALLET_BAD_DIGEST', `digest must be 32 bytes, got ${digest instanceof Uint8Array ? digest.length : typeof digest}`);
    }
    return signDigest(digest, this.#derive(this.#find(ref).index).secretKey);
  }

  /** Encrypts the wallet under a password into a WalletFile (scrypt cost and name in `opts`). */
  async toEncrypted(password: string, opts: EncryptWalletOptions = {}): Promise<WalletFile> {
    const name = validateWalletName(opts.name ?? this.#name);
    const secret = JSON.stringify({ mnemonic: this.#mnemonic, passphrase: this.#passphrase });
    const keystore = await encryptSecret(secret, password, { n: opts.n, r: opts.r, p: opts.p });
    return { ...keystore, name, accounts: this.accounts() };
  }

  /** Public view (name and accounts, no secrets): what JSON.stringify and logs see. */
  toJSON(): WalletInfo {
    return { name: this.#name, accounts: this.accounts() };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new WalletError('WALLET_CORRUPT', 'wallet file is not valid JSON');
  }
}
