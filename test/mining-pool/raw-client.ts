/** A raw TCP client for byte-level Stratum tests: send exact bytes, read whole lines. */
import { connect, type Socket } from 'node:net';

/** A line-reading socket. */
export class RawClient {
  readonly lines: string[] = [];
  closed = false;
  private buf = '';
  private waiters: Array<() => void> = [];
  private constructor(readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (s: string) => {
      this.buf += s;
      let i;
      while ((i = this.buf.indexOf('\n')) >= 0) {
        this.lines.push(this.buf.slice(0, i));
        this.buf = this.buf.slice(i + 1);
      }
      for (const w of this.waiters.splice(0)) w();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.closed = true;
      for (const w of this.waiters.splice(0)) w();
    });
  }

  /** Connects to 127.0.0.1:port. */
  static async open(port: number): Promise<RawClient> {
    const s = connect({ host: '127.0.0.1', port });
    await new Promise<void>((resolve, reject) => {
      s.once('connect', resolve);
      s.once('error', reject);
    });
    return new RawClient(s);
  }

  /** Writes raw bytes. */
  send(data: string | Buffer): void {
    this.socket.write(data);
  }

  /** Waits until at least `n` lines arrived (or the socket closed); returns them all. */
  async waitLines(n: number, ms = 10_000): Promise<string[]> {
    const end = Date.now() + ms;
    while (this.lines.length < n && !this.closed) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${n} lines (got ${this.lines.length}: ${this.lines.join(' | ')})`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 50);
      });
    }
    return this.lines;
  }

  /** Waits for the socket to close. */
  async waitClosed(ms = 10_000): Promise<void> {
    const end = Date.now() + ms;
    while (!this.closed) {
      if (Date.now() > end) throw new Error('socket still open');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Parsed line `i`. */
  json(i: number): any {
    return JSON.parse(this.lines[i]);
  }

  /** Closes. */
  close(): void {
    this.socket.destroy();
  }
}
