/**
 * Character features of a short string, collected in one loop: a gate whose regex needs one of the
 * features absent from a string is not run on it. Cheaper than a regex call on strings of a few dozen
 * characters, the typical attribute value.
 */
export const Feature = {
  /** `0`–`9`. */
  Digit: 1,
  /** `-`, `_`, `.`: token prefixes (`sk-`, `ghp_`, `hooks.slack`) and PEM dashes. */
  Joiner: 2,
  /** `:`, `=`: name-value pairs, IPv6. */
  Pair: 4,
  /** `@`. */
  At: 8,
  /** `A`, `J`, space, tab: `AIza`/`AKIA`, `eyJ`, `Bearer `, `BEGIN `. */
  Marker: 16,
  /** `+`: international phone numbers. */
  Plus: 32,
} as const;

const TABLE = new Uint8Array(128);
for (let c = 48; c <= 57; c++) TABLE[c] = Feature.Digit;
for (const c of '-_.') TABLE[c.charCodeAt(0)] = Feature.Joiner;
for (const c of ':=') TABLE[c.charCodeAt(0)] = Feature.Pair;
TABLE['@'.charCodeAt(0)] = Feature.At;
for (const c of 'AJ \t') TABLE[c.charCodeAt(0)] = Feature.Marker;
TABLE['+'.charCodeAt(0)] = Feature.Plus;

/** The {@link Feature} bits present in `s`. */
export function charFeatures(s: string): number {
  let features = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 128) features |= TABLE[c];
  }
  return features;
}
