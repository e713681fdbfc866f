/** A growable byte buffer for the canonical encoder: fixed-width little-endian writes, no padding. */
export class Writer {
  private buf: Uint8Array;
  private view: DataView;
  private pos = 0;

  constructor(initial = 256) {
    this.buf = new Uint8Array(Math.max(16, initial));
    this.view = new DataView(this.buf.buffer);
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  /** Writes an unsigned integer of 1, 2 or 4 bytes, little-endian. */
  uint(v: number, size: 1 | 2 | 4): void {
    this.ensure(size);
    if (size === 1) this.view.setUint8(this.pos, v);
    else if (size === 2) this.view.setUint16(this.pos, v, true);
    else this.view.setUint32(this.pos, v, true);
    this.pos += size;
  }

  /** Writes an unsigned bigint of 8, 16 or 32 bytes, little-endian. */
  bigUint(v: bigint, size: 8 | 16 | 32): void {
    this.ensure(size);
    if (size === 8) {
      this.view.setBigUint64(this.pos, v, true);
    } else {
      let x = v;
      for (let i = 0; i < size; i += 8) {
        this.view.setBigUint64(this.pos + i, x & 0xffffffffffffffffn, true);
        x >>= 64n;
      }
    }
    this.pos += size;
  }

  /** Appends raw bytes. */
  raw(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** A copy of the bytes written so far. */
  finish(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }

  /** Empties the writer for reuse (keeps its buffer). */
  reset(): void {
    this.pos = 0;
  }

  /** Size of the underlying buffer. */
  get capacity(): number {
    return this.buf.length;
  }

  /** Bytes written so far. */
  get length(): number {
    return this.pos;
  }
}
