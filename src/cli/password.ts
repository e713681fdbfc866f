/**
 * Wallet passwords: from `--password-file` (first line), else the COINWORKS_WALLET_PASSWORD
 * environment variable, else an interactive prompt without echo when stdin is a terminal.
 */
import { readFile } from 'node:fs/promises';
import { CliError } from './errors.js';

/** Environment variable holding a wallet password. */
export const PASSWORD_ENV = 'COINWORKS_WALLET_PASSWORD';

/** Where a password may come from. */
export interface PasswordSources {
  /** `--password-file` value. */
  readonly file?: string;
  /** Environment (default process.env). */
  readonly env?: NodeJS.ProcessEnv;
  /** Terminal input (default process.stdin). */
  readonly stdin?: NodeJS.ReadStream;
  /** Where the prompt is written (default process.stderr). */
  readonly prompt?: NodeJS.WritableStream;
}

/** Reads a password file: its first line, without the line ending. */
export async function readPasswordFile(path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new CliError('CLI_NO_PASSWORD', `cannot read password file ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const line = text.split(/\r?\n/)[0];
  if (line === '') throw new CliError('CLI_NO_PASSWORD', `password file ${path} is empty`);
  return line;
}

/** Prompts for a line on a terminal without echoing it. */
export function promptHidden(question: string, stdin: NodeJS.ReadStream = process.stdin, out: NodeJS.WritableStream = process.stderr): Promise<string> {
  return new Promise((resolve, reject) => {
    out.write(question);
    const wasRaw = stdin.isRaw;
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let value = '';
    const done = (err?: Error) => {
      stdin.setRawMode(wasRaw);
      stdin.pause();
      stdin.off('data', onData);
      out.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done();
        if (ch === '\u0003') return done(new CliError('CLI_NO_PASSWORD', 'cancelled'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** The wallet password; with `confirm` an interactive prompt asks twice. CLI_NO_PASSWORD when there is no source. */
export async function getPassword(src: PasswordSources, o: { confirm?: boolean; purpose?: string } = {}): Promise<string> {
  if (src.file) return readPasswordFile(src.file);
  const env = src.env ?? process.env;
  const fromEnv = env[PASSWORD_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const stdin = src.stdin ?? process.stdin;
  if (!stdin.isTTY) {
    throw new CliError('CLI_NO_PASSWORD', `a wallet password is needed: pass --password-file <path> or set ${PASSWORD_ENV}`);
  }
  const out = src.prompt ?? process.stderr;
  const pw = await promptHidden(`${o.purpose ?? 'Wallet password'}: `, stdin, out);
  if (pw === '') throw new CliError('CLI_NO_PASSWORD', 'the password must not be empty');
  if (o.confirm) {
    const again = await promptHidden('Repeat password: ', stdin, out);
    if (again !== pw) throw new CliError('CLI_PASSWORD_MISMATCH', 'the passwords do not match');
  }
  return pw;
}
