/** Character classes and word hashing shared by the trigger scans. */

// Character classes.
export const DIGIT = 1;
export const UPPER = 2;
export const LOWER = 4;
export const JOINER = 8; // - _ .
export const KEEP = 16; // " ' \ space tab: kept between a name and its `:`/`=`
export const PAIR = 32; // : =
export const DIGIT_SEP = 64; // space - . / ( ) +
export const HEX = 128;

export const CLASS = new Uint8Array(128);
for (let c = 48; c <= 57; c++) CLASS[c] = DIGIT | HEX;
for (let c = 65; c <= 90; c++) CLASS[c] = UPPER | (c <= 70 ? HEX : 0);
for (let c = 97; c <= 122; c++) CLASS[c] = LOWER | (c <= 102 ? HEX : 0);
for (const c of '-_.') CLASS[c.charCodeAt(0)] |= JOINER;
for (const c of `"'\\ \t`) CLASS[c.charCodeAt(0)] |= KEEP;
for (const c of ':=') CLASS[c.charCodeAt(0)] |= PAIR;
for (const c of ' -./()+') CLASS[c.charCodeAt(0)] |= DIGIT_SEP;

/** Hashes stay within 30 bits: small integers to V8 (no heap numbers, fast `Set` look-ups). */
export const HASH_MASK = 0x3fffffff;

/** The hash the scans compute for a lower-case word. */
function wordHash(word: string): number {
  let h = 0;
  for (let i = 0; i < word.length; i++) h = (Math.imul(h, 31) + (word.charCodeAt(i) | 32)) & HASH_MASK;
  return h;
}

/** The hash set of `words`, as the scans compute them. */
export const hashes = (words: readonly string[]): ReadonlySet<number> => new Set(words.map(wordHash));

export function isHex(c: number): boolean {
  return c < 128 && (CLASS[c] & HEX) !== 0;
}

export function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

export function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || isLetter(c);
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
