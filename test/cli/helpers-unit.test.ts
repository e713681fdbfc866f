import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommanderError } from 'commander';
import { CliError, describeError } from '../../src/cli/errors.js';
import { ClientError } from '../../src/client/errors.js';
import { TxError } from '../../src/errors.js';
import { startSpinner, withSpinner } from '../../src/cli/spinner.js';
import { getPassword, readPasswordFile } from '../../src/cli/password.js';
import { parseBlockRef } from '../../src/cli/commands/block.js';
import { parseAllocation } from '../../src/cli/commands/init.js';
import { formatHashrate } from '../../src/cli/commands/mine.js';
import { emit, fields, table, toJsonText } from '../../src/cli/output.js';

test('describeError: one line with the code; exit 2 for usage, 1 otherwise, 0 for help', () => {
  assert.deepEqual(describeError(new CliError('CLI_BAD_AMOUNT', 'bad', { usage: true })), { line: 'error: bad (CLI_BAD_AMOUNT)', exitCode: 2 });
  assert.deepEqual(describeError(new TxError('TX_NONCE_GAP', 'nonce 5 expected 3')), { line: 'error: nonce 5 expected 3 (TX_NONCE_GAP)', exitCode: 1 });
  assert.deepEqual(describeError(new CommanderError(1, 'commander.unknownOption', "error: unknown option '--x'")), { line: "error: unknown option '--x' (USAGE)", exitCode: 2 });
  assert.deepEqual(describeError(new CommanderError(0, 'commander.helpDisplayed', '(outputHelp)')), { line: undefined, exitCode: 0 });
  assert.deepEqual(describeError(new Error('boom\nstack-ish')), { line: 'error: boom stack-ish (INTERNAL)', exitCode: 1 });
  assert.deepEqual(describeError(new ClientError('CLIENT_HTTP', 'chain_getHead: request to http://h:1 failed: fetch failed'), 'http://h:1').exitCode, 1);
  assert.match(describeError(new ClientError('CLIENT_HTTP', 'x failed: fetch failed'), 'http://h:1').line!, /^error: cannot reach a node at http:\/\/h:1.*\(RPC_UNREACHABLE\)$/);
  const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
  assert.match(describeError(refused, 'http://h:2').line!, /cannot reach a node at http:\/\/h:2 \(ECONNREFUSED\).*\(RPC_UNREACHABLE\)$/);
});

test('the spinner draws nothing unless stderr is a TTY, and clears its line when stopped', async () => {
  let plain = '';
  await withSpinner('waiting', async () => new Promise((r) => setTimeout(r, 30)), { write: (s: string) => (plain += s), isTTY: false });
  assert.equal(plain, '');
  let tty = '';
  const s = startSpinner('mining', { write: (x: string) => (tty += x), isTTY: true }, 0);
  await new Promise((r) => setTimeout(r, 200));
  s.update('still mining');
  await new Promise((r) => setTimeout(r, 120));
  s.stop();
  assert.match(tty, /⠋ mining/);
  assert.match(tty, /still mining/);
  assert.ok(tty.endsWith('\r\x1b[2K'));
  let fast = '';
  const quick = startSpinner('fast', { write: (x: string) => (fast += x), isTTY: true });
  quick.stop();
  assert.equal(fast, '', 'nothing is drawn for waits under a second');
});

test('passwords: file (first line) before env; no TTY and no source is an error', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'cw-pw-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const f = join(dir, 'pw');
  await writeFile(f, 's3cret\r\nmore\n');
  assert.equal(await readPasswordFile(f), 's3cret');
  assert.equal(await getPassword({ file: f, env: { COINWORKS_WALLET_PASSWORD: 'env' } }), 's3cret');
  assert.equal(await getPassword({ env: { COINWORKS_WALLET_PASSWORD: 'env' } }), 'env');
  const noTty = { isTTY: false } as NodeJS.ReadStream;
  await assert.rejects(getPassword({ env: {}, stdin: noTty }), (e: unknown) => e instanceof CliError && e.code === 'CLI_NO_PASSWORD' && /--password-file/.test(e.message));
  await writeFile(f, '\n');
  await assert.rejects(readPasswordFile(f), /empty/);
  await assert.rejects(readPasswordFile(join(dir, 'missing')), /ENOENT/);
});

test('block references, allocations and hash rates', () => {
  assert.equal(parseBlockRef('12'), 12);
  assert.equal(parseBlockRef('latest'), null);
  assert.equal(parseBlockRef('0x' + 'AB'.repeat(32)), 'ab'.repeat(32));
  assert.throws(() => parseBlockRef('-1'), (e: unknown) => e instanceof CliError && e.usage);
  assert.deepEqual(parseAllocation('cw1yq4me5s7nhnep87f9mw8afha5ek3rn4fmkf5hd=0.5'), { address: 'cw1yq4me5s7nhnep87f9mw8afha5ek3rn4fmkf5hd', amount: 50_000_000n });
  assert.throws(() => parseAllocation('cw1yq4me5s7nhnep87f9mw8afha5ek3rn4fmkf5hd=-1'), (e: unknown) => e instanceof CliError && e.code === 'CLI_BAD_AMOUNT');
  assert.equal(formatHashrate(950), '950 H/s');
  assert.equal(formatHashrate(812_400), '812.4 kH/s');
  assert.equal(formatHashrate(3_250_000_000), '3.3 GH/s');
});

test('output: JSON with bigints and bytes, aligned fields and tables', () => {
  assert.equal(toJsonText({ a: 1n, b: new Uint8Array([1, 255]) }), '{\n  "a": "1",\n  "b": "01ff"\n}');
  assert.deepEqual(fields([['a', 1], ['long key', null]]), ['a:        1', 'long key: -']);
  assert.deepEqual(table(['x', 'yy'], [['long', 'b']]), ['x     yy', 'long  b']);
  let out = '';
  const io = { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => true } };
  emit(io, true, { v: 2n }, () => 'human');
  emit(io, false, { v: 2n }, () => ['h1', 'h2']);
  assert.equal(out, '{\n  "v": "2"\n}\nh1\nh2\n');
});
