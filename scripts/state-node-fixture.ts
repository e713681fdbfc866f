/**
 * Builds (or finds cached) the node-level large-state benchmark fixture of `bench/chain-state.ts`
 * ahead of `npm run bench -- state`, printing progress with timestamps, and optionally measures it:
 *
 *   node --import tsx scripts/state-node-fixture.ts <accounts> [measure|profile]
 *
 * `profile` runs the measuring child with `--cpu-prof` (profile files in $COINWORKS_PROF_DIR, else the current directory).
 */
import { nodeFixture, measureNode } from '../bench/chain-state.js';

const accounts = Number(process.argv[2] ?? 1_000_000);
const f = await nodeFixture({ accounts, senders: 1000, blocks: 50, txs: 1000 }, (m) => console.error(new Date().toISOString(), m));
console.log(JSON.stringify(f));
if (process.argv[3] === 'measure') console.log(JSON.stringify(measureNode(f)));
if (process.argv[3] === 'profile') console.log(JSON.stringify(measureNode(f, { execArgv: ['--cpu-prof', '--cpu-prof-dir', process.env.COINWORKS_PROF_DIR ?? process.cwd()] })));
