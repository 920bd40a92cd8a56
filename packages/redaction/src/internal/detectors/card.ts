import type { Detector, MatchSink } from '../detector.js';
import { forEachDigitSequence, groupLength, type DigitSequence } from '../digit-sequences.js';
import { Trigger } from '../triggers/trigger.js';

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

/** The doubled-digit value of Luhn's algorithm. */
const DOUBLED = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9];

/**
 * Luhn sums of a digit string read left to right, kept for both parities (which digits get doubled depends
 * on the final length), plus the first four digits: enough to validate every prefix without building a
 * string.
 */
class CardCandidate {
  length = 0;
  /** Sum with the digits at even indexes doubled, and with the odd ones doubled. */
  evenDoubled = 0;
  oddDoubled = 0;
  first4 = 0;

  reset(): void {
    this.length = 0;
    this.evenDoubled = 0;
    this.oddDoubled = 0;
    this.first4 = 0;
  }

  push(d: number): void {
    const even = (this.length & 1) === 0;
    this.evenDoubled += even ? DOUBLED[d] : d;
    this.oddDoubled += even ? d : DOUBLED[d];
    if (this.length < 4) this.first4 = this.first4 * 10 + d;
    this.length++;
  }

  /** Luhn-valid, 13–19 digits, from an issuer that uses this length. */
  valid(): boolean {
    const len = this.length;
    if (len < 13 || len > 19) return false;
    // The rightmost digit (index len-1) is not doubled, so indexes of the other parity are.
    const sum = ((len - 1) & 1) === 0 ? this.oddDoubled : this.evenDoubled;
    return sum % 10 === 0 && issuerOf(this.first4, len);
  }
}

/** {@link knownIssuer} on the first four digits and the length. */
function issuerOf(p4: number, len: number): boolean {
  const p2 = Math.floor(p4 / 100);
  const p3 = Math.floor(p4 / 10);
  if (Math.floor(p4 / 1000) === 4) return len === 13 || len === 16 || len === 19;
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return len === 16;
  if (p2 === 34 || p2 === 37) return len === 15;
  if (p4 === 6011 || p2 === 65 || (p3 >= 644 && p3 <= 649) || p2 === 62) return len >= 16;
  if (p4 >= 3528 && p4 <= 3589) return len >= 16;
  if ((p3 >= 300 && p3 <= 305) || p2 === 36 || p2 === 38 || p2 === 39 || p4 === 3095) return len >= 14;
  if (p2 === 50 || (p2 >= 56 && p2 <= 69)) return len >= 13;
  return false;
}

const candidate = new CardCandidate();

function pushGroup(text: string, start: number, end: number): void {
  for (let i = start; i < end; i++) candidate.push(text.charCodeAt(i) - 48);
}

/**
 * Finds cards in one run of groups. A card is either one group of 13–19 digits, or groups joined by one
 * separator (space, `-` or `.`) whose first group has 4 digits, middle groups 4–6 and last group 1–6
 * (4-4-4-4, 4-4-4-1, 4-6-5, 4-6-4, 4-4-4-4-3). Every group may start a card (so `1234 4111 1111 1111 1111`
 * finds the card in its tail); from each start the longest valid card wins. At most 5 groups are tried
 * per start and no string is built, so the work stays linear and small.
 */
function findInSequence(s: DigitSequence, sink: MatchSink): void {
  const text = s.text;
  if (s.count === 1) {
    const len = groupLength(s, 0);
    if (len < 13 || len > 19 || s.gluedBefore || s.gluedAfter) return;
    // Written without separators, 17–19 digits are far more often ids (Snowflake, Discord) than cards: only
    // the networks that issue such lengths as a rule, Visa (19) and UnionPay (62…), count.
    const lead = text.charCodeAt(s.starts[0]);
    if (len > 16 && lead !== 52 && !(lead === 54 && text.charCodeAt(s.starts[0] + 1) === 50)) return;
    candidate.reset();
    pushGroup(text, s.starts[0], s.ends[0]);
    if (candidate.valid()) sink.add(s.starts[0], s.ends[0]);
    return;
  }
  if (s.uniformSep !== SPACE && s.uniformSep !== DASH && s.uniformSep !== DOT) return;
  for (let first = 0; first < s.count; first++) {
    if (groupLength(s, first) !== 4 || (first === 0 && s.gluedBefore)) continue;
    const lead = text.charCodeAt(s.starts[first]);
    if (lead < 50 || lead > 54) continue; // cards start with 2–6
    candidate.reset();
    pushGroup(text, s.starts[first], s.ends[first]);
    let best = -1;
    for (let last = first + 1; last < s.count && last <= first + 4; last++) {
      const len = groupLength(s, last);
      if (len > 6 || candidate.length + len > 19) break;
      if (last === s.count - 1 && s.gluedAfter) break;
      pushGroup(text, s.starts[last], s.ends[last]);
      if (candidate.valid()) best = last;
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
