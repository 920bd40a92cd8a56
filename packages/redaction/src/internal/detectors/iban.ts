import type { Detector, MatchSink } from '../detector.js';
import { Trigger } from '../triggers.js';

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

/**
 * Country code, check digits, then alphanumerics in optional single-space or single-dash groups (cut to
 * the country's length later). Starts only at the start of a word, so a run is read once.
 */
const CANDIDATE = /(?<![A-Za-z0-9])([A-Za-z]{2})\d{2}(?:[ -]?[A-Za-z0-9]){11,30}/g;

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
      const length = LENGTHS[m[1].toUpperCase()];
      const candidateEnd = m.index + m[0].length;
      let compact = '';
      let end = m.index;
      let separator = 0;
      let mixedSeparators = false;
      while (length !== undefined && compact.length < length && end < candidateEnd) {
        const c = text.charCodeAt(end);
        if (c === 32 || c === 45) {
          if (separator !== 0 && separator !== c) mixedSeparators = true;
          separator = c;
        } else compact += text[end];
        end++;
      }
      const upper = compact.toUpperCase();
      const oneCase = compact === upper || compact === compact.toLowerCase();
      if (
        compact.length === length &&
        oneCase &&
        !mixedSeparators &&
        !(end < text.length && isAlnum(text.charCodeAt(end))) &&
        ibanChecksumValid(upper)
      ) {
        sink.add(m.index, end);
        CANDIDATE.lastIndex = end;
      } else {
        CANDIDATE.lastIndex = m.index + 2;
      }
    }
  },
};
