import type { TraceSummary } from './trace-summary.js';

/** The trace list's filters; an empty or absent field matches everything. */
export interface TraceFilter {
  readonly service?: string;
  readonly model?: string;
  readonly tool?: string;
  /** Minimum log severity number present in the trace (e.g. 17: has an ERROR log), or `error` for failed traces. */
  readonly severity?: string;
  /** Case-insensitive text searched in span names, attribute keys and values, and log bodies. */
  readonly text?: string;
}

/** True when the summary passes the filters other than free text (which needs the trace's text). */
export function matchesFacets(summary: TraceSummary, filter: TraceFilter): boolean {
  if (filter.service && !summary.services.includes(filter.service)) return false;
  if (filter.model && !summary.models.includes(filter.model)) return false;
  if (filter.tool && !summary.tools.includes(filter.tool)) return false;
  if (filter.severity) {
    if (filter.severity === 'error') return summary.error;
    const minimum = Number(filter.severity);
    if (Number.isFinite(minimum) && summary.maxSeverity < minimum) return false;
  }
  return true;
}
