/** Severity names of log records, as the console formats print them. */
import { SeverityNumber } from '@opentelemetry/api';
import { escapeText } from './escape.js';

/** The six severity ranges of the OpenTelemetry log data model, lowest first. */
const LEVEL_NAMES = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'] as const;

/** A severity level name, or `LOG` for a record without any severity. */
export type LevelName = (typeof LEVEL_NAMES)[number] | 'LOG';

/**
 * The level range a severity number falls in (`INFO3` → `INFO`), or `undefined` for 0 and values
 * outside 1–24.
 *
 * @param severityNumber the record's `severityNumber`
 */
export function levelOfSeverity(severityNumber: number | undefined): LevelName | undefined {
  if (severityNumber === undefined || !(severityNumber >= 1 && severityNumber <= 24)) return undefined;
  return LEVEL_NAMES[Math.floor((severityNumber - 1) / 4)];
}

/**
 * The `severity` text of a JSON line: the record's own `severityText` when set, else the enum name of
 * its number (`INFO`, `WARN2`), else `UNSPECIFIED`. Not escaped (JSON serialization escapes).
 *
 * @param severityNumber the record's `severityNumber`
 * @param severityText the record's `severityText`
 */
export function severityText(severityNumber: number | undefined, severityText: string | undefined): string {
  if (typeof severityText === 'string' && severityText !== '') return severityText;
  const name = severityNumber === undefined ? undefined : SeverityNumber[severityNumber];
  return typeof name === 'string' ? name : 'UNSPECIFIED';
}

/**
 * The level label of the human formats: the range of `severityNumber` when it has one, else the
 * upper-cased, escaped `severityText` (at most 8 characters), else `LOG`.
 *
 * @param severityNumber the record's `severityNumber`
 * @param severityText the record's `severityText`
 */
export function levelLabel(severityNumber: number | undefined, severityText: string | undefined): string {
  const level = levelOfSeverity(severityNumber);
  if (level !== undefined) return level;
  if (typeof severityText === 'string' && severityText !== '') return escapeText(severityText.slice(0, 8).toUpperCase());
  return 'LOG';
}
