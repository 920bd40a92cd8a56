/** Character tests and word hashing shared by the trigger scans. */

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
  return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 102);
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
