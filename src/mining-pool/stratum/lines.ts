/**
 * Stratum v1 framing: one JSON message per line ending in `\n` (a `\r` before it is dropped).
 * TCP delivers lines in pieces and several at once, so bytes are buffered until a newline; a line
 * longer than the cap is refused before it is ever buffered in full (mining.md: cap line length).
 */

/** What feeding bytes produced: complete lines, and whether the cap was broken. */
export interface FeedResult {
  readonly lines: string[];
  /** True once a line exceeded `maxLineBytes` (the splitter then ignores all further input). */
  readonly overflow: boolean;
}

/** Splits a byte stream into lines of at most `maxLineBytes` bytes (newline excluded). */
export class LineSplitter {
  private parts: Buffer[] = [];
  private size = 0;
  private broken = false;

  constructor(readonly maxLineBytes: number) {}

  /** Bytes waiting for their newline. */
  get pending(): number {
    return this.size;
  }

  /** Feeds a chunk; returns the lines it completed. */
  feed(chunk: Buffer): FeedResult {
    if (this.broken) return { lines: [], overflow: true };
    const lines: string[] = [];
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      if (nl < 0) break;
      const piece = chunk.subarray(start, nl);
      if (this.size + piece.length > this.maxLineBytes) return this.overflow(lines);
      let line: Buffer;
      if (this.size === 0) line = piece;
      else {
        this.parts.push(piece);
        line = Buffer.concat(this.parts, this.size + piece.length);
        this.parts = [];
        this.size = 0;
      }
      const end = line.length > 0 && line[line.length - 1] === 0x0d ? line.length - 1 : line.length;
      lines.push(line.toString('utf8', 0, end));
      start = nl + 1;
    }
    const rest = chunk.length - start;
    if (rest > 0) {
      if (this.size + rest > this.maxLineBytes) return this.overflow(lines);
      // Copy: the socket may reuse its chunk buffer.
      this.parts.push(Buffer.from(chunk.subarray(start)));
      this.size += rest;
    }
    return { lines, overflow: false };
  }

  private overflow(lines: string[]): FeedResult {
    this.broken = true;
    this.parts = [];
    this.size = 0;
    return { lines, overflow: true };
  }
}
