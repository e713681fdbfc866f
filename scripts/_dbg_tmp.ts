import { installNativeHashing } from '../src/crypto/native.js';
import { Simulation } from '../src/testing/bft-sim.js';
import { byzantineScenario } from '../src/testing/bft-sim-scenarios.js';
installNativeHashing();
const seed = Number(process.argv[2]);
const cfg = { ...byzantineScenario(seed), crypto: 'fast' as const, maxTimeMs: Number(process.argv[3] ?? 5000) };
console.log(JSON.stringify(cfg, (_, x) => typeof x === 'bigint' ? `${x}` : x));
const sim = new Simulation(cfg); const r = sim.run();
console.log(r.live, r.timeMs, r.decisions.map(d => d.map(x => `${x.height}/${x.round}@${x.atMs}`).join(' ')), r.stats);
const hex = (b: any) => b ? Buffer.from(b).toString('hex').slice(0, 6) : 'nil';
for (const n of (sim as any).nodes) {
  const st = n.engine.status(); const hs = n.engine.hs;
  console.log(n.index, 'h', st.height, 'r', st.round, st.step, 'locked', st.lockedRound, hex(st.lockedBlock), 'valid', st.validRound, 'maxRound', hs?.maxRound, 'decided', [...n.decided.keys()], 'buffer', n.engine.buffer.length, 'sign', n.store.load() && `${n.store.load().height}/${n.store.load().round}/${n.store.load().step}`);
  for (const r of hs.sortedRounds().slice(-3)) { const rs = hs.rounds.get(r); console.log('   r', r, 'props', rs.proposals.map((p: any) => p.key.slice(0, 6)).join(','), 'pv', rs.prevotes.all().map((v: any) => `${v.vote.validatorIndex}:${hex(v.vote.blockHash)}`).join(','), 'pc', rs.precommits.all().map((v: any) => `${v.vote.validatorIndex}:${hex(v.vote.blockHash)}`).join(','), 'values', [...hs.values.entries()].map(([k, v]: any) => `${k.slice(0,6)}=${v.validity}`).join(' ')); }
}
const log: string[] = (sim as any).log; console.log(log.filter(l => / 3 /.test(l)).slice(0, 30).join('\n'));
