/**
 * Sightline's OTLP/JSON encoding of files: the OTLP file exporter and the spool write requests with it (one
 * per line). It follows the OTLP/JSON mapping exactly (hex ids, 64-bit integers as decimal strings, enums as
 * numbers, lowerCamelCase keys, "NaN" / "Infinity" as strings). The OTLP/HTTP `http/json` protocol does not
 * use it: it sends upstream's `Json*Serializer` bytes (otlp-transformer 0.301), which write int64 values
 * (`intValue`, `asInt`, counts) as JSON numbers (exact only up to 2^53) and NaN / Infinity as `null` — fine
 * on the wire, where this encoding measured no faster, but lossy in a file that is read back.
 */
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import type { ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { logsRequest } from './logs.js';
import { metricsRequest } from './metrics.js';
import { traceRequest } from './traces.js';

/** The OTLP/JSON signals, named as the file exporter and the spool name them. */
export type OtlpJsonSignal = 'logs' | 'traces' | 'metrics';

/** One `ExportLogsServiceRequest` as an OTLP/JSON text (no newline). */
export function encodeLogsJson(records: readonly ReadableLogRecord[]): string {
  return JSON.stringify(logsRequest(records));
}

/** One `ExportTraceServiceRequest` as an OTLP/JSON text (no newline). */
export function encodeTraceJson(spans: readonly ReadableSpan[]): string {
  return JSON.stringify(traceRequest(spans));
}

/** One `ExportMetricsServiceRequest` as an OTLP/JSON text (no newline). */
export function encodeMetricsJson(metrics: ResourceMetrics): string {
  return JSON.stringify(metricsRequest(metrics));
}
