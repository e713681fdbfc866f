/**
 * A key kept in the page only (never stored, never sent): the devnet's public dev accounts, derived
 * in the browser from the public dev mnemonic (BIP-44 m/44'/8645'/0'/0/i, as `coinworks devnet`
 * does), or any mnemonic typed in. Loaded on first use, so pages that only read never carry the
 * signing code.
 */
import { deriveAccount } from '../wallet/hd.js';
import { mnemonicToSeed, validateMnemonic } from '../wallet/mnemonic.js';
import { signDigest } from '../crypto/keys.js';
import type { CommandSigner } from '../client/index.js';

/** The public development mnemonic of `coinworks devnet` (cli/devnet-accounts.ts DEV_MNEMONIC; test/web/dev-mnemonic.test.ts holds them equal). */
export const DEV_MNEMONIC = 'test test test test test test test test test test test junk';
/** Dev accounts offered. */
export const DEV_ACCOUNTS = 10;

/** An account the page can sign with. */
export interface PageAccount extends CommandSigner {
  readonly label: string;
  readonly address: string;
}

/** The first `count` accounts of a mnemonic (the dev mnemonic by default), labelled like the CLI's (`dev-0`, …). */
export function accountsOf(mnemonic = DEV_MNEMONIC, count = DEV_ACCOUNTS, prefix = 'dev'): PageAccount[] {
  const seed = mnemonicToSeed(validateMnemonic(mnemonic));
  return Array.from({ length: count }, (_, i) => {
    const a = deriveAccount(seed, i);
    const secret = a.secretKey;
    return { label: `${prefix}-${i}`, address: a.address, publicKey: a.publicKey, signer: (digest: Uint8Array) => signDigest(digest, secret) };
  });
}
