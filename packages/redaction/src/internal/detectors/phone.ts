import type { Detector, MatchSink } from '../detector.js';
import { DIGIT_GATE } from '../gates.js';

/** `+<country code>` and up to 8 separated groups; trimmed to at most 15 digits (E.164) afterwards. */
const INTERNATIONAL = /(?<![\w+])\+[1-9]\d{0,14}(?:[ .-]?\(\d{1,5}\)\d{0,5}|[ .-]\(?\d{1,5}\)?\d{0,4}){0,8}/g;
/** North American numbering plan: `(415) 555-2671`, `415-555-2671`, `415.555.2671`, `1 415 555 2671`. */
const NANP = /(?<![\w+.-]|\d[ -])(?:1[ .-]?)?(?:\([2-9]\d{2}\)[ .-]?|[2-9]\d{2}[ .-])[2-9]\d{2}[ .-]\d{4}(?![\w]|[.-]\d)/g;
/** National formats with a trunk `0` and separated groups: `020 7946 0958`, `030 12345678`, `01 23 45 67 89`. */
const TRUNK_ZERO = /(?<![\w+.-]|\d[ -])(?:\(0[1-9]\d{0,4}\)[ -]?|0[1-9]\d{0,4}[ -])\d{2,8}(?:[ -]\d{2,8}){0,3}(?![\w]|[.-]\d)/g;
/** A date inside a candidate (`05-12-2024`, `2024.05.12`) means it is not a phone number. */
const DATE = /(?:^|\D)(?:\d{1,2}([-./])\d{1,2}\1(?:19|20)\d{2}|(?:19|20)\d{2}([-./])\d{1,2}\2\d{1,2})(?:\D|$)/;

/** `078-05-1120`: the shape of a US SSN, left to the `ssn` detector. */
const SSN_SHAPE = /^\d{3}([- ])\d{2}\1\d{4}$/;

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/**
 * End of the longest prefix of the international candidate at `start` that ends a digit group and holds
 * 8–15 digits, or -1.
 */
function internationalEnd(text: string, start: number, end: number): number {
  let digits = 0;
  let best = -1;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) continue;
    digits++;
    if (digits > 15) break;
    const next = i + 1 < end ? text.charCodeAt(i + 1) : -1;
    if (digits >= 8 && (next < 48 || next > 57)) best = i + 1;
  }
  return best;
}

function countDigits(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/**
 * Phone numbers in international (`+` country code) and national (NANP, trunk-`0`) formats. Bare digit
 * runs without `+` or separators are not phone numbers here (they are ids, timestamps, amounts), nor are
 * dates, versions, numbers glued to letters, `.`, `-` or `+`, or the tail of a longer run of digit groups
 * (`5131 0431 8757 6234` is no phone number).
 */
export const phone: Detector = {
  name: 'phone',
  gate: DIGIT_GATE,
  find(text: string, sink: MatchSink): void {
    let m: RegExpExecArray | null;
    INTERNATIONAL.lastIndex = 0;
    const hasPlus = text.includes('+');
    while (hasPlus && (m = INTERNATIONAL.exec(text)) !== null) {
      const end = internationalEnd(text, m.index, m.index + m[0].length);
      if (end === -1 || (end < text.length && isWordChar(text.charCodeAt(end)))) continue;
      if (DATE.test(text.slice(m.index, end))) continue;
      sink.add(m.index, end);
    }
    NANP.lastIndex = 0;
    while ((m = NANP.exec(text)) !== null) sink.add(m.index, m.index + m[0].length);
    TRUNK_ZERO.lastIndex = 0;
    while ((m = TRUNK_ZERO.exec(text)) !== null) {
      const digits = countDigits(m[0]);
      if (digits >= 9 && digits <= 12 && !DATE.test(m[0]) && !SSN_SHAPE.test(m[0])) sink.add(m.index, m.index + m[0].length);
    }
  },
};
