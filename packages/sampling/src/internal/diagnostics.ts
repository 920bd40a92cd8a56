import { diag } from '@opentelemetry/api';

/** Longest echo of a bad value in a diagnostic line. */
const MAX_SHOWN_CHARS = 80;

/** A value as it appears in a diagnostic line: JSON where possible, cut to a readable length. */
function show(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'number' || value === undefined ? String(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = `<${typeof value}>`;
  }
  return text.length <= MAX_SHOWN_CHARS ? text : `${text.slice(0, MAX_SHOWN_CHARS)}… (${text.length} chars)`;
}

/**
 * Reports one invalid setting in one `diag.warn` line, in the project's format:
 * `sightline: sampling <setting>=<value> is not valid (<detail>): expected <accepted>; using <used>`.
 */
export function warnInvalid(setting: string, value: unknown, accepted: string, using: string, detail?: string): void {
  const why = detail ? ` (${detail})` : '';
  diag.warn(`sightline: sampling ${setting}=${show(value)} is not valid${why}: expected ${accepted}; using ${using}`);
}
