/**
 * The protobuf primitives of Sightline's OTLP encoder: two passes over the data.
 *
 * 1. The sizing pass walks a request once and records, in pre-order, the byte length of every
 *    length-delimited field (nested messages and strings) in `lengths`; it returns the request's size.
 * 2. The write pass walks the same data in the same order into a buffer of exactly that size, taking
 *    each length from `lengths` before the field's content, so no length is ever estimated, reserved or
 *    shifted. Strings are measured with `Buffer.byteLength` and written with `utf8Write`.
 *
 * Every length taken is checked against the bytes actually written (a value that changed between the
 * passes, a getter that returns something else the second time): a mismatch throws
 * {@link UnencodableError} and the caller falls back to the upstream serializer. The bytes follow
 * `@opentelemetry/otlp-transformer`'s `ProtobufWriter` exactly, including what it does with odd inputs
 * (a fractional or negative varint, a hex id with characters that are not hex digits).
 */

/** Thrown when the encoder does not cover a value or the two passes disagree: encode with upstream instead. */
export class UnencodableError extends Error {
  override readonly name = 'UnencodableError';
}

/** Length-delimited wire type of field `field` (all our fields are 1–15: one byte). */
export const lenTag = (field: number): number => (field << 3) | 2;

const TWO_32 = 4294967296;

/**
 * Bytes that upstream's `ProtobufWriter.writeVarint(value)` writes for `value` (not its size estimate):
 * 0 ≤ value < 2^32 as `value >>> 0`, anything else as the 64-bit two's complement of its magnitude.
 */
export function varintSize(value: number): number {
  if (value >= 0 && value <= 4294967295) {
    const v = value >>> 0;
    return v < 128 ? 1 : v < 16384 ? 2 : v < 2097152 ? 3 : v < 268435456 ? 4 : 5;
  }
  let { low, high } = varint64(value);
  let size = 1;
  while (high > 0 || low > 127) {
    low = ((low >>> 7) | (high << 25)) >>> 0;
    high >>>= 7;
    size++;
  }
  return size;
}

/** The low and high 32 bits upstream writes for a varint outside [0, 2^32). */
function varint64(value: number): { low: number; high: number } {
  if (value >= 0) return { low: value >>> 0, high: (value / TWO_32) >>> 0 };
  const abs = Math.abs(value);
  let low = ~(abs >>> 0) >>> 0;
  let high = ~((abs / TWO_32) >>> 0) >>> 0;
  low = (low + 1) >>> 0;
  if (low === 0) high = (high + 1) >>> 0;
  return { low, high };
}

/** Size of a length-delimited field's length prefix and content (its tag not included). */
export const delimitedSize = (length: number): number => varintSize(length) + length;

/** Byte length of a protobuf-encoded hex id as upstream's `hexToBinary` makes it: one byte per two characters. */
export const hexBytesLength = (hex: string): number => Math.floor(hex.length / 2);

const EMPTY = Buffer.alloc(0);
const scratch = new Float64Array(1);
const scratchBytes = new Uint8Array(scratch.buffer);

/**
 * Strings up to this many characters are measured and (when ASCII) copied by a loop: below it, a call into
 * `Buffer.byteLength` / `utf8Write` costs more than the loop.
 */
const SHORT_STRING = 24;

/** `Buffer`'s own string writers (what `buf.write(text, offset, length, encoding)` calls). */
type NativeWriters = {
  utf8Write(text: string, offset: number, length: number): number;
  latin1Write(text: string, offset: number, length: number): number;
};

/** UTF-8 length of `text` as `Buffer` (and `TextEncoder`) write it: a lone surrogate becomes U+FFFD (3 bytes). */
export function utf8Length(text: string): number {
  const length = text.length;
  if (length > SHORT_STRING) return Buffer.byteLength(text, 'utf8');
  for (let i = 0; i < length; i++) if (text.charCodeAt(i) > 127) return Buffer.byteLength(text, 'utf8');
  return length;
}

/** State of one encoding: the recorded lengths, and the buffer of the write pass. */
export class ProtoEncoder {
  /** Lengths of the length-delimited fields, in pre-order (sizing pass appends, write pass reads). */
  lengths = new Int32Array(1024);
  /** How many lengths the sizing pass recorded. */
  count = 0;
  /** Next length the write pass takes. */
  next = 0;
  /**
   * The strings measured, in order: the write pass checks that it writes the very string measured
   * (`utf8Write` would silently cut a longer one to the measured length). Cleared after each encoding.
   */
  strings: (string | undefined)[] = [];
  stringCount = 0;
  nextString = 0;
  buf: Buffer = EMPTY;
  pos = 0;

  // ---- sizing pass ----

  /** Reserves the slot of a nested message's length; fill it with {@link setLength}. */
  reserve(): number {
    if (this.count === this.lengths.length) this.grow();
    return this.count++;
  }

  private grow(): void {
    const lengths = new Int32Array(this.lengths.length * 2);
    lengths.set(this.lengths);
    this.lengths = lengths;
  }

  /** Records a nested message's length and returns the field's size (tag included). */
  setLength(at: number, length: number): number {
    this.lengths[at] = length;
    return 1 + varintSize(length) + length;
  }

  /** Records a string's UTF-8 length; returns the field's size (tag included). */
  sizeString(text: unknown): number {
    if (typeof text !== 'string') throw new UnencodableError(`a ${typeof text} where a string is encoded`);
    const length = utf8Length(text);
    const at = this.reserve(); // before reading `this.lengths`: reserving may replace it
    this.lengths[at] = length;
    this.strings[this.stringCount++] = text;
    return 1 + varintSize(length) + length;
  }

  // ---- write pass ----

  /** Starts the write pass into a buffer of `size` bytes. */
  startWriting(size: number): void {
    this.buf = Buffer.allocUnsafe(size);
    this.pos = 0;
    this.next = 0;
    this.nextString = 0;
  }

  /** Forgets the last encoding (keeps the arrays' capacity, drops the references to strings and the buffer). */
  reset(): void {
    this.count = 0;
    if (this.stringCount > 0) this.strings.fill(undefined, 0, this.stringCount);
    this.stringCount = 0;
    this.buf = EMPTY;
  }

  /** The encoded bytes; throws unless the write pass wrote exactly what the sizing pass measured. */
  finish(): Uint8Array {
    if (this.pos !== this.buf.length || this.next !== this.count || this.nextString !== this.stringCount) throw new UnencodableError('the write pass disagrees with the sizing pass');
    return this.buf;
  }

  byte(value: number): void {
    this.buf[this.pos++] = value;
  }

  /** A varint exactly as upstream's `ProtobufWriter.writeVarint` writes it. */
  varint(value: number): void {
    const buf = this.buf;
    if (value >= 0 && value <= 4294967295) {
      let v = value >>> 0;
      while (v > 127) {
        buf[this.pos++] = (v & 127) | 128;
        v >>>= 7;
      }
      buf[this.pos++] = v;
      return;
    }
    let { low, high } = varint64(value);
    while (high > 0 || low > 127) {
      buf[this.pos++] = (low & 127) | 128;
      low = ((low >>> 7) | (high << 25)) >>> 0;
      high >>>= 7;
    }
    buf[this.pos++] = low & 127;
  }

  /** Starts a nested message (after its tag): writes its recorded length, returns where it must end. */
  begin(): number {
    const length = this.lengths[this.next++];
    this.varint(length);
    return this.pos + length;
  }

  /** Ends a nested message started by {@link begin}. */
  end(expected: number): void {
    if (this.pos !== expected) throw new UnencodableError('a nested message changed between the sizing and the write pass');
  }

  /** A string field's length and UTF-8 bytes (after its tag). */
  string(text: string): void {
    if (text !== this.strings[this.nextString++]) throw new UnencodableError('a string changed between the sizing and the write pass');
    const length = this.lengths[this.next++];
    this.varint(length);
    const buf = this.buf;
    if (length === text.length) {
      // As many bytes as UTF-16 units: every character is ASCII.
      if (length <= SHORT_STRING) {
        for (let i = 0; i < length; i++) buf[this.pos++] = text.charCodeAt(i);
        return;
      }
      (buf as unknown as NativeWriters).latin1Write(text, this.pos, length);
    } else {
      (buf as unknown as NativeWriters).utf8Write(text, this.pos, length);
    }
    this.pos += length;
  }

  /** A `bytes` field's length and content (after its tag). */
  bytes(value: Uint8Array): void {
    this.varint(value.length);
    this.buf.set(value, this.pos);
    this.pos += value.length;
  }

  /** A hex id as bytes, as upstream's `hexToBinary` converts it (after its tag). */
  hexBytes(hex: string): void {
    const length = hexBytesLength(hex);
    this.varint(length);
    const buf = this.buf;
    for (let i = 0; i < length; i++) buf[this.pos++] = ((hexDigit(hex.charCodeAt(2 * i)) << 4) | hexDigit(hex.charCodeAt(2 * i + 1))) & 255;
  }

  fixed32(value: number): void {
    const v = value >>> 0;
    const buf = this.buf;
    buf[this.pos++] = v & 255;
    buf[this.pos++] = (v >>> 8) & 255;
    buf[this.pos++] = (v >>> 16) & 255;
    buf[this.pos++] = (v >>> 24) & 255;
  }

  fixed64(low: number, high: number): void {
    this.fixed32(low);
    this.fixed32(high);
  }

  double(value: number): void {
    scratch[0] = value;
    this.buf.set(scratchBytes, this.pos);
    this.pos += 8;
  }

  /**
   * An `HrTime` as nanoseconds in a fixed64, with upstream's `writeHrTimeAsFixed64` arithmetic (the same
   * bytes for every input, odd ones included).
   */
  hrTime(time: readonly [number, number]): void {
    const seconds = time[0];
    const nanos = time[1];
    const nanosFromLower16Bits = (seconds & 65535) * 1e9;
    const nanosFromUpperBits = ((seconds / 65536) >>> 0) * 1e9;
    const lower16ContributionLow32 = nanosFromLower16Bits >>> 0;
    const lower16ContributionHigh32 = Math.floor(nanosFromLower16Bits / TWO_32);
    const upperBitsContributionLow32 = ((nanosFromUpperBits & 65535) * 65536) >>> 0;
    const upperBitsContributionHigh32 = (nanosFromUpperBits / 65536) >>> 0;
    const low32WithCarry = lower16ContributionLow32 + upperBitsContributionLow32 + nanos;
    const carry = Math.floor(low32WithCarry / TWO_32);
    this.fixed64(low32WithCarry >>> 0, (lower16ContributionHigh32 + upperBitsContributionHigh32 + carry) >>> 0);
  }
}

/** Upstream's `hexToBinary` digit: 0–9, a–f, and `code - 55` for anything else (A–F among them). */
function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  return code - 55;
}
