import type { Detector, MatchSink } from '../detector.js';
import { forEachDigitSequence, groupLength, type DigitSequence } from '../digit-sequences.js';
import { Trigger } from '../triggers.js';

/** Luhn (mod 10) checksum of a digit string. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** True when the number's prefix belongs to a card network that issues numbers of its length. */
export function knownIssuer(digits: string): boolean {
  const len = digits.length;
  const p2 = Number(digits.slice(0, 2));
  const p3 = Number(digits.slice(0, 3));
  const p4 = Number(digits.slice(0, 4));
  if (digits[0] === '4') return len === 13 || len === 16 || len === 19; // Visa
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return len === 16; // Mastercard
  if (p2 === 34 || p2 === 37) return len === 15; // American Express
  if (p4 === 6011 || p2 === 65 || (p3 >= 644 && p3 <= 649) || p2 === 62) return len >= 16; // Discover, UnionPay
  if (p4 >= 3528 && p4 <= 3589) return len >= 16; // JCB
  if ((p3 >= 300 && p3 <= 305) || p2 === 36 || p2 === 38 || p2 === 39 || p4 === 3095) return len >= 14; // Diners
  if (p2 === 50 || (p2 >= 56 && p2 <= 69)) return len >= 13; // Maestro
  return false;
}

const SPACE = 32;
const DASH = 45;
const DOT = 46;

function validNumber(digits: string): boolean {
  return digits.length >= 13 && digits.length <= 19 && knownIssuer(digits) && luhnValid(digits);
}

/**
 * Finds cards in one run of groups. A card is either one group of 13–19 digits, or groups joined by one
 * separator (space, `-` or `.`) whose first group has 4 digits, middle groups 4–6 and last group 1–6
 * (4-4-4-4, 4-4-4-1, 4-6-5, 4-6-4, 4-4-4-4-3). Every group may start a card (so `1234 4111 1111 1111 1111`
 * finds the card in its tail); from each start the longest valid card wins. At most 5 groups are tried
 * per start, so the work stays linear.
 */
function findInSequence(s: DigitSequence, sink: MatchSink): void {
  if (s.gluedBefore && s.count === 1) return;
  const sepOk = s.uniformSep === SPACE || s.uniformSep === DASH || s.uniformSep === DOT;
  for (let first = 0; first < s.count; first++) {
    const len0 = groupLength(s, first);
    if (len0 >= 13 && len0 <= 19) {
      const alone = (first > 0 || !s.gluedBefore) && (first < s.count - 1 || !s.gluedAfter);
      if (alone && s.count === 1 && validNumber(s.text.slice(s.starts[first], s.ends[first]))) sink.add(s.starts[first], s.ends[first]);
      continue;
    }
    if (len0 !== 4 || !sepOk || (first === 0 && s.gluedBefore)) continue;
    let digits = s.text.slice(s.starts[first], s.ends[first]);
    let best = -1;
    for (let last = first + 1; last < s.count && last <= first + 4; last++) {
      const len = groupLength(s, last);
      if (len > 6) break;
      digits += s.text.slice(s.starts[last], s.ends[last]);
      if (digits.length > 19) break;
      const isLast = last === s.count - 1;
      if (isLast && s.gluedAfter) break;
      if (validNumber(digits)) best = last;
      if (len < 4) break; // only the last group may be shorter than 4
    }
    if (best !== -1) {
      sink.add(s.starts[first], s.ends[best]);
      first = best;
    }
  }
}

/**
 * Payment card numbers: 13–19 digits, bare or grouped by spaces, dashes or dots, from a known issuer
 * range, Luhn-valid. Not glued to letters or digits, so parts of hex digests and ids are left alone.
 */
export const card: Detector = {
  name: 'card',
  triggers: Trigger.Digits,
  pii: true,
  find(text, sink) {
    forEachDigitSequence(text, 13, (s) => findInSequence(s, sink));
  },
};
