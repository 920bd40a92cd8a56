import type { Detector, MatchSink } from '../detector.js';
import { Trigger } from '../triggers.js';

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
function isDomain(domain: string): boolean {
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  for (const label of labels) {
    if (label.length === 0 || label.length > 63 || label.startsWith('-') || label.endsWith('-')) return false;
  }
  const tld = labels[labels.length - 1];
  if (!/^(?:[A-Za-z]{2,24}|xn--[A-Za-z0-9-]{1,59})$/.test(tld)) return false;
  // `icon@2x.png`: an image-density suffix, not a domain.
  return !/^\d+x$/.test(labels[0]);
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
      while (end < limit && isDomainChar(text.charCodeAt(end))) end++;
      while (end > at + 1 && (text.charCodeAt(end - 1) === 46 || text.charCodeAt(end - 1) === 45)) end--;
      if (start < at && end > at + 1 && isDomain(text.slice(at + 1, end)) && !isUrlPassword(text, start) && !isScpPath(text, end)) {
        sink.add(start, end);
        floor = end;
        at = text.indexOf('@', end);
      } else {
        at = text.indexOf('@', at + 1);
      }
    }
  },
};
