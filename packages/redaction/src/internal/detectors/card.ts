import { regexDetector, type Detector } from '../detector.js';
import { DIGIT_GATE } from '../gates.js';

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

/**
 * Separators, if any, are all the same; groups are 4 digits first, 4–6 in the middle and 3–6 last
 * (4-4-4-4, 4-6-5, 4-6-4, 4-4-4-4-3).
 */
function groupedLikeACard(candidate: string): boolean {
  const sep = candidate.match(/[ -]/)?.[0];
  if (sep === undefined) return true;
  const groups = candidate.split(sep);
  if (groups[0].length !== 4) return false;
  for (let i = 1; i < groups.length; i++) {
    const length = groups[i].length;
    if (length > 6 || length < (i === groups.length - 1 ? 3 : 4) || !/^\d+$/.test(groups[i])) return false;
  }
  return true;
}

const CANDIDATE = /(?<![\w])\d(?:[ -]?\d){12,18}(?![\w])/g;
/** Every card has its first group and 4 more digits in a row: much cheaper to test than to search for cards. */
const SHAPE = /\d{4}[ -]?\d{4}/;

const search = regexDetector('card', DIGIT_GATE, CANDIDATE, {
  accept: (m) => {
    const candidate = m[0];
    if (!groupedLikeACard(candidate)) return false;
    const digits = candidate.replace(/[ -]/g, '');
    return knownIssuer(digits) && luhnValid(digits);
  },
});

/**
 * Payment card numbers: 13–19 digits, bare or grouped with spaces or dashes, from a known issuer range,
 * Luhn-valid. Not glued to letters or digits, so parts of hex digests and ids are left alone.
 */
export const card: Detector = {
  name: search.name,
  gate: DIGIT_GATE,
  find(text, sink) {
    if (SHAPE.test(text)) search.find(text, sink);
  },
};
