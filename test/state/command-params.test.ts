/** The command-params registry the CLI uses needs no state machine, and holds exactly the codecs the modules' commands declare. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COMMAND_PARAMS, commandParamsOf } from '../../src/state/modules/command-params.js';
import { StateMachine } from '../../src/state/state-machine.js';
import { coreModules } from '../../src/state/modules/index.js';
import { regtest } from '../../src/params/networks.js';
import { POS_DEVNET_ECONOMICS } from '../../src/params/staking.js';
import { proofOfStake } from '../../src/state/modules/proof-of-stake.js';

test('every module command has its params codec in the registry (the same object), and nothing else is there', () => {
  // The core modules and the proof-of-stake modules an engine adds.
  const sm = new StateMachine(regtest, coreModules(proofOfStake(POS_DEVNET_ECONOMICS).modules()));
  const fromModules = sm.modules.flatMap((m) => (m.commands ?? []).map((c) => [`${m.name}.${c.name}`, c.schema] as const));
  const fromRegistry = Object.entries(COMMAND_PARAMS).flatMap(([m, cs]) => Object.entries(cs).map(([c, s]) => [`${m}.${c}`, s] as const));
  assert.deepEqual(fromRegistry.map(([k]) => k).sort(), fromModules.map(([k]) => k).sort());
  for (const [key, schema] of fromModules) {
    const [m, c] = key.split('.');
    assert.equal(commandParamsOf(m, c), schema, key);
  }
  assert.equal(commandParamsOf('bank', 'nope'), undefined);
  assert.equal(commandParamsOf('toString', 'call'), undefined);
  assert.equal(commandParamsOf('bank', 'constructor'), undefined);
});
