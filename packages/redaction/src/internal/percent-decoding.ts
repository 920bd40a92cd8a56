/** A percent-decoded string and, for each of its characters, where it came from. */
export interface Decoded {
  readonly text: string;
  /** `map[i]`: index in the original of decoded character `i`; `map[text.length]` is the original's length. */
  readonly map: Int32Array;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/**
 * Decodes the `%XX` escapes of ASCII characters (`%40` → `@`, `%2B` → `+`), leaving everything else —
 * escapes of UTF-8 bytes, malformed escapes, `+` — as it is, so a value like
 * `email=jane.doe%40example.com` is searched as `email=jane.doe@example.com`. Undefined when nothing
 * was decoded.
 */
export function decodePercent(s: string): Decoded | undefined {
  // Characters are copied as codes and turned into one flat string at the end: building it by `+=` made a
  // rope of two pieces per escape, which the detectors then had to flatten (1 MiB of `a%40b.co ` has 116 000).
  const codes = new Uint16Array(s.length);
  const map = new Int32Array(s.length + 1);
  let decodedAny = false;
  let codeBits = 0; // every code or'ed: below 256, the text is one byte per character
  let length = 0; // decoded characters so far
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === 37 && i + 2 < s.length) {
      const hi = hexValue(s.charCodeAt(i + 1));
      const lo = hexValue(s.charCodeAt(i + 2));
      if (hi >= 0 && hi < 8 && lo >= 0) {
        codes[length] = hi * 16 + lo;
        map[length++] = i;
        i += 3;
        decodedAny = true;
        continue;
      }
    }
    codes[length] = c;
    codeBits |= c;
    map[length++] = i;
    i++;
  }
  if (!decodedAny) return undefined;
  map[length] = s.length;
  return { text: fromCodes(codes, length, codeBits < 256), map: map.subarray(0, length + 1) };
}

/** Characters per `String.fromCharCode` call: well below any engine's argument limit. */
const CHUNK = 8192;

/** The string of `codes[0, length)`, lone surrogates included as they are; `narrow`: every code is below 256. */
function fromCodes(codes: Uint16Array, length: number, narrow: boolean): string {
  if (narrow) {
    const bytes = Buffer.allocUnsafe(length);
    bytes.set(codes.subarray(0, length));
    return bytes.toString('latin1', 0, length);
  }
  if (length <= CHUNK) return String.fromCharCode.apply(null, codes.subarray(0, length) as unknown as number[]);
  const parts: string[] = [];
  for (let start = 0; start < length; start += CHUNK) {
    parts.push(String.fromCharCode.apply(null, codes.subarray(start, Math.min(length, start + CHUNK)) as unknown as number[]));
  }
  return parts.join('');
}
