import { CLASS, DIGIT, DIGIT_SEP, HASH_MASK, isHex, isLetter, JOINER, KEEP, LOWER, PAIR, UPPER } from './char-class.js';
import { Trigger } from './trigger.js';
import { CLI_HASHES, CREDENTIAL_HASHES, MARKER_CODES, MARKER_START, PAIR_HASHES, PREFIX_HASHES } from './trigger-words.js';

/** The {@link Trigger} bits of a short string: one table look-up and a few integer operations per character. */
export function scanShort(s: string): number {
  let bits = 0;
  const n = s.length;
  // Digit groups: digits in the current run of groups, and separators since the last digit.
  let digits = 0;
  let seps = 0;
  // Alphanumeric run: its length, start, lower-case hash, and whether a `-` precedes it.
  let runLen = 0;
  let runStart = 0;
  let runHash = 0;
  let runDashed = false;
  // Letters-only word (split at camelCase): its hash and length; the last finished word's hash.
  let segHash = 0;
  let segLen = 0;
  let lastSeg = 0;
  let prevLower = false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const cls = c < 128 ? CLASS[c] : 0;
    if ((cls & (DIGIT | UPPER | LOWER)) !== 0) {
      if (runLen === 0) {
        runStart = i;
        runHash = 0;
        runDashed = i > 0 && s.charCodeAt(i - 1) === 45;
      }
      runLen++;
      runHash = (Math.imul(runHash, 31) + (c | 32)) & HASH_MASK;
      if (runLen === 3 && MARKER_START[s.charCodeAt(runStart)] === 1) {
        if (c === 74 && s.charCodeAt(runStart) === 101 && s.charCodeAt(runStart + 1) === 121) bits |= Trigger.Marker; // eyJ
      } else if (runLen === 4 && MARKER_START[s.charCodeAt(runStart)] === 1) {
        const code = (s.charCodeAt(runStart) << 21) | (s.charCodeAt(runStart + 1) << 14) | (s.charCodeAt(runStart + 2) << 7) | c;
        if (MARKER_CODES.has(code)) bits |= Trigger.Marker;
      }
      if ((cls & DIGIT) !== 0) {
        digits++;
        seps = 0;
        if (digits >= 8) bits |= Trigger.Digits;
        if (runLen === 4 && isLetter(s.charCodeAt(runStart)) && isLetter(s.charCodeAt(runStart + 1)) && (CLASS[s.charCodeAt(runStart + 2)] & DIGIT) !== 0) {
          bits |= Trigger.Iban;
        }
        if (segLen > 0) {
          lastSeg = segHash;
          segLen = 0;
        }
        prevLower = false;
      } else {
        digits = 0;
        if ((cls & UPPER) !== 0 && prevLower && segLen > 0) {
          lastSeg = segHash;
          segLen = 0;
        }
        if (segLen === 0) segHash = 0;
        segHash = (Math.imul(segHash, 31) + (c | 32)) & HASH_MASK;
        segLen++;
        prevLower = (cls & LOWER) !== 0;
      }
      continue;
    }
    // Not alphanumeric: ends the run and the word.
    if (runLen > 0) {
      if ((cls & JOINER) !== 0 && runLen <= 8 && PREFIX_HASHES.has(runHash)) bits |= Trigger.Prefix;
      if (c === 32 || c === 9 || c === 61) {
        if (runDashed && CLI_HASHES.has(runHash)) bits |= Trigger.Credential;
        if (c !== 61 && segLen > 0 && CREDENTIAL_HASHES.has(segHash)) bits |= Trigger.Credential;
      }
      runLen = 0;
    }
    if (segLen > 0) {
      lastSeg = segHash;
      segLen = 0;
    }
    prevLower = false;
    if ((cls & PAIR) !== 0) {
      if (PAIR_HASHES.has(lastSeg)) bits |= Trigger.Pair;
      if (i > 0 && i + 1 < n) {
        const before = s.charCodeAt(i - 1);
        const after = s.charCodeAt(i + 1);
        if (c === 58 && (after === 58 || (isHex(before) && isHex(after)))) bits |= Trigger.Ip;
      }
      lastSeg = 0;
    } else if ((cls & KEEP) === 0) {
      lastSeg = 0;
    }
    if (c === 64) bits |= Trigger.At;
    else if (c === 37 && i + 2 < n && isHex(s.charCodeAt(i + 1)) && isHex(s.charCodeAt(i + 2))) bits |= Trigger.Percent;
    else if (c === 46 && digits > 0 && i + 1 < n && (CLASS[s.charCodeAt(i + 1)] & DIGIT) !== 0) bits |= Trigger.Ip;
    // Digit groups continue over up to two separator characters.
    if ((cls & DIGIT_SEP) !== 0 && ++seps <= 2) continue;
    digits = 0;
    seps = 0;
  }
  return bits;
}
