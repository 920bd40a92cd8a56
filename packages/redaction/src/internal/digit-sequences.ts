/**
 * Runs of digit groups — `4111 1111 1111 1111`, `+44 (0)20 7946-0958`, `123-45-6789` — found in one
 * linear pass and handed to a callback as group boundaries, so the card, SSN and phone detectors judge
 * grouping, length and check digits with plain integer code and no regex backtracking.
 */

/** One run of digit groups, valid only during the callback (the arrays are reused). */
export interface DigitSequence {
  readonly text: string;
  /** Number of groups. */
  count: number;
  /** Start and end (exclusive) of each group's digits. */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** Digits in all groups. */
  digits: number;
  /** Index of the first character of the sequence: a `+` or `(` before the first group, else its first digit. */
  start: number;
  /** Index after the last digit (a closing `)` of the last group is not included). */
  end: number;
  /** `+` right before the first group (or before its `(`). */
  plus: boolean;
  /** The first group is in parentheses: `(415) 555-2671`, `(030) 1234567`. */
  parenFirst: boolean;
  /** Some group other than the first is in parentheses (`+49 (0)30 …`). */
  parenLater: boolean;
  /** The separators between groups are all one character, the same one (`-`, ` `, `.`, `/`); 0 when mixed or none. */
  uniformSep: number;
  /** Glued to what comes before: a letter, digit or `_`, or one of `-/+` that follows a letter or digit (`ORD-2024-…`). */
  gluedBefore: boolean;
  /** Glued to what comes after: a letter, digit or `_`, or one of `-./` followed by a letter or digit. */
  gluedAfter: boolean;
}

/** Most groups kept per sequence; a longer run is cut into sequences of this many groups. */
const MAX_GROUPS = 24;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isWord(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** Separator characters allowed between groups (at most two in a row, e.g. `) ` or ` (`). */
function isSep(c: number): boolean {
  return c === 32 || c === 45 || c === 46 || c === 47 || c === 40 || c === 41;
}

const seq: DigitSequence = {
  text: '',
  count: 0,
  starts: new Int32Array(MAX_GROUPS),
  ends: new Int32Array(MAX_GROUPS),
  digits: 0,
  start: 0,
  end: 0,
  plus: false,
  parenFirst: false,
  parenLater: false,
  uniformSep: 0,
  gluedBefore: false,
  gluedAfter: false,
};

/** Calls `visit` with every run of at least `minDigits` digits in `text`, left to right. */
export function forEachDigitSequence(text: string, minDigits: number, visit: (seq: DigitSequence) => void): void {
  const n = text.length;
  let i = 0;
  (seq as { text: string }).text = text;
  while (i < n) {
    while (i < n && !isDigit(text.charCodeAt(i))) i++;
    if (i >= n) return;
    let start = i;
    let parenFirst = false;
    if (start > 0 && text.charCodeAt(start - 1) === 40) {
      parenFirst = true;
      start--;
    }
    let plus = start > 0 && text.charCodeAt(start - 1) === 43;
    if (plus) start--;
    const before = start > 0 ? text.charCodeAt(start - 1) : -1;
    const beforeBefore = start > 1 ? text.charCodeAt(start - 2) : -1;
    let gluedBefore = isWord(before) || ((before === 45 || before === 47 || before === 43) && isWord(beforeBefore));
    if (plus && isWord(before)) {
      plus = false;
      gluedBefore = true;
    }
    let count = 0;
    let digits = 0;
    let uniform = -1;
    let parenLater = false;
    for (;;) {
      const gStart = i;
      while (i < n && isDigit(text.charCodeAt(i))) i++;
      if (count === MAX_GROUPS) break;
      seq.starts[count] = gStart;
      seq.ends[count] = i;
      count++;
      digits += i - gStart;
      // Up to two separator characters, then a digit.
      let j = i;
      while (j < n && j - i < 2 && isSep(text.charCodeAt(j))) j++;
      if (j === i || j >= n || !isDigit(text.charCodeAt(j))) break;
      const sepLen = j - i;
      const sep = sepLen === 1 ? text.charCodeAt(i) : 0;
      if (sep === 40 || sep === 41 || sepLen === 2) {
        if (text.charCodeAt(j - 1) === 40) parenLater = true;
        uniform = 0;
      } else if (uniform === -1) uniform = sep;
      else if (uniform !== sep) uniform = 0;
      i = j;
    }
    const end = seq.ends[count - 1];
    const after = end < n ? text.charCodeAt(end) : -1;
    const afterAfter = end + 1 < n ? text.charCodeAt(end + 1) : -1;
    const closing = after === 41; // `)` after the last group: not glued
    const gluedAfter = !closing && (isWord(after) || ((after === 45 || after === 46 || after === 47) && isWord(afterAfter)));
    if (digits >= minDigits) {
      seq.count = count;
      seq.digits = digits;
      seq.start = start;
      seq.end = end;
      seq.plus = plus;
      seq.parenFirst = parenFirst && count > 1 && text.charCodeAt(seq.ends[0]) === 41;
      seq.parenLater = parenLater;
      seq.uniformSep = uniform === -1 ? 0 : uniform;
      seq.gluedBefore = gluedBefore;
      seq.gluedAfter = gluedAfter;
      visit(seq);
    }
    if (i === start) i++;
  }
}

/** Digits of groups `from`…`to` (inclusive) of `s`, concatenated. */
export function groupDigits(s: DigitSequence, from: number, to: number): string {
  let out = '';
  for (let g = from; g <= to; g++) out += s.text.slice(s.starts[g], s.ends[g]);
  return out;
}

/** Length of group `g`. */
export function groupLength(s: DigitSequence, g: number): number {
  return s.ends[g] - s.starts[g];
}
