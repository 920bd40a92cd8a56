import { scanHuge } from './scan-huge.js';
import { scanLong } from './scan-long.js';
import { scanShort } from './scan-short.js';
import { ALL_TRIGGERS } from './trigger.js';

/** Up to this length a string is classified by `scanShort`; longer ones by `scanLong`. */
const SHORT = 40;
/** Longer strings than this are classified by `scanHuge`. */
const LONG = 4096;

/**
 * The `Trigger` bits of `s` among `wanted`. Three scans, chosen by length: a short string (an
 * attribute value, an id) is classified by `scanShort`, which hashes every run as it reads it; a
 * longer one (a log line) by `scanLong`, which reads each letter with one comparison and looks back
 * only at the few characters that can end a trigger word; a very long one (over 4 096 characters) by
 * `scanHuge`, whose searches stop at their first match.
 */
export function scanTriggers(s: string, wanted = ALL_TRIGGERS): number {
  if (s.length <= SHORT) return scanShort(s) & wanted;
  return s.length <= LONG ? scanLong(s, wanted) : scanHuge(s, wanted);
}
