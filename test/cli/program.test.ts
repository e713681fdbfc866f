import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Help, type Command } from 'commander';
import { CliApp } from '../../src/cli/app.js';
import { COMMANDS, commandNameOf, createProgram, fullProgram } from '../../src/cli/program.js';
import { run } from './helpers.js';

function commandPaths(cmd: Command, prefix: string[] = []): string[][] {
  const out: string[][] = [];
  for (const c of cmd.commands) {
    const path = [...prefix, c.name()];
    out.push(path, ...commandPaths(c, path));
  }
  return out;
}

test('every command has --help with examples, on stdout, exit 0', async () => {
  const program = await fullProgram(new CliApp({ stdout: { write: () => true }, stderr: { write: () => true } }, {}));
  const paths = commandPaths(program);
  const names = paths.map((p) => p.join(' '));
  for (const want of ['init', 'node', 'devnet', 'wallet', 'wallet new', 'wallet import', 'wallet list', 'wallet show', 'balance', 'send', 'tx', 'block', 'mine', 'supply']) {
    assert.ok(names.includes(want), `missing command ${want}`);
  }
  for (const p of [[], ...paths]) {
    const r = await run([...p, '--help']);
    assert.equal(r.code, 0, p.join(' '));
    assert.match(r.stdout, /^Usage: coinworks/, p.join(' '));
    assert.match(r.stdout, /\nExamples:\n {2}\$ /, `${p.join(' ') || 'coinworks'} has examples`);
    assert.equal(r.stderr, '');
  }
});

test('--version prints the package version', async () => {
  const r = await run(['--version']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^\d+\.\d+\.\d+\n$/);
});

test('usage errors are one line with (USAGE) or a specific code, exit 2', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['frobnicate'], /^error: unknown command 'frobnicate' \(USAGE\)\n$/],
    [['nod'], /^error: unknown command 'nod' \(Did you mean node\?\) \(USAGE\)\n$/],
    [['balance'], /^error: missing required argument 'address\|account' \(USAGE\)\n$/],
    [['send', 'a', '1'], /^error: required option '--from <account>' not specified \(USAGE\)\n$/],
    [['send', 'a', '1.123456789', '--from', 'x'], /^error: invalid amount "1\.123456789": at most 8 decimal places \(CLI_BAD_AMOUNT\)\n$/],
    [['balance', 'cw1zzzz'], /looks like an address but its checksum or length is wrong \(CLI_BAD_ARGUMENT\)\n$/],
    [['tx', 'abc'], /^error: transaction id must be 64 hex digits, got "abc" \(CLI_BAD_ARGUMENT\)\n$/],
    [['mine', '--stop', '--status'], /^error: choose one of --stop, --status and --local \(USAGE\)\n$/],
    [['wallet', 'new', '--words', '13'], /^error: option '--words <n>' argument '13' is invalid\. Allowed choices are 12, 24\. \(USAGE\)\n$/],
    [['node', '--log-level', 'loud'], /\(USAGE\)\n$/],
    [['init', '--alloc', 'garbage'], /^error: --alloc "garbage": expected <address>=<amount> \(CLI_BAD_ARGUMENT\)\n$/],
  ];
  for (const [args, re] of cases) {
    const r = await run(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, re, args.join(' '));
    assert.equal(r.stdout, '');
  }
});

test('--rpc comes from the flag, else COINWORKS_RPC, else the default', () => {
  const app = new CliApp({ stdout: { write: () => true }, stderr: { write: () => true } }, { COINWORKS_RPC: 'http://env:1' });
  const program = createProgram(app);
  program.parseOptions([]);
  assert.equal(app.globals(program).rpc, 'http://env:1');
  const app2 = new CliApp({ stdout: { write: () => true }, stderr: { write: () => true } }, { COINWORKS_RPC: 'http://env:1' });
  const p2 = createProgram(app2);
  p2.parseOptions(['--rpc', 'http://flag:2']);
  assert.equal(app2.globals(p2).rpc, 'http://flag:2');
  const app3 = new CliApp({ stdout: { write: () => true }, stderr: { write: () => true } }, {});
  const p3 = createProgram(app3);
  p3.parseOptions([]);
  assert.equal(app3.globals(p3).rpc, 'http://127.0.0.1:8645');
});

test('the lazy command table matches the commands its modules define (name, usage term, description)', async () => {
  const program = await fullProgram(new CliApp({ stdout: { write: () => true }, stderr: { write: () => true } }, {}));
  const help = new Help();
  assert.deepEqual(
    program.commands.map((c) => [c.name(), help.subcommandTerm(c), c.description()]),
    COMMANDS.map((e) => [e.name, e.term, e.description]),
  );
  // `coinworks --help` lists the same lines whether or not the command modules are loaded.
  const stub = createProgram(new CliApp({ stdout: { write: () => true }, stderr: { write: () => true } }, {}));
  assert.equal(stub.helpInformation(), program.helpInformation());
});

test('only the command a command line names is loaded', () => {
  assert.equal(commandNameOf(['block', 'latest']), 'block');
  assert.equal(commandNameOf(['--rpc', 'http://x:1', '--json', 'block', 'latest']), 'block');
  assert.equal(commandNameOf(['--json', 'help', 'send']), 'send');
  assert.equal(commandNameOf(['--help']), undefined);
  assert.equal(commandNameOf([]), undefined);
});
