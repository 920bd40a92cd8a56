import type { Detector } from '../detector.js';
import { forEachDigitSequence, groupLength } from '../digit-sequences.js';
import { Trigger } from '../triggers/trigger.js';

/** Numbers published as examples, never issued. */
const NEVER_ISSUED = new Set(['078051120', '219099999', '123456789']);

/** Social Security Administration rules: area 001–899 except 666, group 01–99, serial 0001–9999. */
export function validSsn(area: string, group: string, serial: string): boolean {
  const a = Number(area);
  return a !== 0 && a !== 666 && a < 900 && group !== '00' && serial !== '0000' && !NEVER_ISSUED.has(area + group + serial);
}

/**
 * US Social Security numbers written `123-45-6789`, `123 45 6789` or `123.45.6789` (one separator kind),
 * valid by SSA rules, not part of a longer run of groups.
 */
export const ssn: Detector = {
  name: 'ssn',
  triggers: Trigger.Digits,
  pii: true,
  find(text, sink) {
    forEachDigitSequence(text, 9, (s) => {
      if (s.count !== 3 || s.uniformSep === 0 || s.uniformSep === 47 || s.plus || s.gluedBefore || s.gluedAfter) return;
      if (groupLength(s, 0) !== 3 || groupLength(s, 1) !== 2 || groupLength(s, 2) !== 4) return;
      const t = s.text;
      if (validSsn(t.slice(s.starts[0], s.ends[0]), t.slice(s.starts[1], s.ends[1]), t.slice(s.starts[2], s.ends[2]))) {
        sink.add(s.starts[0], s.ends[2]);
      }
    });
  },
};
