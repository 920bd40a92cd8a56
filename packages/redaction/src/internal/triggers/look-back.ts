/** Checks made at one character of a string: is the word before it a trigger word, does a marker start here? */
import { HASH_MASK, isAlnum, isLetter } from './char-class.js';
import { MARKER_CODES, PREFIX_HASHES } from './trigger-words.js';

/**
 * Hash of the last letters-only word (camelCase split) ending before `end`, past up to 12 spaces, quotes
 * and `\`, then up to 80 of `.`, `_`, `-` (the name `secret-assignment.ts` reads may end in them).
 */
export function wordHashBefore(s: string, end: number): number {
  let i = end;
  let skipped = 0;
  while (i > 0 && skipped < 12) {
    const c = s.charCodeAt(i - 1);
    if (c === 32 || c === 9 || c === 34 || c === 39 || c === 92) {
      i--;
      skipped++;
    } else break;
  }
  // A name may end in joiners (`password.`, `secret_`): its last word is before them.
  for (let joiners = 0; i > 0 && joiners < 80; joiners++) {
    const c = s.charCodeAt(i - 1);
    if (c === 46 || c === 95 || c === 45) i--;
    else break;
  }
  const wordEnd = i;
  while (i > 0 && wordEnd - i < 64 && isLetter(s.charCodeAt(i - 1))) {
    // A capital after a lower-case letter starts the last camelCase word.
    const c = s.charCodeAt(i - 1);
    i--;
    if (c >= 65 && c <= 90 && i > 0 && s.charCodeAt(i - 1) >= 97 && s.charCodeAt(i - 1) <= 122) break;
  }
  let h = 0;
  for (let k = i; k < wordEnd; k++) h = (Math.imul(h, 31) + (s.charCodeAt(k) | 32)) & HASH_MASK;
  return h;
}

/**
 * Whether the joiner at `end` follows a token prefix (a whole alphanumeric run of up to 8 characters), or
 * `hooks` glued to anything (the Slack webhook pattern has no boundary before `hooks.slack.com`).
 */
export function prefixBefore(s: string, end: number): boolean {
  if (end === 0 || !isLetter(s.charCodeAt(end - 1))) return false; // every prefix ends in a letter
  if (end > 5 && s.charCodeAt(end - 1) === 115 && s.startsWith('hooks', end - 5)) return true;
  let start = end;
  while (start > 0 && end - start < 9 && isAlnum(s.charCodeAt(start - 1))) start--;
  if (end - start > 8 || (start > 0 && isAlnum(s.charCodeAt(start - 1)))) return false;
  let h = 0;
  for (let k = start; k < end; k++) h = (Math.imul(h, 31) + (s.charCodeAt(k) | 32)) & HASH_MASK;
  return PREFIX_HASHES.has(h);
}

/** Whether one of the marker runs (`AKIA`, `eyJ`, `BEGI`…) starts at `i`, whose character is `c`. */
export function markerAt(s: string, i: number, c: number): boolean {
  const c1 = s.charCodeAt(i + 1);
  const c2 = s.charCodeAt(i + 2);
  if (c === 101) return c1 === 121 && c2 === 74; // eyJ
  if (c === 65 && c1 === 51) return c2 === 84; // A3T
  const code = (c << 21) | (c1 << 14) | (c2 << 7) | s.charCodeAt(i + 3);
  return MARKER_CODES.has(code);
}

/**
 * Whether `word` (lower case) is written at `start` as people write it: `bearer`, `Bearer` or `BEARER`
 * (and `apiKey`, `ApiKey`, `APIKEY` for `apikey`, whose `k` may be a capital).
 */
function wordAt(s: string, start: number, word: string): boolean {
  const first = s.charCodeAt(start);
  const w0 = word.charCodeAt(0);
  if (first !== w0 && first !== w0 - 32) return false;
  const upper = first === w0 - 32 && s.charCodeAt(start + 1) === word.charCodeAt(1) - 32;
  for (let k = 1; k < word.length; k++) {
    const c = s.charCodeAt(start + k);
    const w = word.charCodeAt(k);
    if (c === (upper ? w - 32 : w)) continue;
    if (!upper && k === 3 && w === 107 && c === 75) continue; // apiKey
    return false;
  }
  return true;
}

/** Whether a credential word (`Bearer`, `Basic`, `Token`, `ApiKey`) ends at the space or tab at `i`. */
export function credentialWordBefore(s: string, i: number): boolean {
  switch (s.charCodeAt(i - 1) | 32) {
    case 114: // r
      return i >= 6 && wordAt(s, i - 6, 'bearer');
    case 99: // c
      return i >= 5 && wordAt(s, i - 5, 'basic');
    case 110: // n
      return i >= 5 && wordAt(s, i - 5, 'token');
    case 121: // y
      return i >= 6 && wordAt(s, i - 6, 'apikey');
    default:
      return false;
  }
}
