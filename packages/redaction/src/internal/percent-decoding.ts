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
  const map = new Int32Array(s.length + 1);
  let out = '';
  let copied = 0; // s[copied…] not yet appended to out
  let length = 0; // decoded characters so far
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === 37 && i + 2 < s.length) {
      const hi = hexValue(s.charCodeAt(i + 1));
      const lo = hexValue(s.charCodeAt(i + 2));
      if (hi >= 0 && hi < 8 && lo >= 0) {
        out += s.slice(copied, i) + String.fromCharCode(hi * 16 + lo);
        map[length++] = i;
        i += 3;
        copied = i;
        continue;
      }
    }
    map[length++] = i;
    i++;
  }
  if (copied === 0) return undefined;
  out += s.slice(copied);
  map[length] = s.length;
  return { text: out, map: map.subarray(0, length + 1) };
}
