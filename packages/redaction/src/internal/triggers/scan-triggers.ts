import { scanHuge } from './scan-huge.js';
import { scanLong } from './scan-long.js';
import { ALL_TRIGGERS } from './trigger.js';

/** Longer strings than this are classified by `scanHuge`. */
const LONG = 4096;

/**
 * The `Trigger` bits of `s` among `wanted`. A string up to 4 096 characters (an attribute value, an id, a
 * log line) is classified by `scanLong`, one loop that reads each letter with one comparison and looks
 * back only at the few characters that can end a trigger word; a longer one by `scanHuge`, whose searches
 * stop at their first match.
 */
export function scanTriggers(s: string, wanted = ALL_TRIGGERS): number {
  return s.length <= LONG ? scanLong(s, wanted) : scanHuge(s, wanted);
}
