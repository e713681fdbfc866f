/**
 * Crash-test worker for the double-sign guard with its file store: signs proposals and votes in
 * (height, round, step) order as fast as the fsyncs allow, choosing each block at random (so a
 * restarted worker wants to sign something else), until a parent SIGKILLs it at a random moment
 * (test/consensus/bft/sign-state-crash.test.ts). On start it resumes at the last signed (height,
 * round, step) and first asks to sign that step again, with a fresh random choice.
 *
 *   node --import tsx src/testing/bft-signer-worker.ts <state-file> <seed>
 *
 * Protocol on stdout, one line each (a pipe write is synchronous on Linux, so a printed line left
 * the process before the next signature is attempted):
 *   READY <height> <round> <step>            the state file was loaded (0 0 0 when new)
 *   SIGNED <height> <round> <step> <digest>  the guard released a signature (its state was saved first)
 *   REFUSED <height> <round> <step>          the guard refused (a different message for a signed step)
 * The worker exits when its stdin closes.
 */
import { DoubleSignGuard, SIGN_STEP } from '../consensus/bft/signer.js';
import { FileSignStateStore } from '../consensus/bft/sign-state-file.js';
import { proposalSignDigest, voteSignDigest, type Vote } from '../consensus/bft/messages.js';
import { sha256 } from '../crypto/hash.js';
import { bytesToHex } from '../encoding/hex.js';
import { testKey } from './keys.js';
import { mulberry32 } from './prng.js';

const [file, seedText] = process.argv.slice(2);
const CHAIN_ID = 4242;
const key = testKey(0, 'bft signer worker');
const rnd = mulberry32(Number(seedText) * 7919 + process.pid);
const guard = new DoubleSignGuard({ chainId: CHAIN_ID, publicKey: key.publicKey, sign: key.sign, store: new FileSignStateStore(file) });
const blocks = [sha256(Uint8Array.of(1)), sha256(Uint8Array.of(2)), sha256(Uint8Array.of(3))];
const line = (s: string) => process.stdout.write(`${s}\n`);

let stop = false;
process.stdin.on('end', () => (stop = true));
process.stdin.resume();

const last = guard.lastSignState();
let height = last?.height ?? 1n;
let round = last?.round ?? 0;
let step = last?.step ?? SIGN_STEP.proposal;
line(`READY ${last?.height ?? 0} ${last?.round ?? 0} ${last?.step ?? 0}`);

function attempt(): void {
  const pick = Math.floor(rnd() * (blocks.length + 1));
  const blockHash = pick === blocks.length ? null : blocks[pick];
  let digest: Uint8Array;
  try {
    if (step === SIGN_STEP.proposal) {
      const p = { height, round, blockHash: blockHash ?? blocks[0], polRound: null };
      guard.signProposal(p);
      digest = proposalSignDigest(CHAIN_ID, p);
    } else {
      const vote: Vote = { type: step === SIGN_STEP.prevote ? 'prevote' : 'precommit', height, round, blockHash, validatorIndex: 0, validatorAddress: key.address };
      guard.signVote(vote);
      digest = voteSignDigest(CHAIN_ID, vote);
    }
    line(`SIGNED ${height} ${round} ${step} ${bytesToHex(digest)}`);
  } catch {
    line(`REFUSED ${height} ${round} ${step}`);
  }
  // Next step: proposal, prevote, precommit; three rounds a height.
  if (step < SIGN_STEP.precommit) step++;
  else {
    step = SIGN_STEP.proposal;
    if (++round === 3) {
      round = 0;
      height++;
    }
  }
}

async function main(): Promise<void> {
  while (!stop) {
    for (let i = 0; i < 8 && !stop; i++) attempt();
    await new Promise<void>((r) => setImmediate(r));
  }
}
void main();
