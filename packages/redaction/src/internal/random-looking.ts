/**
 * Whether a token body looks generated rather than typed: enough distinct characters, and a digit or both
 * letter cases. Keeps `xoxb-xxxxxxxx…`, `glpat-XXXXXXXXXXXXXXXXXXXX`, `sk-your-key-here` and other
 * documentation placeholders out, while a random 20-character key passes (≈ 15 distinct characters).
 */
export function looksRandom(body: string, minDistinct = 6): boolean {
  let digit = false;
  let upper = false;
  let lower = false;
  let seen = 0n;
  let distinct = 0;
  for (let i = 0; i < body.length && distinct < minDistinct + 1; i++) {
    const c = body.charCodeAt(i);
    if (c >= 48 && c <= 57) digit = true;
    else if (c >= 65 && c <= 90) upper = true;
    else if (c >= 97 && c <= 122) lower = true;
    const bit = 1n << BigInt(c & 127);
    if ((seen & bit) === 0n) {
      seen |= bit;
      distinct++;
    }
  }
  if (distinct < minDistinct) return false;
  for (let i = distinct; i < body.length && !(digit && upper && lower); i++) {
    const c = body.charCodeAt(i);
    if (c >= 48 && c <= 57) digit = true;
    else if (c >= 65 && c <= 90) upper = true;
    else if (c >= 97 && c <= 122) lower = true;
  }
  return digit || (upper && lower);
}
