import { regexDetector, type Detector } from '../detector.js';
import type { CustomPattern } from '../../types.js';

/** A detector for one user pattern, with the `g` flag forced on and the sticky flag off; it has no gate. */
export function customDetector({ type, pattern }: CustomPattern): Detector {
  const flags = pattern.flags.replace(/[gy]/g, '') + 'g';
  return regexDetector(type, undefined, new RegExp(pattern.source, flags));
}
