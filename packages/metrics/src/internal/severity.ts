import type { SeverityClass } from '../types.js';

/** The severity classes in index order: index = `(severityNumber - 1) >> 2` for 1–24, else 6. */
export const SEVERITY_CLASSES: readonly SeverityClass[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'unspecified'];

/** Number of severity classes; the length of every per-severity count array. */
export const SEVERITY_CLASS_COUNT = 7;

/** Index of `unspecified` (severity number absent, 0, or out of range). */
export const UNSPECIFIED_INDEX = 6;

/** Index of `error`; `error` and `fatal` (the indexes from here below `unspecified`) are the errors. */
export const ERROR_INDEX = 4;

/** Hot path: the class index of a severity number, without a lookup table or a branch per class. */
export function severityIndex(severityNumber: number | undefined): number {
  return severityNumber !== undefined && severityNumber >= 1 && severityNumber <= 24 ? (severityNumber - 1) >> 2 : UNSPECIFIED_INDEX;
}
