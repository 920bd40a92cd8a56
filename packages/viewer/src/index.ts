/**
 * `@sightline/viewer`: a local OTLP/HTTP receiver and a web page over what it receives (or over OTLP JSON
 * Lines files), the engine of `npx sightline dev` and `npx sightline view`.
 */
export { DEFAULT_HOST, DEFAULT_OTLP_PORT, DEFAULT_PAGE_PORT, startViewer, viewFiles } from './viewer.js';
export type { RunningViewer } from './viewer.js';
export type { ViewerOptions } from './types.js';
export { DEFAULT_MAX_LOGS, DEFAULT_MAX_SPANS, TelemetryStore } from './store/telemetry-store.js';
export type { StoreCounts, TraceDetail } from './store/telemetry-store.js';
export type { TraceSummary } from './store/trace-summary.js';
export type { TraceFilter } from './store/trace-filter.js';
export type { ReadReport } from './files/read-files.js';
export { readOtlpFiles } from './files/read-files.js';
export { toJsonLine } from './files/json-line.js';
export type { Signal, ViewerLog, ViewerMetricPoint, ViewerSpan } from './otlp/types.js';
