import { isAlnum, isDigit, isHex, isLetter } from './char-class.js';
import { hasCliFlag } from './cli-flag.js';
import { credentialWordBefore, markerAt, prefixBefore, wordHashBefore } from './look-back.js';
import { ALL_TRIGGERS, Trigger } from './trigger.js';
import { PAIR_HASHES } from './trigger-words.js';

const PERCENT_AT = /%[0-9A-Fa-f]{2}/y;

/** Shortest string whose characters are copied out before the loop: below it the copy costs more than it saves. */
const MIN_COPIED = 32;
const ENCODER = new TextEncoder();
/** Longest string copied. */
const MAX_COPIED = 4096;
/**
 * The characters of the string being scanned, when they are all ASCII: one native copy (`encodeInto`),
 * then typed-array reads, which cost a fraction of `charCodeAt` on a string built by concatenation (a log
 * message from a template literal). Two zero bytes follow the copy, so reading one or two characters
 * past its end gives what no test accepts, as `charCodeAt`'s `NaN` does.
 */
const BYTES = new Uint8Array(MAX_COPIED + 2);

/**
 * The {@link Trigger} bits of a long string, in one loop: a letter costs one comparison (and `e`, `A`,
 * `B`, `F`, `G`, `I` a look at the next characters, for the marker runs); digits count towards a digit
 * run; the characters that can end a trigger (`:`, `=`, `-`, `_`, `.`, space, `@`, `%`) look back at the
 * word before them, once the character just before could end such a word (a letter before a token prefix's
 * joiner; r, c, n or y before a space). Reports exactly what the regex formulation in the tests
 * (`scanLongReference`) reports.
 */
export function scanLong(s: string, wanted = ALL_TRIGGERS): number {
  let bits = 0;
  const n = s.length;
  // Digits in the current run of digit groups, and separators since its last digit.
  let digits = 0;
  let seps = 0;
  let cli = false;
  let ascii = false;
  if (n >= MIN_COPIED && n <= MAX_COPIED) {
    const copied = ENCODER.encodeInto(s, BYTES);
    ascii = copied.read === n && copied.written === n; // one byte per character: all ASCII, all of it copied
    BYTES[n] = 0;
    BYTES[n + 1] = 0;
  }
  // The character before the current one (-1 before the first): the look-backs below test it first.
  let prev = -1;
  for (let i = 0; i < n; i++) {
    const c = ascii ? BYTES[i] : s.charCodeAt(i);
    const p = prev;
    prev = c;
    if (c >= 97 && c <= 122) {
      digits = 0;
      if (c === 101 && (ascii ? BYTES[i + 1] : s.charCodeAt(i + 1)) === 121 && (ascii ? BYTES[i + 2] : s.charCodeAt(i + 2)) === 74) bits |= Trigger.Marker;
      continue;
    }
    if (c >= 48 && c <= 57) {
      if (seps > 2) digits = 0;
      seps = 0;
      if (++digits >= 8) bits |= Trigger.Digits;
      // An IBAN's start: two letters at the start of a run, then two digits.
      if (digits === 1 && isLetter(p) && i >= 2 && isDigit(ascii ? BYTES[i + 1] : s.charCodeAt(i + 1)) && isLetter(s.charCodeAt(i - 2)) && (i === 2 || !isAlnum(s.charCodeAt(i - 3)))) {
        bits |= Trigger.Iban;
      }
      continue;
    }
    if (c >= 65 && c <= 90) {
      digits = 0;
      if ((c === 65 || c === 66 || c === 70 || c === 71 || c === 73) && markerAt(s, i, c)) bits |= Trigger.Marker;
      continue;
    }
    switch (c) {
      case 32: // space
      case 9: // tab
        // Only a word ending in r, c, n or y (`Bearer`, `Basic`, `Token`, `ApiKey`) can be one.
        if ((p | 32) === 114 || (p | 32) === 99 || (p | 32) === 110 || (p | 32) === 121) {
          if (i >= 5 && credentialWordBefore(s, i)) bits |= Trigger.Credential;
        }
        break;
      case 45: // -
      case 95: // _
      case 46: // .
        // Every token prefix has two characters or more and ends in a letter (`hooks` too).
        if (isLetter(p) && i >= 2 && isAlnum(ascii ? BYTES[i - 2] : s.charCodeAt(i - 2)) && prefixBefore(s, i)) bits |= Trigger.Prefix;
        if (c === 45) {
          if (!cli) {
            const next = ascii ? BYTES[i + 1] : s.charCodeAt(i + 1);
            cli = next === 45 || next === 117 || next === 85;
          }
        } else if (c === 95) {
          digits = 0;
          continue;
        } else if ((wanted & Trigger.Ip) !== 0 && isDigit(p) && isDigit(ascii ? BYTES[i + 1] : s.charCodeAt(i + 1))) {
          bits |= Trigger.Ip;
        }
        break;
      case 58: // :
        if (PAIR_HASHES.has(wordHashBefore(s, i))) bits |= Trigger.Pair;
        if ((wanted & Trigger.Ip) !== 0 && (s.charCodeAt(i + 1) === 58 || (isHex(p) && isHex(s.charCodeAt(i + 1))))) bits |= Trigger.Ip;
        break;
      case 61: // =
        if (PAIR_HASHES.has(wordHashBefore(s, i))) bits |= Trigger.Pair;
        break;
      case 64: // @
        bits |= Trigger.At;
        break;
      case 37: // %
        PERCENT_AT.lastIndex = i;
        if (PERCENT_AT.test(s)) bits |= Trigger.Percent;
        break;
    }
    // Digit groups continue over up to two of ` ().\/+-`.
    if (c === 32 || c === 45 || c === 46 || c === 47 || c === 40 || c === 41 || c === 43) seps++;
    else digits = 0;
  }
  if (cli && (wanted & Trigger.Credential) !== 0 && hasCliFlag(s)) bits |= Trigger.Credential;
  return bits & wanted;
}
