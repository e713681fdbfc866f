import { DecodeError } from '../errors.js';

/** A bounds-checked cursor over bytes for the canonical decoder; every overrun is DECODE_TRUNCATED. */
export class Reader {
  private readonly view: DataView;
  private pos = 0;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Current read offset. */
  get offset(): number {
    return this.pos;
  }

  /** A view (no copy) of input bytes [start, end). */
  slice(start: number, end: number): Uint8Array {
    return this.bytes.subarray(start, end);
  }

  /** Bytes not yet read. */
  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  private need(n: number): void {
    if (this.pos + n > this.bytes.length) {
      throw new DecodeError('DECODE_TRUNCATED', `need ${n} bytes at offset ${this.pos}, have ${this.bytes.length - this.pos}`);
    }
  }

  /** Reads an unsigned integer of 1, 2 or 4 bytes, little-endian. */
  uint(size: 1 | 2 | 4): number {
    this.need(size);
    const p = this.pos;
    this.pos += size;
    return size === 1 ? this.view.getUint8(p) : size === 2 ? this.view.getUint16(p, true) : this.view.getUint32(p, true);
  }

  /** Reads an unsigned bigint of 8, 16 or 32 bytes, little-endian. */
  bigUint(size: 8 | 16 | 32): bigint {
    this.need(size);
    const p = this.pos;
    this.pos += size;
    if (size === 8) return this.view.getBigUint64(p, true);
    let v = 0n;
    for (let i = size - 8; i >= 0; i -= 8) v = (v << 64n) | this.view.getBigUint64(p + i, true);
    return v;
  }

  /** Reads `n` raw bytes (a copy, so decoded values never alias the input). */
  take(n: number): Uint8Array {
    this.need(n);
    // Copy through the Uint8Array constructor: Buffer#slice would return a view of the input.
    const out = new Uint8Array(this.bytes.subarray(this.pos, this.pos + n));
    this.pos += n;
    return out;
  }
}
