/**
 * The dashboard's in-page dev accounts are the devnet's: the same public mnemonic as the CLI's and
 * the same addresses `coinworks devnet` funds (BIP-44 m/44'/8645'/0'/0/i), and a page signer's
 * signature verifies under its public key.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEV_MNEMONIC as CLI_MNEMONIC, devAccounts } from '../../src/cli/devnet-accounts.js';
import { verifyDigest } from '../../src/crypto/keys.js';
import { accountsOf, DEV_MNEMONIC } from '../../src/web/wallet.js';

test("the page's dev accounts are the devnet's, and they sign", async () => {
  assert.equal(DEV_MNEMONIC, CLI_MNEMONIC);
  const page = accountsOf(DEV_MNEMONIC, 3);
  assert.deepEqual(page.map((a) => [a.label, a.address]), devAccounts(CLI_MNEMONIC, 3).map((a) => [a.label, a.address]));
  const digest = new Uint8Array(32).fill(7);
  const sig = await page[1].signer(digest);
  assert.equal(verifyDigest(sig, digest, page[1].publicKey), true);
  assert.throws(() => accountsOf('not a mnemonic', 1));
});
