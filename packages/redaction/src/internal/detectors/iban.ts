import type { Detector, MatchSink } from '../detector.js';
import { Trigger } from '../triggers/trigger.js';

/** IBAN length per country (SWIFT IBAN registry). */
const LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28, CH: 21,
  CR: 22, CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FK: 18, FO: 18,
  FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HN: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23,
  IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21, LY: 25, MC: 27,
  MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28, NL: 18, NO: 15, OM: 23, PK: 24, PL: 28,
  PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24, SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27,
  SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20, YE: 30,
};

/** Country code and check digits at the start of a word; the rest is read in code. */
const CANDIDATE = /(?<![A-Za-z0-9])[A-Za-z]{2}\d\d/g;

/** {@link LENGTHS} keyed by the two upper-case letters' codes. */
const LENGTH_BY_CODE = new Map(Object.entries(LENGTHS).map(([cc, n]) => [cc.charCodeAt(0) * 128 + cc.charCodeAt(1), n]));

/** ISO 13616 check: the rearranged number, letters as 10–35, is 1 modulo 97. */
export function ibanChecksumValid(compact: string): boolean {
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let r = 0;
  for (let i = 0; i < rearranged.length; i++) {
    const c = rearranged.charCodeAt(i);
    r = c <= 57 ? (r * 10 + (c - 48)) % 97 : (r * 100 + (c - 55)) % 97;
  }
  return r === 1;
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * IBANs, compact or in groups of four separated by spaces or dashes, upper or lower case (one case, not
 * mixed): the country's exact length, not followed by more alphanumerics, and checksum-valid.
 */
export const iban: Detector = {
  name: 'iban',
  triggers: Trigger.Iban,
  pii: true,
  find(text: string, sink: MatchSink): void {
    CANDIDATE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = CANDIDATE.exec(text)) !== null) {
      const length = LENGTH_BY_CODE.get((text.charCodeAt(m.index) & ~32) * 128 + (text.charCodeAt(m.index + 1) & ~32));
      // A separator at most every character after the check digits: the IBAN ends within 2 × length.
      const end = validIbanEnd(text, m.index, Math.min(text.length, m.index + 2 * (length ?? 0)), length);
      if (end !== -1) {
        sink.add(m.index, end);
        CANDIDATE.lastIndex = end;
      } else {
        CANDIDATE.lastIndex = m.index + 2;
      }
    }
  },
};

/** A letter's IBAN value (A = 10 … Z = 35), case-insensitively; a digit's value; -1 otherwise. */
function ibanValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 90) return c - 55;
  if (c >= 97 && c <= 122) return c - 87;
  return -1;
}

function mod97(r: number, v: number): number {
  return v < 10 ? (r * 10 + v) % 97 : (r * 100 + v) % 97;
}

/**
 * End of the IBAN of `length` characters starting at `start` (separators, one kind, not counted), or -1:
 * one letter case, not followed by another alphanumeric, mod 97 = 1. Reads the characters without building
 * a string.
 */
function validIbanEnd(text: string, start: number, limit: number, length: number | undefined): number {
  if (length === undefined) return -1;
  let count = 0;
  let end = start;
  let separator = 0;
  let upper = false;
  let lower = false;
  let previousSeparator = false;
  while (count < length && end < limit) {
    const c = text.charCodeAt(end);
    if (c === 32 || c === 45) {
      if ((separator !== 0 && separator !== c) || previousSeparator || count < 4) return -1;
      separator = c;
      previousSeparator = true;
    } else if (ibanValue(c) < 0) {
      return -1;
    } else {
      previousSeparator = false;
      if (c >= 65 && c <= 90) upper = true;
      else if (c >= 97 && c <= 122) lower = true;
      count++;
    }
    end++;
  }
  if (count !== length || (upper && lower) || (end < text.length && isAlnum(text.charCodeAt(end)))) return -1;
  // ISO 13616: move the first four characters to the end, letters as 10–35, the number mod 97 must be 1.
  let r = 0;
  let seen = 0;
  for (let i = start; i < end; i++) {
    const v = ibanValue(text.charCodeAt(i));
    if (v < 0) continue;
    if (seen++ >= 4) r = mod97(r, v);
  }
  seen = 0;
  for (let i = start; seen < 4; i++) {
    const v = ibanValue(text.charCodeAt(i));
    if (v < 0) continue;
    r = mod97(r, v);
    seen++;
  }
  return r === 1 ? end : -1;
}
