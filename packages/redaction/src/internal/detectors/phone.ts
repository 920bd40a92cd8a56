import type { Detector, MatchSink } from '../detector.js';
import { forEachDigitSequence, groupLength, type DigitSequence } from '../digit-sequences.js';
import { Trigger } from '../triggers/trigger.js';

/** ITU-T E.164 two-digit country codes (the one-digit ones are 1 and 7). */
const CC2 = new Set([
  20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 51, 52, 53, 54, 55, 56, 57, 58, 60, 61,
  62, 63, 64, 65, 66, 81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98,
]);
/** First two digits of the three-digit country codes (21x Africa, 35x Europe, 85x Asia, 97x Middle East…). */
const CC3_ZONES = new Set([21, 22, 23, 24, 25, 26, 29, 35, 37, 38, 42, 50, 59, 67, 68, 69, 80, 85, 87, 88, 96, 97, 99]);

/** Length of the country code `digits` starts with, or 0 when it starts with no assigned code. */
export function countryCodeLength(digits: string): number {
  const d1 = digits.charCodeAt(0) - 48;
  if (d1 === 1 || d1 === 7) return 1;
  if (digits.length < 3) return 0;
  const d2 = d1 * 10 + (digits.charCodeAt(1) - 48);
  if (CC2.has(d2)) return 2;
  return CC3_ZONES.has(d2) ? 3 : 0;
}

/** Words before a bare 10-digit Indian mobile number that say it is one. */
const PHONE_CONTEXT = /(?:phone|mobile|mob|tel|cell|whatsapp|contact|call|sms|ph|fax)\b[^A-Za-z0-9]{0,4}(?:(?:no\.?|number|#|to|on|at|via)[^A-Za-z0-9]{0,3})?$/i;

function digitsOf(s: DigitSequence): string {
  let out = '';
  for (let g = 0; g < s.count; g++) out += s.text.slice(s.starts[g], s.ends[g]);
  return out;
}

function allGroups(s: DigitSequence, length: number, from = 0): boolean {
  for (let g = from; g < s.count; g++) if (groupLength(s, g) !== length) return false;
  return true;
}

/** `+` and a country code, 8–15 digits in all (E.164); a trunk `(0)` after the code (`+49 (0)30 …`) is not counted. */
function international(s: DigitSequence, digits: string): boolean {
  let count = digits.length;
  for (let g = 1; g < s.count; g++) {
    if (groupLength(s, g) === 1 && s.text.charCodeAt(s.starts[g]) === 48 && s.text.charCodeAt(s.starts[g] - 1) === 40) count--;
  }
  return count >= 8 && count <= 15 && countryCodeLength(digits) > 0;
}

/** North American numbering plan: `(415) 555-2671`, `415-555-2671`, `415.555.2671`, `1 415 555 2671`. */
function nanp(s: DigitSequence): boolean {
  let g = 0;
  if (s.count === 4 && groupLength(s, 0) === 1 && s.text.charCodeAt(s.starts[0]) === 49) g = 1;
  if (s.count - g !== 3 || groupLength(s, g) !== 3 || groupLength(s, g + 1) !== 3 || groupLength(s, g + 2) !== 4) return false;
  const t = s.text;
  const area = t.charCodeAt(s.starts[g]);
  const exchange = t.charCodeAt(s.starts[g + 1]);
  if (area < 50 || exchange < 50) return false;
  return s.uniformSep !== 47 && (s.uniformSep !== 0 || s.parenFirst || g === 1);
}

/**
 * National numbers with a trunk `0`: `020 7946 0958`, `030 12345678`, `(030) 1234567`, `01 23 45 67 89`,
 * `06-12345678`. 9–12 digits, a first group of 2–5 digits (`0` and a non-zero digit), and a last group of
 * 3 or more — or five groups of two. Digit groups that merely start with 0 (`0417 1643 00`, an IBAN
 * fragment; `0001 2345`, an invoice number) are not phone numbers.
 */
function trunkZero(s: DigitSequence, digits: string): boolean {
  if (s.count < 2 || digits.charCodeAt(0) !== 48 || digits.charCodeAt(1) === 48) return false;
  if (digits.length < 9 || digits.length > 12 || s.uniformSep === 46) return false;
  const first = groupLength(s, 0);
  if (first < 2 || first > 5) return false;
  if (s.count === 5 && allGroups(s, 2)) return true;
  if (s.count === 3 && first === 3 && groupLength(s, 1) === 2 && groupLength(s, 2) === 4) return false; // SSN shape
  for (let g = 1; g < s.count; g++) if (groupLength(s, g) < 2) return false;
  return groupLength(s, s.count - 1) >= 3;
}

/** Chinese mobiles: `13812345678`, `138 1234 5678`, `138-1234-5678`. */
function chineseMobile(s: DigitSequence, digits: string): boolean {
  if (digits.length !== 11 || digits.charCodeAt(0) !== 49 || digits.charCodeAt(1) < 51) return false;
  return s.count === 1 || (s.count === 3 && groupLength(s, 0) === 3 && groupLength(s, 1) === 4);
}

/** Indian mobiles: `98765 43210`, `09876543210`, and a bare `9876543210` after a word like "phone" or "mobile". */
function indianMobile(s: DigitSequence, digits: string): boolean {
  const first = digits.charCodeAt(0);
  if (digits.length === 10 && first >= 54) {
    if (s.count === 2 && groupLength(s, 0) === 5) return true;
    if (s.count === 1) return PHONE_CONTEXT.test(s.text.slice(Math.max(0, s.start - 24), s.start));
    return false;
  }
  return s.count === 1 && digits.length === 11 && first === 48 && digits.charCodeAt(1) >= 54;
}

/**
 * A country code without `+` (`44 20 7946 0958`, `0044 20 7946 0958`, `91 98765 43210`): a first group that
 * is an assigned code (after `00`), at least two more groups of 2+ digits, the last of 3+, 10–15 digits.
 */
function countryCodeGroups(s: DigitSequence, digits: string): boolean {
  if (s.count < 3) return false;
  let cc = s.text.slice(s.starts[0], s.ends[0]);
  const rest = digits.length - cc.length;
  const international00 = cc.startsWith('00');
  if (international00) cc = cc.slice(2);
  if (cc.length === 0 || cc.length > 3 || countryCodeLength(cc.length === 1 ? cc : `${cc}0`) !== cc.length) {
    // A leading `00` group followed by the country code as its own group: `00 44 20 7946 0958`.
    return false;
  }
  if (rest < 7 || rest > 14) return false;
  for (let g = 1; g < s.count; g++) if (groupLength(s, g) < 2) return false;
  // After the `00` international prefix any grouping is a phone number's (`0049 30 901820 55`).
  return (international00 || groupLength(s, s.count - 1) >= 3) && s.uniformSep !== 46 && s.uniformSep !== 47;
}

/**
 * `14155552671`, `00447911123456`, `447911123456`: E.164 without `+` as one bare group — led by `1` + NANP
 * (11 digits) or the `00` prefix, or 10–15 digits with an assigned country code after a word like "phone",
 * "call" or "SMS to" (bare digit runs are ids too often to take without one).
 */
function bareE164(s: DigitSequence, digits: string): boolean {
  if (s.count !== 1) return false;
  if (digits.length >= 10 && digits.length <= 15 && countryCodeLength(digits) > 0 && PHONE_CONTEXT.test(s.text.slice(Math.max(0, s.start - 24), s.start))) {
    return true;
  }
  if (digits.startsWith('00')) {
    const rest = digits.slice(2);
    return rest.length >= 9 && rest.length <= 15 && countryCodeLength(rest) > 0;
  }
  return digits.length === 11 && digits.charCodeAt(0) === 49 && digits.charCodeAt(1) >= 50 && digits.charCodeAt(4) >= 50;
}

function findInSequence(s: DigitSequence, sink: MatchSink): void {
  if (s.gluedBefore || s.gluedAfter) return;
  const digits = digitsOf(s);
  if (digits.length > 15 + (s.plus ? 0 : 2)) {
    if (s.plus) trimmedInternational(s, digits, sink);
    return;
  }
  if (s.plus) {
    if (international(s, digits)) sink.add(s.start, s.end);
    return;
  }
  if (
    nanp(s) ||
    trunkZero(s, digits) ||
    chineseMobile(s, digits) ||
    indianMobile(s, digits) ||
    countryCodeGroups(s, digits) ||
    bareE164(s, digits)
  ) {
    sink.add(s.parenFirst ? s.start : s.starts[0], s.end);
  }
}

/** `+44 20 7946 0958 12345678`: the longest prefix of whole groups that is a valid E.164 number. */
function trimmedInternational(s: DigitSequence, digits: string, sink: MatchSink): void {
  if (countryCodeLength(digits) === 0) return;
  let count = 0;
  let best = -1;
  for (let g = 0; g < s.count; g++) {
    count += groupLength(s, g);
    if (count > 15) break;
    if (count >= 8) best = g;
  }
  if (best !== -1) sink.add(s.start, s.ends[best]);
}

/**
 * Phone numbers: international (`+` or `00` and a country code; E.164 without `+` as a bare `1`-led
 * 11-digit number), NANP, national numbers with a trunk `0`, Chinese and Indian mobiles, and groups led by
 * a country code. Not dates, times, versions, decimals, ids glued to letters, `-` or `.`, IBAN fragments or
 * invoice numbers (digit groups starting with `0` are phone numbers only in a national grouping).
 */
export const phone: Detector = {
  name: 'phone',
  triggers: Trigger.Digits,
  pii: true,
  find(text, sink) {
    forEachDigitSequence(text, 8, (s) => findInSequence(s, sink));
  },
};
