/**
 * `coinworks balance <address|account>`: balance and nonce of an account; `--prove` also fetches
 * its state proof and the block it names, and verifies the proof offline against that block's
 * state root (printing `proof: valid`).
 */
import type { Command } from 'commander';
import type { AccountProofJson } from '../../client/types.js';
import type { CliApp } from '../app.js';
import { examples } from '../args.js';
import { CliError } from '../errors.js';
import { emit, fields } from '../output.js';
import { resolveAddress } from '../wallets.js';
import { Units } from '../units.js';

/** One row per held asset other than the native coin, in its decimals and symbol. */
function assetRows(balances: ReadonlyArray<{ assetId: number; amount: string }>, units: Units): Array<readonly [string, string]> {
  return balances.filter((b) => b.assetId !== 0).map((b) => [`asset ${b.assetId}`, units.show(b.amount, b.assetId)] as const);
}

/** The balance rows: every asset held, or with `--asset` that asset alone (0 when not held). */
function balanceRows(balances: ReadonlyArray<{ assetId: number; amount: string }>, units: Units, only: number | undefined): Array<readonly [string, string]> {
  if (only !== undefined) return [['balance', units.show(balances.find((b) => b.assetId === only)?.amount ?? '0', only)]];
  return [['balance', units.show(balances.find((b) => b.assetId === 0)?.amount ?? '0', 0)], ...assetRows(balances, units)];
}

/** Registers `balance`. */
export function registerBalance(program: Command, app: CliApp): void {
  program
    .command('balance')
    .description('show the balance and nonce of an address or wallet account')
    .argument('<address|account>', 'a cw1... address, or an account label from your wallets')
    .option('--prove', 'verify the balance offline: state proof -> coinbase state root -> merkle branch -> block header and its proof of work')
    .option('--asset <asset>', 'show only this asset, by id or symbol (default: every asset held)')
    .option('--wallet <name>', 'wallet holding the account label (default: any wallet that has it)')
    .option('--wallet-dir <dir>', 'wallet directory (default ~/.coinworks/wallets, env COINWORKS_WALLET_DIR)')
    .addHelpText(
      'after',
      examples(['coinworks balance cw1...', 'coinworks balance dev-0            # from the directory the devnet runs in', 'coinworks balance dev-14 --asset USDKG', 'coinworks balance cw1... --prove --json']),
    )
    .action(async (ref: string, o: { prove?: boolean; asset?: string; wallet?: string; walletDir?: string }, c: Command) => {
      const { json } = app.globals(c);
      const address = await resolveAddress(ref, o, app.env);
      const client = app.client(c);
      const units = new Units(client);
      const only = o.asset === undefined ? undefined : (await units.resolve(o.asset)).assetId;
      if (!o.prove) {
        const acc = await client.getAccount(address);
        const balance = acc.balances.find((b) => b.assetId === 0)?.amount ?? '0';
        await units.load(acc.balances.map((b) => b.assetId));
        emit(app.io, json, { address, balance, nonce: acc.nonce, pendingNonce: acc.pendingNonce, balances: acc.balances }, () =>
          fields([
            ['address', address],
            ...balanceRows(acc.balances, units, only),
            ['nonce', acc.pendingNonce !== acc.nonce ? `${acc.nonce} (next ${acc.pendingNonce} with pending transactions)` : acc.nonce],
          ]),
        );
        return;
      }
      const proof: AccountProofJson = await client.getAccountProof(address);
      if (proof.value === null) {
        // No record: nothing to prove. The tree proves inclusion only, so an absent account cannot be
        // proven to hold nothing: say so and fail, rather than exit 0 with no proof.
        const data = { address, balance: '0', nonce: '0', proof: { valid: false, reason: 'no state record', height: proof.height, blockHash: proof.blockHash } };
        if (json) emit(app.io, json, data, () => '');
        throw new CliError(
          'CLI_PROOF_UNAVAILABLE',
          `nothing to prove: ${address} has no state record at height ${proof.height} (it never held coins, so its balance is 0; the state tree proves what a record holds, not that one is absent)`,
        );
      }
      // Checked offline against the block's own 80-byte header: its hash (the block id the node
      // names) and proof of work, the coinbase's merkle branch to the header, the coinbase's state
      // root, then the account's path to that root.
      // Loaded only for --prove (the state tree and header code are no part of a plain balance).
      const { verifyAccountProofWithHeader } = await import('../../client/proof.js');
      const check = verifyAccountProofWithHeader(proof, proof.blockHash);
      if (!check.valid || !check.account) {
        throw new CliError('CLI_PROOF_INVALID', `state proof for ${address} does not verify against block ${proof.height} (${proof.blockHash}): ${check.reason ?? 'invalid'}`);
      }
      const block = { height: proof.height, hash: check.blockHash!, stateRoot: check.stateRoot! };
      const balance = check.account.balances.find((b) => b.assetId === 0)?.amount ?? 0n;
      const data = {
        address,
        balance: balance.toString(),
        nonce: check.account.nonce.toString(),
        balances: check.account.balances.map((b) => ({ assetId: b.assetId, amount: b.amount.toString() })),
        proof: { valid: true, height: block.height, blockHash: block.hash, stateRoot: block.stateRoot, leafIndex: proof.index },
      };
      await units.load(data.balances.map((b) => b.assetId));
      emit(app.io, json, data, () => [
        ...fields([
          ['address', address],
          ...balanceRows(data.balances, units, only),
          ['nonce', check.account!.nonce.toString()],
          ['block', `${block.height} ${block.hash}`],
          ['state root', block.stateRoot],
        ]),
        'proof: valid',
      ]);
    });
}
