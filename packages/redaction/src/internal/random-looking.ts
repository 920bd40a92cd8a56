/**
 * Whether a token body looks generated rather than typed: enough distinct characters, and a digit or both
 * letter cases. Keeps `xoxb-xxxxxxxx…`, `glpat-XXXXXXXXXXXXXXXXXXXX`, `sk-your-key-here` and other
 * documentation placeholders out, while a random 20-character key passes (≈ 15 distinct characters).
 */
export function looksRandom(body: string, minDistinct = 6): boolean {
  let digit = false;
  let upper = false;
  let lower = false;
  // Characters seen, as a 128-bit set in four 32-bit words.
  let seen0 = 0;
  let seen1 = 0;
  let seen2 = 0;
  let seen3 = 0;
  let distinct = 0;
  // A placeholder repeats a few characters: 256 characters are enough to tell.
  const limit = Math.min(body.length, 256);
  for (let i = 0; i < limit && distinct < minDistinct + 1; i++) {
    const c = body.charCodeAt(i);
    if (c >= 48 && c <= 57) digit = true;
    else if (c >= 65 && c <= 90) upper = true;
    else if (c >= 97 && c <= 122) lower = true;
    const bit = 1 << (c & 31);
    const word = (c >> 5) & 3;
    const before = word === 0 ? seen0 : word === 1 ? seen1 : word === 2 ? seen2 : seen3;
    if ((before & bit) === 0) {
      if (word === 0) seen0 |= bit;
      else if (word === 1) seen1 |= bit;
      else if (word === 2) seen2 |= bit;
      else seen3 |= bit;
      distinct++;
    }
  }
  if (distinct < minDistinct) return false;
  for (let i = distinct; i < limit && !(digit && upper && lower); i++) {
    const c = body.charCodeAt(i);
    if (c >= 48 && c <= 57) digit = true;
    else if (c >= 65 && c <= 90) upper = true;
    else if (c >= 97 && c <= 122) lower = true;
  }
  return digit || (upper && lower);
}
