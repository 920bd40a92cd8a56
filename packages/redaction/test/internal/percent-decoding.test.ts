import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePercent } from '../../src/internal/percent-decoding.js';

/** The decoding written as one regular expression: `%XX` of an ASCII character (first hex digit 0–7) becomes it. */
const ESCAPE = /%([0-7][0-9A-Fa-f])/g;
const reference = (s: string): string => s.replace(ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

const pieces = fc.oneof(
  fc.constantFrom('%40', '%2B', '%3d', '%7E', '%80', '%C3%A9', '%zz', '%4', '%', '@', 'a', ' ', 'é', '\u{1F600}', '\uD800', '\uDC00', 'ÿ'),
  fc.string({ maxLength: 3 }),
  fc.string({ unit: 'binary', maxLength: 3 }),
);
const text = (maxLength: number) => fc.array(pieces, { maxLength }).map((p) => p.join(''));

describe('decodePercent', () => {
  it('decodes exactly the ASCII escapes, and maps every decoded character back to where it came from', () => {
    fc.assert(
      fc.property(fc.oneof(text(30), text(4000)), (s) => {
        const decoded = decodePercent(s);
        const expected = reference(s);
        if (expected === s) {
          expect(decoded).toBeUndefined();
          return;
        }
        expect(decoded).toBeDefined();
        const { text: out, map } = decoded!;
        expect(out).toBe(expected);
        expect(map.length).toBe(out.length + 1);
        expect(map[out.length]).toBe(s.length);
        for (let i = 0; i < out.length; i++) {
          const from = s.slice(map[i], map[i + 1]);
          expect(from.length === 1 ? from : reference(from)).toBe(out[i]);
        }
      }),
      { numRuns: 3_000 },
    );
  });

  it('keeps lone surrogates and characters above U+00FF as they are', () => {
    expect(decodePercent('\uD800a%40b\u{1F600}')?.text).toBe('\uD800a@b\u{1F600}');
    expect(decodePercent('ÿ%41')?.text).toBe('ÿA');
  });
});
