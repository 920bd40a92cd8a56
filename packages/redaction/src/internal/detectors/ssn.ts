import { regexDetector, type Detector } from '../detector.js';
import { DIGIT_GATE } from '../gates.js';

/** Numbers published as examples, never issued. */
const NEVER_ISSUED = new Set(['078051120', '219099999', '123456789']);

/** Social Security Administration rules: area 001–899 except 666, group 01–99, serial 0001–9999. */
export function validSsn(area: string, group: string, serial: string): boolean {
  const a = Number(area);
  return a !== 0 && a !== 666 && a < 900 && group !== '00' && serial !== '0000' && !NEVER_ISSUED.has(area + group + serial);
}

/** US Social Security numbers written `123-45-6789` or `123 45 6789` (one separator kind), valid by SSA rules. */
export const ssn: Detector = regexDetector(
  'ssn',
  DIGIT_GATE,
  /(?<![\w-])(\d{3})([- ])(\d{2})\2(\d{4})(?![\w]|-\d)/g,
  { accept: (m) => validSsn(m[1], m[3], m[4]) },
);
