import { inspect } from 'node:util';

/**
 * Problem lines: one line per bad setting, naming it, its value (cut to a readable length), what is
 * accepted, and the value used instead.
 */

/** Longest echo of a bad value in a problem line; a longer value is cut and its length given. */
const MAX_SHOWN_CHARS = 80;

/** Longest explanation in a problem line. */
const MAX_DETAIL_CHARS = 300;

/** Most items of a list spelled out in one problem line. */
export const MAX_LISTED_ITEMS = 5;

/** `"a", "b", "c", "d", "e" and 7 more`: a list of bad items, bounded. */
export function showList(items: readonly unknown[]): string {
  const shown = items.slice(0, MAX_LISTED_ITEMS).map(show).join(', ');
  const more = items.length - MAX_LISTED_ITEMS;
  return more > 0 ? `${shown} and ${more} more` : shown;
}

/** A value as it appears in a problem line: strings JSON-quoted and cut to a readable length. */
export function show(value: unknown): string {
  if (typeof value === 'string') {
    if (value.length <= MAX_SHOWN_CHARS) return JSON.stringify(value);
    return `${JSON.stringify(value.slice(0, MAX_SHOWN_CHARS))}… (${value.length} chars)`;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  try {
    const text = inspect(value, { depth: 0, breakLength: Infinity, maxArrayLength: 5, maxStringLength: MAX_SHOWN_CHARS });
    return text.length <= MAX_SHOWN_CHARS * 2 ? text : `${text.slice(0, MAX_SHOWN_CHARS * 2)}…`;
  } catch {
    return `<${typeof value}>`;
  }
}

/** The problem line for a bad value: `LABEL="value" is not valid (detail): expected …; using …`. */
export function invalidValue(label: string, raw: unknown, accepted: string, using: string, detail?: string): string {
  const shortDetail = detail && detail.length > MAX_DETAIL_CHARS ? `${detail.slice(0, MAX_DETAIL_CHARS)}…` : detail;
  const why = shortDetail ? ` (${shortDetail})` : '';
  return `${label}=${show(raw)} is not valid${why}: expected ${accepted}; using ${using}`;
}

/** Adds a problem line unless the same line is already there (a shared variable is read once per signal). */
export function report(problems: string[], line: string): void {
  if (!problems.includes(line)) problems.push(line);
}
