import type { Detector, MatchSink } from '../detector.js';
import { Trigger } from '../triggers/trigger.js';

const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;

/** `[A-Za-z0-9._%+-]`, the local-part characters we accept. */
function isLocalChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45;
}

/** `[A-Za-z0-9.-]`. */
function isDomainChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 45;
}

/** Two or more labels of 1–63 characters not starting or ending with `-`, an alphabetic (or `xn--`) TLD. */
/**
 * Whether `text[start, end)` is a domain: two or more labels of 1–63 characters not starting or ending
 * with `-`, an alphabetic (or `xn--`) top-level label, and not an image-density suffix (`icon@2x.png`).
 * Read in place, without building strings.
 */
function isDomain(text: string, start: number, end: number): boolean {
  let labelStart = start;
  let labels = 0;
  for (let i = start; i <= end; i++) {
    if (i < end && text.charCodeAt(i) !== 46) continue;
    const length = i - labelStart;
    if (length === 0 || length > 63 || text.charCodeAt(labelStart) === 45 || text.charCodeAt(i - 1) === 45) return false;
    if (i < end) {
      labels++;
      labelStart = i + 1;
    }
  }
  if (labels === 0) return false;
  // The last label: 2–24 letters, or `xn--` and up to 59 letters, digits and dashes.
  const tldLength = end - labelStart;
  if (tldLength > 4 && text.startsWith('xn--', labelStart)) return tldLength <= 63 && !imageDensity(text, start);
  if (tldLength < 2 || tldLength > 24) return false;
  for (let i = labelStart; i < end; i++) {
    const c = text.charCodeAt(i) | 32;
    if (c < 97 || c > 122) return false;
  }
  return !imageDensity(text, start);
}

/** `2x.png`: digits and an `x` as the first label. */
function imageDensity(text: string, start: number): boolean {
  let i = start;
  while (text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
  return i > start && (text.charCodeAt(i) | 32) === 120 && text.charCodeAt(i + 1) === 46;
}

/** True when the `@` at `at`, whose local part starts at `start`, ends the `user:password@` of a URL. */
function isUrlPassword(text: string, start: number): boolean {
  if (start === 0 || text.charCodeAt(start - 1) !== 58) return false;
  const before = text.slice(Math.max(0, start - 300), start);
  const scheme = before.lastIndexOf('://');
  return scheme !== -1 && !/\s/.test(before.slice(scheme));
}

/** `git@github.com:org/repo.git`: an scp-style host and path (the `:` is followed by a path, not a port). */
function isScpPath(text: string, end: number): boolean {
  if (text.charCodeAt(end) !== 58) return false;
  const c = text.charCodeAt(end + 1);
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 126 || c === 47 || c === 95;
}

/**
 * E-mail addresses, found from each `@` outwards (local part at most 64 characters back, domain at most
 * 253 forward), so a string without `@` costs one `indexOf` and long runs cannot cause backtracking.
 * The `password@host` of `scheme://user:password@host` is left to `url_password`, which keeps the host;
 * `git@github.com:org/repo.git` is a git remote, not an address.
 */
export const email: Detector = {
  name: 'email',
  triggers: Trigger.At,
  pii: true,
  find(text: string, sink: MatchSink): void {
    let floor = 0;
    let at = text.indexOf('@');
    while (at !== -1) {
      let start = at;
      while (start > floor && at - start < MAX_LOCAL && isLocalChar(text.charCodeAt(start - 1))) start--;
      while (start < at && text.charCodeAt(start) === 46) start++;
      let end = at + 1;
      const limit = Math.min(text.length, at + 1 + MAX_DOMAIN);
      let dot = false;
      while (end < limit && isDomainChar(text.charCodeAt(end))) {
        if (text.charCodeAt(end) === 46) dot = true;
        end++;
      }
      while (end > at + 1 && (text.charCodeAt(end - 1) === 46 || text.charCodeAt(end - 1) === 45)) end--;
      if (start < at && end > at + 1 && dot && isDomain(text, at + 1, end) && !isUrlPassword(text, start) && !isScpPath(text, end)) {
        sink.add(start, end);
        floor = end;
        at = text.indexOf('@', end);
      } else {
        at = text.indexOf('@', at + 1);
      }
    }
  },
};
